"""The window fits a laptop screen and comes back as the nurse left it: size, position,
maximised state and the caseload/family split (``QSettings``, no personal data)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from hembesok_desktop.demo.caseload import fill_demo_caseload
from hembesok_desktop.ui.flows.session import LockReason
from hembesok_desktop.ui.main_window import FRAME_ALLOWANCE
from tests.support.catalogue import CATALOGUE

from .shell_support import PASSPHRASE, close_shell, make_shell, settings_in, shells, stub_first_run

pytestmark = pytest.mark.usefixtures("shells")
__all__ = ["shells"]

_PLACE = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from hembesok_desktop.ui.main_window import MainWindow
window = MainWindow()
window.show()
app.processEvents()
area = window.screen().availableGeometry()
frame = window.frameGeometry()
print(int(area.contains(frame)), int(window.isMaximized()), window.width(), window.height())
"""


@pytest.mark.parametrize(
    ("width", "height", "maximised"), [(1366, 768, 1), (1280, 720, 1), (1920, 1080, 0)]
)
def test_the_window_opens_within_the_available_screen(
    tmp_path: Path, width: int, height: int, maximised: int
) -> None:
    config = tmp_path / "screen.json"
    screen = {"name": "s", "x": 0, "y": 0, "width": width, "height": height, "dpr": 1}
    config.write_text(json.dumps({"windowFrameMargins": True, "screens": [screen]}))
    env = {"QT_QPA_PLATFORM": f"offscreen:configfile={config}", "PATH": "/usr/bin:/bin"}
    answer = subprocess.run(
        [sys.executable, "-c", _PLACE], env=env, capture_output=True, text=True, timeout=60
    )
    inside, is_maximised, shown_width, shown_height = map(int, answer.stdout.split())
    assert inside == 1, answer.stdout
    assert is_maximised == maximised
    if not maximised:
        assert (shown_width, shown_height) == (1280, 800)


def test_the_workspace_needs_no_more_than_a_1280_by_720_screen(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stub_first_run(monkeypatch)
    shell = make_shell(qtbot, tmp_path / "data", settings_in(tmp_path))
    with qtbot.waitSignal(shell.unlocked, timeout=10_000):
        shell.start()
    assert shell.store is not None and shell.workspace is not None
    fill_demo_caseload(shell.store, catalogue=CATALOGUE, families=3, seed=2)
    workspace = shell.workspace
    with qtbot.waitSignal(workspace.caseload.rows_loaded, timeout=5000):
        workspace.caseload.reload()
    with qtbot.waitSignal(workspace.family_opened, timeout=5000):
        workspace.open_family(workspace.caseload.model.rows()[0].family_id)
    room = QSize(1280, 720) - FRAME_ALLOWANCE
    for tab in range(workspace.family_panel.tabs.count()):
        workspace.family_panel.set_current_tab(tab)
        needed = shell.window.minimumSizeHint()
        assert needed.width() <= room.width() and needed.height() <= room.height(), tab


def test_size_position_maximised_and_split_come_back(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stub_first_run(monkeypatch)
    settings = settings_in(tmp_path)
    shell = make_shell(qtbot, tmp_path / "data", settings)
    with qtbot.waitSignal(shell.unlocked, timeout=10_000):
        shell.start()
    window = shell.window
    assert shell.workspace is not None
    shell.workspace.splitter.setSizes([300, 600])
    split = shell.workspace.splitter.sizes()
    with qtbot.waitSignal(shell.locked, timeout=5000):
        shell.lock(LockReason.NURSE)  # the split is kept on lock
    window.showNormal()
    qtbot.waitUntil(lambda: not window.isMaximized(), timeout=2000)
    window.setGeometry(10, 40, 780, 620)
    qtbot.waitUntil(lambda: window.size() == QSize(780, 620), timeout=2000)
    geometry = window.geometry()
    assert window.close()
    close_shell(shell)

    again = make_shell(qtbot, tmp_path / "data", settings)
    assert again.window.geometry() == geometry
    assert not again.window.isMaximized()
    with qtbot.waitSignal(again.unlocked, timeout=10_000):
        again.start()
        again.unlock_screen.secret.setText(PASSPHRASE)
        again.unlock_screen.unlock_requested.emit(PASSPHRASE, False)
    assert again.workspace is not None
    assert again.workspace.splitter.sizes() == split

    again.window.showMaximized()
    qtbot.waitUntil(again.window.isMaximized, timeout=2000)
    assert again.window.close()
    close_shell(again)
    third = make_shell(qtbot, tmp_path / "data", settings)
    assert third.window.isMaximized()
