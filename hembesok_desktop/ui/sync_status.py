"""The sync status in the top bar.

For now it shows "Not synced" and how many local changes wait to be sent (from
``store.queries.stats``). The sync work fills it through its slots:

- ``SyncStatusWidget.set_pending(count)`` – changes waiting to be sent;
- ``SyncStatusWidget.set_status(text, *, busy=False)`` – a short, already translated status
  ("Synkar…", "Synkad 14:05", "Ingen anslutning");
- ``SyncStatusWidget.set_last_synced(when)`` – the time of the last successful sync.

``refresh_from_store(ctx)`` recounts the pending changes on the worker; the workspace calls it
after every write.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from ..store.queries import stats
from .context import AppContext


class SyncStatusWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._status = QLabel(self.tr("Not synced"), self)
        self._pending = QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._status)
        layout.addWidget(self._pending)
        self._last: datetime | None = None
        self.pending_count = 0
        self.setAccessibleName(self.tr("Sync status"))
        self._update_accessible()

    @Slot(int)
    def set_pending(self, count: int) -> None:
        self.pending_count = count
        if count:
            self._pending.setText(self.tr("· %n change(s) waiting to be sent", "", count))
        else:
            self._pending.setText(self.tr("· nothing waiting to be sent"))
        self._update_accessible()

    @Slot(str)
    def set_status(self, text: str, *, busy: bool = False) -> None:
        self._status.setText(text)
        self.setProperty("busy", busy)
        self._update_accessible()

    def set_last_synced(self, when: datetime) -> None:
        self._last = when
        self.set_status(self.tr("Synced %1").replace("%1", when.strftime("%H:%M")))

    def status_text(self) -> str:
        return f"{self._status.text()} {self._pending.text()}".strip()

    def refresh_from_store(self, ctx: AppContext) -> None:
        ctx.read(
            lambda session: stats(session)["pending_changes"],
            on_done=self.set_pending,
            name="pending-count",
        )

    def _update_accessible(self) -> None:
        self.setAccessibleDescription(self.status_text())
