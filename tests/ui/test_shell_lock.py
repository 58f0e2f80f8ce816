"""Auto-lock after idle time, lock on suspend, drafts saved before the store closes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from hembesok_desktop.store.unit_of_work import Changed
from hembesok_desktop.ui.flows.session import LockReason
from hembesok_desktop.ui.shell import Shell

from .shell_support import make_shell, settings_in, shells, stub_first_run

pytestmark = pytest.mark.usefixtures("shells")
__all__ = ["shells"]


class DraftTab(QWidget):
    """A FamilyTab with a draft hook: records whether the store was still open."""

    def __init__(self, shell: Shell) -> None:
        super().__init__()
        self.shell = shell
        self.saved_with_open_store: list[bool] = []
        self.shown: list[str | None] = []

    def show_family(self, family_id: str | None) -> None:
        self.shown.append(family_id)

    def refresh(self, changed: Changed) -> None:
        del changed

    def save_drafts(self) -> None:
        store = self.shell.store
        self.saved_with_open_store.append(store is not None and not store.locked)


def started(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **kw: float) -> Shell:
    stub_first_run(monkeypatch)
    shell = make_shell(qtbot, tmp_path / "data", settings_in(tmp_path, **kw), idle_check_ms=20)
    with qtbot.waitSignal(shell.unlocked, timeout=10_000):
        shell.start()
    return shell


def test_idle_locks_and_saves_drafts_first(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shell = started(qtbot, tmp_path, monkeypatch, idle_minutes=0.004)  # 0.24 s
    workspace = shell.workspace
    assert workspace is not None
    tab = DraftTab(shell)
    workspace.family_panel.add_tab(tab, "Drafts")
    with qtbot.waitSignal(shell.locked, timeout=5000):
        pass
    assert shell.session.lock_reason is LockReason.IDLE
    assert tab.saved_with_open_store == [True]
    assert tab.shown[-1] is None  # the view was cleared
    assert "activity" in shell.unlock_screen.reason_label.text() or "aktivitet" in (
        shell.unlock_screen.reason_label.text()
    )


def test_input_keeps_it_unlocked(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shell = started(qtbot, tmp_path, monkeypatch, idle_minutes=0.005)  # 0.3 s
    workspace = shell.workspace
    assert workspace is not None
    locked: list[bool] = []
    shell.locked.connect(lambda: locked.append(True))
    typed: list[int] = []

    def type_one() -> None:
        qtbot.keyClick(workspace.caseload.search, Qt.Key.Key_A)
        typed.append(1)

    typist = QTimer()
    typist.timeout.connect(type_one)
    typist.start(60)
    qtbot.waitUntil(lambda: len(typed) >= 10, timeout=5000)  # 0.6 s of typing > 0.3 s idle
    typist.stop()
    assert not locked
    qtbot.waitUntil(lambda: bool(locked), timeout=5000)


def test_suspend_locks(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shell = started(qtbot, tmp_path, monkeypatch)
    with qtbot.waitSignal(shell.locked, timeout=5000):
        shell.idle._state_changed(Qt.ApplicationState.ApplicationSuspended)
    assert shell.session.lock_reason is LockReason.SUSPEND
    assert not shell.idle.active


def test_sleep_gap_locks(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shell = started(qtbot, tmp_path, monkeypatch)
    shell.idle._last_tick -= 3600  # as if the laptop slept for an hour between two checks
    with qtbot.waitSignal(shell.locked, timeout=5000):
        pass
    assert shell.session.lock_reason is LockReason.SUSPEND
