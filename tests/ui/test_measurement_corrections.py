"""Correcting and voiding a measurement (and a journal entry) with a reason, from the Besök tab
and the timeline: the original stays visible, and the growth chart no longer scales to it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlmodel import select

from hembesok_desktop.domain.planning import stockholm_tz, today_in_stockholm
from hembesok_desktop.domain.timeline import TimelineKind
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.errors import InvalidInput, JournalRuleViolation
from hembesok_desktop.store.models import JournalEntry, Measurement
from hembesok_desktop.store.read.growth import measurement_view
from hembesok_desktop.store.services import clinical, contacts, journal
from hembesok_desktop.ui.family.timeline import TimelineTab
from hembesok_desktop.ui.growth.tab import GrowthTab
from hembesok_desktop.ui.journal.dialogs import VoidDialog
from hembesok_desktop.ui.visit.measurements import CorrectMeasurementDialog
from hembesok_desktop.ui.visit.tab import VisitTab
from tests.ui.documentation_support import Harness, Seeded, seed_family, ui_harness


@pytest.fixture
def harness(store: Store, qtbot: QtBot) -> Iterator[Harness]:
    yield from ui_harness(store)


def seed_outlier(store: Store) -> tuple[Seeded, str]:
    """A 3-month-old girl weighed 5,2 kg at 2 months and "45 kg" (a typo) at a done visit."""
    seeded = seed_family(store, age_days=91, code="HB3")
    born = today_in_stockholm() - timedelta(days=91)
    with store.write() as uow:
        clinical.record_measurement(
            uow, child_id=seeded.child_id, measured_on=born + timedelta(days=61), weight_kg=5.2
        )
        wrong = clinical.record_measurement(
            uow,
            child_id=seeded.child_id,
            measured_on=today_in_stockholm(),
            weight_kg=45.0,
            length_cm=61.0,
            contact_id=seeded.contact_id,
        )
        contacts.record_contact(
            uow, seeded.contact_id, status="done", performed_at=datetime.now(stockholm_tz())
        )
    return seeded, wrong.id


def measurements(store: Store) -> list[Measurement]:
    with store.read() as session:
        return list(session.exec(select(Measurement).order_by(Measurement.measured_on)).all())


def test_void_and_correct_keep_the_original(store: Store) -> None:
    seeded, wrong = seed_outlier(store)
    with pytest.raises(InvalidInput), store.write() as uow:
        clinical.void_measurement(uow, wrong, reason="  ")
    with pytest.raises(InvalidInput), store.write() as uow:  # a bad value: nothing changes
        clinical.correct_measurement(uow, wrong, reason="Skrivfel", weight_kg=-4.5)
    assert [m.voided_reason for m in measurements(store)] == ["", ""]
    with store.write() as uow:
        new = clinical.correct_measurement(
            uow, wrong, reason="Skrivfel", weight_kg=4.5, length_cm=61.0
        )
    rows = {m.id: m for m in measurements(store)}
    assert len(rows) == 3 and rows[wrong].voided_reason == "Skrivfel"
    assert rows[wrong].weight_kg == 45.0  # the original is kept as it was
    assert rows[new.id].contact_id == seeded.contact_id and rows[new.id].weight_kg == 4.5
    with pytest.raises(JournalRuleViolation), store.write() as uow:
        clinical.void_measurement(uow, wrong, reason="igen")


def open_visits(qtbot: QtBot, harness: Harness, family_id: str) -> VisitTab:
    tab = VisitTab(harness.context)
    harness.keep(tab)
    harness.context.runner.changed.connect(tab.refresh)
    with qtbot.waitSignal(tab.loaded):
        tab.show_family(family_id)
    return tab


def open_growth(qtbot: QtBot, harness: Harness, family_id: str) -> GrowthTab:
    tab = GrowthTab(harness.context)
    harness.keep(tab)
    harness.context.runner.changed.connect(tab.refresh)
    tab.lines.setCurrentIndex(tab.lines.findData("centiles"))  # the five WHO centiles
    tab.resize(800, 500)
    tab.show()
    with qtbot.waitSignal(tab.loaded):
        tab.show_family(family_id)
    qtbot.waitUntil(lambda: len(tab.chart.curves) == 5, timeout=20000)
    return tab


def test_voiding_from_the_visits_tab_keeps_it_visible_and_off_the_chart_scale(
    qtbot: QtBot, harness: Harness, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded, wrong = seed_outlier(store)
    growth = open_growth(qtbot, harness, seeded.family_id)
    # before: the outlier is plotted (off the reference's scale, as a marker on the edge)
    assert 45.0 in [v for _a, v in growth.chart.points]
    tab = open_visits(qtbot, harness, seeded.family_id)
    row = tab.model.row_of(seeded.contact_id)
    assert tab.model.index(row, 4).data() == "45 kg, 61 cm"
    monkeypatch.setattr(VoidDialog, "ask", classmethod(lambda cls, *a, **k: "Fel våg"))
    menu = tab.measurement_menu(tab.model.contact(row))
    assert menu is not None
    void = next(a for a in menu.actions() if "Void" in a.text())
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        void.trigger()
    cell = tab.model.index(tab.model.row_of(seeded.contact_id), 4)
    assert cell.data() == "45 kg, 61 cm (Voided: Fel våg)"  # still there, with the reason
    assert cell.data(Qt.ItemDataRole.FontRole).strikeOut()
    assert tab.measurement_menu(tab.model.contact(cell.row())) is None  # voided: final
    assert [m.voided_reason for m in measurements(store)] == ["", "Fel våg"]
    qtbot.waitUntil(lambda: [v for _a, v in growth.chart.points] == [5.2], timeout=20000)
    assert growth.chart.value_range()[1] < 15
    assert [m.id for m in growth.data.voided] == [wrong]  # type: ignore[union-attr]


def test_correcting_from_the_visits_tab_records_the_new_values(
    qtbot: QtBot, harness: Harness, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded, _wrong = seed_outlier(store)
    tab = open_visits(qtbot, harness, seeded.family_id)
    answer = ({"weight": 4.5, "length": 61.0, "head_circumference": None}, "Skrivfel")
    monkeypatch.setattr(CorrectMeasurementDialog, "ask", classmethod(lambda cls, *a: answer))
    menu = tab.measurement_menu(tab.model.contact(tab.model.row_of(seeded.contact_id)))
    assert menu is not None
    correct = next(a for a in menu.actions() if "Correct" in a.text())
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        correct.trigger()
    cell = tab.model.index(tab.model.row_of(seeded.contact_id), 4)
    assert cell.data() == "4,5 kg, 61 cm · corrected from 45 kg, 61 cm"
    assert "Voided: Skrivfel" in cell.data(Qt.ItemDataRole.ToolTipRole)
    weights = sorted((m.weight_kg, m.voided_reason) for m in measurements(store))
    assert weights == [(4.5, ""), (5.2, ""), (45.0, "Skrivfel")]


def test_the_correction_dialog_needs_a_reason_and_a_change(qtbot: QtBot, harness: Harness, store):
    seed_outlier(store)
    view = next(m for m in measurements(store) if m.weight_kg == 45.0)
    with store.read() as session:
        dialog = CorrectMeasurementDialog(measurement_view(session, view.id))
    harness.keep(dialog)
    assert dialog.edits["weight"].text() == "45" and not dialog.ok.isEnabled()
    dialog.reason.setPlainText("Skrivfel")
    assert not dialog.ok.isEnabled()  # nothing changed yet
    dialog.edits["weight"].setText("4,5")
    assert dialog.ok.isEnabled()
    dialog.edits["weight"].setText("fyra")
    assert not dialog.ok.isEnabled()


def open_timeline(qtbot: QtBot, harness: Harness, family_id: str) -> TimelineTab:
    tab = TimelineTab(harness.context)
    harness.keep(tab)
    harness.context.runner.changed.connect(tab.refresh)
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        tab.show_family(family_id)
    return tab


def timeline_items(tab: TimelineTab, kind: TimelineKind) -> list:
    return [i for i in tab.model._items if i.kind == kind]


def test_voiding_a_measurement_and_an_entry_from_the_timeline(
    qtbot: QtBot, harness: Harness, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded, wrong = seed_outlier(store)
    with store.write() as uow:
        entry = journal.write_entry(uow, family_id=seeded.family_id, text="Fel familj.")
        journal.sign_entry(uow, entry.id, author_name="Anna", author_title="BVC-sjuksköterska")
    tab = open_timeline(qtbot, harness, seeded.family_id)
    [weight] = [
        i for i in timeline_items(tab, TimelineKind.MEASUREMENT) if i.title.startswith("Vikt 45")
    ]
    menu = tab.item_menu(weight)
    assert menu is not None
    assert [a.text() for a in menu.actions()] == ["&Correct measurement…", "&Void measurement…"]
    monkeypatch.setattr(VoidDialog, "ask", classmethod(lambda cls, *a, **k: "Fel våg"))
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        menu.actions()[1].trigger()
    voided = [i for i in timeline_items(tab, TimelineKind.MEASUREMENT) if i.ref_id == wrong]
    assert len(voided) == 2  # weight and length: both still shown
    assert all("voided" in i.flags and i.detail == "Fel våg" for i in voided)
    assert "Voided" in tab.model.describe(voided[0]) and "Fel våg" in tab.model.describe(voided[0])
    assert tab.item_menu(voided[0]) is None
    [note] = timeline_items(tab, TimelineKind.JOURNAL)
    menu = tab.item_menu(note)
    assert menu is not None and len(menu.actions()) == 2  # correct, void
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        menu.actions()[1].trigger()
    [note] = timeline_items(tab, TimelineKind.JOURNAL)
    assert note.state == "voided" and note.title == "Fel familj."
    with store.read() as session:
        stored = session.get(JournalEntry, entry.id)
        assert stored is not None and stored.voided_reason == "Fel våg"
