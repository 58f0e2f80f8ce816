"""Demo mode: ``demo_server_hook`` starts the embedded server and enrolls the demo store before
the nurse unlocks, so "Sync now" works out of the box (driven without ``app.exec()``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hembesok_desktop.demo.server import EmbeddedServer
from hembesok_desktop.demo.store import DEMO_PASSPHRASE
from hembesok_desktop.store import replica
from hembesok_desktop.ui.app import demo_server_hook

from .shell_support import make_shell, settings_in, shells
from .test_sync_support import swedish

pytestmark = pytest.mark.usefixtures("shells", "swedish")
__all__ = ["shells", "swedish"]


def test_demo_mode_starts_the_embedded_server_and_sync_now_works(
    qtbot: QtBot, tmp_path: Path
) -> None:
    servers: list[EmbeddedServer | None] = []

    def ready(folder: Path) -> None:
        servers.append(demo_server_hook(folder))

    shell = make_shell(
        qtbot,
        tmp_path / "demo",
        settings_in(tmp_path),
        demo=True,
        demo_families=3,
        prepare_demo_server=ready,
    )
    try:
        with qtbot.waitSignal(shell.demo_ready, timeout=30_000):
            shell.start()
        (server,) = servers
        assert server is not None and server.base_url.startswith("http://127.0.0.1:")
        screen = shell.unlock_screen
        screen.secret.setText(DEMO_PASSPHRASE)  # keyClicks cannot type "ö"
        with qtbot.waitSignal(shell.unlocked, timeout=10_000):
            qtbot.keyClick(screen.secret, Qt.Key.Key_Return)
        assert shell.sync is not None and shell.store is not None
        assert replica.sync_state(shell.store).server_url == server.base_url
        status = shell.sync.status
        qtbot.waitUntil(lambda: status.overview is not None and status.pending_count > 0)
        assert "Inte ansluten" not in status.status_text()

        with qtbot.waitSignal(shell.sync.controller.finished, timeout=30_000) as done:
            shell.sync.sync_now()
        assert done.args[0].pushed > 0 and done.args[0].rejected == 0
        qtbot.waitUntil(lambda: "0 ändringar väntar" in status.status_text(), timeout=5_000)
    finally:
        for running in servers:
            if running is not None:
                running.stop()


def test_the_hook_returns_none_when_the_store_cannot_be_enrolled(tmp_path: Path) -> None:
    empty = tmp_path / "no-store"
    empty.mkdir()
    assert demo_server_hook(empty) is None  # no store there: the demo runs offline
