"""Forms tab: new screening in nurse mode, live enableWhen, validation, score, completion,
follow-up offers recorded, decided and closed; responses shown with their own form version."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlmodel import select

from hembesok_desktop.store.database import Store
from hembesok_desktop.store.models import Draft, FollowUpAction, QuestionnaireResponse
from hembesok_desktop.ui.forms.dialogs import NewScreening, NewScreeningDialog, OutcomeDialog
from hembesok_desktop.ui.forms.inputs import ChoiceInput
from hembesok_desktop.ui.forms.tab import FormsTab
from tests.ui.dialog_support import answer_next_question
from tests.ui.documentation_support import Harness, Seeded, seed_family, ui_harness

BARNSAKERT = "http://hembesok.se/fhir/Questionnaire/barnsakert-style"


@pytest.fixture
def harness(store: Store, qtbot: QtBot) -> Iterator[Harness]:
    yield from ui_harness(store)


def open_tab(qtbot: QtBot, harness: Harness, family_id: str) -> FormsTab:
    tab = FormsTab(harness.context)
    harness.keep(tab)
    with qtbot.waitSignal(tab.loaded):
        tab.show_family(family_id)
    return tab


def start(monkeypatch: pytest.MonkeyPatch, tab: FormsTab, seeded: Seeded, language: str) -> None:
    choice = NewScreening(BARNSAKERT, seeded.guardian_id, language)
    monkeypatch.setattr(NewScreeningDialog, "ask", classmethod(lambda cls, *a, **k: choice))
    tab.new_button.click()
    assert tab.flow is not None and tab.form_widget is not None


def choose(tab: FormsTab, link_id: str, option: int) -> None:
    assert tab.form_widget is not None
    widget = tab.form_widget.rows[link_id].input
    assert isinstance(widget, ChoiceInput)
    widget.buttons[option].click()


def test_screening_completed_with_follow_up(qtbot, qtmodeltester, harness, store, monkeypatch):
    seeded = seed_family(store)
    tab = open_tab(qtbot, harness, seeded.family_id)
    start(monkeypatch, tab, seeded, "sv")
    widget = tab.form_widget
    assert widget is not None
    assert widget.score_label.isVisibleTo(tab)  # nurse mode shows score and flags
    assert not widget.rows["bs-help-topic"].isVisibleTo(tab)
    choose(tab, "bs-help", 0)  # yes -> the follow-up question appears live
    assert widget.rows["bs-help-topic"].isVisibleTo(tab)
    choose(tab, "bs-help", 1)
    assert not widget.rows["bs-help-topic"].isVisibleTo(tab)

    tab.complete_button.click()  # incomplete: every problem shows, nothing is written
    assert widget.rows["bs-economy"].error.isVisibleTo(tab)
    assert "An answer is needed." in widget.rows["bs-economy"].error.text()
    for link_id in (
        "bs-food",
        "bs-mood",
        "bs-interest",
        "bs-stress",
        "bs-alcohol",
        "bs-violence",
        "bs-punishment",
    ):
        choose(tab, link_id, 1)
    choose(tab, "bs-economy", 0)  # yes: economic worries
    assert not widget.rows["bs-economy"].error.isVisibleTo(tab)
    assert "Ekonomisk oro" in widget.score_label.text()
    asked: list[str] = []
    answer_next_question("Cancel", asked)  # completing asks first; cancel keeps the draft
    tab.complete_button.click()
    assert asked and "answers are locked" in asked[0] and tab.flow is not None
    with store.read() as session:
        assert session.exec(select(QuestionnaireResponse)).all() == []
    with qtbot.waitSignal(tab.completed, timeout=5000) as done:
        answer_next_question("Complete", asked)
        tab.complete_button.click()
    response_id = done.args[0]
    panel = tab.follow_up
    assert panel is not None and [b.suggestion.area for b in panel.boxes] == ["economy"]

    box = panel.boxes[0]
    box.offer.setCurrentIndex(box.offer.findData("bvc-conversation-social-services"))
    box.decision.setCurrentIndex(box.decision.findData("accepted"))
    box.with_whom.setText("mamman")
    with qtbot.waitSignal(panel.recorded):
        box.save.click()
    with store.read() as session:
        [action] = session.exec(select(FollowUpAction)).all()
        assert (action.offer_kind, action.decision, action.with_whom) == (
            "bvc-conversation-social-services",
            "accepted",
            "mamman",
        )
        assert action.with_social_services and action.response_id == response_id
        response = session.get(QuestionnaireResponse, response_id)
        assert response is not None and response.status == "completed"
        assert [f["id"] for f in response.flags] == ["economy"]
        assert session.exec(select(Draft)).all() == []
    qtbot.waitUntil(lambda: panel.actions_box.isVisibleTo(tab))
    with qtbot.waitSignal(panel.recorded):
        panel.decide(action.id, "declined")
    monkeypatch.setattr(OutcomeDialog, "ask", classmethod(lambda cls, parent: "Samtal bokat"))
    with qtbot.waitSignal(panel.recorded):
        panel.close_action(action.id)
    with store.read() as session:
        closed = session.get(FollowUpAction, action.id)
        assert closed is not None and closed.status == "done" and closed.decision == "declined"

    with qtbot.waitSignal(tab.loaded):
        tab.back_button.click()
    assert tab.model.rowCount() == 1
    qtmodeltester.check(tab.model)
    tab.select_row(response_id)
    text = tab.detail.toPlainText()
    assert "version 1.0.0" in text and "Ekonomisk oro" in text and "Samtal bokat" in text


def test_keyboard_only_and_accessible_names(qtbot, harness, store, monkeypatch) -> None:
    seeded = seed_family(store)
    tab = open_tab(qtbot, harness, seeded.family_id)
    tab.show()
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    start(monkeypatch, tab, seeded, "en")
    widget = tab.form_widget
    assert widget is not None
    for row in widget.rows.values():
        if row.input is not None:
            for child in row.input.findChildren(type(row.input.focusProxy())):
                assert child.accessibleName()
    first = widget.rows["bs-economy"].input
    assert first is not None
    first.setFocus()
    qtbot.waitUntil(lambda: first.focusProxy().hasFocus())
    QTest.keyClick(first.focusProxy(), Qt.Key.Key_Space)  # select "yes" from the keyboard
    assert tab.flow is not None and tab.flow.answers["bs-economy"][0].code == "Y"
    QTest.keyClick(first.focusProxy(), Qt.Key.Key_Down)  # arrow moves to "no" and selects it
    assert tab.flow.answers["bs-economy"][0].code == "N"
