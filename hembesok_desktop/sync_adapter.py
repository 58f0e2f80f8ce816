"""The composition of the local store and the sync engine: ``StoreReplica`` satisfies
``sync.engine.ReplicaPort`` with the plain functions of ``store.replica``, converting between
their dicts and the protocol's models. It is the only module that imports both ``store`` and
``sync`` (they must not import each other)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .protocol.wire import Change, PullResponse
from .store import replica
from .store.database import Store
from .store.sync_port import save_enrollment
from .store.unit_of_work import Changed
from .sync.client import SyncClient
from .sync.engine import PageApplied, SyncProgress, SyncSummary, run_sync


class StoreReplica:
    def __init__(self, store: Store) -> None:
        self.store = store

    def count_pending(self) -> int:
        return replica.count_pending(self.store)

    def pending_changes(self, limit: int) -> list[Change]:
        return [
            Change(
                change_id=item["change_id"],
                entity=item["entity"],
                row_id=item["row_id"],
                family_id=item["family_id"],
                fields=item["fields"],
            )
            for item in replica.pending_changes(self.store, limit=limit)
        ]

    def acknowledge(self, accepted: Sequence[str], rejected: Sequence[tuple[str, str]]) -> None:
        replica.acknowledge(self.store, accepted, rejected)

    def cursor(self) -> str | None:
        return replica.sync_cursor(self.store)

    def apply_page(self, page: PullResponse) -> PageApplied:
        rows = [row.model_dump() for row in page.rows]
        summary = replica.apply_remote_rows(
            self.store, rows, cursor=page.next_cursor, removed_families=page.removed_families
        )
        return PageApplied(
            rows=summary.rows, new_conflicts=summary.new_conflicts, changed=summary.changed
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


class NotEnrolled(Exception):
    """This store has not been enrolled with a server."""


def client_for(store: Store, *, timeout: float = 30.0) -> SyncClient:
    """A client for the server this store is enrolled with (token from the encrypted store)."""
    state = replica.sync_state(store)
    if not state.server_url or not state.device_token:
        raise NotEnrolled("This laptop is not enrolled with a server; run 'hembesok enroll'.")
    return SyncClient(state.server_url, state.device_token, ca_file=state.ca_file, timeout=timeout)


def sync_store(
    store: Store,
    *,
    client: SyncClient | None = None,
    batch_size: int = 200,
    page_size: int = 500,
    progress: Callable[[SyncProgress], None] | None = None,
) -> SyncSummary:
    """One sync of ``store`` with its enrolled server (or ``client``)."""
    own = client is None
    http = client_for(store) if client is None else client
    try:
        kwargs = {} if progress is None else {"progress": progress}
        return run_sync(
            StoreReplica(store), http, batch_size=batch_size, page_size=page_size, **kwargs
        )
    finally:
        if own:
            http.close()


__all__ = ["NotEnrolled", "StoreReplica", "client_for", "save_enrollment", "sync_store"]
