"""Dialogs that add to an existing family: a guardian, a child, an enrollment.

Each is opened through ``ask`` (tests replace it) and returns the registration form's data
classes (``PersonInput``, ``ChildInput``) or ``EnrollmentInput``; the Family tab writes them
with ``registration_data.add_guardian`` / ``add_child`` / ``enroll_child``. Identity numbers
are checked as the nurse types with the same widget and rules as the "New family" form (a
reserve number is allowed with its box ticked); the store services check them again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from .. import labels, theme
from .registration import _BirthDateNote, _GuardianBox, _NumberField
from .registration_data import ChildInput, PersonInput, birth_date_from_number
from .widgets import choice_combo, date_edit, date_of


@dataclass(frozen=True)
class EnrollmentInput:
    start_date: date
    inclusion_reason: str


class _CheckedDialog(QDialog):
    """Save / Cancel buttons and a problem line; ``problems()`` stops saving."""

    def _finish(self, body: QWidget | QFormLayout) -> None:
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(theme.badge_style("overdue"))
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._check_and_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        theme.roomy(layout)
        if isinstance(body, QFormLayout):
            layout.addLayout(body)
        else:
            layout.addWidget(body)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())

    def problems(self) -> list[tuple[str, QWidget]]:
        raise NotImplementedError

    def _check_and_accept(self) -> None:
        found = self.problems()
        if not found:
            self.accept()
            return
        self.problem.setText("\n".join(message for message, _widget in found))
        self.problem.show()
        found[0][1].setFocus(Qt.FocusReason.OtherFocusReason)


class AddGuardianDialog(_CheckedDialog):
    def __init__(self, *, family_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add guardian"))
        self.box = _GuardianBox(self.tr("Guardian"), self)
        self.box.family_name.setText(family_name)
        self.box.role.setCurrentIndex(max(self.box.role.findData("parent"), 0))
        self._finish(self.box)
        self.box.given_name.setFocus()

    def problems(self) -> list[tuple[str, QWidget]]:
        found: list[tuple[str, QWidget]] = []
        if not self.box.given_name.text().strip() or not self.box.family_name.text().strip():
            found.append(
                (self.tr("Write the given name and the family name."), self.box.given_name)
            )
        problem = self.box.number.problem()
        if problem:
            found.append((problem, self.box.number.edit))
        return found

    def value(self) -> PersonInput:
        return self.box.value()

    @classmethod
    def ask(cls, parent: QWidget | None, *, family_name: str = "") -> PersonInput | None:
        dialog = cls(family_name=family_name, parent=parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.value()


class AddChildDialog(_CheckedDialog):
    def __init__(
        self, *, today: date, family_name: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._today = today
        self.setWindowTitle(self.tr("Add child"))
        self.given_name = QLineEdit(self)
        self.given_name.setAccessibleName(self.tr("Child's given name"))
        self.family_name = QLineEdit(family_name, self)
        self.family_name.setAccessibleName(self.tr("Child's family name"))
        self.number = _NumberField(self.tr("the child"), self)
        self.birth_date = date_edit(today, self)
        self.birth_date.setAccessibleName(self.tr("Child's date of birth"))
        self.birth_date.setMaximumDate(self.birth_date.date())
        self.birth_date.setMinimumDate(QDate(today.year - 7, 1, 1))
        self.birth_date.setSpecialValueText(self.tr("Choose a date"))
        self.birth_date.setDate(self.birth_date.minimumDate())
        self.sex = choice_combo(labels.sexes(), "", self)
        self.sex.setAccessibleName(self.tr("Child's sex"))
        self.number.edit.textChanged.connect(self._birth_date_from_number)
        form = QFormLayout()
        form.setVerticalSpacing(theme.SPACING // 2)
        form.addRow(self.tr("&Given name:"), self.given_name)
        form.addRow(self.tr("&Family name:"), self.family_name)
        form.addRow(self.tr("Personal number:"), self.number)
        form.addRow(self.tr("Date of &birth:"), self.birth_date)
        self.birth_note = _BirthDateNote(self.number, self.birth_date, self)
        form.addRow("", self.birth_note)
        form.addRow(self.tr("&Sex:"), self.sex)
        self._finish(form)
        self.given_name.setFocus()

    def _birth_date_from_number(self, text: str) -> None:
        if self.number.reserve.isChecked():
            return
        born = birth_date_from_number(text)
        if born is not None and born <= self._today:
            self.birth_date.setDate(QDate(born.year, born.month, born.day))

    def problems(self) -> list[tuple[str, QWidget]]:
        found: list[tuple[str, QWidget]] = []
        if not self.given_name.text().strip() or not self.family_name.text().strip():
            found.append((self.tr("Write the given name and the family name."), self.given_name))
        problem = self.number.problem()
        if problem:
            found.append((problem, self.number.edit))
        born = date_of(self.birth_date)
        # a date of birth that differs from the number's is warned about (birth_note), not
        # refused
        if self.birth_date.date() == self.birth_date.minimumDate():
            found.append((self.tr("Give the date of birth."), self.birth_date))
        elif born > self._today:
            found.append((self.tr("The date of birth cannot be in the future."), self.birth_date))
        return found

    def value(self) -> ChildInput:
        return ChildInput(
            given_name=self.given_name.text().strip(),
            family_name=self.family_name.text().strip(),
            identity_number=self.number.edit.text().strip(),
            reserve=self.number.reserve.isChecked(),
            identity_level=self.number.identity_level(),
            birth_date=date_of(self.birth_date),
            sex=str(self.sex.currentData()),
        )

    @classmethod
    def ask(
        cls, parent: QWidget | None, *, today: date, family_name: str = ""
    ) -> ChildInput | None:
        dialog = cls(today=today, family_name=family_name, parent=parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.value()


class EnrollDialog(_CheckedDialog):
    def __init__(
        self, *, child_name: str, birth_date: date, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._born = birth_date
        self.setWindowTitle(self.tr("Enroll in the programme"))
        intro = QLabel(
            self.tr(
                "%1 is enrolled in the extended home-visit programme. The programme's visits "
                "are planned from the child's date of birth; visits whose time has passed are "
                "not planned."
            ).replace("%1", child_name),
            self,
        )
        intro.setWordWrap(True)
        self.start_date = date_edit(today, self)
        self.start_date.setAccessibleName(self.tr("Enrollment start date"))
        self.reason = choice_combo(labels.inclusion_reasons(), "first_time_parents", self)
        self.reason.setAccessibleName(self.tr("Reason for inclusion"))
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        form = QFormLayout()
        form.addRow(self.tr("&Start date:"), self.start_date)
        form.addRow(self.tr("&Reason for inclusion:"), self.reason)
        layout.addLayout(form)
        self._finish(body)

    def problems(self) -> list[tuple[str, QWidget]]:
        if date_of(self.start_date) < self._born:
            return [
                (self.tr("The enrollment cannot start before the child was born."), self.start_date)
            ]
        return []

    def value(self) -> EnrollmentInput:
        return EnrollmentInput(date_of(self.start_date), str(self.reason.currentData()))

    @classmethod
    def ask(
        cls, parent: QWidget | None, *, child_name: str, birth_date: date, today: date
    ) -> EnrollmentInput | None:
        dialog = cls(child_name=child_name, birth_date=birth_date, today=today, parent=parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.value()
