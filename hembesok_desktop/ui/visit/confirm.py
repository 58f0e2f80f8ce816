"""The confirmation step before signing implausible measurements: it names each value and how
far it lies from the WHO median, and signs only when the nurse says the values are right."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


class ImplausibleDialog(QDialog):
    """Lists the implausible values; "Sign with these values" or "Go back and correct"."""

    def __init__(self, lines: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Check the measurements"))
        layout = QVBoxLayout(self)
        listed = "".join(f"<li>{escape(line)}</li>" for line in lines)
        question = self.tr("Is this right? A wrong value would be signed into the record.")
        self.text = QLabel(f"<ul>{listed}</ul><p><b>{escape(question)}</b></p>")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        self.buttons = QDialogButtonBox()
        self.sign_button = self.buttons.addButton(
            self.tr("&Sign with these values"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.back_button = self.buttons.addButton(
            self.tr("&Go back and correct"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.back_button.setDefault(True)  # Enter never signs a wrong value by accident
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, lines: Sequence[str]) -> bool:
        """True when the nurse confirms the values (tests replace this)."""
        dialog = cls(lines, parent)
        return dialog.exec() == QDialog.DialogCode.Accepted
