"""The visit documentation form: a view over :class:`~..flows.visit.VisitFlow`."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain import record_labels
from ...domain.planning import stockholm_tz
from ...domain.programmes import Language
from ...store.unit_of_work import Changed, UnitOfWork
from ..common.draft_saver import DraftSaver
from ..common.guard import alive
from ..common.store_errors import error_sentence
from ..context import AppContext
from ..flows.visit import CONTACT_KINDS, VisitFlow
from .confirm import ImplausibleDialog
from .messages import confirmation_text, issue_text, kind_name, plan_text, summary_headings
from .records import HealthRecordsBox

UNITS = {"weight": "kg", "length": "cm", "head_circumference": "cm"}


class VisitForm(QWidget):
    signed = Signal(str)  # contact id
    closed = Signal()
    failed = Signal(str)
    validated = Signal()

    def __init__(
        self, context: AppContext, flow: VisitFlow, saver: DraftSaver, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.flow = flow
        flow.summary_headings = summary_headings()
        self.saver = saver
        self._loading = True
        self._build()
        self._load_fields()
        self._loading = False
        self._changed(save=False)
        if context.growth.loaded is None:
            context.runner.run(
                context.growth.load,
                on_done=self._reference_loaded,
                on_error=lambda _error: None,  # an unusable reference file: sane ranges only
                name="growth-load",
            )

    def _reference_loaded(self, _reference: object) -> None:
        if alive(self):
            self._changed(save=False)

    # -- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        flow = self.flow
        title = flow.planned.title if flow.planned else self.tr("Unplanned contact")
        heading = QLabel(f"<h2>{title}</h2>")
        heading.setTextFormat(Qt.TextFormat.RichText)
        self.child = QComboBox()
        self.child.setAccessibleName(self.tr("Child"))
        for child in flow.children:
            self.child.addItem(f"{child.name} ({child.birth_date.isoformat()})", child.id)
        self.when = QDateTimeEdit()
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setAccessibleName(self.tr("Date and time of the visit"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Kind of contact"))
        for kind in CONTACT_KINDS:
            self.kind.addItem(kind_name(kind), kind)
        self.interpreter = QCheckBox(self.tr("Interpreter used"))
        self.interpreter_language = QComboBox()
        self.interpreter_language.setAccessibleName(self.tr("Interpreter's language"))
        self.interpreter_language.addItem(self.tr("Language not recorded"), "")
        for choice in flow.languages:
            self.interpreter_language.addItem(choice.label, choice.id)
        self.interpreter_form = QComboBox()
        self.interpreter_form.setAccessibleName(self.tr("How the interpreter took part"))
        self.interpreter_form.addItem(self.tr("Form not recorded"), "")
        language: Language = "en" if self.context.language == "en" else "sv"
        for code, words in record_labels.choices("interpreter_form", language):
            self.interpreter_form.addItem(words, code)
        interpreter_row = QHBoxLayout()
        interpreter_row.addWidget(self.interpreter)
        interpreter_row.addWidget(self.interpreter_language)
        interpreter_row.addWidget(self.interpreter_form)
        self.records = HealthRecordsBox(flow, language)
        basics = QFormLayout()
        basics.addRow(self.tr("Child:"), self.child)
        basics.addRow(self.tr("Date and time:"), self.when)
        basics.addRow(self.tr("Kind:"), self.kind)
        basics.addRow(self.tr("Interpreter:"), interpreter_row)

        self.participant_boxes = self._checklist(
            [(r.id, r.label) for r in flow.roles], self.tr("Who took part")
        )
        self.theme_boxes = self._checklist(
            [(t.id, t.label) for t in flow.theme_choices()], self.tr("Themes discussed")
        )
        self.measure_edits: dict[str, QLineEdit] = {}
        measures = QGroupBox(self.tr("Measurements"))
        grid = QGridLayout(measures)
        labels = {
            "weight": self.tr("Weight"),
            "length": self.tr("Length"),
            "head_circumference": self.tr("Head circumference"),
        }
        for row, (kind, label) in enumerate(labels.items()):
            edit = QLineEdit()
            edit.setAccessibleName(f"{label} ({UNITS[kind]})")
            edit.setMaximumWidth(110)
            self.measure_edits[kind] = edit
            caption = QLabel(f"{label}:")
            caption.setBuddy(edit)
            grid.addWidget(caption, row, 0)
            grid.addWidget(edit, row, 1)
            grid.addWidget(QLabel(UNITS[kind]), row, 2)
        grid.setColumnStretch(3, 1)

        self.text = QPlainTextEdit()
        self.text.setAccessibleName(self.tr("Journal text"))
        self.text.setPlaceholderText(self.tr("What happened at the visit. Saved as you type."))
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(140)
        self.author_name = QLineEdit()
        self.author_name.setAccessibleName(self.tr("Signed by (name)"))
        self.author_title = QLineEdit()
        self.author_title.setAccessibleName(self.tr("Title"))
        signature = QFormLayout()
        signature.addRow(self.tr("Name:"), self.author_name)
        signature.addRow(self.tr("Title:"), self.author_title)

        self.issues = QLabel()
        self.issues.setWordWrap(True)
        self.issues.setTextFormat(Qt.TextFormat.RichText)
        self.issues.setAccessibleName(self.tr("Problems and warnings"))
        self.plan = QLabel()
        self.plan.setWordWrap(True)
        self.plan.setTextFormat(Qt.TextFormat.RichText)
        self.plan.setAccessibleName(self.tr("What signing will save"))
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color:#a00000; font-weight:bold;")
        self.draft_state = QLabel()
        self.sign_button = QPushButton(self.tr("&Sign"))
        self.sign_button.clicked.connect(self.sign)
        self.close_button = QPushButton(self.tr("&Close (keep draft)"))
        self.close_button.clicked.connect(self.close_form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.draft_state, 1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.sign_button)

        left = QVBoxLayout()
        left.addLayout(basics)
        left.addWidget(self.participant_boxes[0])
        left.addWidget(measures)
        left.addWidget(self.records)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.theme_boxes[0])
        right.addWidget(QLabel(self.tr("Journal text:")))
        right.addWidget(self.text, 1)
        right.addLayout(signature)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(heading)
        body_layout.addLayout(columns, 1)
        body_layout.addWidget(self.issues)
        body_layout.addWidget(self.plan)
        body_layout.addWidget(self.error_label)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

        self.child.currentIndexChanged.connect(lambda *_: self._child_changed())
        self.records.changed.connect(lambda: self._changed())
        for combo in (self.interpreter_language, self.interpreter_form):
            combo.currentIndexChanged.connect(lambda *_: self._changed())
        self.when.dateTimeChanged.connect(lambda *_: self._changed())
        self.kind.currentIndexChanged.connect(lambda *_: self._changed())
        self.interpreter.toggled.connect(lambda *_: self._changed())
        for edit in (*self.measure_edits.values(), self.author_name, self.author_title):
            edit.textChanged.connect(lambda *_: self._changed())
        self.text.textChanged.connect(lambda: self._changed())

    def _checklist(
        self, entries: list[tuple[str, str]], title: str
    ) -> tuple[QGroupBox, dict[str, QCheckBox]]:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        checks = {}
        for entry_id, label in entries:
            check = QCheckBox(label)
            check.toggled.connect(lambda *_: self._changed())
            layout.addWidget(check)
            checks[entry_id] = check
        return box, checks

    # -- flow <-> widgets ---------------------------------------------------------------------
    def _load_fields(self) -> None:
        flow = self.flow
        index = self.child.findData(flow.child_id)
        self.child.setCurrentIndex(max(index, 0))
        self.child.setEnabled(len(flow.children) > 1 and flow.planned is None)
        if flow.performed_at is not None:
            self.when.setDateTime(_qdatetime(flow))
        self.kind.setCurrentIndex(max(self.kind.findData(flow.kind), 0))
        self.interpreter.setChecked(flow.interpreter_used)
        index = self.interpreter_language.findData(flow.interpreter_language)
        self.interpreter_language.setCurrentIndex(max(index, 0))
        self.interpreter_form.setCurrentIndex(
            max(self.interpreter_form.findData(flow.interpreter_form), 0)
        )
        for role, check in self.participant_boxes[1].items():
            check.setChecked(role in flow.participants)
        for theme, check in self.theme_boxes[1].items():
            check.setChecked(theme in flow.themes)
        for kind, edit in self.measure_edits.items():
            edit.setText(flow.measurements.get(kind, ""))
        self.text.setPlainText(flow.journal_text)
        self.author_name.setText(flow.author_name)
        self.author_title.setText(flow.author_title)

    def _read_fields(self) -> None:
        flow = self.flow
        flow.child_id = self.child.currentData()
        moment = self.when.dateTime().toPython()
        assert isinstance(moment, datetime)
        flow.performed_at = moment.replace(tzinfo=stockholm_tz())
        flow.kind = str(self.kind.currentData())
        flow.interpreter_used = self.interpreter.isChecked()
        flow.interpreter_language = str(self.interpreter_language.currentData() or "")
        flow.interpreter_form = str(self.interpreter_form.currentData() or "")
        for combo in (self.interpreter_language, self.interpreter_form):
            combo.setEnabled(flow.interpreter_used)
        self.records.read()
        flow.participants = {r for r, c in self.participant_boxes[1].items() if c.isChecked()}
        flow.themes = {t for t, c in self.theme_boxes[1].items() if c.isChecked()}
        for kind, edit in self.measure_edits.items():
            flow.measurements[kind] = edit.text()
        flow.journal_text = self.text.toPlainText()
        flow.author_name = self.author_name.text()
        flow.author_title = self.author_title.text()

    def _changed(self, *, save: bool = True) -> None:
        if self._loading:
            return
        self._read_fields()
        problems = self.flow.problems()
        warnings = self.flow.warnings(self.context.growth.loaded)
        lines = [f"<span style='color:#a00000'>• {issue_text(p)}</span>" for p in problems]
        lines += [f"<span style='color:#8a5a00'>⚠ {issue_text(w)}</span>" for w in warnings]
        self.issues.setText("<br>".join(lines))
        self.issues.setVisible(bool(lines))
        self._show_expected()
        plan = "".join(f"<li>{plan_text(i)}</li>" for i in self.flow.will_write())
        heading = self.tr("Signing saves:")
        self.plan.setText(f"<b>{heading}</b><ul>{plan}</ul>")
        self.sign_button.setEnabled(not problems)
        bad_fields = {p.field for p in problems}
        for kind, edit in self.measure_edits.items():
            edit.setStyleSheet("border: 2px solid #a00000;" if kind in bad_fields else "")
        if save:
            self.error_label.clear()
            self.draft_state.setText(self.tr("Saving draft…"))
            self.saver.schedule(self.flow.key, self.flow.family_id, self.flow.to_payload())
        self.validated.emit()

    def _child_changed(self) -> None:
        if self._loading:
            return
        self.flow.child_id = self.child.currentData()
        self.records.load()  # what is due is the chosen child's
        self._changed()

    def _show_expected(self) -> None:
        """Grey placeholders: the child's WHO median for age and sex, or none."""
        expected = self.flow.expected(self.context.growth.loaded)
        for kind, edit in self.measure_edits.items():
            value = expected.get(kind)
            if value is None:
                edit.setPlaceholderText("")
                edit.setToolTip("")
                continue
            number = f"{value:.1f}".replace(".", ",")
            edit.setPlaceholderText(self.tr("expected ≈ %1").replace("%1", number))
            edit.setToolTip(self.tr("The WHO median for the child's age and sex"))

    # -- actions ------------------------------------------------------------------------------
    def sign(self) -> None:
        self._read_fields()
        if not self.flow.can_sign():
            return
        flow = self.flow
        reference = self.context.growth.loaded
        pending = flow.unconfirmed(reference)
        if pending:
            if not ImplausibleDialog.ask(self, [confirmation_text(i) for i in pending]):
                self.measure_edits[pending[0].field].setFocus()
                self.measure_edits[pending[0].field].selectAll()
                return
            flow.confirm(pending)
        self.sign_button.setEnabled(False)

        written: dict[str, str] = {}

        def change(uow: UnitOfWork) -> None:
            written["contact_id"] = flow.commit(uow, reference, self.context.catalogue)

        def done(_changed: Changed) -> None:
            if alive(self):
                self.signed.emit(written["contact_id"])

        # a debounced save queued after this write would bring the discarded draft back
        self.saver.cancel(flow.key)
        self.context.write(change, on_done=done, on_error=self._failed, name="visit-sign")

    def close_form(self) -> None:
        self.saver.flush()
        self.closed.emit()

    def _failed(self, error: BaseException) -> None:
        if not alive(self):
            return
        message = error_sentence(error)
        self.error_label.setText(message)
        self.saver.schedule(self.flow.key, self.flow.family_id, self.flow.to_payload())
        self.sign_button.setEnabled(self.flow.can_sign())
        self.failed.emit(message)


def _qdatetime(flow: VisitFlow) -> QDateTime:
    assert flow.performed_at is not None
    local = flow.performed_at.astimezone(stockholm_tz()).replace(tzinfo=None)
    return QDateTime(local)
