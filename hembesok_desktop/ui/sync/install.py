"""``install_sync``: sync in one unlocked session's window.

Adds "Sync now" (F5, File menu and the top bar's button), "Conflicts and refused changes…"
(File menu, and the top bar's conflicts button), "Connect to server…" (Settings menu), the sync
banner under the top bar (errors, refused changes, the end-of-day reminder) and the reminder's
timer. Everything belongs to the session's workspace; ``SyncUi.stop()`` (the shell calls it
before the store worker stops on lock or quit) cancels a running sync between two steps.

After a sync the views refresh exactly as after a local write: the summary's ``changed`` (the
rows the pulled pages changed and the families removed from scope) goes to
``Workspace.refresh_views``, so only those caseload rows and the open family's affected tabs
are read again (the sync status is read once the sync is idle).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QBoxLayout

from ...store.read.sync_overview import SyncOverview
from ...sync.engine import SyncSummary
from ..context import AppContext
from ..settings import AppSettings
from .banner import SyncBanner
from .conflicts import ConflictsDialog
from .controller import SyncController
from .enroll import EnrollDialog, Enrollment, EnrollRequest
from .messages import clock_ahead_message, set_aside_message
from .reminder import SyncReminder, qsettings_of

if TYPE_CHECKING:
    from ..workspace import Workspace

SYNC_SHORTCUT = "F5"


class SyncUi(QObject):
    def __init__(
        self,
        workspace: Workspace,
        ctx: AppContext,
        *,
        settings: AppSettings,
        clock: Callable[[], datetime] = datetime.now,
        reminder_check_ms: int = 60_000,
    ) -> None:
        super().__init__(workspace)
        self.workspace = workspace
        self.ctx = ctx
        self.status = workspace.top_bar.sync_status
        self.controller = SyncController(ctx, parent=self)
        self.banner = SyncBanner(workspace)
        layout = workspace.layout()
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(1, self.banner)
        self.reminder = SyncReminder(
            qsettings_of(settings), clock=clock, check_ms=reminder_check_ms, parent=self
        )
        self.conflicts_dialog: ConflictsDialog | None = None
        self.last_summary: SyncSummary | None = None
        self.last_error = ""

        self.sync_action = QAction(self.tr("S&ync now"), workspace)
        self.sync_action.setShortcut(QKeySequence(SYNC_SHORTCUT))
        self.sync_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.sync_action.triggered.connect(self.sync_now)
        self.conflicts_action = QAction(self.tr("&Conflicts and refused changes…"), workspace)
        self.conflicts_action.triggered.connect(self.open_conflicts)
        self.enroll_action = QAction(self.tr("&Connect to server…"), workspace)
        self.enroll_action.triggered.connect(self.ask_enrollment)
        workspace.add_action(self.sync_action, menu="file")
        workspace.add_action(self.conflicts_action, menu="file")
        workspace.add_action(self.enroll_action, menu="settings")

        self.status.sync_requested.connect(self.sync_now)
        self.status.conflicts_requested.connect(self.open_conflicts)
        self.status.overview_changed.connect(self._overview)
        self.controller.started.connect(self._started)
        self.controller.progress.connect(self.status.set_progress)
        self.controller.finished.connect(self._finished)
        self.controller.failed.connect(self._failed)
        self.controller.idle.connect(self._idle)
        self.banner.action_requested.connect(self._banner_action)
        self.banner.closed.connect(self._banner_closed)
        self.banner.changed.connect(self._one_sync_button)
        self.reminder.remind.connect(self._remind)
        self.reminder.cleared.connect(self._reminder_cleared)
        self.reminder.start()

    # -- actions ----------------------------------------------------------------------------
    def sync_now(self) -> bool:
        """Start a sync in the background; False if one is already running."""
        return self.controller.start()

    def open_conflicts(self) -> ConflictsDialog:
        """The conflicts view (non-modal, one per session)."""
        dialog = self._dialog()
        dialog.load()
        dialog.show()
        dialog.raise_()
        return dialog

    def conflicts_dialog_loaded(self) -> object:
        """The conflicts dialog's ``loaded`` signal (made on first use; tests wait for it)."""
        return self._dialog().loaded

    def _dialog(self) -> ConflictsDialog:
        if self.conflicts_dialog is None:
            dialog = ConflictsDialog(self.ctx, self.workspace)
            dialog.requeued.connect(lambda _n: self.status.refresh_from_store(self.ctx))
            self.conflicts_dialog = dialog
        return self.conflicts_dialog

    def ask_enrollment(self) -> None:
        request = EnrollDialog.ask(self.workspace)
        if request is not None:
            self.enroll(request)

    def enroll(self, request: EnrollRequest) -> Enrollment:
        job = Enrollment(self.ctx, self)
        self.status.set_status(self.tr("Connecting…"), busy=True)

        def done(_device_id: str) -> None:
            self.banner.show_message(
                "notice", self.tr("This laptop is now connected to the server. Sync when you like.")
            )
            self.status.refresh_from_store(self.ctx)

        def failed(sentence: str) -> None:
            self.banner.show_message("error", sentence)
            self.status.refresh_from_store(self.ctx)

        job.finished.connect(done)
        job.failed.connect(failed)
        job.start(request)
        return job

    def stop(self) -> None:
        self.reminder.stop()
        self.controller.stop()

    # -- sync outcome -----------------------------------------------------------------------
    def _started(self) -> None:
        self.last_error = ""
        if self.banner.kind == "error":
            self.banner.dismiss()
        self.status.set_running(True)
        self.sync_action.setEnabled(False)
        self.banner.set_action_enabled(False)

    def _finished(self, summary: SyncSummary) -> None:
        self.last_summary = summary
        if not summary.changed.empty:  # as after a local write; the status is read in _idle
            self.workspace.refresh_views(summary.changed)
        notes = []
        if summary.new_conflicts:
            notes.append(
                self.tr(
                    "%n new conflict(s): two laptops changed the same information. Choose the "
                    "right value under Conflicts.",
                    "",
                    summary.new_conflicts,
                )
            )
        if summary.rejected:
            notes.append(
                self.tr(
                    "The server refused %n change(s); they are kept on this laptop. See the "
                    "reason under Conflicts and refused changes.",
                    "",
                    summary.rejected,
                )
            )
        if summary.clock_ahead:
            notes.append(clock_ahead_message())
        if summary.set_aside:
            notes.append(set_aside_message(summary.set_aside))
        if notes:
            self.banner.show_message("notice", " ".join(notes), self.tr("Show"))
        elif self.banner.kind in ("notice", "reminder"):
            self.banner.dismiss()
        if self.conflicts_dialog is not None and self.conflicts_dialog.isVisible():
            self.conflicts_dialog.load()

    def _failed(self, sentence: str) -> None:
        self.last_error = sentence
        self.banner.show_message("error", sentence, self.tr("Try again"))

    def _idle(self) -> None:
        self.status.set_running(False)
        self.sync_action.setEnabled(True)
        self.banner.set_action_enabled(True)
        self.status.set_failed(bool(self.last_error))
        self.status.refresh_from_store(self.ctx)

    def _one_sync_button(self) -> None:
        """While the reminder offers "Sync now", the top bar does not show a second one."""
        self.status.sync_button.setVisible(self.banner.kind != "reminder")

    def _banner_action(self, kind: str) -> None:
        if kind == "notice":
            self.open_conflicts()
        else:
            self.sync_now()

    # -- reminder ---------------------------------------------------------------------------
    def _overview(self, overview: SyncOverview) -> None:
        self.reminder.set_pending(overview.pending if overview.enrolled else 0)

    def _remind(self, pending: int) -> None:
        if self.banner.kind == "error" or self.controller.running:
            return
        self.banner.show_message(
            "reminder",
            self.tr(
                "%n change(s) from today are not sent yet. Sync before you finish for the day.",
                "",
                pending,
            ),
            self.tr("Sync now"),
        )

    def _reminder_cleared(self) -> None:
        if self.banner.kind == "reminder":
            self.banner.dismiss()

    def _banner_closed(self, kind: str) -> None:
        if kind == "reminder":
            self.reminder.dismiss()


def install_sync(
    workspace: Workspace,
    ctx: AppContext,
    *,
    settings: AppSettings,
    clock: Callable[[], datetime] = datetime.now,
) -> SyncUi:
    return SyncUi(workspace, ctx, settings=settings, clock=clock)
