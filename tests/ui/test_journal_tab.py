"""Journal tab: write (draft saved continuously), sign, amend (original stays), void, errors."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from pytestqt.qtbot import QtBot
from sqlmodel import select

from hembesok_desktop.store.database import Store
from hembesok_desktop.store.models import Draft, JournalEntry
from hembesok_desktop.store.services import drafts, families, journal
from hembesok_desktop.ui.context import AppContext
from hembesok_desktop.ui.journal.dialogs import VoidDialog
from hembesok_desktop.ui.journal.tab import JournalTab, draft_key
from tests.ui.documentation_support import Harness, ui_harness


@pytest.fixture
def harness(store: Store, qtbot: QtBot) -> Iterator[Harness]:
    yield from ui_harness(store)


@pytest.fixture
def context(harness: Harness) -> AppContext:
    return harness.context


def make_family(store: Store) -> str:
    with store.write() as uow:
        family = families.create_family(uow, address="Påhittade gatan 1")
        families.add_child(
            uow,
            family_id=family.id,
            given_name="Test",
            family_name="Barn",
            birth_date=date(2025, 1, 10),
            sex="female",
        )
    return family.id


def entries(store: Store, family_id: str) -> list[JournalEntry]:
    with store.read() as session:
        rows = session.exec(select(JournalEntry).where(JournalEntry.family_id == family_id))
        return sorted(rows, key=lambda e: e.created_at)


def open_tab(qtbot: QtBot, harness: Harness, family_id: str) -> JournalTab:
    tab = JournalTab(harness.context)
    harness.keep(tab)
    with qtbot.waitSignal(tab.loaded):
        tab.show_family(family_id)
    return tab


def test_model_tester(
    qtbot: QtBot, qtmodeltester, harness, context, store
) -> None:
    family_id = make_family(store)
    with store.write() as uow:
        entry = journal.write_entry(uow, family_id=family_id, text="Första")
        journal.sign_entry(uow, entry.id, author_name="A", author_title="B")
    tab = open_tab(qtbot, harness, family_id)
    assert tab.model.rowCount() == 1
    qtmodeltester.check(tab.model)


def test_draft_saved_continuously_and_restored(qtbot: QtBot, harness, context, store) -> None:
    family_id = make_family(store)
    tab = open_tab(qtbot, harness, family_id)
    with qtbot.waitSignal(tab.saver.saved, timeout=3000):
        tab.text.setPlainText("Mamma berättar om sömnen.")
    with store.read() as session:
        draft = drafts.load_draft(session, draft_key(family_id))
        assert draft is not None and draft.payload["text"] == "Mamma berättar om sömnen."
    other = open_tab(qtbot, harness, family_id)
    assert other.text.toPlainText() == "Mamma berättar om sömnen."


def test_sign_amend_void(qtbot: QtBot, harness, context, store, monkeypatch) -> None:
    family_id = make_family(store)
    tab = open_tab(qtbot, harness, family_id)
    assert tab.author_name.text() == "Anna Testsköterska"
    tab.text.setPlainText("Vikt och amning diskuterades.")
    with qtbot.waitSignal(tab.signed):
        tab.sign_button.click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    [signed] = entries(store, family_id)
    assert signed.signed_at is not None and signed.author_title == "BVC-sjuksköterska"
    assert tab.text.toPlainText() == ""
    with store.read() as session:
        assert session.get(Draft, draft_key(family_id)) is None

    tab.select_entry(signed.id)
    assert tab.amend_button.isEnabled()
    tab.amend_button.click()
    assert tab.text.toPlainText() == "Vikt och amning diskuterades."
    tab.text.setPlainText("Vikt, amning och sömn diskuterades.")
    with qtbot.waitSignal(tab.signed):
        tab.sign_button.click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2)
    original, amendment = entries(store, family_id)
    assert original.text == "Vikt och amning diskuterades."  # unchanged
    assert amendment.amends == original.id and amendment.signed_at is not None
    tab.select_entry(amendment.id)
    html = tab.detail.toPlainText()
    assert "Vikt och amning diskuterades." in html  # the original stays visible
    tab.select_entry(original.id)
    assert tab.model.status_text(original) == "Corrected"

    monkeypatch.setattr(VoidDialog, "ask", classmethod(lambda cls, parent, summary: "Fel familj"))
    tab.select_entry(amendment.id)
    with qtbot.waitSignal(context.runner.changed):
        tab.void_button.click()
    qtbot.waitUntil(lambda: tab.model.entry(tab.model.row_of(amendment.id)).voided_at is not None)
    voided = entries(store, family_id)[1]
    assert voided.voided_reason == "Fel familj" and voided.voided_by == "Anna Testsköterska"
    row = tab.model.row_of(amendment.id)
    assert tab.model.index(row, 3).data(0) == "Vikt, amning och sömn diskuterades."
    from PySide6.QtCore import Qt

    assert tab.model.index(row, 0).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert "Fel familj" in tab.detail.toPlainText()
    assert not tab.void_button.isEnabled()


def test_store_error_is_shown(qtbot: QtBot, harness, context, store) -> None:
    family_id = make_family(store)
    tab = open_tab(qtbot, harness, family_id)
    tab.text.setPlainText("Text")
    tab.author_title.setText("")
    with qtbot.waitSignal(tab.failed) as blocker:
        tab.sign_button.click()
    assert "title" in blocker.args[0] or "titel" in blocker.args[0]
    assert tab.error_label.text() == blocker.args[0]
    assert entries(store, family_id) == []  # nothing written
    assert tab.text.toPlainText() == "Text"  # nothing lost
