"""The sync status: enrollment, last sync and the counts the top bar shows (count queries only).

The counts are ``store.replica``'s own (the sync engine uses the same functions).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .. import replica
from ..database import Store


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


def read_overview(store: Store) -> SyncOverview:
    """Enrollment, last sync and three counts."""
    state = replica.sync_state(store)
    return SyncOverview(
        enrolled=state.enrolled,
        last_synced_at=_parse(state.last_synced_at),
        pending=replica.count_pending(store),
        conflicts=replica.open_conflicts(store),
        # refused changes and pulled rows set aside are shown together
        quarantined=replica.count_quarantined(store) + len(replica.set_aside_rows(store)),
    )
