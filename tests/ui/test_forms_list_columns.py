"""The Formulär list: the EPDS title is shown in full (it wraps in its column rather than being
cut or pushed out of view), and every cell's full text is its tooltip."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect, Qt
from pytestqt.qtbot import QtBot

from hembesok_desktop.store.database import Store
from hembesok_desktop.ui.forms.dialogs import NewScreening, NewScreeningDialog
from hembesok_desktop.ui.forms.tab import FormsTab
from tests.ui.documentation_support import Harness, seed_family, ui_harness

EPDS = "http://hembesok.se/fhir/Questionnaire/epds"


@pytest.fixture
def harness(store: Store, qtbot: QtBot) -> Iterator[Harness]:
    yield from ui_harness(store)


@pytest.mark.parametrize("width", [640, 900])
def test_epds_title_is_not_cut(
    qtbot: QtBot, harness: Harness, store: Store, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    seeded = seed_family(store)
    tab = FormsTab(harness.context)
    harness.keep(tab)
    tab.resize(width, 600)
    tab.show()
    qtbot.waitExposed(tab)
    with qtbot.waitSignal(tab.loaded):
        tab.show_family(seeded.family_id)
    choice = NewScreening(EPDS, seeded.guardian_id, "sv")
    monkeypatch.setattr(NewScreeningDialog, "ask", classmethod(lambda cls, *a, **k: choice))
    tab.new_button.click()
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        tab.close_session()  # the draft stays and is listed
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    qtbot.wait(50)
    table, header = tab.table, tab.table.horizontalHeader()
    title = tab.model.index(0, 1)
    text = str(title.data())
    assert text.startswith("EPDS – frågor om hur du har mått den senaste veckan")
    assert title.data(Qt.ItemDataRole.ToolTipRole) == text
    assert header.length() <= table.viewport().width()  # no column pushed out of view
    cell = table.visualRect(title)
    assert cell.right() <= table.viewport().width()
    metrics = table.fontMetrics()
    needed = metrics.boundingRect(
        QRect(0, 0, cell.width() - 8, 10_000), Qt.TextFlag.TextWordWrap, text
    )
    assert needed.height() <= cell.height(), (needed, cell)  # every line of the title shows
