"""What the sync status shows, read in one short task on the store worker (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import select

from ...store import replica
from ...store.database import Store
from ...store.models import PendingChange


@dataclass(frozen=True, slots=True)
class SyncOverview:
    enrolled: bool
    last_synced_at: datetime | None
    pending: int
    conflicts: int
    quarantined: int


def _parse(moment: str | None) -> datetime | None:
    if not moment:
        return None
    try:
        return datetime.fromisoformat(moment)
    except ValueError:
        return None


def count_quarantined(store: Store) -> int:
    with store.read() as session:
        statement = select(func.count()).select_from(PendingChange)
        return int(session.exec(statement.where(PendingChange.state == "quarantined")).one())


def read_overview(store: Store) -> SyncOverview:
    """Enrollment, last sync and three counts (count queries only)."""
    state = replica.sync_state(store)
    return SyncOverview(
        enrolled=state.enrolled,
        last_synced_at=_parse(state.last_synced_at),
        pending=replica.count_pending(store),
        conflicts=replica.open_conflicts(store),
        quarantined=count_quarantined(store),
    )
