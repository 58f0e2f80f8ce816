"""The sync status in the top bar: where the laptop stands with the server, at a glance.

It shows "Not connected to a server" (no enrollment) or the time of the last sync, how many
changes wait to be sent, and – as a button that opens the conflicts view – open conflicts and
changes the server refused. While a sync runs, a progress bar shows its phase and counts and the
"Sync now" button is disabled. Slots:

- ``show_overview(SyncOverview)`` – everything at once (from
  ``store.read.sync_overview.read_overview``);
- ``set_pending(count)``, ``set_status(text, *, busy=False)``, ``set_last_synced(when)``;
- ``set_failed(bool)`` (the status says the last sync failed), ``set_running(bool)`` and
  ``set_progress(phase, done, total)`` (total -1: unknown).

``refresh_from_store(ctx)`` reads the overview on the store worker (a few count queries); the
workspace calls it after every write. Signals: ``sync_requested``, ``conflicts_requested``,
``overview_changed(SyncOverview)``.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from ..store.read.sync_overview import SyncOverview, read_overview
from . import theme
from .common import timefmt
from .context import AppContext
from .sync.messages import not_connected, phase_text


class SyncStatusWidget(QWidget):
    sync_requested = Signal()
    conflicts_requested = Signal()
    overview_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._status = QLabel(self.tr("Not synced"), self)
        self._pending = QLabel(self)
        self.conflicts_button = QPushButton(self)
        self.conflicts_button.setFlat(True)
        self.conflicts_button.setStyleSheet(
            theme.badge_style("flag").replace("QLabel", "QPushButton")
        )
        self.conflicts_button.setToolTip(self.tr("Show conflicts and refused changes"))
        self.conflicts_button.clicked.connect(self.conflicts_requested)
        self.conflicts_button.hide()
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(False)  # the phase is a label beside it: readable in any style
        self.progress.setFixedWidth(140)
        self.progress.setAccessibleName(self.tr("Sync progress"))
        self.progress.hide()
        self.progress_label = QLabel(self)
        self.progress_label.hide()
        self.sync_button = QPushButton(self.tr("Sync now"), self)
        self.sync_button.setToolTip(self.tr("Send and receive changes now (F5)"))
        self.sync_button.setAccessibleName(self.tr("Sync now"))
        self.sync_button.clicked.connect(self.sync_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._status)
        layout.addWidget(self._pending)
        layout.addWidget(self.conflicts_button)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.sync_button)
        self._last: datetime | None = None
        self._enrolled = True
        self._running = False
        self._failed = False
        self.pending_count = 0
        self.conflict_count = 0
        self.quarantined_count = 0
        self.overview: SyncOverview | None = None
        self.setAccessibleName(self.tr("Sync status"))
        self._update_accessible()

    # -- slots ------------------------------------------------------------------------------
    @Slot(int)
    def set_pending(self, count: int) -> None:
        self.pending_count = count
        self._pending.setText(self.tr("· %n change(s) waiting", "", count))
        self._update_accessible()

    @Slot(str)
    def set_status(self, text: str, *, busy: bool = False) -> None:
        self._status.setText(text)
        self.setProperty("busy", busy)
        self._update_accessible()

    def set_last_synced(self, when: datetime) -> None:
        self._last = when
        local = timefmt.local(when)  # Swedish time, as the journal shows it (naive is UTC)
        if local.date() == datetime.now(local.tzinfo).date():
            shown = local.strftime("%H:%M")
        else:
            shown = local.strftime("%Y-%m-%d %H:%M")
        self.set_status(self.tr("Synced %1").replace("%1", shown))

    def show_overview(self, overview: SyncOverview) -> None:
        self.overview = overview
        self._enrolled = overview.enrolled
        self.conflict_count = overview.conflicts
        self.quarantined_count = overview.quarantined
        if not self._running:
            self._show_idle_status()
        self.set_pending(overview.pending)
        parts = []
        if overview.conflicts:
            parts.append(self.tr("%n conflict(s) to settle", "", overview.conflicts))
        if overview.quarantined:
            parts.append(self.tr("%n change(s) refused", "", overview.quarantined))
        self.conflicts_button.setText(" · ".join(parts))
        self.conflicts_button.setVisible(bool(parts))
        self.overview_changed.emit(overview)

    def set_failed(self, failed: bool) -> None:
        """The last sync failed: say so until the next one starts."""
        self._failed = failed
        if not self._running:
            self._show_idle_status()

    def set_running(self, running: bool) -> None:
        self._running = running
        if running:
            self._failed = False
        self.sync_button.setEnabled(not running)
        self.progress.setVisible(running)
        self.progress_label.setVisible(running)
        self._pending.setVisible(not running)  # the progress says how many are being sent
        if running:
            self.progress.setRange(0, 0)
            self.progress_label.setText(phase_text("connect", 0, None))
            self.set_status(self.tr("Syncing…"), busy=True)
        else:
            self._show_idle_status()

    def set_progress(self, phase: str, done: int, total: int) -> None:
        if total >= 0 and phase in ("push", "remove"):
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(min(done, max(total, 1)) if total else 1)
        else:
            self.progress.setRange(0, 0)  # busy: the length of the pull is not known
        self.progress_label.setText(phase_text(phase, done, None if total < 0 else total))
        self._update_accessible()

    def status_text(self) -> str:
        parts = [self._status.text()]
        if self._running:
            parts.append(self.progress_label.text())
        else:
            parts.append(self._pending.text())
        parts.append(self.conflicts_button.text())
        return " ".join(part for part in parts if part).strip()

    def refresh_from_store(self, ctx: AppContext) -> None:
        store = ctx.store
        ctx.runner.run(
            lambda: read_overview(store), on_done=self.show_overview, name="sync-overview"
        )

    # -- helpers ----------------------------------------------------------------------------
    def _show_idle_status(self) -> None:
        overview = self.overview
        if not self._enrolled:
            self.set_status(not_connected())
        elif self._failed:
            self.set_status(self.tr("Last sync failed"))
        elif overview is not None and overview.last_synced_at is not None:
            self.set_last_synced(overview.last_synced_at)
        else:
            self.set_status(self.tr("Not synced yet"))

    def _update_accessible(self) -> None:
        self.setAccessibleDescription(self.status_text())
