"""Small dialogs of the journal tab; each has an ``ask()`` classmethod that tests replace."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class VoidDialog(QDialog):
    """Asks why an entry is voided; OK only with a reason."""

    def __init__(self, summary: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Void journal entry"))
        layout = QVBoxLayout(self)
        explain = QLabel(
            self.tr(
                "The entry stays readable, struck through, with your name, the time and the "
                "reason. Why is it voided?"
            )
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        quoted = QLabel(summary)
        quoted.setWordWrap(True)
        quoted.setStyleSheet("font-style: italic;")
        layout.addWidget(quoted)
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName(self.tr("Reason for voiding"))
        self.reason.setTabChangesFocus(True)
        layout.addWidget(self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Void entry"))
        ok.setEnabled(False)
        self.reason.textChanged.connect(
            lambda: ok.setEnabled(bool(self.reason.toPlainText().strip()))
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, summary: str) -> str | None:
        dialog = cls(summary, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.reason.toPlainText().strip() or None
