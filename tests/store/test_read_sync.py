"""store.read.sync_overview and conflicts: the status counts (replica's own) and the items of
the conflicts dialog, with family and person names."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import col, select

from hembesok_desktop.domain.hlc import Timestamp
from hembesok_desktop.store import replica
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.models import Child, Conflict, PendingChange
from hembesok_desktop.store.read.conflicts import conflict_items, refused_items
from hembesok_desktop.store.read.sync_overview import read_overview
from tests.store.read_support import assert_views_only, busiest_family, fill

WRITTEN = datetime(2026, 11, 20, 8, 30, tzinfo=UTC)


def stamp(moment: datetime) -> str:
    return Timestamp(int(moment.timestamp() * 1000), 0, "device-a").encode()


def test_overview_counts_pending_conflicts_and_quarantined(store: Store) -> None:
    fill(store)
    family_id = busiest_family(store)
    with store.read() as session:
        child = session.exec(select(Child).where(Child.family_id == family_id)).first()
        change = session.exec(select(PendingChange).order_by(col(PendingChange.seq))).first()
    assert child is not None and change is not None
    before = read_overview(store)
    assert before.pending == replica.count_pending(store) > 0
    assert (before.enrolled, before.conflicts, before.quarantined) == (False, 0, 0)
    assert replica.quarantine(store, change.change_id, "Refused: field too long")
    with store.write_session() as session:
        session.add(
            Conflict(
                family_id=family_id,
                row_entity="child",
                row_id=child.id,
                field="given_name",
                winning_value="Sara",
                winning_hlc=stamp(WRITTEN),
                losing_value="Sarah",
                losing_hlc=stamp(WRITTEN.replace(hour=7)),
            )
        )
    after = read_overview(store)
    assert (after.pending, after.conflicts, after.quarantined) == (before.pending - 1, 1, 1)

    with store.read() as session:
        conflicts = conflict_items(session)
        refused = refused_items(session)
    assert_views_only((tuple(conflicts), tuple(refused)))
    (item,) = conflicts
    assert (item.family_id, item.entity, item.field) == (family_id, "child", "given_name")
    assert item.person == f"{child.given_name} {child.family_name}"
    assert item.family_name  # the guardians' names
    assert (item.winning_value, item.losing_value) == ("Sara", "Sarah")
    assert item.winning_at == WRITTEN and item.losing_at == WRITTEN.replace(hour=7)
    (gone,) = refused
    assert (gone.change_id, gone.reason) == (change.change_id, "Refused: field too long")
    assert gone.created_at is not None and gone.created_at.tzinfo is not None
