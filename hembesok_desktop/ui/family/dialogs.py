"""Dialogs of the Family tab, each opened through ``ask`` (tests replace ``ask``)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...store.read.views import FamilyView
from .. import theme
from .widgets import LanguagePicker, date_edit, date_of, language_combo


class FamilyEditDialog(QDialog):
    def __init__(self, family: FamilyView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit family details"))
        self.address = QLineEdit(family.address, self)
        self.address.setAccessibleName(self.tr("Address"))
        self.postal_code = QLineEdit(family.postal_code, self)
        self.postal_code.setAccessibleName(self.tr("Postal code"))
        self.area = QLineEdit(family.area, self)
        self.area.setAccessibleName(self.tr("Area"))
        self.phone = QLineEdit(family.phone, self)
        self.phone.setAccessibleName(self.tr("Phone"))
        self.languages = LanguagePicker(list(family.languages), self)
        self.languages.setAccessibleName(self.tr("Languages spoken in the family"))
        self.interpreter = QCheckBox(self.tr("The family needs an &interpreter"), self)
        self.interpreter.setAccessibleName(self.tr("The family needs an interpreter"))
        self.interpreter.setChecked(family.interpreter_needed)
        self.interpreter_language = language_combo(family.interpreter_language or "ar", self)
        self.interpreter_language.setAccessibleName(self.tr("Interpreter language"))
        self.interpreter_language.setEnabled(family.interpreter_needed)
        self.interpreter.toggled.connect(self.interpreter_language.setEnabled)

        form = QFormLayout()
        form.setVerticalSpacing(theme.SPACING // 2 + 2)
        form.addRow(self.tr("&Address:"), self.address)
        form.addRow(self.tr("&Postal code:"), self.postal_code)
        form.addRow(self.tr("A&rea:"), self.area)
        form.addRow(self.tr("P&hone:"), self.phone)
        form.addRow(self.tr("&Languages:"), self.languages)
        form.addRow("", self.interpreter)
        form.addRow(self.tr("Interpreter lan&guage:"), self.interpreter_language)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        theme.roomy(layout)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def values(self) -> dict[str, object]:
        needed = self.interpreter.isChecked()
        return {
            "address": self.address.text().strip(),
            "postal_code": self.postal_code.text().strip(),
            "area": self.area.text().strip(),
            "phone": self.phone.text().strip(),
            "languages": self.languages.languages(),
            "interpreter_needed": needed,
            "interpreter_language": str(self.interpreter_language.currentData()) if needed else "",
        }

    @classmethod
    def ask(cls, parent: QWidget | None, family: FamilyView) -> dict[str, object] | None:
        """The changed family fields, or None when the nurse cancelled."""
        dialog = cls(family, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.values()


class EndEnrollmentDialog(QDialog):
    def __init__(self, *, start_date: date, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("End enrollment"))
        self._start = start_date
        intro = QLabel(
            self.tr(
                "The family leaves the extended home-visit programme. Planned visits after the "
                "end date are no longer due. Everything recorded stays in the record."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.end_date = date_edit(today, self)
        self.end_date.setAccessibleName(self.tr("End date"))
        self.reason = QPlainTextEdit(self)
        self.reason.setAccessibleName(self.tr("Reason for ending"))
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(self.tr("For example: the family has moved"))
        self.reason.setFixedHeight(self.fontMetrics().height() * 4 + 12)
        self.problem = QLabel(self)
        self.problem.setStyleSheet(theme.badge_style("overdue"))
        self.problem.hide()
        form = QFormLayout()
        form.addRow(self.tr("End &date:"), self.end_date)
        form.addRow(self.tr("&Reason:"), self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        theme.roomy(layout)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(480, self.sizeHint().height())

    def _check(self) -> None:
        if not self.reason.toPlainText().strip():
            self.problem.setText(self.tr("Write the reason for ending the enrollment."))
        elif date_of(self.end_date) < self._start:
            self.problem.setText(self.tr("The end date cannot be before the enrollment started."))
        else:
            self.accept()
            return
        self.problem.show()

    @classmethod
    def ask(
        cls, parent: QWidget | None, *, start_date: date, today: date
    ) -> tuple[date, str] | None:
        dialog = cls(start_date=start_date, today=today, parent=parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return date_of(dialog.end_date), dialog.reason.toPlainText().strip()
