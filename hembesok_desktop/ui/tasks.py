"""All database work runs on one worker thread; results come back on the main thread.

``TaskRunner.run(work, on_done=..., on_error=...)`` queues ``work`` (a plain callable, usually a
closure over the store) on the single worker, so database access is serialised and the window
never waits for it. ``on_done`` receives the return value, ``on_error`` the exception, both on
the thread that owns the runner (the GUI thread). A write returns ``Changed`` so views refresh
only what changed; ``changed`` is emitted for every result that is a ``Changed``.

The application has exactly one runner (one ``store-worker`` thread), owned by the ``Shell``:
it creates and unlocks the store and serves every unlocked session in turn. Ending a session
(lock, quit) uses ``drain()`` (the work queued so far finishes; the worker stays) and
``refusing()`` (work asked for while the session is torn down and the store locked is dropped,
never run against the closing store); ``shutdown()`` stops the worker on quit.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from ..store.unit_of_work import Changed

log = logging.getLogger(__name__)


@dataclass
class _Task:
    work: Callable[[], Any]
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    name: str = field(default="task")


class TaskRunner(QObject):
    """One background worker for the store, with results delivered on the GUI thread."""

    #: (task, result) and (task, error), emitted from the worker, delivered queued on our thread
    _finished = Signal(object, object)
    _failed = Signal(object, object)
    #: a write changed data: views refresh what it names
    changed = Signal(object)
    #: number of tasks queued or running changed
    busy_changed = Signal(int)
    #: any task failed (after its own on_error ran): the window may show it
    error = Signal(str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: a task, a barrier (``drain``) or None (``shutdown``)
        self._queue: queue.Queue[_Task | threading.Event | None] = queue.Queue()
        self._pending = 0
        self._refusing = False
        self._finished.connect(self._deliver)
        self._failed.connect(self._deliver_error)
        self._thread = threading.Thread(target=self._loop, name="store-worker", daemon=True)
        self._thread.start()

    def run(
        self,
        work: Callable[[], Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        name: str = "task",
    ) -> None:
        if self._refusing:
            log.debug("task %s dropped: the session is ending", name)
            return
        self._pending += 1
        self.busy_changed.emit(self._pending)
        self._queue.put(_Task(work, on_done, on_error, name))

    @property
    def pending(self) -> int:
        return self._pending

    def drain(self, timeout: float = 10.0) -> bool:
        """Wait until the work queued so far has run (on lock); the worker keeps running.

        The results are posted to this object's thread, not yet delivered: deliver them with
        ``QCoreApplication.sendPostedEvents(runner, QEvent.Type.MetaCall)``. False when the
        work did not finish within ``timeout`` seconds.
        """
        reached = threading.Event()
        self._queue.put(reached)
        return reached.wait(timeout)

    @contextmanager
    def refusing(self) -> Iterator[None]:
        """Inside, ``run`` drops new work (a session is ending: nothing starts on its store)."""
        self._refusing = True
        try:
            yield
        finally:
            self._refusing = False

    def shutdown(self, timeout: float = 10.0) -> None:
        """Finish queued work and stop the worker (on quit)."""
        self._queue.put(None)
        self._thread.join(timeout)

    def _loop(self) -> None:
        while True:
            task = self._queue.get()
            if task is None:
                return
            if isinstance(task, threading.Event):
                task.set()  # everything queued before this barrier has run
                continue
            try:
                result = task.work()
            except BaseException as error:  # delivered to the GUI thread, never lost
                log.warning("background task %s failed: %s", task.name, type(error).__name__)
                self._failed.emit(task, error)
            else:
                self._finished.emit(task, result)

    @Slot(object, object)
    def _deliver(self, task: _Task, result: Any) -> None:
        self._done_one()
        if task.on_done is not None:
            task.on_done(result)
        if isinstance(result, Changed):
            self.changed.emit(result)

    @Slot(object, object)
    def _deliver_error(self, task: _Task, error: BaseException) -> None:
        self._done_one()
        if task.on_error is not None:
            task.on_error(error)
        self.error.emit(task.name, error)

    def _done_one(self) -> None:
        self._pending -= 1
        self.busy_changed.emit(self._pending)
