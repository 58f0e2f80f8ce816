"""Print or export HTML through QTextDocument, and log the access for each family included.

A PDF export is logged as ``export``, paper printing as ``print`` (Patientdatalagen: every
access to a record is logged). The log entries are written only once the document was produced.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QWidget

from ...store.services.access_log import log_access
from ...store.unit_of_work import Changed, UnitOfWork
from ..context import AppContext


class PdfPathDialog:
    @classmethod
    def ask(cls, parent: QWidget | None, suggested: str) -> Path | None:
        path, _filter = QFileDialog.getSaveFileName(
            parent, QCoreApplication.translate("Printouts", "Save as PDF"), suggested, "PDF (*.pdf)"
        )
        return Path(path) if path else None


class PrinterDialog:
    @classmethod
    def ask(cls, parent: QWidget | None, printer: QPrinter) -> bool:
        dialog = QPrintDialog(printer, parent)
        return dialog.exec() == QPrintDialog.DialogCode.Accepted


def document(html: str) -> QTextDocument:
    doc = QTextDocument()
    doc.setHtml(html)
    return doc


def write_pdf(html: str, path: Path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setOutputFileName(str(path))
    document(html).print_(printer)


def log_families(
    context: AppContext,
    family_ids: Sequence[str],
    action: str,
    detail: str,
    on_done: Callable[[Changed], None] | None = None,
) -> None:
    ids = list(dict.fromkeys(family_ids))

    def change(uow: UnitOfWork) -> None:
        for family_id in ids:
            log_access(uow, family_id=family_id, action=action, detail=detail)

    context.write(change, on_done=on_done, name="access-log")


def export_pdf(
    context: AppContext,
    parent: QWidget | None,
    html: str,
    family_ids: Sequence[str],
    *,
    detail: str,
    suggested: str,
    on_done: Callable[[Path], None] | None = None,
) -> Path | None:
    path = PdfPathDialog.ask(parent, suggested)
    if path is None:
        return None
    write_pdf(html, path)
    log_families(
        context, family_ids, "export", detail, (lambda _c: on_done(path)) if on_done else None
    )
    return path


def print_paper(
    context: AppContext,
    parent: QWidget | None,
    html: str,
    family_ids: Sequence[str],
    *,
    detail: str,
    on_done: Callable[[], None] | None = None,
) -> bool:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if not PrinterDialog.ask(parent, printer):
        return False
    document(html).print_(printer)
    log_families(context, family_ids, "print", detail, (lambda _c: on_done()) if on_done else None)
    return True
