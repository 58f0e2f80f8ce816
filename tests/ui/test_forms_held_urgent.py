"""An EPDS with item 10 above 0, left before the acute offer is recorded, is not lost: the
Formulär list shows it in red with its score, the caseload row and the family header carry the
red urgent badge, and the nurse reopens it to record the acute offer and close it (issue 14)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from hembesok_desktop.domain.planning import today_in_stockholm
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.models import QuestionnaireResponse
from hembesok_desktop.store.read.caseload import caseload_row
from hembesok_desktop.ui.caseload.model import badges
from hembesok_desktop.ui.family.panel import FamilyHeader
from hembesok_desktop.ui.forms.dialogs import NewScreening, NewScreeningDialog
from hembesok_desktop.ui.forms.tab import FormsTab
from tests.domain.questionnaire.q_support import epds
from tests.store.test_urgent_closing import ITEM_10
from tests.ui.dialog_support import answer_next_question
from tests.ui.documentation_support import Harness, seed_family, ui_harness

EPDS = "http://hembesok.se/fhir/Questionnaire/epds"
STATUS, SCORE = 4, 5


@pytest.fixture
def harness(store: Store, qtbot: QtBot) -> Iterator[Harness]:
    yield from ui_harness(store)


def urgent_count(store: Store, family_id: str) -> int:
    with store.read() as session:
        row = caseload_row(session, family_id, today=today_in_stockholm())
    assert row is not None
    return row.urgent_findings


def test_a_held_item_10_response_is_red_and_reopened_to_close_it(
    qtbot: QtBot, harness: Harness, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded = seed_family(store)
    tab = FormsTab(harness.context)
    harness.keep(tab)
    with qtbot.waitSignal(tab.loaded):
        tab.show_family(seeded.family_id)
    choice = NewScreening(EPDS, seeded.guardian_id, "sv")
    monkeypatch.setattr(NewScreeningDialog, "ask", classmethod(lambda cls, *a, **k: choice))
    tab.new_button.click()
    assert tab.flow is not None
    for n, code in enumerate(ITEM_10, start=1):
        tab.flow.set_answer(f"epds-{n}", [epds(code)])
    asked: list[str] = []
    with qtbot.waitSignal(tab.completed, timeout=5000) as done:
        answer_next_question("Complete", asked)
        tab.complete_button.click()
    response_id = done.args[0]
    assert tab.follow_up is not None and tab.follow_up.close_button.isVisibleTo(tab)

    # the nurse leaves the panel without recording the acute offer
    with qtbot.waitSignal(tab.loaded):
        tab.back_button.click()
    assert tab.model.rowCount() == 1
    status = tab.model.index(0, STATUS)
    score = tab.model.index(0, SCORE)
    assert "acute" in status.data()
    assert score.data().startswith("Urgent · 2 · ")  # its score, red
    assert status.data(Qt.ItemDataRole.ForegroundRole) == QColor("#a00000")
    assert score.data(Qt.ItemDataRole.ForegroundRole) == QColor("#a00000")
    assert urgent_count(store, seeded.family_id) == 1
    with store.read() as session:
        row = caseload_row(session, seeded.family_id, today=today_in_stockholm())
    assert row is not None and badges(row)[0][0] == "urgent"
    header = FamilyHeader()
    harness.keep(header)
    header.show_row(row)
    first = header._badges.itemAt(0).widget()
    assert first is not None and "#a00000" in first.styleSheet()

    # reopened (double-click or the button): record the acute offer, then close
    tab.select_row(response_id)
    assert tab.resume_button.isEnabled()
    assert "acute" in tab.detail.toPlainText()
    tab.resume_button.click()
    panel = tab.follow_up
    assert panel is not None and tab.pages.currentIndex() == 2
    assert panel.close_button.isVisibleTo(tab)
    [box] = panel.boxes
    assert box.suggestion.urgent
    box.offer.setCurrentIndex(box.offer.findData("acute-assessment-same-day"))
    box.decision.setCurrentIndex(box.decision.findData("accepted"))
    with qtbot.waitSignal(panel.recorded):
        box.save.click()
    with qtbot.waitSignal(panel.recorded):
        panel.close_button.click()
    assert not panel.close_button.isVisibleTo(tab)
    with store.read() as session:
        response = session.get(QuestionnaireResponse, response_id)
        assert response is not None and response.status == "completed"
    # closed, the acute offer still open: the completed rule keeps it urgent
    assert urgent_count(store, seeded.family_id) == 1
    with qtbot.waitSignal(tab.loaded):
        tab.back_button.click()
    assert tab.model.index(0, STATUS).data() == "Completed"
    assert not tab.resume_button.isEnabled() or tab.table.currentIndex().row() != 0
