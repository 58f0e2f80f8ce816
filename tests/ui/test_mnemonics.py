"""Every Alt+letter is unique in what the nurse sees at once: the menu bar, the work lists and
the open family's tab (its buttons, tab titles and field labels), and within each menu.
Alt+I opens the Idag list; each family tab has its own letter."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMenu, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from hembesok_desktop.demo.caseload import fill_demo_caseload
from tests.support.catalogue import CATALOGUE

from .shell_support import make_shell, settings_in, shells, stub_first_run
from .test_sync_support import swedish

pytestmark = pytest.mark.usefixtures("shells", "swedish")
__all__ = ["shells", "swedish"]


def mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def shown_mnemonics(window: QWidget) -> list[tuple[str, str]]:
    """(letter, where) of every mnemonic Alt can reach in the window as it is shown now."""
    out: list[tuple[str, str]] = []
    for action in window.menuBar().actions():
        if (letter := mnemonic(action.text())) and action.isVisible():
            out.append((letter, f"menu {action.text()}"))
    for button in window.findChildren(QAbstractButton):
        if button.isVisible() and (letter := mnemonic(button.text())):
            out.append((letter, f"button {button.text()}"))
    for label in window.findChildren(QLabel):
        if label.isVisible() and label.buddy() is not None and (letter := mnemonic(label.text())):
            out.append((letter, f"label {label.text()}"))
    for bar in window.findChildren(QTabBar):
        if bar.isVisible():
            for index in range(bar.count()):
                if letter := mnemonic(bar.tabText(index)):
                    out.append((letter, f"tab {bar.tabText(index)}"))
    return out


def duplicates(found: list[tuple[str, str]]) -> dict[str, list[str]]:
    counts = Counter(letter for letter, _where in found)
    return {
        letter: [where for other, where in found if other == letter]
        for letter, count in counts.items()
        if count > 1
    }


def menu_duplicates(window: QWidget) -> dict[str, dict[str, list[str]]]:
    out = {}
    for menu in window.findChildren(QMenu):
        found = [(mnemonic(a.text()) or "", a.text()) for a in menu.actions() if a.text()]
        found = [(letter, text) for letter, text in found if letter]
        if clash := duplicates(found):
            out[menu.title()] = clash
    return out


def test_mnemonics_are_unique_in_every_tab(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stub_first_run(monkeypatch)
    shell = make_shell(qtbot, tmp_path / "data", settings_in(tmp_path))
    with qtbot.waitSignal(shell.unlocked, timeout=10_000):
        shell.start()
    assert shell.store is not None and shell.workspace is not None
    fill_demo_caseload(shell.store, catalogue=CATALOGUE, families=3, seed=2)
    window, workspace = shell.window, shell.workspace
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(workspace.caseload.rows_loaded, timeout=5000):
        workspace.caseload.reload()
    with qtbot.waitSignal(workspace.family_opened, timeout=5000):
        workspace.open_family(workspace.caseload.model.rows()[0].family_id)
    tabs = workspace.family_panel.tabs
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert all(mnemonic(title) for title in titles), titles  # every tab has its letter
    problems = {}
    for index in range(tabs.count()):
        workspace.family_panel.set_current_tab(index)
        qtbot.wait(100)  # the tab's content loads
        if clash := duplicates(shown_mnemonics(window)):
            problems[titles[index]] = clash
    assert problems == {}
    assert menu_duplicates(window) == {}


def test_alt_i_opens_the_idag_list(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stub_first_run(monkeypatch)
    shell = make_shell(qtbot, tmp_path / "data", settings_in(tmp_path))
    with qtbot.waitSignal(shell.unlocked, timeout=10_000):
        shell.start()
    window, workspace = shell.window, shell.workspace
    assert workspace is not None
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    workspace.caseload.search.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: workspace.caseload.worklist == "today", timeout=2000)
