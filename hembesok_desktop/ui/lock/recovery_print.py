"""Printing the recovery key (to a printer or a PDF file), never saving it anywhere else."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

translate = QCoreApplication.translate


def recovery_document(recovery_key: str, *, today: date | None = None) -> QTextDocument:
    day = (today or date.today()).isoformat()
    title = translate("RecoveryPrint", "Hembesök – recovery key")
    body = translate(
        "RecoveryPrint",
        "This key opens your Hembesök records if you forget your passphrase. Keep this paper "
        "locked away, apart from the computer. Anyone who has both the computer and this key "
        "can read the records.",
    )
    created = translate("RecoveryPrint", "Created %1").replace("%1", day)
    document = QTextDocument()
    document.setHtml(
        f"<h1>{html.escape(title)}</h1><p>{html.escape(body)}</p>"
        f"<p style='font-family: monospace; font-size: 18pt'>{html.escape(recovery_key)}</p>"
        f"<p>{html.escape(created)}</p>"
    )
    return document


def print_to(printer: QPrinter, recovery_key: str) -> None:
    recovery_document(recovery_key).print_(printer)


def print_recovery_key(parent: QWidget | None, recovery_key: str) -> bool:
    """Ask for a printer (or "print to PDF") and print; True if printed."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(translate("RecoveryPrint", "Print the recovery key"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    print_to(printer, recovery_key)
    return True
