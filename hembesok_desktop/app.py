"""Starting the desktop application: ``run_application(data_dir=..., demo=..., smoke=...)``.

- High-DPI scaling follows the screen (fractional factors passed through); the platform style,
  palette (light or dark mode) and the nurse's font size are used as they are.
- The UI language comes from ``QSettings`` (``ui/language``, Swedish by default; see
  ``ui.settings``); only application preferences are stored there, never personal data.
- ``--demo``: a fresh demo store (60 fictional families) in a temp folder, or in
  ``<data_dir>/demo`` when a data folder is given; the DEMO banner shows and the unlock screen
  tells the demo passphrase. ``demo_server_hook`` starts the embedded demo sync server once the
  store is ready and enrolls the demo store with it (stopped on quit), so "Sync now" works.
- ``--smoke``: opens a store (the one in the data folder when ``HEMBESOK_PASSPHRASE`` is set
  and it exists, else a throwaway store in a temp folder), shows the main window, waits until
  the caseload is shown, and exits 0; a failure exits 1 with one sentence on stderr.
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

if TYPE_CHECKING:
    from .embedded_server import EmbeddedServer

log = logging.getLogger("hembesok.app")


def demo_server_hook(demo_dir: Path) -> EmbeddedServer | None:
    """Start the embedded demo sync server for the demo store in ``demo_dir`` and enroll it.

    The server keeps its SQLite file in ``demo_dir / "server"`` (inside the demo folder, so the
    next demo starts both afresh); the demo store is unlocked with the demo passphrase just long
    enough to save the enrollment, then locked again, so "Sync now" works once the nurse
    unlocks. Runs on the GUI thread while the "preparing the demo" page shows (about half a
    second). Returns the server (``stop()`` it on quit), or None when it could not start: the
    demo then runs without a server and the window says it is not connected.
    """
    from .embedded_server import enroll_demo_device, start_embedded_server
    from .store.database import Store
    from .ui.shell import DEMO_PASSPHRASE

    try:
        server = start_embedded_server(demo_dir / "server")
    except (OSError, RuntimeError) as error:
        log.error("the demo server could not start: %s", type(error).__name__)
        return None
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
    from .ui.gc_guard import GuiThreadGarbageCollector

    GuiThreadGarbageCollector(app)
    return app


def run_application(*, data_dir: str | os.PathLike[str] | None, demo: bool, smoke: bool) -> int:
    from PySide6.QtWidgets import QApplication

    from . import paths
    from .ui.i18n import install_translators
    from .ui.settings import AppSettings
    from .ui.shell import Shell

    app = _make_application()
    assert isinstance(app, QApplication)
    settings = AppSettings()
    translators = install_translators(app, settings.language)
    if smoke:
        return _smoke(app, data_dir, settings)
    if demo:
        folder: Path | None = Path(data_dir).expanduser() / "demo" if data_dir else None
    else:
        folder = paths.data_dir(data_dir)
    servers: list[EmbeddedServer] = []

    def demo_ready(demo_dir: Path) -> None:
        server = demo_server_hook(demo_dir)
        if server is not None:
            servers.append(server)

    shell = Shell(folder, settings=settings, demo=demo, on_demo_ready=demo_ready)
    app.aboutToQuit.connect(shell.shutdown)

    def stop_servers() -> None:
        for server in servers:
            server.stop()

    app.aboutToQuit.connect(stop_servers)
    shell.start()
    from .ui.extensions import preload_extensions
    from .ui.gc_guard import freeze_startup_heap

    preload_extensions()  # the family tabs' code belongs to the start-up heap (ui.extensions)
    freeze_startup_heap()  # start-up is done and no store is unlocked yet: see ui.gc_guard
    code = app.exec()
    del translators
    return int(code)


def _smoke(app: object, data_dir: str | os.PathLike[str] | None, settings: object) -> int:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from . import paths
    from .store.database import Store, store_exists
    from .store.errors import StoreError
    from .ui.settings import AppSettings
    from .ui.shell import Shell

    assert isinstance(app, QApplication) and isinstance(settings, AppSettings)
    folder = paths.data_dir(data_dir)
    passphrase = os.environ.get("HEMBESOK_PASSPHRASE")
    temp: str | None = None
    try:
        if passphrase and store_exists(folder):
            store = Store.unlock(folder, passphrase=passphrase)
        else:
            temp = tempfile.mkdtemp(prefix="hembesok-smoke-")
            folder = Path(temp) / "store"
            store, _key = Store.create(folder, passphrase=secrets.token_urlsafe(18))
    except StoreError as error:
        print(f"hembesok: {error}", file=sys.stderr)
        return 1
    shell = Shell(folder, settings=settings)
    try:
        shell.window.show()
        workspace = shell.open_session(store)
        loop = QEventLoop()
        loaded: list[int] = []

        def caseload_shown(count: int) -> None:
            loaded.append(count)
            loop.quit()

        workspace.caseload.rows_loaded.connect(caseload_shown)
        QTimer.singleShot(30_000, loop.quit)
        loop.exec()
        app.processEvents()
        shown = bool(loaded) and shell.window.isVisible() and shell.workspace is workspace
    finally:
        shell.shutdown()
        shell.window.close()
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
    if not shown:
        print("hembesok: the main window or its caseload could not be shown.", file=sys.stderr)
        return 1
    print("hembesok: smoke test passed.", file=sys.stderr)
    return 0
