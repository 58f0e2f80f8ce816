"""One sync of an enrolled replica: the client for its server, then the engine.

``sync_replica(replica)`` opens a ``SyncClient`` for the server the replica was enrolled with
(address, device token and CA file from ``replica.enrollment()``, which the store keeps
encrypted) and runs ``engine.run_sync``; ``NotEnrolled`` when it never was. The command line
and tests use it with ``store.sync_port.StoreReplica``; the window runs the engine on its own
worker (``ui.sync.controller``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from .client import SyncClient
from .engine import DEFAULT_PAGE_SIZE, ReplicaPort, SyncProgress, SyncSummary, run_sync


class NotEnrolled(Exception):
    """This store has not been enrolled with a server."""


class Enrollment(Protocol):
    @property
    def server_url(self) -> str | None: ...

    @property
    def device_token(self) -> str | None: ...

    @property
    def ca_file(self) -> str | None: ...


class EnrolledReplica(ReplicaPort, Protocol):
    def enrollment(self) -> Enrollment: ...


def client_for(replica: EnrolledReplica, *, timeout: float = 30.0) -> SyncClient:
    """A client for the server ``replica`` is enrolled with."""
    state = replica.enrollment()
    if not state.server_url or not state.device_token:
        raise NotEnrolled("This laptop is not enrolled with a server; run 'hembesok enroll'.")
    return SyncClient(state.server_url, state.device_token, ca_file=state.ca_file, timeout=timeout)


def sync_replica(
    replica: EnrolledReplica,
    *,
    client: SyncClient | None = None,
    batch_size: int = 200,
    page_size: int = DEFAULT_PAGE_SIZE,
    progress: Callable[[SyncProgress], None] | None = None,
) -> SyncSummary:
    """One sync of ``replica`` with its enrolled server (or with ``client``)."""
    own = client is None
    http = client_for(replica) if client is None else client
    try:
        kwargs = {} if progress is None else {"progress": progress}
        return run_sync(replica, http, batch_size=batch_size, page_size=page_size, **kwargs)
    finally:
        if own:
            http.close()
