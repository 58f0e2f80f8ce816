"""The session's growth reference: made once on the store worker, then read on the GUI thread.

``GrowthReference.load()`` (call it inside a task: the first call imports rcpchgrowth and SciPy)
returns the session's ``domain.growth.WhoReference``; ``loaded`` is it when some view already
loaded it, else None, without loading. The ``AppContext`` owns one per unlocked session.
"""

from __future__ import annotations

import threading

from ...domain.growth import WhoReference


class GrowthReference:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._reference: WhoReference | None = None

    def load(self) -> WhoReference:
        with self._lock:
            if self._reference is None:
                self._reference = WhoReference()
            return self._reference

    @property
    def loaded(self) -> WhoReference | None:
        return self._reference
