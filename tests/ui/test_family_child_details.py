"""The child's gestational age at birth and vaccination risk indicators: edited from the
Family tab in a small dialog, shown there, and used by the growth tab to correct the age."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from hembesok_desktop.domain.planning import today_in_stockholm
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.models import Child
from hembesok_desktop.ui.family.child_details import ChildDetails, ChildDetailsDialog
from hembesok_desktop.ui.growth.tab import GrowthTab
from tests.ui.documentation_support import Harness, seed_family, ui_harness
from tests.ui.test_family_add_people import make_family, open_details
from tests.ui.test_growth_chart import seed_weights


@pytest.fixture
def harness(store: Store, qtbot: QtBot) -> Iterator[Harness]:
    yield from ui_harness(store)


def child_row(store: Store, child_id: str) -> Child:
    with store.read() as session:
        child = session.get(Child, child_id)
    assert child is not None
    return child


def texts(tab: QWidget) -> str:
    return "\n".join(label.text() for label in tab.findChildren(QLabel))


def test_the_dialog_gives_weeks_and_days_or_not_known(qtbot: QtBot, harness: Harness, store):
    family_id, _child = make_family(store, born=today_in_stockholm() - timedelta(days=130))
    tab = open_details(qtbot, harness, family_id)
    assert tab.record is not None
    [child] = tab.record.children
    dialog = ChildDetailsDialog(child)
    harness.keep(dialog)
    assert dialog.unknown.isChecked() and not dialog.weeks.isEnabled()
    assert dialog.details() == ChildDetails(None, dict.fromkeys(dialog.indicators, False))
    dialog.unknown.setChecked(False)
    assert (dialog.weeks.minimum(), dialog.weeks.maximum()) == (22, 44)
    assert (dialog.days.minimum(), dialog.days.maximum()) == (0, 6)
    dialog.weeks.setValue(32)
    dialog.days.setValue(3)
    dialog.indicators["bcg_indicated"].setChecked(True)
    details = dialog.details()
    assert details.gestational_age_days == 32 * 7 + 3
    assert details.indicators == {
        "bcg_indicated": True,
        "mother_hbsag_positive": False,
        "rotavirus_three_dose": False,
    }


def test_details_saved_from_the_family_tab_are_shown_and_correct_the_growth_chart(
    qtbot: QtBot, harness: Harness, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded = seed_family(store, age_days=130, sex="female")
    family_id, child_id = seeded.family_id, seeded.child_id
    born = today_in_stockholm() - timedelta(days=130)
    tab = open_details(qtbot, harness, family_id)
    assert "Not known" in texts(tab)
    answer = ChildDetails(
        32 * 7,
        {"bcg_indicated": True, "mother_hbsag_positive": True, "rotavirus_three_dose": False},
    )
    monkeypatch.setattr(ChildDetailsDialog, "ask", classmethod(lambda cls, *a: answer))
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        tab.child_detail_buttons[child_id].click()
    child = child_row(store, child_id)
    assert child.gestational_age_days == 224
    assert child.bcg_indicated and child.mother_hbsag_positive and not child.rotavirus_three_dose
    shown = texts(tab)
    assert "32+0 weeks" in shown
    assert "BCG vaccination indicated" in shown and "HBsAg-positive" in shown
    assert "three doses" not in shown

    # the growth tab reads it from the child view and corrects her age
    seed_weights(store, child_id, born, {121: 5.2})
    growth = GrowthTab(harness.context)
    harness.keep(growth)
    growth.resize(800, 500)
    growth.show()
    with qtbot.waitSignal(growth.loaded):
        growth.show_family(family_id)
    qtbot.waitUntil(lambda: growth.chart.corrected, timeout=20000)
    assert "32+0" in growth.note.text()

    # set back to not known: the gestational age is cleared
    unknown = ChildDetails(None, dict(answer.indicators))
    monkeypatch.setattr(ChildDetailsDialog, "ask", classmethod(lambda cls, *a: unknown))
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        tab.child_detail_buttons[child_id].click()
    assert child_row(store, child_id).gestational_age_days is None
    assert "Not known" in texts(tab)
