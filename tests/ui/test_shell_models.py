"""The shell's item models pass Qt's model tester, on rows from a real demo store."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from hembesok_desktop.demo.caseload import fill_demo_caseload
from hembesok_desktop.domain.timeline import TimelineKind
from hembesok_desktop.store.caseload import caseload_row, caseload_rows
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.family_record import family_timeline
from hembesok_desktop.ui.caseload.model import BADGES_ROLE, COL_NOTES, CaseloadModel, badges
from hembesok_desktop.ui.family.timeline import IS_TODAY_ROLE, TimelineModel
from tests.support.catalogue import CATALOGUE

TODAY = date(2025, 3, 14)


def test_caseload_model(store: Store, qtmodeltester: ModelTester) -> None:
    fill_demo_caseload(store, catalogue=CATALOGUE, families=6, seed=3, today=TODAY)
    with store.read() as session:
        rows = caseload_rows(session, today=TODAY)
    model = CaseloadModel()
    model.set_rows(rows)
    qtmodeltester.check(model, force_py=True)  # stays connected: checks every change below
    assert model.rowCount() == 6 and model.columnCount() == 5
    assert model.data(model.index(0, 0)) == rows[0].display_name
    # one row updated in place, one removed
    first = rows[0]
    with store.read() as session:
        again = caseload_row(session, first.family_id, today=TODAY)
    assert again is not None
    assert model.update_row(again)
    model.remove_family(rows[1].family_id)
    assert model.rowCount() == 5 and model.row_of(rows[1].family_id) == -1
    with_badges = [r for r in rows if badges(r)]
    for row in with_badges:
        index = model.index(model.row_of(row.family_id), COL_NOTES)
        if index.isValid():
            assert model.data(index, BADGES_ROLE) == badges(row)
            assert model.data(index, Qt.ItemDataRole.AccessibleTextRole)
    model.clear()
    assert model.rowCount() == 0


def test_timeline_model(store: Store, qtmodeltester: ModelTester) -> None:
    fill_demo_caseload(store, catalogue=CATALOGUE, families=2, seed=5, today=TODAY)
    with store.read() as session:
        family_id = caseload_rows(session, today=TODAY)[0].family_id
        items = family_timeline(session, family_id, catalogue=CATALOGUE, today=TODAY)
    model = TimelineModel()
    model.set_items(items)
    qtmodeltester.check(model, force_py=True)
    today = model.today_row()
    assert today >= 0
    assert model.data(model.index(today), IS_TODAY_ROLE) is True
    assert (
        sum(bool(model.data(model.index(r), IS_TODAY_ROLE)) for r in range(model.rowCount())) == 1
    )
    contact_rows = [i for i in items if i.kind == TimelineKind.CONTACT]
    assert contact_rows
    text = model.data(model.index(items.index(contact_rows[0])))
    assert contact_rows[0].title in text


def test_caseload_model_filters_loaded_rows(store: Store, qtmodeltester: ModelTester) -> None:
    fill_demo_caseload(store, catalogue=CATALOGUE, families=6, seed=3, today=TODAY)
    with store.read() as session:
        rows = caseload_rows(session, today=TODAY)
    model = CaseloadModel()
    model.set_rows(rows)
    qtmodeltester.check(model, force_py=True)
    wanted = {rows[1].family_id, rows[4].family_id}
    model.set_filter([*wanted, "no-such-family"])
    assert model.filtered
    # the loaded order is kept
    assert [row.family_id for row in model.rows()] == [rows[1].family_id, rows[4].family_id]
    assert model.row_of(rows[0].family_id) == -1 and model.is_loaded(rows[0].family_id)
    # a filtered-out row is still refreshed, and shown with its new data when the filter goes
    with store.read() as session:
        again = caseload_row(session, rows[0].family_id, today=TODAY)
    assert again is not None and model.update_row(again)
    assert model.rowCount() == 2
    # a new list keeps the filter unless one is given with it
    model.set_rows(rows[:3])
    assert [row.family_id for row in model.rows()] == [rows[1].family_id]
    model.set_rows(rows, None)
    assert not model.filtered and model.rowCount() == 6
    model.set_filter(wanted)
    model.remove_family(rows[4].family_id)
    assert not model.is_loaded(rows[4].family_id)
    model.set_filter(None)
    assert model.rowCount() == 5 and model.row_of(rows[0].family_id) == 0
    model.clear()
    assert model.rowCount() == 0 and not model.filtered
