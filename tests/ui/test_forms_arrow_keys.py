"""In an answer list an arrow key selects the answer, not just the focus: from no answer at
all, wrapping round, mirrored right to left, in nurse mode and in parent mode. Check boxes keep
the focus-only arrows (Space ticks). Parent mode's answer circles grow with its large text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QRadioButton, QStyle, QStyleOptionButton
from pytestqt.qtbot import QtBot

from hembesok_desktop.store.database import Store
from hembesok_desktop.ui.forms.dialogs import NewScreening, NewScreeningDialog
from hembesok_desktop.ui.forms.inputs import ChoiceInput
from hembesok_desktop.ui.forms.parent_mode import ParentModeWindow
from hembesok_desktop.ui.forms.tab import FormsTab
from tests.ui.documentation_support import Harness, seed_family, ui_harness

EPDS = "http://hembesok.se/fhir/Questionnaire/epds"
BARNSAKERT = "http://hembesok.se/fhir/Questionnaire/barnsakert-style"


@pytest.fixture
def harness(store: Store, qtbot: QtBot) -> Iterator[Harness]:
    yield from ui_harness(store)


def start(
    qtbot: QtBot, harness: Harness, store: Store, monkeypatch: pytest.MonkeyPatch, form: str
) -> FormsTab:
    seeded = seed_family(store)
    tab = FormsTab(harness.context)
    harness.keep(tab)
    with qtbot.waitSignal(tab.loaded):
        tab.show_family(seeded.family_id)
    choice = NewScreening(form, seeded.guardian_id, "sv" if form == EPDS else "ar")
    monkeypatch.setattr(NewScreeningDialog, "ask", classmethod(lambda cls, *a, **k: choice))
    tab.show()
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    tab.new_button.click()
    assert tab.flow is not None and tab.form_widget is not None
    return tab


def focus(qtbot: QtBot, button: QRadioButton) -> None:
    button.window().activateWindow()
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)


def answer_code(tab: FormsTab, link_id: str) -> str | None:
    assert tab.flow is not None
    values = tab.flow.answers.get(link_id, ())
    return values[0].code if values else None  # type: ignore[union-attr]


def test_arrow_keys_select_the_answer_in_nurse_mode(
    qtbot: QtBot, harness: Harness, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = start(qtbot, harness, store, monkeypatch, EPDS)
    assert tab.form_widget is not None
    choice = tab.form_widget.rows["epds-1"].input
    assert isinstance(choice, ChoiceInput) and len(choice.buttons) == 4
    assert not any(b.isChecked() for b in choice.buttons)  # nothing answered yet
    focus(qtbot, choice.buttons[0])  # type: ignore[arg-type]
    qtbot.keyClick(choice.buttons[0], Qt.Key.Key_Down)
    assert choice.buttons[1].isChecked() and choice.buttons[1].hasFocus()
    assert answer_code(tab, "epds-1") == choice.item.options[1].value.code  # type: ignore[union-attr]
    qtbot.keyClick(choice.buttons[1], Qt.Key.Key_Down)
    qtbot.keyClick(choice.buttons[2], Qt.Key.Key_Down)
    assert choice.buttons[3].isChecked()
    qtbot.keyClick(choice.buttons[3], Qt.Key.Key_Down)  # wraps round to the first answer
    assert choice.buttons[0].isChecked() and choice.buttons[0].hasFocus()
    qtbot.keyClick(choice.buttons[0], Qt.Key.Key_Up)  # and back
    assert choice.buttons[3].isChecked()
    qtbot.keyClick(choice.buttons[3], Qt.Key.Key_Left)
    assert choice.buttons[2].isChecked()
    assert answer_code(tab, "epds-1") == choice.item.options[2].value.code  # type: ignore[union-attr]
    assert sum(b.isChecked() for b in choice.buttons) == 1
    other = tab.form_widget.rows["epds-2"].input
    assert isinstance(other, ChoiceInput)
    assert not any(b.isChecked() for b in other.buttons)  # one question's arrows stay in it


def test_arrow_keys_select_the_answer_in_parent_mode_right_to_left(
    qtbot: QtBot, harness: Harness, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = start(qtbot, harness, store, monkeypatch, BARNSAKERT)
    window = tab.open_parent_mode()
    assert isinstance(window, ParentModeWindow)
    harness.keep(window)
    try:
        qtbot.waitExposed(window)
        choice = window.form.rows["bs-economy"].input
        assert isinstance(choice, ChoiceInput) and choice.isRightToLeft()
        focus(qtbot, choice.buttons[0])  # type: ignore[arg-type]
        qtbot.keyClick(choice.buttons[0], Qt.Key.Key_Left)  # right to left: left is next
        assert choice.buttons[1].isChecked()
        assert window.flow.answers["bs-economy"][0].code == "N"  # type: ignore[union-attr]
        qtbot.keyClick(choice.buttons[1], Qt.Key.Key_Right)
        assert choice.buttons[0].isChecked()
        assert window.flow.answers["bs-economy"][0].code == "Y"  # type: ignore[union-attr]
        qtbot.keyClick(choice.buttons[0], Qt.Key.Key_Up)
        assert choice.buttons[1].isChecked()
    finally:
        window.force_close()


def indicator_height(button: QRadioButton) -> int:
    option = QStyleOptionButton()
    option.initFrom(button)
    rect = button.style().subElementRect(QStyle.SubElement.SE_RadioButtonIndicator, option, button)
    return rect.height()


def test_parent_mode_answer_circles_scale_with_the_text(
    qtbot: QtBot, harness: Harness, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = start(qtbot, harness, store, monkeypatch, BARNSAKERT)
    assert tab.form_widget is not None
    nurse = tab.form_widget.rows["bs-economy"].input
    assert isinstance(nurse, ChoiceInput)
    small = indicator_height(nurse.buttons[0])  # type: ignore[arg-type]
    window = tab.open_parent_mode()
    assert window is not None
    harness.keep(window)
    try:
        qtbot.waitExposed(window)
        choice = window.form.rows["bs-economy"].input
        assert isinstance(choice, ChoiceInput)
        button = choice.buttons[0]
        assert button.font().pointSize() >= 16  # the style sheet keeps the large text
        line = button.fontMetrics().height()
        assert indicator_height(button) >= line > small  # type: ignore[arg-type]
    finally:
        window.force_close()
