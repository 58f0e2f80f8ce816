"""The growth tab opens on the family's youngest child with measurements, and a child without
any says so in one line ("Inga mätningar för <name> än.") instead of an empty chart."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from pytestqt.qtbot import QtBot

from hembesok_desktop.domain.planning import today_in_stockholm
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.services import families
from hembesok_desktop.ui.growth.tab import GrowthTab
from tests.ui.documentation_support import Harness, seed_family, ui_harness
from tests.ui.test_growth_chart import seed_weights
from tests.ui.test_sync_support import swedish

__all__ = ["swedish"]


@pytest.fixture
def harness(store: Store, qtbot: QtBot) -> Iterator[Harness]:
    yield from ui_harness(store)


def add_child(store: Store, family_id: str, name: str, age_days: int) -> tuple[str, date]:
    born = today_in_stockholm() - timedelta(days=age_days)
    with store.write() as uow:
        child = families.add_child(
            uow,
            family_id=family_id,
            given_name=name,
            family_name="Exempel",
            birth_date=born,
            sex="female",
        )
    return child.id, born


def open_tab(qtbot: QtBot, harness: Harness, family_id: str) -> GrowthTab:
    tab = GrowthTab(harness.context)
    harness.keep(tab)
    tab.resize(800, 500)
    tab.show()
    with qtbot.waitSignal(tab.loaded):
        tab.show_family(family_id)
    return tab


@pytest.mark.usefixtures("swedish")
def test_opens_on_the_youngest_measured_child_and_names_one_without(
    qtbot: QtBot, harness: Harness, store: Store
) -> None:
    seeded = seed_family(store, age_days=700)  # the oldest, "Test", measured
    seed_weights(store, seeded.child_id, today_in_stockholm() - timedelta(days=700), {30: 4.4})
    middle, born = add_child(store, seeded.family_id, "Mira", 200)
    seed_weights(store, middle, born, {30: 4.2, 150: 7.0})
    youngest, _born = add_child(store, seeded.family_id, "Lilla", 20)  # nothing measured
    tab = open_tab(qtbot, harness, seeded.family_id)
    assert tab.child.currentData() == middle  # not the first in the list, not the unmeasured
    qtbot.waitUntil(lambda: len(tab.chart.curves) == 7, timeout=20000)
    assert "Inga mätningar" not in tab.note.text()
    with qtbot.waitSignal(tab.chart_ready, timeout=20000):
        tab.child.setCurrentIndex(tab.child.findData(youngest))
    assert tab.note.text().startswith("Inga mätningar för Lilla än.")
    assert tab.chart.points == []


def test_a_family_without_measurements_opens_on_its_first_child_with_the_note(
    qtbot: QtBot, harness: Harness, store: Store
) -> None:
    seeded = seed_family(store, age_days=40)
    tab = open_tab(qtbot, harness, seeded.family_id)
    assert tab.child.currentData() == seeded.child_id
    qtbot.waitUntil(lambda: "No measurements for Test yet." in tab.note.text(), timeout=20000)
