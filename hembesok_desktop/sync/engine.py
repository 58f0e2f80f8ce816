"""One sync: push the outbox, pull the server's changes, remove families that left the scope.

``run_sync(replica, client)`` works against two small ports: ``ReplicaPort`` (the local store,
satisfied by ``hembesok_desktop.store.sync_port.StoreReplica``) and ``ServerPort`` (satisfied by
``client.SyncClient``). It is safe to interrupt at any point and simply run again:

1. **Push**, oldest first, in batches of ``batch_size`` (and at most ``BATCH_BYTES`` of JSON),
   each change sent as the outbox encoded it (``protocol.wire.EncodedChange``), with a fresh
   batch id; while the server applies one batch the laptop settles the previous one and reads
   the next (``_push``). A change is marked sent only after the server's answer listed it as
   accepted; one it rejected is quarantined with the server's reason, and the rest of the
   queue goes on. A batch whose answer was lost
   is sent again next time; the server applies each change id once.
2. **Pull** pages after the saved cursor until ``has_more`` is false, naming this replica's node
   (``ReplicaPort.node``) so the server does not send back what only this laptop wrote. Each
   page's rows, its cursor and the families it reports as removed are saved in one local
   transaction, so a crash repeats at most one page (applying a row twice changes nothing).
   While one page is applied the next is already being fetched (one worker thread), unless the
   page reports removed families (``_may_fetch_ahead`` says why); the pages are still applied
   one after another, in order.
3. **Remove** families that left the nurse's scope, only those without a pending change (a
   change made during this sync is pushed, and refused with a reason, next time first).

Progress goes to ``progress(SyncProgress(phase, done, total))``; ``total`` is None when unknown
(the pull's length). Errors are ``client.SyncError`` with one sentence.

What the sync changed on the laptop is ``SyncSummary.changed`` (``domain.changes.Changed``, the
type a local write returns): the union of every pulled page's ``PageApplied.changed`` and of
what removing families deleted, so the window refreshes only those families and rows.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Protocol

from ..domain.changes import Changed, PageApplied
from ..domain.hlc import ClockDriftError
from ..protocol.wire import CLOCK_AHEAD_REASON, EncodedChange, PulledPage, PushResponse
from .client import ProtocolMismatch, SyncError

#: changes per push: the server takes up to ``server.push.MAX_BATCH`` (2,000) and a body of
#: ``protocol.schema.MAX_BODY_BYTES``; ``BATCH_BYTES`` bounds a batch of long journal texts
DEFAULT_BATCH_SIZE = 1000
BATCH_BYTES = 4 * 1024 * 1024
#: rows asked for per pull page, the most the server gives (``server.pull.MAX_LIMIT``): the fixed
#: cost of a page (the server's device, scope and book-keeping; the laptop's commit, which
#: encrypts and syncs the pages it wrote) is paid once per 5,000 rows. A page is about 6.5 MB of
#: JSON, 0.5 MB sent; applying 5,000-row pages took a tenth less than 2,000-row pages.
DEFAULT_PAGE_SIZE = 5000


@dataclass(frozen=True, slots=True)
class SyncProgress:
    phase: str  # "push" | "pull" | "remove" | "done"
    done: int
    total: int | None


@dataclass(frozen=True, slots=True)
class SyncSummary:
    pushed: int
    rejected: int
    pulled: int
    removed_families: int
    new_conflicts: int
    open_conflicts: int
    quarantined: int
    #: what the sync changed on this laptop (pulled rows, families removed from scope)
    changed: Changed = field(default_factory=Changed)
    #: pulled rows this laptop could not store (set aside with their reasons)
    set_aside: int = 0
    #: the server refused changes because this laptop's clock is far ahead of its own
    clock_ahead: bool = False


class ReplicaPort(Protocol):
    """What a sync needs from the local store."""

    def count_pending(self) -> int: ...

    def pending_changes(self, limit: int, *, after: int = 0) -> list[EncodedChange]:
        """The oldest ``limit`` pending changes whose outbox place (``seq``) is after
        ``after``."""
        ...

    def acknowledge(self, accepted: Sequence[str], rejected: Sequence[tuple[str, str]]) -> None:
        """Mark ``accepted`` sent and quarantine ``rejected`` (id, reason), in one transaction."""
        ...

    def cursor(self) -> str | None: ...

    def node(self) -> str | None:
        """This replica's node (the one its version stamps name), sent with each pull so the
        server leaves out the records only this replica wrote; None to be sent everything."""
        ...

    def apply_page(self, page: PulledPage) -> PageApplied:
        """Apply the rows, save the cursor and the removed families, in one transaction."""
        ...

    def families_to_remove(self) -> list[str]: ...

    def remove_families(self, family_ids: Sequence[str]) -> Changed:
        """Remove those without a pending change; what was deleted (``family_ids`` removed)."""
        ...

    def sync_finished(self) -> None: ...

    def open_conflicts(self) -> int: ...

    def quarantined(self) -> int: ...


class _Union:
    """Adds up the pages' ``Changed`` in place (a first sync pulls every row of the caseload:
    uniting frozen sets page by page would copy them all again for each page)."""

    def __init__(self) -> None:
        self.entities: set[str] = set()
        self.row_ids: set[str] = set()
        self.family_ids: set[str] = set()

    def add(self, changed: Changed) -> None:
        self.entities |= changed.entities
        self.row_ids |= changed.row_ids
        self.family_ids |= changed.family_ids

    def frozen(self) -> Changed:
        return Changed(
            entities=frozenset(self.entities),
            row_ids=frozenset(self.row_ids),
            family_ids=frozenset(self.family_ids),
        )


class ServerPort(Protocol):
    def push(
        self, changes: Sequence[EncodedChange], *, batch_id: str | None = None
    ) -> PushResponse: ...

    def pull(self, cursor: str | None, limit: int, *, node: str | None = None) -> PulledPage: ...


CLOCK_MESSAGE = (
    "This laptop's clock is more than a day behind the server's; correct the date and time and "
    "sync again."
)


def _ignore(_progress: SyncProgress) -> None:
    return None


def run_sync(
    replica: ReplicaPort,
    client: ServerPort,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    page_size: int = DEFAULT_PAGE_SIZE,
    progress: Callable[[SyncProgress], None] = _ignore,
) -> SyncSummary:
    if batch_size < 1 or page_size < 1:
        raise ValueError("batch_size and page_size must be positive")
    pushed, rejected, clock_ahead = _push(replica, client, batch_size, progress)
    pulled, new_conflicts, changed, set_aside = _pull(replica, client, page_size, progress)
    targets = replica.families_to_remove()
    progress(SyncProgress("remove", 0, len(targets)))
    removed = replica.remove_families(targets) if targets else Changed()
    progress(SyncProgress("remove", len(removed.family_ids), len(targets)))
    replica.sync_finished()
    progress(SyncProgress("done", 1, 1))
    return SyncSummary(
        pushed=pushed,
        rejected=rejected,
        pulled=pulled,
        removed_families=len(removed.family_ids),
        new_conflicts=new_conflicts,
        open_conflicts=replica.open_conflicts(),
        quarantined=replica.quarantined(),
        changed=changed | removed,
        set_aside=set_aside,
        clock_ahead=clock_ahead,
    )


@dataclass
class _Pushed:
    """What the push has settled so far."""

    total: int
    done: int = 0
    pushed: int = 0
    rejected: int = 0
    clock_ahead: bool = False


def _push(
    replica: ReplicaPort,
    client: ServerPort,
    batch_size: int,
    progress: Callable[[SyncProgress], None],
) -> tuple[int, int, bool]:
    """Push the outbox in batches, one request at a time, the laptop's work overlapped with the
    server's: while the server applies batch N, the laptop acknowledges batch N-1 and reads
    batch N+1 (``pending_changes(after=...)``, past what is in flight). A batch is still marked
    sent only after its answer; a crash leaves at most two answered batches unacknowledged,
    which are sent again and applied once."""
    tally = _Pushed(total=replica.count_pending())
    progress(SyncProgress("push", 0, tally.total))
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-push") as sender:
        in_flight: tuple[list[EncodedChange], Future[PushResponse]] | None = None
        batch = _within_bytes(replica.pending_changes(batch_size))
        while batch or in_flight is not None:
            sending = None
            if batch and batch[-1].seq <= 0:
                raise ValueError("pending changes must carry their place in the outbox (seq)")
            if batch:
                sending = (batch, sender.submit(client.push, batch, batch_id=str(uuid.uuid4())))
            try:
                if in_flight is not None:
                    _settle(replica, *in_flight, tally)
                    progress(SyncProgress("push", tally.done, max(tally.total, tally.done)))
                following = (
                    _within_bytes(replica.pending_changes(batch_size, after=batch[-1].seq))
                    if batch
                    else []
                )
            except BaseException:
                if sending is not None:
                    sending[1].cancel()  # not sent after a failure (if not on its way yet)
                raise
            in_flight, batch = sending, following
    return tally.pushed, tally.rejected, tally.clock_ahead


def _settle(
    replica: ReplicaPort,
    batch: list[EncodedChange],
    answer: Future[PushResponse],
    tally: _Pushed,
) -> None:
    """Wait for ``batch``'s answer and acknowledge it: accepted changes marked sent, refused
    ones quarantined with the server's reason."""
    response = answer.result()
    sent = {change.change_id for change in batch}
    accepted = [change_id for change_id in response.accepted if change_id in sent]
    accepted_set = set(accepted)
    refused = [
        (item.change_id, item.reason)
        for item in response.rejected
        if item.change_id in sent and item.change_id not in accepted_set
    ]
    replica.acknowledge(accepted, refused)
    tally.clock_ahead = tally.clock_ahead or any(
        reason.startswith(CLOCK_AHEAD_REASON) for _id, reason in refused
    )
    answered = len(accepted_set) + len({change_id for change_id, _ in refused})
    tally.pushed += len(accepted_set)
    tally.rejected += len(refused)
    tally.done += answered
    if answered < len(sent):
        raise ProtocolMismatch("The server did not answer for every change sent.")


def _within_bytes(batch: list[EncodedChange]) -> list[EncodedChange]:
    """The oldest changes of ``batch`` whose JSON fits in ``BATCH_BYTES`` (at least one); the
    rest stay pending for the next batch."""
    size = 0
    for count, change in enumerate(batch):
        size += len(change.json) + 1
        if size > BATCH_BYTES and count > 0:
            return batch[:count]
    return batch


def _pull(
    replica: ReplicaPort,
    client: ServerPort,
    page_size: int,
    progress: Callable[[SyncProgress], None],
) -> tuple[int, int, Changed, int]:
    """Pull pages until the feed is exhausted, fetching the next page while this one is applied
    when that is safe (``_may_fetch_ahead``)."""
    pulled = new_conflicts = set_aside = 0
    changed = _Union()
    progress(SyncProgress("pull", 0, None))
    node = replica.node()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-pull") as fetcher:
        page = client.pull(replica.cursor(), page_size, node=node)
        while True:
            ahead: Future[PulledPage] | None = None
            if _may_fetch_ahead(page):
                ahead = fetcher.submit(client.pull, page.next_cursor, page_size, node=node)
            try:
                applied = replica.apply_page(page)
            except ClockDriftError:
                raise SyncError(CLOCK_MESSAGE) from None
            pulled += applied.rows
            new_conflicts += applied.new_conflicts
            set_aside += applied.set_aside
            changed.add(applied.changed)
            progress(SyncProgress("pull", pulled, None if page.has_more else pulled))
            if not page.has_more:
                return pulled, new_conflicts, changed.frozen(), set_aside
            if ahead is not None:
                page = ahead.result()
            else:
                page = client.pull(page.next_cursor, page_size, node=node)


def _may_fetch_ahead(page: PulledPage) -> bool:
    """Whether the next page may be requested (with ``page``'s cursor) before ``page`` is applied.

    Sending a cursor tells the server this laptop processed the answer it came with (see
    ``server.pull``). For the rows that is harmless before the page is stored: a laptop that
    stops before storing it resumes from the previous page's cursor, and the server, which
    decides from the cursor it is sent, answers those rows again. The one thing the server
    *forgets* on such an acknowledgement is a family it reported as removed from the scope, so
    a page that reports removed families is stored first, and only then is the next one asked
    for; the pages before it were stored already, since pages are applied one after another.
    """
    return page.has_more and not page.removed_families
