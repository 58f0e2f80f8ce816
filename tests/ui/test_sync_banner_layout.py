"""The sync banner never moves the caseload under the nurse's mouse: its line is reserved,
opening a family (one access-log change) does not shift the list, only one "Synka nu" is on
screen, and the banner's button is disabled while a sync runs."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from .shell_support import shells
from .test_sync_support import SyncServer, add_family, enroll, new_store, open_window, swedish
from .test_sync_support import sync_server as sync_server

pytestmark = pytest.mark.usefixtures("shells", "swedish")
__all__ = ["shells", "swedish", "sync_server"]


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def visible_sync_buttons(window: QWidget) -> list[QPushButton]:
    return [
        b
        for b in window.findChildren(QPushButton)
        if b.isVisible() and b.text().replace("&", "") == "Synka nu"
    ]


def test_banner_and_access_log_never_move_the_list(
    qtbot: QtBot, tmp_path: Path, sync_server: SyncServer
) -> None:
    QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat).setValue(
        "sync/reminder_time", "16:00"
    )
    store = new_store(tmp_path / "laptop")
    enroll(store, sync_server, "a")
    family_id = add_family(store)
    window = open_window(qtbot, tmp_path, store)
    main, workspace, sync = window.shell.window, window.workspace, window.sync
    main.resize(1280, 720)
    qtbot.waitExposed(main)
    table = workspace.caseload.table

    def top() -> QPoint:
        return table.mapTo(main, QPoint(0, 0))

    where = top()
    assert len(visible_sync_buttons(main)) == 1
    # the end-of-day reminder appears: the list stays where it was
    sync.reminder.clock = Clock(datetime(2026, 3, 2, 16, 31))
    sync.reminder.check()
    assert sync.banner.isVisible() and sync.banner.kind == "reminder"
    qtbot.wait(50)
    assert top() == where
    assert visible_sync_buttons(main) == [sync.banner.action]  # one "Synka nu", not two
    # during the sync the banner's button is disabled
    with qtbot.waitSignal(sync.controller.finished, timeout=20_000):
        sync.banner.action.click()
        assert not sync.banner.action.isEnabled()
    qtbot.waitUntil(lambda: not sync.banner.isVisible(), timeout=5000)
    qtbot.wait(50)
    assert top() == where
    assert len(visible_sync_buttons(main)) == 1
    assert sync.banner.action.isEnabled()
    # opening a family logs one change; the reminder comes back, the list does not move
    with qtbot.waitSignal(workspace.family_opened, timeout=5000):
        workspace.open_family(family_id)
    status = workspace.top_bar.sync_status
    qtbot.waitUntil(lambda: status.pending_count == 1, timeout=5000)
    sync.reminder.check()
    qtbot.wait(50)
    assert top() == where
    # a long message is one line, whole in the tooltip
    long_text = "Servern gick inte att nå. " * 12
    sync.banner.show_message("error", long_text, "Försök igen")
    qtbot.wait(50)
    assert top() == where
    assert sync.banner.label.text() == long_text == sync.banner.label.toolTip()
