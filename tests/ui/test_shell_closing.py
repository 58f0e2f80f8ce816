"""Closing the window never drops work silently: with changes not yet sent it asks, names how
many, and offers "Synka nu"; with nothing at stake it closes at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from .dialog_support import answer_next_question
from .shell_support import shells
from .test_sync_support import SyncServer, add_family, enroll, new_store, open_window, swedish
from .test_sync_support import sync_server as sync_server

pytestmark = pytest.mark.usefixtures("shells", "swedish")
__all__ = ["shells", "swedish", "sync_server"]


def test_closing_with_unsent_changes_asks_and_offers_sync_now(
    qtbot: QtBot, tmp_path: Path, sync_server: SyncServer
) -> None:
    store = new_store(tmp_path / "laptop")
    enroll(store, sync_server, "a")
    add_family(store)
    window = open_window(qtbot, tmp_path, store)
    main = window.shell.window
    status = window.workspace.top_bar.sync_status
    qtbot.waitUntil(lambda: status.pending_count == 3, timeout=5000)

    seen: list[str] = []
    answer_next_question("Avbryt", seen)
    assert not main.close()
    assert main.isVisible() and window.shell.workspace is not None
    assert "3 ändringar är inte skickade" in seen[0]
    assert {"Synka nu", "Stäng", "Avbryt"} <= set(seen[1:])

    seen.clear()
    with qtbot.waitSignal(window.sync.controller.finished, timeout=20_000):
        answer_next_question("Synka nu", seen)
        assert not main.close()  # the sync runs; the window stays open
    assert main.isVisible()
    qtbot.waitUntil(lambda: status.pending_count == 0 and not status._running, timeout=10_000)

    seen.clear()
    answer_next_question("Avbryt", seen)
    assert main.close()  # nothing unsent: no question
    assert seen == []


def test_closing_anyway_keeps_the_changes_on_the_laptop(
    qtbot: QtBot, tmp_path: Path, sync_server: SyncServer
) -> None:
    store = new_store(tmp_path / "laptop")
    enroll(store, sync_server, "a")
    add_family(store)
    window = open_window(qtbot, tmp_path, store)
    status = window.workspace.top_bar.sync_status
    qtbot.waitUntil(lambda: status.pending_count == 3, timeout=5000)
    seen: list[str] = []
    answer_next_question("Stäng", seen)
    assert window.shell.window.close()
    assert seen and "De finns kvar på den här datorn" in seen[0]
