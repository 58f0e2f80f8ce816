"""``WorkerReplica``: the sync engine's store port, run one short step at a time on the store
worker.

The sync itself (its HTTP requests) runs on a thread of its own. Each time the engine needs the
store (read a batch of pending changes, acknowledge a batch, apply a pulled page...), the call
is handed to the session's ``TaskRunner`` (through the GUI thread, which owns it) and the sync
thread waits for its result. Other views' tasks queue between these steps, so the worker is
never held for a network round trip. Every step is one transaction of ``store.replica``; the
engine is safe to stop between any two of them.

``cancel()`` (on lock or quit) makes the waiting call and every later one raise
``SyncCancelled``; a step already on the worker finishes normally.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal, Slot

from ...protocol.wire import EncodedChange, PulledPage
from ...store.sync_port import StoreReplica
from ...store.unit_of_work import Changed
from ...sync.engine import PageApplied
from ..tasks import TaskRunner

T = TypeVar("T")


class SyncCancelled(Exception):
    """The session ended (lock or quit) while a sync was running."""


class _Relay(QObject):
    """Lives on the GUI thread; runs jobs the sync thread sends it there."""

    submit = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.submit.connect(self._run)

    @Slot(object)
    def _run(self, job: Callable[[], None]) -> None:
        job()


class WorkerReplica:
    """``ReplicaPort`` whose every call is one task on ``runner`` (called from the sync thread)."""

    def __init__(
        self, replica: StoreReplica, runner: TaskRunner, relay_parent: QObject | None = None
    ) -> None:
        self._inner = replica
        self._runner = runner
        self._relay = _Relay(relay_parent)
        self._cancelled = threading.Event()
        self._lock = threading.Lock()
        self._waiting: set[Future[Any]] = set()
        #: how many worker steps this sync has used (tests and diagnostics)
        self.steps = 0

    # -- plumbing ---------------------------------------------------------------------------
    def cancel(self) -> None:
        self._cancelled.set()
        with self._lock:
            waiting = list(self._waiting)
        for future in waiting:
            if not future.done():
                future.set_exception(SyncCancelled())

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def _call(self, work: Callable[[], T], name: str) -> T:
        if self._cancelled.is_set():
            raise SyncCancelled()
        future: Future[T] = Future()

        def settle(result: Any = None, error: BaseException | None = None) -> None:
            if future.done():
                return
            if error is not None:
                future.set_exception(error)
            else:
                future.set_result(result)

        def job() -> None:  # on the GUI thread
            if self._cancelled.is_set():
                settle(error=SyncCancelled())
                return
            self._runner.run(
                work,
                on_done=lambda result: settle(result),
                on_error=lambda error: settle(error=error),
                name=name,
            )

        with self._lock:
            self._waiting.add(future)
        try:
            self._relay.submit.emit(job)
            while True:
                try:
                    result = future.result(timeout=0.25)
                    break
                except FutureTimeout:
                    if self._cancelled.is_set():
                        raise SyncCancelled() from None
        finally:
            with self._lock:
                self._waiting.discard(future)
        self.steps += 1
        return result

    # -- ReplicaPort ------------------------------------------------------------------------
    def count_pending(self) -> int:
        return self._call(self._inner.count_pending, "sync-count")

    def pending_changes(self, limit: int, *, after: int = 0) -> list[EncodedChange]:
        return self._call(lambda: self._inner.pending_changes(limit, after=after), "sync-outbox")

    def acknowledge(self, accepted: Sequence[str], rejected: Sequence[tuple[str, str]]) -> None:
        self._call(lambda: self._inner.acknowledge(accepted, rejected), "sync-acknowledge")

    def cursor(self) -> str | None:
        return self._call(self._inner.cursor, "sync-cursor")

    def node(self) -> str | None:  # held in memory since the store opened: no database work
        return self._inner.node()

    def apply_page(self, page: PulledPage) -> PageApplied:
        return self._call(lambda: self._inner.apply_page(page), "sync-apply")

    def families_to_remove(self) -> list[str]:
        return self._call(self._inner.families_to_remove, "sync-removals")

    def remove_families(self, family_ids: Sequence[str]) -> Changed:
        return self._call(lambda: self._inner.remove_families(family_ids), "sync-remove")

    def sync_finished(self) -> None:
        self._call(self._inner.sync_finished, "sync-finished")

    def open_conflicts(self) -> int:
        return self._call(self._inner.open_conflicts, "sync-conflicts")

    def quarantined(self) -> int:
        return self._call(self._inner.quarantined, "sync-quarantined")
