"""Python's cyclic garbage collector runs on the GUI thread only.

If the collector happens to run on the store worker thread while unreachable Qt objects wait to
be freed, their C++ destructors run off the GUI thread, which can crash Qt. So the automatic
collector is switched off and a timer on the GUI thread collects whenever the allocation counts
pass the usual thresholds (the technique calibre and other PyQt applications use). Reference
counting still frees everything that is not in a cycle at once, on whichever thread drops it.

A collection holds the GIL for as long as it takes, so it stalls the window wherever it runs.
A full (generation 2) collection walks every tracked object, and the application's long-lived
heap (modules, classes, Qt bindings, SQLAlchemy and SQLModel metadata: about 135,000 objects)
made one take 90-125 ms: measured with ``gc.callbacks`` against a 5 ms heartbeat on the
10,000-family benchmark store, every main-thread gap over 90 ms was one such collection.
``freeze_startup_heap`` therefore moves everything alive once start-up is done into the
permanent generation (``gc.freeze``), which the collector no longer walks; a full collection
then costs about 20 ms with an unlocked 10,000-family caseload. The trade-off: a cycle among
those frozen objects is never collected. That is acceptable because they live for the whole
process anyway, and it happens before any store is unlocked, so no family's data is ever
frozen (what a session creates is collected as usual and dropped on lock).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadGarbageCollector(QObject):
    def __init__(self, parent: QObject | None = None, *, interval_ms: int = 500) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> int:
        """Collect the oldest generation whose count passed its threshold; returns it or -1."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                gc.collect(generation)
                return generation
        return -1

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()


def freeze_startup_heap() -> int:
    """Collect, then freeze what is alive (call once, after start-up, before any unlock).

    Returns the number of objects frozen. See the module docstring for why and the trade-off.
    """
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
