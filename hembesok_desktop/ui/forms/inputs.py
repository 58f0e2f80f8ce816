"""One input per questionnaire item type; each reads/writes the flow and has accessible names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.questionnaire import AnswerValue, Item
from ..flows.questionnaire import QuestionnaireFlow

Changed = Callable[[str], None]


class ItemInput(QWidget):
    """Base: ``changed(link_id)`` is called after the flow was updated."""

    def __init__(self, flow: QuestionnaireFlow, item: Item, changed: Changed) -> None:
        super().__init__()
        self.flow = flow
        self.item = item
        self._changed = changed
        self.question = flow.text(item) or item.link_id

    def notify(self) -> None:
        self._changed(self.item.link_id)


class ChoiceInput(ItemInput):
    """Radio buttons (one answer) or check boxes (repeats); arrow keys move between options."""

    def __init__(self, flow: QuestionnaireFlow, item: Item, changed: Changed) -> None:
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
        self.group.idToggled.connect(self._toggled)
        if self.buttons:
            self.setFocusProxy(self.buttons[0])

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
    def __init__(self, flow: QuestionnaireFlow, item: Item, changed: Changed) -> None:
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

    def __init__(self, flow: QuestionnaireFlow, item: Item, changed: Changed) -> None:
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
    return text if kind == "text" else stripped


def _format(value: AnswerValue) -> str:
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _placeholder(kind: str) -> str:
    return {
        "integer": "0",
        "decimal": "0,0",
        "date": "YYYY-MM-DD",
        "dateTime": "YYYY-MM-DDTHH:MM",
    }.get(kind, "")


def make_input(flow: QuestionnaireFlow, item: Item, changed: Changed) -> ItemInput | None:
    if item.type in ("choice", "open-choice") and item.options:
        return ChoiceInput(flow, item, changed)
    if item.type == "boolean":
        return BooleanInput(flow, item, changed)
    if item.type in ("string", "text", "integer", "decimal", "date", "dateTime", "open-choice"):
        return TextInput(flow, item, changed)
    return None
