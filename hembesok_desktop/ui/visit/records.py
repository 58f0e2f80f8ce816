"""The visit form's child-health records: a view over ``flow.records``
(:class:`~..flows.visit_records.VisitRecords`).

One box per section (feeding, vaccinations, language, tobacco smoke, hearing, vision,
referral). Only the sections due for the child (``VisitFlow.relevant_sections``) show; "Show
all records" opens the others. Choices are the stored codes with their Swedish (or English)
words from ``domain.record_labels``. ``changed`` is emitted after every edit.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain import record_labels
from ...domain.programmes import Language
from ..flows.visit import VisitFlow
from ..flows.visit_records import SECTIONS, DoseEntry


def _combo(field: str, language: Language, empty: str, parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.addItem(empty, "")
    for code, words in record_labels.choices(field, language):
        combo.addItem(words, code)
    return combo


def _set(combo: QComboBox, code: str) -> None:
    combo.setCurrentIndex(max(combo.findData(code), 0))


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class HealthRecordsBox(QGroupBox):
    changed = Signal()

    def __init__(self, flow: VisitFlow, language: Language, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Child-health records"), parent)
        self.flow = flow
        self.language = language
        self._loading = True
        self.show_all = QCheckBox(self.tr("Show all records"), self)
        self.show_all.setToolTip(self.tr("Also record what is not due at this age"))
        self.sections: dict[str, QGroupBox] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.show_all)
        self._build_feeding(layout)
        self._build_vaccination(layout)
        self._build_language(layout)
        self._build_tobacco(layout)
        self._build_sensory(layout)
        self._build_referral(layout)
        self.show_all.toggled.connect(lambda *_: self.update_visibility())
        self.load()
        self._loading = False

    # -- building -----------------------------------------------------------------------------
    def _section(self, name: str, title: str, layout: QVBoxLayout) -> QFormLayout:
        box = QGroupBox(title, self)
        self.sections[name] = box
        layout.addWidget(box)
        return QFormLayout(box)

    def _watch(self, *combos: QComboBox) -> None:
        for combo in combos:
            combo.setAccessibleName(combo.accessibleName() or combo.itemText(0))
            combo.currentIndexChanged.connect(lambda *_: self._edited())

    def _build_feeding(self, layout: QVBoxLayout) -> None:
        form = self._section("feeding", self.tr("Feeding"), layout)
        lang = self.language
        self.feeding = _combo("feeding_status", lang, self.tr("Not recorded"), self)
        self.feeding.setAccessibleName(self.tr("Feeding status"))
        self.other_food = QCheckBox(self.tr("Other food first given on:"), self)
        self.other_food_date = QDateEdit(self)
        self.other_food_date.setCalendarPopup(True)
        self.other_food_date.setDisplayFormat("yyyy-MM-dd")
        self.other_food_date.setAccessibleName(self.tr("Date other food was first given"))
        form.addRow(self.tr("Breastfeeding:"), self.feeding)
        form.addRow(self.other_food, self.other_food_date)
        self._watch(self.feeding)
        self.other_food.toggled.connect(lambda *_: self._edited())
        self.other_food_date.dateChanged.connect(lambda *_: self._edited())

    def _build_vaccination(self, layout: QVBoxLayout) -> None:
        form = self._section("vaccination", self.tr("Vaccinations given"), layout)
        self.due_doses = QLabel(self)
        self.due_doses.setWordWrap(True)
        self.vaccine = QComboBox(self)
        self.vaccine.setAccessibleName(self.tr("Vaccine"))
        for choice in self.flow.vaccines:
            self.vaccine.addItem(choice.label, choice.id)
        self.dose_number = QSpinBox(self)
        self.dose_number.setRange(1, 10)
        self.dose_number.setAccessibleName(self.tr("Dose number"))
        self.dose_date = QDateEdit(self)
        self.dose_date.setCalendarPopup(True)
        self.dose_date.setDisplayFormat("yyyy-MM-dd")
        self.dose_date.setAccessibleName(self.tr("Date the dose was given"))
        self.given_where = _combo("given_where", self.language, "", self)
        self.given_where.removeItem(0)
        self.given_where.setAccessibleName(self.tr("Where the dose was given"))
        self.batch = QLineEdit(self)
        self.batch.setAccessibleName(self.tr("Batch number"))
        self.batch.setMaxLength(40)
        self.add_dose_button = QPushButton(self.tr("Add dose"), self)
        self.doses = QListWidget(self)
        self.doses.setAccessibleName(self.tr("Doses to record"))
        self.doses.setMaximumHeight(90)
        self.remove_dose_button = QPushButton(self.tr("Remove dose"), self)
        form.addRow(self.due_doses)
        form.addRow(self.tr("Vaccine:"), self.vaccine)
        form.addRow(self.tr("Dose:"), self.dose_number)
        form.addRow(self.tr("Given on:"), self.dose_date)
        form.addRow(self.tr("Where:"), self.given_where)
        form.addRow(self.tr("Batch number:"), self.batch)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_dose_button)
        buttons.addWidget(self.remove_dose_button)
        form.addRow(buttons)
        form.addRow(self.doses)
        self.vaccine.currentIndexChanged.connect(lambda *_: self._prefill_dose())
        self.add_dose_button.clicked.connect(self.add_dose)
        self.remove_dose_button.clicked.connect(self._remove_dose)

    def _build_language(self, layout: QVBoxLayout) -> None:
        form = self._section("language", self.tr("Language"), layout)
        lang = self.language
        self.language_kind = _combo("language_kind", lang, self.tr("Not recorded"), self)
        self.language_kind.setAccessibleName(self.tr("Language screening or observation"))
        self.language_point = QComboBox(self)
        self.language_point.setAccessibleName(self.tr("Age of the language screening"))
        for code in ("30m", "36m"):
            self.language_point.addItem(record_labels.label("age_point", code, lang), code)
        self.language_result = _combo("language_result", lang, self.tr("No result"), self)
        self.language_result.setAccessibleName(self.tr("Language result"))
        self.language_action = _combo("language_action", lang, self.tr("No action"), self)
        self.language_action.setAccessibleName(self.tr("Action on concern"))
        self.language_note = QLineEdit(self)
        self.language_note.setAccessibleName(self.tr("Language note"))
        form.addRow(self.tr("Kind:"), self.language_kind)
        form.addRow(self.tr("Screening at:"), self.language_point)
        form.addRow(self.tr("Result:"), self.language_result)
        form.addRow(self.tr("Action on concern:"), self.language_action)
        form.addRow(self.tr("Note:"), self.language_note)
        self._watch(
            self.language_kind, self.language_point, self.language_result, self.language_action
        )
        self.language_note.textChanged.connect(lambda *_: self._edited())

    def _build_tobacco(self, layout: QVBoxLayout) -> None:
        form = self._section("tobacco", self.tr("Tobacco smoke at home"), layout)
        self.tobacco_point = QComboBox(self)
        self.tobacco_point.setAccessibleName(self.tr("Age point of the tobacco question"))
        for code in ("4w", "8m", "18m", "4y"):
            self.tobacco_point.addItem(record_labels.label("age_point", code, self.language), code)
        self.tobacco = _combo("tobacco_exposure", self.language, self.tr("Not recorded"), self)
        self.tobacco.setAccessibleName(self.tr("Tobacco smoke at home"))
        form.addRow(self.tr("Age:"), self.tobacco_point)
        form.addRow(self.tr("Answer:"), self.tobacco)
        self._watch(self.tobacco_point, self.tobacco)

    def _build_sensory(self, layout: QVBoxLayout) -> None:
        lang = self.language
        hearing = self._section("hearing", self.tr("Hearing screening"), layout)
        self.hearing = _combo("sensory_result", lang, self.tr("Not recorded"), self)
        self.hearing.setAccessibleName(self.tr("Hearing screening result"))
        hearing.addRow(self.tr("Result:"), self.hearing)
        vision = self._section("vision", self.tr("Vision screening"), layout)
        self.vision = _combo("sensory_result", lang, self.tr("Not recorded"), self)
        self.vision.setAccessibleName(self.tr("Vision screening result"))
        vision.addRow(self.tr("Result:"), self.vision)
        self._watch(self.hearing, self.vision)

    def _build_referral(self, layout: QVBoxLayout) -> None:
        form = self._section("referral", self.tr("Referral"), layout)
        lang = self.language
        self.referral_to = _combo("referral_receiver", lang, self.tr("No referral"), self)
        self.referral_to.setAccessibleName(self.tr("Referred to"))
        self.referral_reason = _combo("referral_reason", lang, self.tr("Choose a reason"), self)
        self.referral_reason.setAccessibleName(self.tr("Reason for the referral"))
        self.referral_note = QLineEdit(self)
        self.referral_note.setAccessibleName(self.tr("Referral note"))
        form.addRow(self.tr("To:"), self.referral_to)
        form.addRow(self.tr("Why:"), self.referral_reason)
        form.addRow(self.tr("Note:"), self.referral_note)
        self._watch(self.referral_to, self.referral_reason)
        self.referral_note.textChanged.connect(lambda *_: self._edited())

    # -- flow <-> widgets ---------------------------------------------------------------------
    def visit_day(self) -> date:
        moment = self.flow.performed_at
        return moment.date() if moment else date.today()

    def load(self) -> None:
        """Fill the widgets from ``flow.records`` and what is due for the child."""
        self._loading = True
        r, plan = self.flow.records, self.flow.plan()
        _set(self.feeding, r.feeding_status)
        self.other_food.setChecked(r.other_food_first_on is not None)
        self.other_food_date.setDate(_qdate(r.other_food_first_on or self.visit_day()))
        self.dose_date.setDate(_qdate(self.visit_day()))
        due = plan.due_doses() if plan else []
        if due:
            first = self.vaccine.findData(due[0].vaccine)
            self.vaccine.setCurrentIndex(max(first, 0))
        self._prefill_dose()
        text = ", ".join(
            f"{d.label} {self.tr('dose')} {d.dose_number} {self._state_word(d.state)}" for d in due
        )
        self.due_doses.setText(self.tr("Due: %1").replace("%1", text) if text else "")
        self._show_doses()
        _set(self.language_kind, r.language_kind)
        _set(self.language_point, r.language_age_point or (plan.language_point if plan else ""))
        _set(self.language_result, r.language_result)
        _set(self.language_action, r.language_action)
        self.language_note.setText(r.language_note)
        _set(self.tobacco_point, r.tobacco_point or (plan.tobacco_point if plan else ""))
        _set(self.tobacco, r.tobacco_exposure)
        _set(self.hearing, r.hearing_result)
        _set(self.vision, r.vision_result)
        _set(self.referral_to, r.referral_to)
        _set(self.referral_reason, r.referral_reason)
        self.referral_note.setText(r.referral_note)
        self._loading = False
        self.update_visibility()

    def _state_word(self, state: str) -> str:
        return {"due": self.tr("(due)"), "overdue": self.tr("(overdue)")}.get(state, "")

    def read(self) -> None:
        """Copy the widgets into ``flow.records`` (the doses list is kept as it is)."""
        r = self.flow.records
        r.feeding_status = str(self.feeding.currentData() or "")
        other = self.other_food.isChecked() and r.feeding_status != "exclusive"
        r.other_food_first_on = self.other_food_date.date().toPython() if other else None  # type: ignore[assignment]
        r.language_kind = str(self.language_kind.currentData() or "")
        r.language_age_point = str(self.language_point.currentData() or "")
        r.language_result = str(self.language_result.currentData() or "")
        r.language_action = str(self.language_action.currentData() or "")
        r.language_note = self.language_note.text()
        r.tobacco_point = str(self.tobacco_point.currentData() or "")
        r.tobacco_exposure = str(self.tobacco.currentData() or "")
        r.hearing_result = str(self.hearing.currentData() or "")
        r.vision_result = str(self.vision.currentData() or "")
        r.referral_to = str(self.referral_to.currentData() or "")
        r.referral_reason = str(self.referral_reason.currentData() or "")
        r.referral_note = self.referral_note.text()
        self.language_point.setEnabled(r.language_kind == "screening")
        self.language_action.setEnabled(r.language_result == "concern")
        self.other_food_date.setEnabled(self.other_food.isChecked())

    def update_visibility(self) -> None:
        shown = set(self.flow.relevant_sections())
        for name in SECTIONS:
            self.sections[name].setVisible(self.show_all.isChecked() or name in shown)

    def _edited(self) -> None:
        if not self._loading:
            self.read()
            self.changed.emit()

    # -- doses --------------------------------------------------------------------------------
    def _prefill_dose(self) -> None:
        vaccine = str(self.vaccine.currentData() or "")
        number, _code = self.flow.records.next_dose(self.flow.plan(), vaccine)
        self.dose_number.setValue(number)

    def add_dose(self) -> None:
        """Add the dose as entered to the doses signed with the visit."""
        vaccine = str(self.vaccine.currentData() or "")
        if not vaccine:
            return
        number = self.dose_number.value()
        plan = self.flow.plan()
        code = next(
            (
                d.code
                for d in (plan.doses if plan else ())
                if d.vaccine == vaccine and d.dose_number == number
            ),
            "",
        )
        given_on = self.dose_date.date().toPython()
        assert isinstance(given_on, date)
        self.flow.records.add_dose(
            DoseEntry(
                vaccine=vaccine,
                dose_number=number,
                given_on=given_on,
                given_where=str(self.given_where.currentData() or "here"),
                batch_number=self.batch.text().strip(),
                schedule_code=code,
            )
        )
        self.batch.clear()
        self._show_doses()
        self.changed.emit()

    def _remove_dose(self) -> None:
        row = self.doses.currentRow()
        if 0 <= row < len(self.flow.records.doses):
            del self.flow.records.doses[row]
            self._show_doses()
            self.changed.emit()

    def _show_doses(self) -> None:
        names = {c.id: c.label for c in self.flow.vaccines}
        self.doses.clear()
        for d in self.flow.records.doses:
            where = record_labels.label("given_where", d.given_where, self.language)
            batch = f" · {d.batch_number}" if d.batch_number else ""
            self.doses.addItem(
                f"{names.get(d.vaccine, d.vaccine)} {d.dose_number} · "
                f"{d.given_on.isoformat()} · {where}{batch}"
            )
