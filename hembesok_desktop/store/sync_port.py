"""The store's side of sync, in the protocol's types.

- ``StoreReplica`` satisfies ``sync.engine.ReplicaPort`` with the plain functions of
  ``store.replica``, turning their dicts into the protocol's models and back; the sync engine
  (``sync/``, which never imports the store) drives it;
- ``save_enrollment`` keeps the server's enroll answer: the device id and token (inside the
  encrypted store) and the nurse as the store's actor, so signatures carry her name and title.
  Used by ``hembesok enroll``, the window's enroll dialog and the demo.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.changes import PageApplied
from ..protocol.wire import EncodedChange, EnrollResponse, PulledPage
from . import replica
from .database import Store
from .unit_of_work import Actor, Changed


class StoreReplica:
    """``sync.engine.ReplicaPort`` (and ``sync.session.EnrolledReplica``) on an unlocked store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def count_pending(self) -> int:
        return replica.count_pending(self.store)

    def pending_changes(self, limit: int, *, after: int = 0) -> list[EncodedChange]:
        return [
            EncodedChange(change_id=change_id, json=encoded, seq=seq)
            for seq, change_id, encoded in replica.pending_wire(
                self.store, limit=limit, after=after
            )
        ]

    def acknowledge(self, accepted: Sequence[str], rejected: Sequence[tuple[str, str]]) -> None:
        replica.acknowledge(self.store, accepted, rejected)

    def cursor(self) -> str | None:
        return replica.sync_cursor(self.store)

    def node(self) -> str | None:
        return self.store.replica_id

    def apply_page(self, page: PulledPage) -> PageApplied:
        summary = replica.apply_remote_rows(
            self.store, page.rows, cursor=page.next_cursor, removed_families=page.removed_families
        )
        return PageApplied(
            rows=summary.rows,
            new_conflicts=summary.new_conflicts,
            changed=summary.changed,
            set_aside=summary.skipped,
        )

    def families_to_remove(self) -> list[str]:
        return replica.families_to_remove(self.store)

    def remove_families(self, family_ids: Sequence[str]) -> Changed:
        return replica.remove_families(self.store, family_ids)

    def sync_finished(self) -> None:
        replica.record_sync_finished(self.store)

    def open_conflicts(self) -> int:
        return replica.open_conflicts(self.store)

    def quarantined(self) -> int:
        return len(replica.quarantined_changes(self.store))

    def enrollment(self) -> replica.SyncState:
        """The server address, device token and CA file this store was enrolled with."""
        return replica.sync_state(self.store)


def save_enrollment(
    store: Store, answer: EnrollResponse, *, server_url: str, ca_file: str | None = None
) -> str:
    """Keep the server's enrollment answer in the store: device, token and the nurse as actor."""
    nurse = answer.nurse
    replica.save_enrollment(
        store,
        server_url=server_url,
        device_id=answer.device_id,
        device_token=answer.token,
        ca_file=ca_file,
        actor=Actor(
            username=nurse.username,
            full_name=nurse.full_name,
            title=nurse.title,
            care_unit=nurse.teams[0] if nurse.teams else "",
        ),
    )
    return answer.device_id
