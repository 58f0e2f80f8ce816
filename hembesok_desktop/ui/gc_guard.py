"""Python's cyclic garbage collector runs on the GUI thread only.

If the collector happens to run on the store worker thread while unreachable Qt objects wait to
be freed, their C++ destructors run off the GUI thread, which can crash Qt. So the automatic
collector is switched off and a timer on the GUI thread collects whenever the allocation counts
pass the usual thresholds (the technique calibre and other PyQt applications use). Reference
counting still frees everything that is not in a cycle at once, on whichever thread drops it.
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
