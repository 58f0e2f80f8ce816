"""The Family tab: guardians, children, contact details, languages and enrollment.

A read view, rebuilt from ``store.read.family.family_record`` when the family or one of its
family, guardian, child or enrollment rows changes. "Edit family details" and "End
enrollment" open dialogs (``FamilyEditDialog.ask`` / ``EndEnrollmentDialog.ask``) and write
through the store services on the worker.

People and enrollments are added later from here too: "Add guardian" and "Add child"
(``people.AddGuardianDialog`` / ``AddChildDialog``: the registration form's number checks,
reserve numbers allowed) and, for each child without an active enrollment, "Enroll in the
programme" (``people.EnrollDialog``: start date and inclusion reason; the programme's visits
are planned in the same write). Each child shows its gestational age at birth and vaccination
risk indicators, edited with "Birth and vaccination details" (``child_details``). "Show change
history" reads ``store.history.family_history`` on the worker and shows it
(``history.HistoryDialog``); it logs no access of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.catalogue import Catalogue
from ...store.read.family import FamilyRecordView, family_record
from ...store.read.history import HistoryEntry, family_history
from ...store.read.views import ChildView
from ...store.services import child_health, families
from ...store.unit_of_work import Changed, UnitOfWork
from .. import labels, theme
from ..context import AppContext
from ..errors import message_for
from . import registration_data
from .child_details import ChildDetailsDialog, gestation_text, indicators_text
from .dialogs import EndEnrollmentDialog, FamilyEditDialog
from .history import HistoryDialog
from .people import AddChildDialog, AddGuardianDialog, EnrollDialog

DETAIL_ENTITIES = frozenset({"family", "guardian", "child", "enrollment"})


def format_identity(kind: str, number: str) -> str:
    if not number:
        return labels.identity_kind("none")
    if kind in ("personnummer", "samordningsnummer") and len(number) == 12 and number.isdigit():
        return f"{number[:8]}-{number[8:]}"
    return number


def programme_title(catalogue: Catalogue, programme_id: str, language: str) -> str:
    """The programme's title in the UI language; its id for a programme the catalogue lacks."""
    programmes = catalogue.programmes
    if programme_id not in programmes:
        return programme_id
    return programmes[programme_id].title.text("en" if language == "en" else "sv")


class FamilyDetailsTab(QWidget):
    """Implements ``FamilyTab``."""

    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._family_id: str | None = None
        self._generation = 0
        self.record: FamilyRecordView | None = None

        self.edit_button = QPushButton(self.tr("&Edit family details…"), self)
        self.edit_button.setAccessibleName(self.tr("Edit family details"))
        self.edit_button.clicked.connect(self.edit_family)
        self.edit_button.setEnabled(False)
        self.add_guardian_button = QPushButton(self.tr("Add &guardian…"), self)
        self.add_guardian_button.setAccessibleName(self.tr("Add guardian"))
        self.add_guardian_button.clicked.connect(self.add_guardian)
        self.add_child_button = QPushButton(self.tr("Add c&hild…"), self)
        self.add_child_button.setAccessibleName(self.tr("Add child"))
        self.add_child_button.clicked.connect(self.add_child)
        self.history_button = QPushButton(self.tr("Show change &history…"), self)
        self.history_button.setAccessibleName(self.tr("Show change history"))
        self.history_button.clicked.connect(self.show_history)
        #: buttons that act on the loaded record
        self._record_buttons = (
            self.edit_button,
            self.add_guardian_button,
            self.add_child_button,
            self.history_button,
        )
        #: "Enroll in the programme" buttons of the children shown, by child id
        self.enroll_buttons: dict[str, QPushButton] = {}
        #: "Birth and vaccination details" buttons of the children shown, by child id
        self.child_detail_buttons: dict[str, QPushButton] = {}
        buttons = QHBoxLayout()
        for button in self._record_buttons:
            button.setEnabled(False)
            buttons.addWidget(button)
        buttons.addStretch(1)

        self._content = QWidget(self)
        self._content_layout = QVBoxLayout(self._content)
        theme.roomy(self._content_layout, margin=0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self._content)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, theme.SPACING, 0, 0)
        layout.setSpacing(theme.SPACING)
        layout.addLayout(buttons)
        layout.addWidget(scroll, 1)

    # -- FamilyTab --------------------------------------------------------------------------
    def show_family(self, family_id: str | None) -> None:
        self._family_id = family_id
        self.record = None
        self._generation += 1
        self._rebuild()
        if family_id is not None:
            self._load()

    def refresh(self, changed: Changed) -> None:
        if self._family_id in changed.family_ids and changed.entities & DETAIL_ENTITIES:
            self._load()

    def _load(self) -> None:
        family_id = self._family_id
        if family_id is None:
            return
        self._generation += 1
        generation = self._generation

        def done(record: FamilyRecordView) -> None:
            if generation == self._generation:
                self.record = record
                self._rebuild()
                self.loaded.emit()

        self._ctx.read(
            lambda session: family_record(session, family_id), on_done=done, name="family-details"
        )

    # -- view -------------------------------------------------------------------------------
    def _clear(self) -> None:
        while self._content_layout.count():
            item = self._content_layout.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]

    def _group(self, title: str) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(title, self._content)
        form = QFormLayout(box)
        form.setHorizontalSpacing(theme.SPACING * 2)
        form.setVerticalSpacing(theme.SPACING // 2)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self._content_layout.addWidget(box)
        return box, form

    def _value(self, text: str, parent: QWidget) -> QLabel:
        label = QLabel(text or "—", parent)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _rebuild(self) -> None:
        self._clear()
        self.enroll_buttons = {}
        self.child_detail_buttons = {}
        record = self.record
        for button in self._record_buttons:
            button.setEnabled(record is not None)
        if record is None:
            return
        family = record.family
        no = self.tr("No")
        yes = self.tr("Yes")

        box, form = self._group(self.tr("Guardians"))
        for guardian in record.guardians:
            name = QLabel(f"{guardian.given_name} {guardian.family_name}", box)
            name.setFont(theme.scaled_font(self, 1.0, bold=True))
            form.addRow(name)
            form.addRow(
                labels.identity_kind(guardian.identity_kind) + ":",
                self._value(format_identity(guardian.identity_kind, guardian.identity_number), box),
            )
            form.addRow(self.tr("Role:"), self._value(labels.guardian_role(guardian.role), box))
            form.addRow(self.tr("Language:"), self._value(labels.language(guardian.language), box))
            notes = []
            if guardian.birthing_parent:
                notes.append(self.tr("Gave birth to the child"))
            if guardian.first_child_in_sweden:
                notes.append(self.tr("First child in Sweden"))
            if notes:
                form.addRow(self.tr("Good to know:"), self._value(", ".join(notes), box))
        if not record.guardians:
            form.addRow(self._value(self.tr("No guardian registered."), box))

        box, form = self._group(self.tr("Children"))
        sexes = labels.sexes()
        for child in record.children:
            name = QLabel(f"{child.given_name} {child.family_name}", box)
            name.setFont(theme.scaled_font(self, 1.0, bold=True))
            form.addRow(name)
            form.addRow(
                labels.identity_kind(child.identity_kind) + ":",
                self._value(format_identity(child.identity_kind, child.identity_number), box),
            )
            form.addRow(self.tr("Born:"), self._value(labels.format_date(child.birth_date), box))
            form.addRow(self.tr("Sex:"), self._value(sexes.get(child.sex, child.sex), box))
            form.addRow(
                self.tr("Gestational age at birth:"),
                self._value(gestation_text(child.gestational_age_days), box),
            )
            form.addRow(
                self.tr("Vaccination risk indicators:"), self._value(indicators_text(child), box)
            )
            edit = QPushButton(
                self.tr("Birth and vaccination details for %1…").replace("%1", child.given_name),
                box,
            )
            edit.setAccessibleName(
                self.tr("Birth and vaccination details for %1").replace("%1", child.given_name)
            )
            edit.clicked.connect(self._child_details_handler(child.id))
            self.child_detail_buttons[child.id] = edit
            form.addRow("", edit)

        box, form = self._group(self.tr("Contact details"))
        form.addRow(self.tr("Address:"), self._value(family.address, box))
        form.addRow(self.tr("Postal code:"), self._value(family.postal_code, box))
        form.addRow(self.tr("Area:"), self._value(family.area, box))
        form.addRow(self.tr("Phone:"), self._value(family.phone, box))

        box, form = self._group(self.tr("Languages and interpreter"))
        form.addRow(self.tr("Languages:"), self._value(labels.language_list(family.languages), box))
        if family.interpreter_needed:
            needed = yes
            if family.interpreter_language:
                needed = self.tr("Yes, %1").replace(
                    "%1", labels.language(family.interpreter_language)
                )
        else:
            needed = no
        form.addRow(self.tr("Interpreter needed:"), self._value(needed, box))

        box, form = self._group(self.tr("Extended home-visit programme"))
        children = {child.id: child for child in record.children}
        for enrollment in record.enrollments:
            enrolled = children.get(enrollment.child_id)
            title = programme_title(
                self._ctx.catalogue, enrollment.programme_id, self._ctx.language
            )
            if enrolled is not None:
                title = f"{title} – {enrolled.given_name}"
            heading = QLabel(title, box)
            heading.setFont(theme.scaled_font(self, 1.0, bold=True))
            form.addRow(heading)
            form.addRow(
                self.tr("Started:"), self._value(labels.format_date(enrollment.start_date), box)
            )
            form.addRow(
                self.tr("Reason for inclusion:"),
                self._value(labels.inclusion_reason(enrollment.inclusion_reason), box),
            )
            status = labels.enrollment_status(enrollment.status)
            if enrollment.status == "ended":
                status = (
                    self.tr("Ended %1: %2")
                    .replace("%1", labels.format_date(enrollment.end_date))
                    .replace("%2", enrollment.end_reason)
                )
            form.addRow(self.tr("Status:"), self._value(status, box))
            if enrollment.status == "active":
                end = QPushButton(self.tr("End enrollment…"), box)
                end.setAccessibleName(self.tr("End enrollment"))
                end.clicked.connect(self._end_enrollment_handler(enrollment.id))
                form.addRow("", end)
        if not record.enrollments:
            form.addRow(self._value(self.tr("Not enrolled."), box))
        enrolled_now = {e.child_id for e in record.enrollments if e.status == "active"}
        for child in record.children:
            if child.id in enrolled_now:
                continue
            enroll = QPushButton(
                self.tr("Enroll %1 in the programme…").replace("%1", child.given_name), box
            )
            enroll.setAccessibleName(
                self.tr("Enroll %1 in the programme").replace("%1", child.given_name)
            )
            enroll.clicked.connect(self._enroll_handler(child.id))
            self.enroll_buttons[child.id] = enroll
            form.addRow("", enroll)
        self._content_layout.addStretch(1)

    # -- actions ----------------------------------------------------------------------------
    def edit_family(self) -> None:
        if self.record is None:
            return
        family_id = self.record.family.id
        values = FamilyEditDialog.ask(self, self.record.family)
        if values is None:
            return
        self._write(lambda uow: families.update_family(uow, family_id, **values))

    def _end_enrollment_handler(self, enrollment_id: str) -> Callable[[], None]:
        def handler() -> None:
            if self.record is None:
                return
            enrollment = next(e for e in self.record.enrollments if e.id == enrollment_id)
            answer = EndEnrollmentDialog.ask(
                self, start_date=enrollment.start_date, today=self._ctx.today()
            )
            if answer is None:
                return
            end_date, reason = answer
            self._write(
                lambda uow: families.end_enrollment(
                    uow, enrollment_id, end_date=end_date, reason=reason
                )
            )

        return handler

    def _family_name(self) -> str:
        record = self.record
        if record is None:
            return ""
        people: list[Any] = [*record.guardians, *record.children]
        return people[0].family_name if people else ""

    def add_guardian(self) -> None:
        if self.record is None:
            return
        family_id = self.record.family.id
        person = AddGuardianDialog.ask(self, family_name=self._family_name())
        if person is None:
            return
        self._write(lambda uow: registration_data.add_guardian(uow, family_id, person))

    def add_child(self) -> None:
        if self.record is None:
            return
        family_id = self.record.family.id
        child = AddChildDialog.ask(self, today=self._ctx.today(), family_name=self._family_name())
        if child is None:
            return
        self._write(lambda uow: registration_data.add_child(uow, family_id, child))

    def enroll_child(self, child_id: str) -> None:
        if self.record is None:
            return
        family_id = self.record.family.id
        child: ChildView | None = next((c for c in self.record.children if c.id == child_id), None)
        if child is None:
            return
        today, catalogue = self._ctx.today(), self._ctx.catalogue
        answer = EnrollDialog.ask(
            self, child_name=child.given_name, birth_date=child.birth_date, today=today
        )
        if answer is None:
            return
        self._write(
            lambda uow: registration_data.enroll_child(
                uow,
                family_id=family_id,
                child_id=child_id,
                start_date=answer.start_date,
                inclusion_reason=answer.inclusion_reason,
                today=today,
                catalogue=catalogue,
            )
        )

    def edit_child_details(self, child_id: str) -> None:
        """Gestational age at birth and the vaccination risk indicators of a child."""
        if self.record is None:
            return
        child = next((c for c in self.record.children if c.id == child_id), None)
        if child is None:
            return
        answer = ChildDetailsDialog.ask(self, child)
        if answer is None:
            return
        self._write(
            lambda uow: child_health.set_child_details(
                uow,
                child_id,
                gestational_age_days=answer.gestational_age_days,
                clear_gestational_age=answer.gestational_age_days is None,
                indicators=answer.indicators,
            )
        )

    def _child_details_handler(self, child_id: str) -> Callable[[], None]:
        return lambda: self.edit_child_details(child_id)

    def _enroll_handler(self, child_id: str) -> Callable[[], None]:
        return lambda: self.enroll_child(child_id)

    def show_history(self) -> None:
        family_id = self._family_id
        if family_id is None:
            return

        def done(entries: list[HistoryEntry]) -> None:
            if self._family_id == family_id:
                HistoryDialog.ask(self, entries)

        self._ctx.read(
            lambda session: family_history(session, family_id),
            on_done=done,
            on_error=self._show_read_error,
            name="family-history",
        )

    def _show_read_error(self, error: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Could not read the history"), message_for(error))

    def _write(self, change: Callable[[UnitOfWork], object]) -> None:
        self._ctx.write(change, on_error=self._show_error, name="family-details-write")

    def _show_error(self, error: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Not saved"), message_for(error))
