"""One input per questionnaire item type; each reads/writes the flow and has accessible names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.questionnaire import AnswerValue, Coding, GroupAnswer, Item, Quantity
from ..flows.questionnaire import InstanceFlow, QuestionnaireFlow

Changed = Callable[[str], None]
# the form's flow, or one instance of a repeating group in it
Flow = QuestionnaireFlow | InstanceFlow
TEXT_TYPES = ("string", "text", "integer", "decimal", "date", "dateTime", "time", "open-choice")


class ItemInput(QWidget):
    """Base: ``changed(link_id)`` is called after the flow was updated."""

    def __init__(self, flow: Flow, item: Item, changed: Changed) -> None:
        super().__init__()
        self.flow = flow
        self.item = item
        self._changed = changed
        self.question = flow.text(item) or item.link_id

    def notify(self) -> None:
        self._changed(self.item.link_id)

    def refresh(self) -> None:
        """Show values that change without the user typing (calculated items)."""


#: arrow keys that step to the next (+1) or previous (-1) option, left to right
_STEPS = {
    Qt.Key.Key_Down: 1,
    Qt.Key.Key_Right: 1,
    Qt.Key.Key_Up: -1,
    Qt.Key.Key_Left: -1,
}


class ChoiceInput(ItemInput):
    """Radio buttons (one answer) or check boxes (repeats). Among radio buttons an arrow key
    selects the next or previous answer (wrapping round, mirrored right to left), as a radio
    group does on Windows; among check boxes it moves the focus and Space ticks."""

    def __init__(self, flow: Flow, item: Item, changed: Changed) -> None:
        super().__init__(flow, item, changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.group.setExclusive(not item.repeats)
        given = flow.answers.get(item.link_id, ())
        self.buttons: list[QRadioButton | QCheckBox] = []
        for number, option in enumerate(item.options):
            text = flow.option_text(option)
            button: QRadioButton | QCheckBox = (
                QCheckBox(text) if item.repeats else QRadioButton(text)
            )
            button.setAccessibleName(text)
            button.setAccessibleDescription(self.question)
            button.setChecked(any(option.matches(v) for v in given))
            self.group.addButton(button, number)
            layout.addWidget(button)
            self.buttons.append(button)
            if not item.repeats:
                button.installEventFilter(self)
        self.group.idToggled.connect(self._toggled)
        if self.buttons:
            self.setFocusProxy(self.buttons[0])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and isinstance(watched, QAbstractButton)
        ):
            step = _STEPS.get(Qt.Key(event.key()))
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if step is not None and modifiers == Qt.KeyboardModifier.NoModifier:
                self.step(watched, step, event.key())
                return True
        return super().eventFilter(watched, event)

    def step(self, current: QAbstractButton, step: int, key: int) -> None:
        """Select (and focus) the answer ``step`` away from ``current``."""
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and self.isRightToLeft():
            step = -step
        number = self.buttons.index(current) if current in self.buttons else 0
        target = self.buttons[(number + step) % len(self.buttons)]
        reason = Qt.FocusReason.TabFocusReason if step > 0 else Qt.FocusReason.BacktabFocusReason
        target.setFocus(reason)
        target.setChecked(True)

    def _toggled(self, number: int, checked: bool) -> None:
        value = self.item.options[number].value
        if self.item.repeats:
            self.flow.toggle(self.item.link_id, value, checked)
        elif checked:
            self.flow.set_answer(self.item.link_id, [value])
        else:
            return  # the other radio button's toggle carries the new answer
        self.notify()


class BooleanInput(ItemInput):
    def __init__(self, flow: Flow, item: Item, changed: Changed) -> None:
        super().__init__(flow, item, changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.box = QCheckBox(self.question)
        self.box.setAccessibleName(self.question)
        self.box.setChecked(flow.answers.get(item.link_id, (False,))[0] is True)
        self.box.toggled.connect(self._toggled)
        layout.addWidget(self.box)
        self.setFocusProxy(self.box)

    def _toggled(self, checked: bool) -> None:
        self.flow.set_answer(self.item.link_id, [checked])
        self.notify()


class TextInput(ItemInput):
    """string, text, integer, decimal, date and dateTime: typed text, parsed per type."""

    def __init__(self, flow: Flow, item: Item, changed: Changed) -> None:
        super().__init__(flow, item, changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        current = flow.unparsed.get(item.link_id)
        if current is None:
            values = flow.answers.get(item.link_id, ())
            current = _format(values[0]) if values else ""
        self.edit: QLineEdit | QPlainTextEdit
        if item.type == "text":
            self.edit = QPlainTextEdit(current)
            self.edit.setTabChangesFocus(True)
            self.edit.setMaximumHeight(110)
            self.edit.textChanged.connect(lambda: self._edited(self._text()))
        else:
            self.edit = QLineEdit(current)
            self.edit.setPlaceholderText(_placeholder(item.type))
            if item.max_length:
                self.edit.setMaxLength(item.max_length)
            self.edit.textChanged.connect(self._edited)
        self.edit.setAccessibleName(self.question)
        self.edit.setReadOnly(item.read_only)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.edit)

    def _text(self) -> str:
        edit = self.edit
        return edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()

    def _edited(self, text: str) -> None:
        try:
            value = parse_value(self.item.type, text)
        except ValueError:
            self.flow.set_unparsed(self.item.link_id, text)
        else:
            self.flow.set_answer(self.item.link_id, [] if value is None else [value])
        self.notify()


def parse_value(kind: str, text: str) -> AnswerValue | None:
    stripped = text.strip()
    if not stripped:
        return None
    if kind == "integer":
        return int(stripped)
    if kind == "decimal":
        return float(stripped.replace(",", "."))
    if kind == "date":
        return dt.date.fromisoformat(stripped)
    if kind == "dateTime":
        dt.datetime.fromisoformat(stripped)
        return stripped
    if kind == "time":  # 06:45, or 06.45 as Swedes write it
        return dt.time.fromisoformat(stripped.replace(".", ":").zfill(5))
    return text if kind == "text" else stripped


def format_value(value: AnswerValue) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if isinstance(value, dt.time):
        return value.isoformat("seconds" if value.second else "minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Quantity):
        unit = f" {value.unit or value.code}" if (value.unit or value.code) else ""
        return format_value(value.value) + unit
    if isinstance(value, Coding):
        return value.display or value.code
    if isinstance(value, GroupAnswer):
        return ""
    return str(value)


_format = format_value


def _placeholder(kind: str) -> str:
    return {
        "integer": "0",
        "decimal": "0,0",
        "date": "YYYY-MM-DD",
        "dateTime": "YYYY-MM-DDTHH:MM",
        "time": "HH:MM",
    }.get(kind, "")


class QuantityInput(ItemInput):
    """A number and its unit: a list of the item's units, or a free unit when it offers none."""

    def __init__(self, flow: Flow, item: Item, changed: Changed) -> None:
        super().__init__(flow, item, changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        values = flow.answers.get(item.link_id, ())
        current = values[0] if values and isinstance(values[0], Quantity) else None
        text = flow.unparsed.get(item.link_id)
        self.number = QLineEdit(text if text is not None else _number_text(current))
        self.number.setPlaceholderText("0,0")
        self.number.setAccessibleName(self.question)
        self.units = QComboBox()
        self.free_unit = QLineEdit(current.unit or "" if current else "")
        for unit in item.units:
            self.units.addItem(unit.display or unit.code)
        if current is not None:
            found = next((n for n, u in enumerate(item.units) if u.code == current.code), 0)
            self.units.setCurrentIndex(found)
        unit_name = self.tr("Unit of %1").replace("%1", self.question)
        self.units.setAccessibleName(unit_name)
        self.free_unit.setAccessibleName(unit_name)
        self.free_unit.setPlaceholderText(self.tr("unit"))
        layout.addWidget(self.number, 1)
        layout.addWidget(self.units if item.units else self.free_unit)
        self.number.textChanged.connect(self._edited)
        self.units.currentIndexChanged.connect(self._edited)
        self.free_unit.textChanged.connect(self._edited)
        self.setFocusProxy(self.number)

    def _edited(self, *_: object) -> None:
        text = self.number.text().strip()
        if not text:
            self.flow.set_answer(self.item.link_id, [])
            self.notify()
            return
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            self.flow.set_unparsed(self.item.link_id, text)
            self.notify()
            return
        self.flow.set_answer(self.item.link_id, [self.quantity(number)])
        self.notify()

    def quantity(self, number: float) -> Quantity:
        if self.item.units:
            unit = self.item.units[max(self.units.currentIndex(), 0)]
            return Quantity(number, unit.display or unit.code, unit.system, unit.code)
        return Quantity(number, self.free_unit.text().strip() or None)


def _number_text(value: Quantity | None) -> str:
    return format_value(value.value) if value is not None else ""


class CalculatedInput(ItemInput):
    """A calculated item: its value, read only, refreshed as the answers change."""

    def __init__(self, flow: Flow, item: Item, changed: Changed) -> None:
        super().__init__(flow, item, changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.value = QLineEdit()
        self.value.setReadOnly(True)
        self.value.setAccessibleName(self.question)
        self.value.setAccessibleDescription(self.tr("Calculated from the other answers"))
        self.value.setPlaceholderText(self.tr("calculated when the answers allow it"))
        layout.addWidget(self.value)
        self.setFocusProxy(self.value)
        self.refresh()

    def refresh(self) -> None:
        values = self.flow.calculated(self.item.link_id)
        texts = [
            (self.tr("Yes") if v else self.tr("No")) if isinstance(v, bool) else format_value(v)
            for v in values
        ]
        self.value.setText("; ".join(texts))


class RepeatingTextInput(ItemInput):
    """A repeating text, number, date or time question: one line per answer, and a button
    for another."""

    def __init__(self, flow: Flow, item: Item, changed: Changed) -> None:
        super().__init__(flow, item, changed)
        self.lines = QVBoxLayout(self)
        self.lines.setContentsMargins(0, 0, 0, 0)
        self.edits: list[QLineEdit] = []
        values = flow.answers.get(item.link_id, ())
        for value in values or ("",):
            self._add_line(format_value(value) if value != "" else "")
        self.more = QPushButton(self.tr("Add another answer"))
        self.more.setAccessibleDescription(self.question)
        self.more.clicked.connect(lambda: self._add_line("").setFocus())
        self.lines.addWidget(self.more)
        self.setFocusProxy(self.edits[0])

    def _add_line(self, text: str) -> QLineEdit:
        edit = QLineEdit(text)
        edit.setPlaceholderText(_placeholder(self.item.type))
        edit.setAccessibleName(f"{self.question} ({len(self.edits) + 1})")
        edit.textChanged.connect(self._edited)
        self.lines.insertWidget(len(self.edits), edit)
        self.edits.append(edit)
        return edit

    def _edited(self, *_: object) -> None:
        values: list[AnswerValue] = []
        for edit in self.edits:
            try:
                value = parse_value(self.item.type, edit.text())
            except ValueError:
                self.flow.set_unparsed(self.item.link_id, edit.text())
                self.notify()
                return
            if value is not None:
                values.append(value)
        self.flow.set_answer(self.item.link_id, values)
        self.notify()


def make_input(flow: Flow, item: Item, changed: Changed) -> ItemInput | None:
    if item.calculated is not None:
        return CalculatedInput(flow, item, changed)
    if item.type in ("choice", "open-choice") and item.options:
        return ChoiceInput(flow, item, changed)
    if item.type == "boolean":
        return BooleanInput(flow, item, changed)
    if item.type == "quantity":
        return QuantityInput(flow, item, changed)
    if item.repeats and item.type in TEXT_TYPES and item.type != "text":
        return RepeatingTextInput(flow, item, changed)
    if item.type in TEXT_TYPES:
        return TextInput(flow, item, changed)
    return None
