"""store.read.family, timeline, history and caseload on a demo store: the same rows, in the
same order, as the store's own loaders, as frozen views."""

from __future__ import annotations

import dataclasses

import pytest

from hembesok_desktop.store.database import Store
from hembesok_desktop.store.errors import NotFound
from hembesok_desktop.store.family_record import family_timeline, load_family
from hembesok_desktop.store.read import caseload, history
from hembesok_desktop.store.read.family import family_record
from hembesok_desktop.store.read.timeline import timeline_view
from tests.store.read_support import TODAY, assert_views_only, busiest_family, fill
from tests.support.catalogue import CATALOGUE


@pytest.fixture
def family_id(store: Store) -> str:
    fill(store)
    return busiest_family(store)


def test_family_record_holds_every_row_as_views_in_order(store: Store, family_id: str) -> None:
    with store.read() as session:
        view = family_record(session, family_id)
        rows = load_family(session, family_id)
    assert_views_only(view)
    assert view.family.id == family_id and view.family.address == rows.family.address
    for name in (
        "guardians",
        "children",
        "enrollments",
        "contacts",
        "journal_entries",
        "measurements",
        "responses",
        "follow_ups",
    ):
        assert [v.id for v in getattr(view, name)] == [r.id for r in getattr(rows, name)], name
    assert view.responses and view.follow_ups and view.journal_entries
    assert view.family.languages == tuple(rows.family.languages)
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.family.phone = "070"  # type: ignore[misc]


def test_family_record_of_an_unknown_family_is_not_found(store: Store) -> None:
    with store.read() as session, pytest.raises(NotFound):
        family_record(session, "no-such-family")


def test_timeline_view_is_the_family_timeline_with_its_children(
    store: Store, family_id: str
) -> None:
    with store.read() as session:
        view = timeline_view(session, family_id, today=TODAY, catalogue=CATALOGUE)
        expected = family_timeline(session, family_id, today=TODAY, catalogue=CATALOGUE)
        child = view.children[-1]
        one = timeline_view(session, family_id, today=TODAY, catalogue=CATALOGUE, child_id=child.id)
        one_expected = family_timeline(
            session, family_id, today=TODAY, catalogue=CATALOGUE, child_id=child.id
        )
        gone = timeline_view(
            session, family_id, today=TODAY, catalogue=CATALOGUE, child_id="not-a-child"
        )
    assert_views_only(view)
    assert view.items == tuple(expected)
    assert [c.id for c in view.children] == [c.id for c in load_children(store, family_id)]
    assert one.items == tuple(one_expected)
    assert gone.items == view.items  # a child no longer in the family shows them all


def load_children(store: Store, family_id: str) -> tuple[object, ...]:
    with store.read() as session:
        return tuple(load_family(session, family_id).children)


def test_history_and_caseload_reads_are_frozen(store: Store, family_id: str) -> None:
    with store.read() as session:
        entries = history.family_history(session, family_id)
        rows = caseload.caseload_rows(session, today=TODAY)
        row = caseload.caseload_row(session, family_id, today=TODAY)
    assert entries
    assert_views_only(tuple(entries))
    assert row is not None and row in rows and isinstance(row, tuple)
