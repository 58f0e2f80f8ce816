"""Starting the desktop application: ``run_application(data_dir=..., demo=..., smoke=...)``.

Called by the command line (``hembesok``), which resolved the data folder and loaded the
catalogue. Nothing here touches the store or the network on the GUI thread: the shell's worker
opens, creates and fills stores, and starts the demo server.

- High-DPI scaling follows the screen (fractional factors passed through); the platform style,
  palette (light or dark mode) and the nurse's font size are used as they are.
- The UI language comes from ``QSettings`` (``ui/language``, Swedish by default; see
  ``ui.settings``); only application preferences are stored there, never personal data.
- ``--demo``: a fresh demo store (60 fictional families) in a temp folder, or in
  ``<data_dir>/demo`` when a data folder is given; the DEMO banner shows and the unlock screen
  tells the demo passphrase. ``demo_server_hook`` starts the embedded demo sync server on the
  worker once the demo store is ready and enrolls the demo store with it (stopped on quit), so
  "Sync now" works. The region's console runs on the same server: its address and the demo
  console credentials (a TOTP secret marked DEMO) are printed on stdout when it starts.
- ``--smoke``: opens a store (the one in the data folder when ``HEMBESOK_PASSPHRASE`` is set
  and it exists, else a throwaway store in a temp folder) on the worker, shows the main window,
  waits until the caseload is shown, and exits 0; a failure exits 1 with one sentence on stderr.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.catalogue import Catalogue

if TYPE_CHECKING:
    from ..demo.server import EmbeddedServer
    from ..store.database import Store
    from .settings import AppSettings
    from .shell import Shell

log = logging.getLogger("hembesok.app")


def demo_server_hook(demo_dir: Path) -> EmbeddedServer | None:
    """Start the embedded demo sync server for the demo store in ``demo_dir`` and enroll it.

    Runs on the store worker, right after the demo store was filled. The server keeps its
    SQLite file in ``demo_dir / "server"`` (inside the demo folder, so the next demo starts both
    afresh); the demo store is unlocked with the demo passphrase just long enough to save the
    enrollment, then locked again, so "Sync now" works once the nurse unlocks. Returns the
    server (``stop()`` it on quit), or None when it could not start: the demo then runs without
    a server and the window says it is not connected.
    """
    from ..demo.console import console_banner
    from ..demo.server import enroll_demo_device, start_embedded_server
    from ..demo.store import DEMO_PASSPHRASE
    from ..store.database import Store

    try:
        server = start_embedded_server(demo_dir / "server")
    except (OSError, RuntimeError) as error:
        log.error("the demo server could not start: %s", type(error).__name__)
        return None
    print(console_banner(server.base_url), flush=True)
    try:
        store = Store.unlock(demo_dir, passphrase=DEMO_PASSPHRASE)
        try:
            enroll_demo_device(store, server)
        finally:
            store.lock()
    except Exception as error:  # the demo still works offline
        log.error("the demo store could not be enrolled: %s", type(error).__name__)
        server.stop()
        return None
    return server


def _make_application() -> object:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if existing is not None:
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Hembesök")
    app.setOrganizationName("Hembesok")
    app.setApplicationDisplayName("Hembesök")
    from .gc_guard import GuiThreadGarbageCollector

    GuiThreadGarbageCollector(app)
    return app


def run_application(
    *,
    data_dir: Path,
    demo_dir: Path | None = None,
    demo: bool,
    smoke: bool,
    catalogue: Catalogue,
) -> int:
    """Run the window until the nurse quits; returns the exit code.

    ``data_dir`` is the store's folder; ``demo_dir`` the folder a demo goes in (``<it>/demo``),
    None for a fresh temp folder.
    """
    from PySide6.QtWidgets import QApplication

    from .i18n import install_translators
    from .settings import AppSettings
    from .shell import Shell

    app = _make_application()
    assert isinstance(app, QApplication)
    settings = AppSettings()
    translators = install_translators(app, settings.language)
    if smoke:
        return _smoke(app, data_dir, settings, catalogue)
    folder: Path | None = (demo_dir / "demo" if demo_dir else None) if demo else data_dir
    servers: list[EmbeddedServer] = []

    def demo_server(prepared: Path) -> None:  # on the worker
        server = demo_server_hook(prepared)
        if server is not None:
            servers.append(server)

    shell = Shell(
        folder, settings=settings, catalogue=catalogue, demo=demo, prepare_demo_server=demo_server
    )
    app.aboutToQuit.connect(shell.shutdown)

    def stop_servers() -> None:
        for server in servers:
            server.stop()

    app.aboutToQuit.connect(stop_servers)
    shell.start()
    from .extensions import preload_extensions
    from .gc_guard import freeze_startup_heap

    preload_extensions()  # the family tabs' code belongs to the start-up heap (ui.extensions)
    freeze_startup_heap()  # start-up is done and no store is unlocked yet: see ui.gc_guard
    code = app.exec()
    del translators
    return int(code)


def _open_for_smoke(folder: Path, temp: list[str]) -> Store:
    """On the worker: the data folder's store (passphrase from the environment) or a new
    throwaway one in a temp folder (remembered in ``temp`` for clean-up)."""
    from ..store.database import Store, store_exists

    passphrase = os.environ.get("HEMBESOK_PASSPHRASE")
    if passphrase and store_exists(folder):
        return Store.unlock(folder, passphrase=passphrase)
    temp.append(tempfile.mkdtemp(prefix="hembesok-smoke-"))
    store, _key = Store.create(Path(temp[-1]) / "store", passphrase=secrets.token_urlsafe(18))
    return store


def _smoke(app: object, folder: Path, settings: AppSettings, catalogue: Catalogue) -> int:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from .shell import Shell

    assert isinstance(app, QApplication)
    temp: list[str] = []
    shell = Shell(folder, settings=settings, catalogue=catalogue)
    loop = QEventLoop()
    outcome: list[str] = []
    try:
        shell.window.show()
        shell.runner.run(
            lambda: _open_for_smoke(folder, temp),
            on_done=lambda store: _smoke_session(shell, store, loop, outcome),
            on_error=lambda error: _smoke_failed(error, loop, outcome),
            name="smoke-open",
        )
        QTimer.singleShot(30_000, loop.quit)
        loop.exec()
        app.processEvents()
        shown = outcome == ["shown"] and shell.window.isVisible()
    finally:
        shell.shutdown()
        shell.window.close()
        for path in temp:
            shutil.rmtree(path, ignore_errors=True)
    if not shown:
        reason = outcome[0] if outcome and outcome[0] != "shown" else None
        print(
            f"hembesok: {reason or 'the main window or its caseload could not be shown.'}",
            file=sys.stderr,
        )
        return 1
    print("hembesok: smoke test passed.", file=sys.stderr)
    return 0


def _smoke_failed(error: BaseException, loop: object, outcome: list[str]) -> None:
    from PySide6.QtCore import QEventLoop

    assert isinstance(loop, QEventLoop)
    outcome.append(_failure(error))
    loop.quit()


def _failure(error: BaseException) -> str:
    from ..store.errors import StoreError

    if isinstance(error, StoreError):
        return str(error)
    log.error("smoke: the store could not be opened: %s", type(error).__name__)
    return "the store could not be opened."


def _smoke_session(shell: Shell, store: Store, loop: object, outcome: list[str]) -> None:
    from PySide6.QtCore import QEventLoop

    assert isinstance(loop, QEventLoop)
    workspace = shell.open_session(store)

    def caseload_shown(_count: int) -> None:
        if shell.workspace is workspace:
            outcome.append("shown")
        loop.quit()

    workspace.caseload.rows_loaded.connect(caseload_shown)
