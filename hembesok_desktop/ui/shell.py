"""``Shell``: the application's life cycle — first run, demo preparation, unlock, lock.

It owns the flows (``flows.session``, ``flows.unlock``, ``flows.first_run``), the window, the
idle watcher, the store while unlocked, and the application's one ``TaskRunner`` (``runner``,
one store-worker thread): it creates, unlocks and fills (demo) the store before a session
exists, and every unlocked session's ``AppContext`` uses it in turn. It stops only on quit.

Locking (button, Ctrl+L, idle, suspend) runs, in order: the tabs' ``save_drafts()`` (the store
is still open), the sync stopped between two steps, ``runner.drain()`` (queued writes finish),
then, with the runner refusing new work, delivery of their results, ``Workspace.teardown()``
(every view cleared) and ``store.lock()`` (the key is forgotten); then the unlock screen.
Unlocking builds a fresh workspace and returns to the same family and tab.

Closing the window (Ctrl+Q, the window manager) first asks, through ``closing``, when changes
are not yet sent (offering "Sync now"), a draft is being saved or a sync runs; the window's
geometry and the caseload/family split are kept in ``QSettings`` (``ui.settings``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from ..demo.store import DEMO_FAMILIES, DEMO_PASSPHRASE, create_demo_store, prepare_demo_dir
from ..domain.catalogue import Catalogue
from ..store.database import Store, store_exists
from ..store.unit_of_work import Actor
from ..store.vault import KdfParams
from .closing import ask_before_closing
from .common.draft_saver import DraftSaver
from .context import AppContext
from .errors import message_for
from .extensions import install_extensions
from .flows.first_run import FirstRunFlow, NewStoreRequest
from .flows.session import LockReason, Place, SessionFlow, SessionState
from .flows.unlock import UnlockFlow
from .growth.loader import GrowthReference
from .lock.first_run import NewStoreDialog, RecoveryKeyDialog
from .lock.idle import IdleWatcher
from .lock.unlock_screen import UnlockScreen
from .main_window import MainWindow
from .settings import AppSettings
from .settings_dialog import SettingsDialog
from .sync.install import SyncUi, install_sync
from .tasks import TaskRunner
from .workspace import Workspace

log = logging.getLogger(__name__)


class Shell(QObject):
    #: a session started (the workspace is shown) / ended (the unlock screen is shown)
    unlocked = Signal()
    locked = Signal()
    #: the demo store is ready (its folder)
    demo_ready = Signal(object)

    def __init__(
        self,
        data_dir: Path | None,
        *,
        settings: AppSettings,
        catalogue: Catalogue,
        demo: bool = False,
        demo_families: int = DEMO_FAMILIES,
        kdf: KdfParams | None = None,
        prepare_demo_server: Callable[[Path], object] | None = None,
        idle_check_ms: int = 5000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.settings = settings
        self.demo = demo
        self._demo_families = demo_families
        self._kdf = kdf
        self.catalogue = catalogue
        #: runs on the worker after the demo store was made (the embedded server, ui.app)
        self._prepare_demo_server = prepare_demo_server
        self.store: Store | None = None
        self.ctx: AppContext | None = None
        #: the session's sync in the window (status, "Sync now", conflicts, reminder)
        self.sync: SyncUi | None = None
        #: the one store worker: store creation, unlock, demo data, then every session's work
        self.runner = TaskRunner(self)
        self.unlock_flow = UnlockFlow()
        self.first_run = FirstRunFlow()
        if data_dir is None and not demo:
            raise ValueError("a data folder is needed outside demo mode")
        self.session = SessionFlow(
            store_exists=data_dir is not None and store_exists(data_dir) and not demo
        )
        self.window = MainWindow(demo=demo)
        self.window.place_on_screen(settings.window_geometry)
        self.window.close_guard = self._may_close
        self.unlock_screen = UnlockScreen(
            self.unlock_flow, demo_passphrase=DEMO_PASSPHRASE if demo else None
        )
        self.unlock_screen.unlock_requested.connect(self._unlock)
        self.idle = IdleWatcher(settings.idle_minutes, check_ms=idle_check_ms, parent=self)
        self.idle.idle.connect(lambda: self.lock(LockReason.IDLE))
        self.idle.suspended.connect(lambda: self.lock(LockReason.SUSPEND))
        window = self.window
        window.lock_action.triggered.connect(lambda: self.lock(LockReason.NURSE))
        window.search_action.triggered.connect(self._focus_search)
        window.new_family_action.triggered.connect(self._new_family)
        window.settings_action.triggered.connect(self._edit_settings)
        window.quit_action.triggered.connect(window.close)

    @property
    def workspace(self) -> Workspace | None:
        return self.window.workspace

    # -- start --------------------------------------------------------------------------------
    def start(self) -> None:
        self.window.show()
        if self.demo:
            self._prepare_demo()
        elif self.session.state is SessionState.FIRST_RUN:
            QTimer.singleShot(0, self._first_run_step)
        else:
            self._show_unlock()

    def _show_unlock(self) -> None:
        self.unlock_screen.set_lock_reason(self.session.lock_reason)
        self.window.show_page(self.unlock_screen)
        self.unlock_screen.reset()

    def _prepare_demo(self) -> None:
        self.window.show_busy(self.tr("Preparing the demo caseload…"))
        families, kdf, catalogue = self._demo_families, self._kdf, self.catalogue
        prepare_server = self._prepare_demo_server
        try:
            folder = prepare_demo_dir(self.data_dir)
        except (OSError, RuntimeError) as error:
            log.error("cannot prepare the demo folder: %s", type(error).__name__)
            self._fatal(self.tr("The demo could not be prepared in the chosen folder."))
            return
        self.data_dir = folder

        def prepare() -> None:  # on the worker: the store, then the demo server
            create_demo_store(folder, catalogue=catalogue, families=families, kdf=kdf)
            if prepare_server is not None:
                prepare_server(folder)

        def ready(_result: object) -> None:
            self.session = SessionFlow(store_exists=True)
            self.demo_ready.emit(folder)
            self._show_unlock()

        self.runner.run(
            prepare,
            on_done=ready,
            on_error=lambda error: self._fatal(message_for(error)),
            name="demo-store",
        )

    # -- first run ----------------------------------------------------------------------------
    def _first_run_step(self) -> None:
        request = NewStoreDialog.ask(self.window, self.first_run)
        if request is None:
            QApplication.quit()
            return
        self._create_store(request)

    def _create_store(self, request: NewStoreRequest) -> None:
        self.window.show_busy(self.tr("Creating your encrypted store…"))
        folder, kdf = self.data_dir, self._kdf
        assert folder is not None
        actor = Actor(full_name=request.full_name, title=request.title)

        def create() -> tuple[Store, str]:
            store, recovery_key = Store.create(folder, passphrase=request.passphrase, kdf=kdf)
            store.set_setting("actor", actor.as_setting())
            return store, recovery_key

        def done(result: tuple[Store, str]) -> None:
            store, recovery_key = result
            self.first_run.created(recovery_key)
            while not RecoveryKeyDialog.ask(self.window, self.first_run):
                pass
            self.first_run.finish()
            self.session.created()
            self.unlock_flow.succeeded()
            self.open_session(store)

        def failed(error: BaseException) -> None:
            self.first_run.creation_failed(message_for(error))
            QTimer.singleShot(0, self._first_run_step)

        self.runner.run(create, on_done=done, on_error=failed, name="create-store")

    # -- unlock -------------------------------------------------------------------------------
    def _unlock(self, secret: str, use_recovery_key: bool) -> None:
        folder, throttle = self.data_dir, self.unlock_flow.throttle
        assert folder is not None

        def work() -> Store:
            if use_recovery_key:
                return Store.unlock(folder, recovery_key=secret, throttle=throttle)
            return Store.unlock(folder, passphrase=secret, throttle=throttle)

        def done(store: Store) -> None:
            self.unlock_flow.succeeded()
            self.unlock_screen.secret.clear()
            place = self.session.unlocked()
            self.open_session(store, place)

        def failed(error: BaseException) -> None:
            self.unlock_flow.failed(error)
            self.unlock_screen.secret.selectAll()
            self.unlock_screen.update_state()

        self.runner.run(work, on_done=done, on_error=failed, name="unlock")

    def open_session(self, store: Store, place: Place | None = None) -> Workspace:
        self.store = store
        language = self.settings.language
        self.ctx = AppContext(
            store=store,
            runner=self.runner,
            catalogue=self.catalogue,
            demo=self.demo,
            language=language,
            growth=GrowthReference(self.settings.growth_choice()),
        )
        workspace = Workspace(
            self.ctx,
            worklist=self.settings.worklist,
            add_menu_action=self.window.add_menu_action,
        )
        workspace.lock_requested.connect(lambda: self.lock(LockReason.NURSE))
        workspace.place_changed.connect(
            lambda family_id, tab: self.session.navigated(family_id=family_id, tab=tab)
        )
        splitter = self.settings.splitter_state
        if splitter is not None:
            workspace.splitter.restoreState(splitter)
        self.window.set_workspace(workspace)
        install_extensions(self.window, workspace, self.ctx)
        self.sync = install_sync(workspace, self.ctx, settings=self.settings)
        workspace.start(place)
        self.idle.start()
        self.unlocked.emit()
        return workspace

    # -- lock ---------------------------------------------------------------------------------
    def lock(self, reason: LockReason) -> bool:
        """Lock the session; False when it was not unlocked."""
        workspace = self.workspace
        if workspace is None:
            return False
        place = workspace.place()
        self.session.navigated(family_id=place.family_id, tab=place.tab)
        if not self.session.lock(reason):
            return False
        self.idle.stop()
        self._end_session(workspace)
        self.unlock_flow.relock()
        self._show_unlock()
        self.locked.emit()
        return True

    def _end_session(self, workspace: Workspace) -> None:
        self.settings.worklist = workspace.caseload.worklist
        self.settings.splitter_state = workspace.splitter.saveState()
        workspace.save_drafts()
        if self.sync is not None:
            self.sync.stop()  # a running sync stops between two store steps
            self.sync = None
        runner = self.runner
        if not runner.drain():
            log.warning("store work still running when the session ended")
        with runner.refusing():  # nothing new may start on the store being closed
            # deliver the finished work's results while the views still exist
            QCoreApplication.sendPostedEvents(runner, QEvent.Type.MetaCall.value)
            workspace.teardown()
            self.window.set_workspace(None)
            if self.store is not None:
                self.store.lock()
        self.store = None
        self.ctx = None

    def _may_close(self) -> bool:
        """Whether the window may close now (asks when work is not where it belongs)."""
        workspace = self.workspace
        if workspace is not None:
            status = workspace.top_bar.sync_status
            enrolled = status.overview is not None and status.overview.enrolled
            syncing = self.sync is not None and self.sync.controller.running
            answer = ask_before_closing(
                self.window,
                unsent=status.pending_count if enrolled else 0,
                saving_drafts=any(s.has_pending for s in workspace.findChildren(DraftSaver)),
                syncing=syncing,
            )
            if answer == "sync" and self.sync is not None:
                self.sync.sync_now()
            if answer != "close":
                return False
        self.settings.window_geometry = self.window.saveGeometry()
        return True

    def shutdown(self) -> None:
        """On quit: end the session like a lock, and stop the store worker."""
        self.idle.stop()
        workspace = self.workspace
        if workspace is not None:
            self.session.lock(LockReason.NURSE)
            self._end_session(workspace)
        self.runner.shutdown()

    # -- menu actions -------------------------------------------------------------------------
    def _focus_search(self) -> None:
        if self.workspace is not None:
            self.workspace.focus_search()

    def _new_family(self) -> None:
        if self.workspace is not None:
            self.workspace.new_family()

    def _edit_settings(self) -> None:
        if SettingsDialog.ask(self.window, self.settings):
            self.idle.set_minutes(self.settings.idle_minutes)
            if self.ctx is not None:
                self.ctx.growth.configure(self.settings.growth_choice())

    def _fatal(self, text: str) -> None:
        QMessageBox.critical(self.window, self.tr("Hembesök"), text)
        QApplication.quit()
