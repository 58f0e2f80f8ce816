"""``SyncController``: one sync at a time, in the background, for one unlocked session.

``start()`` reads the enrollment on the store worker, then runs ``sync.engine.run_sync`` on a
thread of its own with a ``WorkerReplica`` (each store step a short worker task) and a
``SyncClient`` (the network). Progress and the outcome arrive as signals on the GUI thread:

- ``started()``, ``progress(phase, done, total)`` (total -1 when unknown),
- ``finished(SyncSummary)`` or ``failed(str)`` (one translated sentence), then ``idle()``.

``stop()`` (lock, quit) cancels between steps and does not wait for the network; a stopped sync
is simply run again later (the engine is safe to interrupt anywhere).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from typing import Any

from PySide6.QtCore import QObject, Signal

from ...store import replica
from ...store.sync_port import StoreReplica
from ...sync.client import SyncClient
from ...sync.engine import SyncProgress, SyncSummary, run_sync
from ...sync.session import NotEnrolled
from ..context import AppContext
from .bridge import SyncCancelled, WorkerReplica
from .messages import sync_error_message

log = logging.getLogger(__name__)

#: smaller than the command line's, so each worker step stays short
BATCH_SIZE = 100
PAGE_SIZE = 200


class SyncController(QObject):
    started = Signal()
    progress = Signal(str, int, int)
    finished = Signal(object)
    failed = Signal(str)
    #: the sync ended (after finished/failed, or when stopped)
    idle = Signal()
    #: from the sync thread; delivered queued on the GUI thread
    _progress = Signal(object)
    _done = Signal(object, object)

    def __init__(
        self,
        ctx: AppContext,
        *,
        timeout: float = 30.0,
        batch_size: int = BATCH_SIZE,
        page_size: int = PAGE_SIZE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._timeout = timeout
        self._batch_size = batch_size
        self._page_size = page_size
        self._replica: WorkerReplica | None = None
        self._thread: threading.Thread | None = None
        self._starting = False
        self._progress.connect(self._on_progress)
        self._done.connect(self._on_done)

    @property
    def running(self) -> bool:
        return self._starting or self._replica is not None

    def start(self) -> bool:
        """Begin a sync; False when one is already running."""
        if self.running:
            return False
        self._starting = True
        self.started.emit()
        store = self._ctx.store
        self._ctx.runner.run(
            lambda: replica.sync_state(store),
            on_done=self._begin,
            on_error=lambda error: self._on_done(None, error),
            name="sync-state",
        )
        return True

    def stop(self) -> None:
        """Cancel a running sync (between steps); does not wait for the network."""
        self._starting = False
        if self._replica is not None:
            self._replica.cancel()
            self._replica = None
            self.idle.emit()

    def wait(self, timeout: float | None = None) -> None:
        """Wait for the sync thread to end (tests, quit)."""
        if self._thread is not None:
            self._thread.join(timeout)

    # -- internals --------------------------------------------------------------------------
    def _begin(self, state: replica.SyncState) -> None:
        if not self._starting:
            return
        self._starting = False
        if not state.enrolled or state.server_url is None or state.device_token is None:
            self._on_done(None, NotEnrolled("not enrolled"))
            return
        worker = WorkerReplica(StoreReplica(self._ctx.store), self._ctx.runner, self)
        self._replica = worker
        url, token, ca_file = state.server_url, state.device_token, state.ca_file
        batch, page, timeout = self._batch_size, self._page_size, self._timeout

        def run() -> None:
            outcome: Any = None
            failure: BaseException | None = None
            try:
                with SyncClient(url, token, ca_file=ca_file, timeout=timeout) as client:
                    outcome = run_sync(
                        worker,
                        client,
                        batch_size=batch,
                        page_size=page,
                        progress=self._emit_progress,
                    )
            except BaseException as error:  # reported on the GUI thread
                failure = error
            if worker.cancelled:
                return
            with contextlib.suppress(RuntimeError):  # the session (and this object) is gone
                self._done.emit(outcome, failure)

        self._thread = threading.Thread(target=run, name="sync", daemon=True)
        self._thread.start()

    def _emit_progress(self, update: SyncProgress) -> None:
        with contextlib.suppress(RuntimeError):
            self._progress.emit(update)

    def _on_progress(self, update: SyncProgress) -> None:
        if self.running:
            total = -1 if update.total is None else update.total
            self.progress.emit(update.phase, update.done, total)

    def _on_done(self, summary: SyncSummary | None, error: BaseException | None) -> None:
        self._starting = False
        self._replica = None
        if isinstance(error, SyncCancelled):
            self.idle.emit()
            return
        if error is not None or summary is None:
            log.info("sync failed: %s", type(error).__name__)
            self.failed.emit(sync_error_message(error or RuntimeError()))
        else:
            log.info(
                "sync done: pushed %d, pulled %d, conflicts %d",
                summary.pushed,
                summary.pulled,
                summary.open_conflicts,
            )
            self.finished.emit(summary)
        self.idle.emit()
