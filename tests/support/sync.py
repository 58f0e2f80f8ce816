"""``sync_store(store)``: one sync of a real store with its enrolled server, as
``hembesok sync`` runs it (``sync.session.sync_replica`` on ``store.sync_port.StoreReplica``)."""

from __future__ import annotations

from typing import Any

from hembesok_desktop.store.database import Store
from hembesok_desktop.store.sync_port import StoreReplica
from hembesok_desktop.sync.engine import SyncSummary
from hembesok_desktop.sync.session import sync_replica


def sync_store(store: Store, **options: Any) -> SyncSummary:
    return sync_replica(StoreReplica(store), **options)
