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
    """Asks why an entry (or, with ``title`` and ``ok_text``, another record: a measurement) is
    voided; OK only with a reason."""

    def __init__(
        self,
        summary: str,
        parent: QWidget | None = None,
        *,
        title: str = "",
        explanation: str = "",
        ok_text: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("Void journal entry"))
        layout = QVBoxLayout(self)
        explain = QLabel(
            explanation
            or self.tr(
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
        ok.setText(ok_text or self.tr("Void entry"))
        ok.setEnabled(False)
        self.reason.textChanged.connect(
            lambda: ok.setEnabled(bool(self.reason.toPlainText().strip()))
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, summary: str, **texts: str) -> str | None:
        dialog = cls(summary, parent, **texts)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.reason.toPlainText().strip() or None


class CorrectionDialog(QDialog):
    """A signed correction of a journal entry: the new text, starting from the original's."""

    def __init__(self, original: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Correct journal entry"))
        layout = QVBoxLayout(self)
        explain = QLabel(
            self.tr(
                "The correction is signed with your name and points at the original, which "
                "stays readable. Write the corrected text:"
            )
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.text = QPlainTextEdit(original)
        self.text.setAccessibleName(self.tr("Corrected text"))
        self.text.setTabChangesFocus(True)
        layout.addWidget(self.text)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Sign correction"))
        self.text.textChanged.connect(
            lambda: ok.setEnabled(self.text.toPlainText().strip() not in ("", original.strip()))
        )
        ok.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, original: str) -> str | None:
        dialog = cls(original, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.text.toPlainText().strip() or None
