"""Continuous, debounced draft saving on the store worker.

``schedule(key, family_id, payload)`` remembers the newest payload of each key and saves it
500 ms after the last change; ``flush()`` saves at once (the shell calls it, through each tab's
``save_drafts()``, before locking). Saving runs on the single store worker, so it is ordered
with every other write. ``saved`` is emitted with the key once a payload is committed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from ...store.database import Store
from ...store.services import drafts
from ..context import AppContext
from .guard import alive

DEBOUNCE_MS = 500


class DraftSaver(QObject):
    saved = Signal(str)
    discarded = Signal(str)

    def __init__(self, context: AppContext, kind: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._kind = kind
        self._pending: dict[str, tuple[str, dict[str, Any]]] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)

    def schedule(self, key: str, family_id: str, payload: dict[str, Any]) -> None:
        self._pending[key] = (family_id, dict(payload))
        self._timer.start()

    @property
    def has_pending(self) -> bool:
        return bool(self._pending)

    def flush(self) -> None:
        self._timer.stop()
        pending, self._pending = self._pending, {}
        if not pending:
            return
        store, kind = self._context.store, self._kind

        def work() -> list[str]:
            with store.write_session() as session:
                for key, (family_id, payload) in pending.items():
                    drafts.save_draft(
                        session, key=key, family_id=family_id, kind=kind, payload=payload
                    )
            return list(pending)

        self._context.runner.run(work, on_done=self._emit_saved, name="save-draft")

    def discard(self, key: str) -> None:
        """Forget a pending save and remove the stored draft (e.g. the nurse threw it away)."""
        self._pending.pop(key, None)
        store = self._context.store

        def work() -> str:
            discard_now(store, key)
            return key

        self._context.runner.run(work, on_done=self._emit_discarded, name="discard-draft")

    def cancel(self, key: str) -> None:
        """Forget a pending save of ``key`` (its record was just signed or completed)."""
        self._pending.pop(key, None)

    def _emit_discarded(self, key: str) -> None:
        if alive(self):
            self.discarded.emit(key)

    def _emit_saved(self, keys: list[str]) -> None:
        if not alive(self):
            return
        for key in keys:
            self.saved.emit(key)


def discard_now(store: Store, key: str) -> None:
    with store.write_session() as session:
        drafts.discard_draft(session, key)
