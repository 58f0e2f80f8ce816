"""The Family tab's change history: the button reads ``family_history`` on the worker and shows
it in the nurse's words, newest first; the table model passes Qt's model tester."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlmodel import select

from hembesok_desktop.store.database import Store
from hembesok_desktop.store.history import FieldChange, HistoryEntry
from hembesok_desktop.store.models import AccessLogEntry
from hembesok_desktop.store.services import families
from hembesok_desktop.ui.family.details import FamilyDetailsTab
from hembesok_desktop.ui.family.history import ENTRY_ROLE, HistoryDialog, HistoryModel
from tests.ui.documentation_support import Harness, ui_harness


@pytest.fixture
def harness(store: Store, qtbot: QtBot) -> Iterator[Harness]:
    yield from ui_harness(store)


def make_family(store: Store) -> str:
    with store.write() as uow:
        family = families.create_family(uow, address="Påhittade gatan 1", phone="08-123")
        families.add_guardian(uow, family_id=family.id, given_name="Amina", family_name="Test")
    with store.write() as uow:
        families.update_family(uow, family.id, address="Nya vägen 2")
    with store.write() as uow:
        families.update_family(uow, family.id, phone="070-000", interpreter_needed=True)
    return family.id


def open_tab(qtbot: QtBot, harness: Harness, family_id: str) -> FamilyDetailsTab:
    tab = FamilyDetailsTab(harness.context)
    harness.keep(tab)
    with qtbot.waitSignal(tab.loaded):
        tab.show_family(family_id)
    return tab


def test_button_shows_the_history_newest_first(
    qtbot: QtBot, harness: Harness, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    family_id = make_family(store)
    tab = open_tab(qtbot, harness, family_id)
    shown: list[list[HistoryEntry]] = []

    def ask(cls: type, parent: object, entries: Sequence[HistoryEntry]) -> None:
        shown.append(list(entries))

    monkeypatch.setattr(HistoryDialog, "ask", classmethod(ask))
    assert tab.history_button.isEnabled()
    tab.history_button.click()
    qtbot.waitUntil(lambda: bool(shown))
    [entries] = shown
    model = HistoryModel()
    model.set_entries(entries)
    described = [model.index(row, HistoryModel.CHANGE).data() for row in range(model.rowCount())]
    assert described[:2] == [
        "Phone changed to 070-000; Interpreter needed changed to yes",
        "Address changed to Nya vägen 2",
    ]
    assert set(described[2:]) == {"Family registered", "Guardian added"}
    assert model.index(0, HistoryModel.CONCERNS).data() == "Family"
    concerns = {model.index(row, HistoryModel.CONCERNS).data() for row in range(4)}
    assert "Guardian Amina Test" in concerns
    assert model.index(0, HistoryModel.WHO).data() == "Anna Testsköterska"
    assert model.index(0, HistoryModel.SYNC).data() == "Not sent yet"
    # reading the history is part of the open record: no access-log entry of its own
    with store.read() as session:
        assert session.exec(select(AccessLogEntry)).all() == []


def test_history_model(qtmodeltester: ModelTester, qtbot: QtBot) -> None:
    when = datetime(2025, 3, 14, 8, 30, tzinfo=UTC)
    entries = [
        HistoryEntry(
            when=when,
            entity="guardian",
            row_id="g1",
            subject="Amina Test",
            changes=(
                FieldChange("language", "ar", "ar"),
                FieldChange("identity_number", "", ""),
            ),
            created=False,
            origin="local",
            who="Anna",
            state="sent",
        ),
        HistoryEntry(
            when=when,
            entity="journal_entry",
            row_id="j1",
            subject="",
            changes=(FieldChange("text", "Lång text", "Lång text"),),
            created=False,
            origin="remote",
            who="server",
        ),
    ]
    model = HistoryModel()
    model.set_entries(entries)
    qtmodeltester.check(model)
    assert model.columnCount() == 5 and model.rowCount() == 2
    assert model.index(0, HistoryModel.WHEN).data() == "2025-03-14 09:30"  # Swedish time
    assert model.index(0, HistoryModel.CHANGE).data() == (
        "Language changed to Arabic; Identity number cleared"
    )
    assert model.index(0, HistoryModel.SYNC).data() == "Sent"
    assert model.index(1, HistoryModel.CHANGE).data() == "Text changed"  # no journal text
    assert model.index(1, HistoryModel.WHO).data() == "Another device or the server"
    assert model.index(1, HistoryModel.CONCERNS).data() == "Journal entry"
    assert model.index(1, 0).data(ENTRY_ROLE) is entries[1]
    model.set_entries([])
    qtmodeltester.check(model)


def test_dialog_shows_the_entries(qtbot: QtBot) -> None:
    entry = HistoryEntry(
        when=datetime(2025, 3, 14, 8, 30, tzinfo=UTC),
        entity="family",
        row_id="f1",
        subject="",
        changes=(FieldChange("address", "Storgatan 1", "Storgatan 1"),),
        created=False,
        origin="local",
        who="Anna",
        state="pending",
    )
    dialog = HistoryDialog([entry])
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1 and dialog.empty.isHidden()
    assert dialog.model.index(0, HistoryModel.CHANGE).data() == "Address changed to Storgatan 1"
    empty = HistoryDialog([])
    qtbot.addWidget(empty)
    assert not empty.empty.isHidden()
