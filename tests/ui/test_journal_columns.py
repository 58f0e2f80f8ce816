"""The journal's columns: a long "Correction of …, Corrected" status or author never pushes the
Text column out of view; a cut cell shows its full text as a tooltip."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hembesok_desktop.store.database import Store
from hembesok_desktop.store.services import journal
from hembesok_desktop.ui.journal.tab import JournalTab
from tests.ui.documentation_support import Harness, ui_harness
from tests.ui.test_journal_tab import make_family

LONG_NAME = "Anna-Karin Testsköterska Långnamnsdotter"


@pytest.fixture
def harness(store: Store, qtbot: QtBot) -> Iterator[Harness]:
    yield from ui_harness(store)


def corrected_twice(store: Store, family_id: str) -> str:
    """An entry, its correction and a correction of that: the middle one's status is the
    longest ("Correction of <when>, Corrected")."""
    with store.write() as uow:
        first = journal.write_entry(uow, family_id=family_id, text="Vikt och amning.")
        journal.sign_entry(uow, first.id, author_name=LONG_NAME, author_title="BVC-sjuksköterska")
    with store.write() as uow:
        second = journal.amend_entry(
            uow, first.id, text="Vikt, amning och sömn.", author_name=LONG_NAME, author_title="BVC"
        )
    with store.write() as uow:
        journal.amend_entry(
            uow, second.id, text="Vikt, amning, sömn.", author_name=LONG_NAME, author_title="BVC"
        )
    return second.id


@pytest.mark.parametrize("width", [700, 1000])
def test_text_column_stays_in_view(
    qtbot: QtBot, harness: Harness, store: Store, width: int
) -> None:
    family_id = make_family(store)
    middle = corrected_twice(store, family_id)
    tab = JournalTab(harness.context)
    harness.keep(tab)
    tab.resize(width, 600)
    tab.show()
    qtbot.waitExposed(tab)
    with qtbot.waitSignal(tab.loaded):
        tab.show_family(family_id)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 3)
    table, header = tab.table, tab.table.horizontalHeader()
    view = table.viewport().width()
    text_starts = header.sectionViewportPosition(3)
    assert text_starts + view // 4 <= view, (text_starts, view)  # a quarter at least shows
    assert header.sectionSize(3) >= view // 4
    row = tab.model.row_of(middle)
    status = tab.model.index(row, 2)
    assert "Correction of" in status.data() and "Corrected" in status.data()
    assert status.data(Qt.ItemDataRole.ToolTipRole) == status.data()  # the full status
    author = tab.model.index(row, 1)
    assert author.data(Qt.ItemDataRole.ToolTipRole) == LONG_NAME
    text = tab.model.index(row, 3)
    assert text.data(Qt.ItemDataRole.ToolTipRole) == "Vikt, amning och sömn."
