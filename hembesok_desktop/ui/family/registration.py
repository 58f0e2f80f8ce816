"""The "New family" dialog: registration from the birth notification (Ctrl+N).

Guardians (one or two), the child, the home and its languages, and enrollment in the extended
home-visit programme with the reason for inclusion. Identity numbers are checked as the nurse
types (the same rules as the store services); a person without a Swedish number gets a reserve
number (tick "Reserve number") or none. ``RegistrationDialog.ask`` returns a ``Registration``
(or None); ``registration_data.register_family`` writes it and plans the programme's visits.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain import record_labels
from .. import labels, theme
from ..errors import identity_message
from .registration_data import (
    ChildInput,
    PersonInput,
    Registration,
    birth_date_from_number,
    birth_date_notice,
    identity_problem,
    is_coordination_number,
)
from .widgets import LanguagePicker, choice_combo, date_edit, date_of, language_combo


class _NumberField(QWidget):
    """A personal identity number with its "reserve number" box and a live check."""

    def __init__(self, owner: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("YYYYMMDD-NNNN"))
        self.edit.setAccessibleName(self.tr("Personal identity number of %1").replace("%1", owner))
        self.reserve = QCheckBox(self.tr("Reserve number"), self)
        self.reserve.setAccessibleName(self.tr("Reserve number for %1").replace("%1", owner))
        self.reserve.setToolTip(
            self.tr("Tick when the person has no Swedish personal identity number yet.")
        )
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.hide()
        # a coordination number's identity level (styrkt, sannolik, osäker), shown only for one
        self.level = QComboBox(self)
        self.level.setAccessibleName(self.tr("Identity level of %1").replace("%1", owner))
        self.level.addItem(self.tr("Identity level not recorded"), "")
        for code, words in record_labels.choices("identity_level"):
            self.level.addItem(words, code)
        self.level.hide()
        row = QVBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.edit)
        row.addWidget(self.reserve)
        row.addWidget(self.level)
        row.addWidget(self.hint)
        self.edit.textChanged.connect(self.check)
        self.reserve.toggled.connect(self.check)

    def identity_level(self) -> str:
        """The chosen identity level's code, "" unless the number is a coordination number."""
        if not is_coordination_number(self.edit.text(), reserve=self.reserve.isChecked()):
            return ""
        return str(self.level.currentData() or "")

    def problem(self) -> str | None:
        reserve = self.reserve.isChecked()
        error = identity_problem(self.edit.text(), reserve=reserve)
        return identity_message(error, reserve=reserve) if error is not None else None

    def check(self) -> None:
        problem = self.problem()
        complete = len("".join(ch for ch in self.edit.text() if ch.isdigit())) >= 10
        show = problem is not None and (complete or self.reserve.isChecked())
        self.hint.setText(problem or "")
        self.hint.setStyleSheet(theme.badge_style("overdue") if show else "")
        self.hint.setVisible(show)
        coordination = is_coordination_number(self.edit.text(), reserve=self.reserve.isChecked())
        self.level.setVisible(coordination)


class _BirthDateNote(QLabel):
    """A warning under the date of birth: it differs from the number, or the number gives none.

    Never stops saving: Skatteverket may give a nearby day when a day's serial numbers run out,
    and a coordination number may carry month 00 or day 60 (DOMAIN.md).
    """

    def __init__(self, number: _NumberField, birth_date: QDateEdit, parent: QWidget) -> None:
        super().__init__(parent)
        self._number = number
        self._birth_date = birth_date
        self.setWordWrap(True)
        self.setStyleSheet(theme.badge_style("due"))
        self.hide()
        number.edit.textChanged.connect(self.refresh)
        number.reserve.toggled.connect(self.refresh)
        birth_date.dateChanged.connect(self.refresh)

    def text_for_now(self) -> str | None:
        given = self._birth_date.date() != self._birth_date.minimumDate()
        notice = birth_date_notice(
            self._number.edit.text(),
            reserve=self._number.reserve.isChecked(),
            born=date_of(self._birth_date) if given else None,
        )
        if notice == "differs":
            return self.tr(
                "The date of birth differs from the date in the personal number. It is saved "
                "as given: Skatteverket may give a nearby day when a day's numbers run out."
            )
        if notice == "not_in_number":
            return self.tr(
                "The coordination number does not give the full date of birth: give it here."
            )
        return None

    def refresh(self) -> None:
        text = self.text_for_now()
        self.setText(text or "")
        self.setVisible(text is not None)


class _GuardianBox(QGroupBox):
    def __init__(self, title: str, parent: QWidget) -> None:
        super().__init__(title, parent)
        self.given_name = QLineEdit(self)
        self.given_name.setAccessibleName(self.tr("Given name of %1").replace("%1", title))
        self.family_name = QLineEdit(self)
        self.family_name.setAccessibleName(self.tr("Family name of %1").replace("%1", title))
        self.number = _NumberField(title, self)
        self.role = choice_combo(labels.guardian_roles(), "mother", self)
        self.role.setAccessibleName(self.tr("Role of %1").replace("%1", title))
        self.language = language_combo("sv", self)
        self.language.setAccessibleName(self.tr("Language of %1").replace("%1", title))
        self.first_child_in_sweden = QCheckBox(self.tr("First child in Sweden"), self)
        self.first_child_in_sweden.setAccessibleName(
            self.tr("First child in Sweden for %1").replace("%1", title)
        )
        self.birthing_parent = QCheckBox(self.tr("Gave birth to the child"), self)
        self.birthing_parent.setAccessibleName(
            self.tr("%1 gave birth to the child").replace("%1", title)
        )
        form = QFormLayout(self)
        form.setVerticalSpacing(theme.SPACING // 2)
        form.addRow(self.tr("Given name:"), self.given_name)
        form.addRow(self.tr("Family name:"), self.family_name)
        form.addRow(self.tr("Personal number:"), self.number)
        form.addRow(self.tr("Role:"), self.role)
        form.addRow(self.tr("Language:"), self.language)
        form.addRow("", self.first_child_in_sweden)
        form.addRow("", self.birthing_parent)

    def value(self) -> PersonInput:
        return PersonInput(
            given_name=self.given_name.text().strip(),
            family_name=self.family_name.text().strip(),
            identity_number=self.number.edit.text().strip(),
            reserve=self.number.reserve.isChecked(),
            identity_level=self.number.identity_level(),
            role=str(self.role.currentData()),
            language=str(self.language.currentData()),
            first_child_in_sweden=self.first_child_in_sweden.isChecked(),
            birthing_parent=self.birthing_parent.isChecked(),
        )


class RegistrationDialog(QDialog):
    def __init__(self, *, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.setWindowTitle(self.tr("New family"))
        intro = QLabel(
            self.tr("Register the family from the birth notification. Fields marked * are needed."),
            self,
        )
        intro.setWordWrap(True)

        self.guardian1 = _GuardianBox(self.tr("Guardian 1 *"), self)
        self.guardian1.birthing_parent.setChecked(True)
        self.second_guardian = QCheckBox(self.tr("Add a &second guardian"), self)
        self.second_guardian.setAccessibleName(self.tr("Add a second guardian"))
        self.guardian2 = _GuardianBox(self.tr("Guardian 2"), self)
        self.guardian2.role.setCurrentIndex(max(self.guardian2.role.findData("father"), 0))
        self.guardian2.setVisible(False)
        self.second_guardian.toggled.connect(self.guardian2.setVisible)

        child_box = QGroupBox(self.tr("Child *"), self)
        self.child_given = QLineEdit(child_box)
        self.child_given.setAccessibleName(self.tr("Child's given name"))
        self.child_family = QLineEdit(child_box)
        self.child_family.setAccessibleName(self.tr("Child's family name"))
        self.child_number = _NumberField(self.tr("the child"), child_box)
        self.birth_date = date_edit(today, child_box)
        self.birth_date.setAccessibleName(self.tr("Child's date of birth"))
        self.birth_date.setMaximumDate(self.birth_date.date())
        # no date until the nurse gives one (or a personal number does): the lowest date
        # shows as "Choose a date"
        self.birth_date.setMinimumDate(QDate(today.year - 7, 1, 1))
        self.birth_date.setSpecialValueText(self.tr("Choose a date"))
        self.birth_date.setDate(self.birth_date.minimumDate())
        self.sex = choice_combo(labels.sexes(), "", child_box)
        self.sex.setAccessibleName(self.tr("Child's sex"))
        self.child_number.edit.textChanged.connect(self._birth_date_from_number)
        self.guardian1.family_name.textChanged.connect(self._suggest_family_name)
        child_form = QFormLayout(child_box)
        child_form.setVerticalSpacing(theme.SPACING // 2)
        child_form.addRow(self.tr("Given name:"), self.child_given)
        child_form.addRow(self.tr("Family name:"), self.child_family)
        child_form.addRow(self.tr("Personal number:"), self.child_number)
        child_form.addRow(self.tr("Date of birth:"), self.birth_date)
        self.birth_note = _BirthDateNote(self.child_number, self.birth_date, child_box)
        child_form.addRow("", self.birth_note)
        child_form.addRow(self.tr("Sex:"), self.sex)

        home_box = QGroupBox(self.tr("Home"), self)
        self.address = QLineEdit(home_box)
        self.address.setAccessibleName(self.tr("Address"))
        self.postal_code = QLineEdit(home_box)
        self.postal_code.setAccessibleName(self.tr("Postal code"))
        self.area = QLineEdit(home_box)
        self.area.setAccessibleName(self.tr("Area"))
        self.phone = QLineEdit(home_box)
        self.phone.setAccessibleName(self.tr("Phone"))
        self.languages = LanguagePicker(["sv"], home_box)
        self.languages.setAccessibleName(self.tr("Languages spoken in the family"))
        self.interpreter = QCheckBox(self.tr("The family needs an interpreter"), home_box)
        self.interpreter.setAccessibleName(self.tr("The family needs an interpreter"))
        self.interpreter_language = language_combo("ar", home_box)
        self.interpreter_language.setAccessibleName(self.tr("Interpreter language"))
        self.interpreter_language.setEnabled(False)
        self.interpreter.toggled.connect(self.interpreter_language.setEnabled)
        home_form = QFormLayout(home_box)
        home_form.setVerticalSpacing(theme.SPACING // 2)
        home_form.addRow(self.tr("Address:"), self.address)
        home_form.addRow(self.tr("Postal code:"), self.postal_code)
        home_form.addRow(self.tr("Area:"), self.area)
        home_form.addRow(self.tr("Phone:"), self.phone)
        home_form.addRow(self.tr("Languages:"), self.languages)
        home_form.addRow("", self.interpreter)
        home_form.addRow(self.tr("Interpreter language:"), self.interpreter_language)

        enrol_box = QGroupBox(self.tr("Extended home-visit programme"), self)
        self.enroll = QCheckBox(self.tr("Enroll the child in the programme"), enrol_box)
        self.enroll.setAccessibleName(self.tr("Enroll the child in the programme"))
        self.enroll.setChecked(True)
        self.start_date = date_edit(today, enrol_box)
        self.start_date.setAccessibleName(self.tr("Enrollment start date"))
        self.reason: QComboBox = choice_combo(
            labels.inclusion_reasons(), "first_time_parents", enrol_box
        )
        self.reason.setAccessibleName(self.tr("Reason for inclusion"))
        self.enroll.toggled.connect(self.start_date.setEnabled)
        self.enroll.toggled.connect(self.reason.setEnabled)
        enrol_form = QFormLayout(enrol_box)
        enrol_form.setVerticalSpacing(theme.SPACING // 2)
        enrol_form.addRow("", self.enroll)
        enrol_form.addRow(self.tr("Start date:"), self.start_date)
        enrol_form.addRow(self.tr("Reason for inclusion:"), self.reason)
        note = QLabel(
            self.tr("The programme's visits are planned from the child's date of birth."),
            enrol_box,
        )
        note.setWordWrap(True)
        enrol_form.addRow(note)

        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(theme.badge_style("overdue"))
        self.problems.hide()

        content = QWidget(self)
        content_layout = QVBoxLayout(content)
        theme.roomy(content_layout)
        content_layout.addWidget(intro)
        for widget in (
            self.guardian1,
            self.second_guardian,
            self.guardian2,
            child_box,
            home_box,
            enrol_box,
        ):
            content_layout.addWidget(widget)
        content_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        self._scroll_area = scroll

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._check_and_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, theme.MARGIN)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problems)
        buttons_row = QVBoxLayout()
        buttons_row.setContentsMargins(theme.MARGIN, 0, theme.MARGIN, 0)
        buttons_row.addWidget(self.buttons)
        layout.addLayout(buttons_row)
        screen = self.screen() or QGuiApplication.primaryScreen()
        self.resize(640, min(760, screen.availableGeometry().height() - 60))  # fits a laptop
        self._watch_for_fixes()
        self.guardian1.given_name.setFocus()

    def _watch_for_fixes(self) -> None:
        """Once the error summary shows, it follows every edit and goes when all is fixed."""
        for edit in self.findChildren(QLineEdit):
            edit.textChanged.connect(self._recheck)
        for picker in self.findChildren(QDateEdit):
            picker.dateChanged.connect(self._recheck)
        for box in self.findChildren(QCheckBox):
            box.toggled.connect(self._recheck)

    def _recheck(self) -> None:
        if self.problems.isHidden():
            return
        found = self.check()
        self.problems.setText("\n".join(message for message, _widget in found))
        self.problems.setVisible(bool(found))

    def has_input(self) -> bool:
        """Whether the nurse has typed anything (the form is not as it opened)."""
        return any(
            edit.text().strip()
            for edit in self.findChildren(QLineEdit)
            if not isinstance(edit.parent(), (QAbstractSpinBox, QComboBox))
        )

    def reject(self) -> None:
        """Esc or Cancel: a half-filled form is thrown away only after a question."""
        if self.has_input() and not self._confirm_discard():
            return
        super().reject()

    def _confirm_discard(self) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Discard the new family?"), "", parent=self
        )
        box.setText(
            self.tr(
                "What you have written about the new family (names, numbers, address) is not "
                "saved and will be lost."
            )
        )
        discard = box.addButton(self.tr("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Continue &editing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is discard

    def _suggest_family_name(self, text: str) -> None:
        if not self.child_family.isModified():
            self.child_family.setText(text)

    def _birth_date_from_number(self, text: str) -> None:
        if self.child_number.reserve.isChecked():
            return
        born = birth_date_from_number(text)
        if born is not None and born <= self._today:
            self.birth_date.setDate(QDate(born.year, born.month, born.day))

    def registration(self) -> Registration:
        guardians = [self.guardian1.value()]
        if self.second_guardian.isChecked():
            guardians.append(self.guardian2.value())
        child = ChildInput(
            given_name=self.child_given.text().strip(),
            family_name=self.child_family.text().strip(),
            identity_number=self.child_number.edit.text().strip(),
            reserve=self.child_number.reserve.isChecked(),
            identity_level=self.child_number.identity_level(),
            birth_date=date_of(self.birth_date),
            sex=str(self.sex.currentData()),
        )
        needed = self.interpreter.isChecked()
        return Registration(
            guardians=tuple(guardians),
            child=child,
            address=self.address.text().strip(),
            postal_code=self.postal_code.text().strip(),
            area=self.area.text().strip(),
            phone=self.phone.text().strip(),
            languages=tuple(self.languages.languages()),
            interpreter_needed=needed,
            interpreter_language=str(self.interpreter_language.currentData()) if needed else "",
            enroll=self.enroll.isChecked(),
            start_date=date_of(self.start_date),
            inclusion_reason=str(self.reason.currentData()),
        )

    def check(self) -> list[tuple[str, QWidget]]:
        """What stops saving, with the field to go to; empty when the form can be saved."""
        found: list[tuple[str, QWidget]] = []
        boxes = [self.guardian1] + ([self.guardian2] if self.second_guardian.isChecked() else [])
        for box in boxes:
            if not box.given_name.text().strip() or not box.family_name.text().strip():
                found.append(
                    (
                        self.tr("%1: write the given name and the family name.").replace(
                            "%1", box.title().rstrip(" *")
                        ),
                        box.given_name,
                    )
                )
            problem = box.number.problem()
            if problem:
                found.append((f"{box.title().rstrip(' *')}: {problem}", box.number.edit))
        if not self.child_given.text().strip() or not self.child_family.text().strip():
            found.append(
                (self.tr("Child: write the given name and the family name."), self.child_given)
            )
        problem = self.child_number.problem()
        if problem:
            found.append((self.tr("Child: %1").replace("%1", problem), self.child_number.edit))
        born = date_of(self.birth_date)
        # a date of birth that differs from the number's is warned about (birth_note), not
        # refused
        if self.birth_date.date() == self.birth_date.minimumDate():
            found.append((self.tr("Child: give the date of birth."), self.birth_date))
        elif born > self._today:
            found.append((self.tr("The date of birth cannot be in the future."), self.birth_date))
        elif self.enroll.isChecked() and date_of(self.start_date) < born:
            found.append(
                (self.tr("The enrollment cannot start before the child was born."), self.start_date)
            )
        return found

    def _check_and_accept(self) -> None:
        found = self.check()
        if not found:
            self.accept()
            return
        self.problems.setText("\n".join(message for message, _widget in found))
        self.problems.show()
        widget = found[0][1]
        self._scroll_area.ensureWidgetVisible(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    @classmethod
    def ask(cls, parent: QWidget | None, *, today: date) -> Registration | None:
        dialog = cls(today=today, parent=parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.registration()
