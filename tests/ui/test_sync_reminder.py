"""The end-of-day reminder: a calm banner only when changes are pending and it is past the
configured time (QSettings ``sync/reminder_time``); the clock is injected."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from hembesok_desktop.ui.sync.reminder import SyncReminder, reminder_time

from .shell_support import shells
from .test_sync_support import (
    SyncServer,
    add_family,
    enroll,
    new_store,
    open_window,
    swedish,
    sync_server,
)

pytestmark = pytest.mark.usefixtures("shells", "swedish")
__all__ = ["shells", "swedish", "sync_server"]


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def ini(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_reminder_time_setting(tmp_path: Path) -> None:
    settings = ini(tmp_path)
    assert reminder_time(settings) == time(16, 0)
    settings.setValue("sync/reminder_time", "15:30")
    assert reminder_time(settings) == time(15, 30)
    settings.setValue("sync/reminder_time", "")
    assert reminder_time(settings) is None  # off
    settings.setValue("sync/reminder_time", "nonsense")
    assert reminder_time(settings) == time(16, 0)


def test_reminds_only_when_pending_and_past_the_time(qtbot: QtBot, tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 3, 2, 15, 59))
    reminder = SyncReminder(ini(tmp_path), clock=clock)
    shown: list[int] = []
    reminder.remind.connect(shown.append)
    reminder.set_pending(4)
    assert not shown  # before the time
    clock.now = datetime(2026, 3, 2, 16, 0)
    reminder.set_pending(0)
    assert not shown  # nothing pending
    with qtbot.waitSignal(reminder.remind) as remind:
        reminder.set_pending(4)
    assert remind.args == [4] and reminder.showing
    with qtbot.waitSignal(reminder.cleared):
        reminder.set_pending(0)  # sent: the reminder goes away
    reminder.set_pending(2)
    reminder.dismiss()
    shown.clear()
    reminder.check()
    assert not shown  # closed: not again today
    clock.now += timedelta(days=1)
    reminder.check()
    assert shown == [2]


def test_the_window_shows_a_banner_with_a_sync_button(
    qtbot: QtBot, tmp_path: Path, sync_server: SyncServer
) -> None:
    ini(tmp_path).setValue("sync/reminder_time", "16:30")
    store = new_store(tmp_path / "laptop")
    enroll(store, sync_server, "a")
    add_family(store)
    window = open_window(qtbot, tmp_path, store)
    sync = window.sync
    clock = Clock(datetime(2026, 3, 2, 16, 29))
    sync.reminder.clock = clock
    sync.reminder.check()
    assert not sync.banner.isVisible()
    clock.now = datetime(2026, 3, 2, 16, 31)
    sync.reminder.check()
    assert sync.banner.isVisible() and sync.banner.kind == "reminder"
    assert sync.banner.label.text().startswith("3 ändringar är inte skickade än.")
    assert sync.banner.focusProxy() is None and not sync.banner.hasFocus()  # calm, non-modal
    with qtbot.waitSignal(sync.controller.finished, timeout=20_000):
        sync.banner.action.click()  # "Synka nu"
    qtbot.waitUntil(lambda: not sync.reminder.showing, timeout=5_000)  # nothing pending now
    assert not sync.banner.isVisible()
