"""Every Alt+letter is unique in what the nurse sees at once: the menu bar, the work lists and
the open family's tab (its buttons, tab titles and field labels), and within each menu; also
with more on screen (a visit form open in Besök, a form open in Formulär) and in the settings
and registration dialogs. Alt+I opens the Idag list; each family tab has its own letter."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from hembesok_desktop.demo.caseload import fill_demo_caseload
from hembesok_desktop.ui.family.registration import RegistrationDialog
from hembesok_desktop.ui.forms.dialogs import NewScreening, NewScreeningDialog
from hembesok_desktop.ui.forms.tab import FormsTab
from hembesok_desktop.ui.settings_dialog import SettingsDialog
from hembesok_desktop.ui.shell import Shell
from hembesok_desktop.ui.visit.tab import VisitTab
from hembesok_desktop.ui.workspace import Workspace
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
    menu_bar = window.menuBar() if isinstance(window, QMainWindow) else None
    for action in menu_bar.actions() if menu_bar is not None else ():
        if (letter := mnemonic(action.text())) and action.isVisible():
            out.append((letter, f"menu {action.text()}"))
    for box in window.findChildren(QGroupBox):
        if box.isVisible() and (letter := mnemonic(box.title())):
            out.append((letter, f"group {box.title()}"))
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


EPDS = "http://hembesok.se/fhir/Questionnaire/epds"


def opened(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Shell, Workspace]:
    """An unlocked shell on a small demo caseload, its first family open."""
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
    return shell, workspace


def family_tab(workspace: Workspace, kind: type[QWidget]) -> tuple[int, QWidget]:
    tabs = workspace.family_panel.tabs
    for index in range(tabs.count()):
        if isinstance(tabs.widget(index), kind):
            return index, tabs.widget(index)
    raise AssertionError(f"no {kind.__name__} tab")


def test_mnemonics_are_unique_with_a_visit_form_open(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shell, workspace = opened(qtbot, tmp_path, monkeypatch)
    index, visits = family_tab(workspace, VisitTab)
    assert isinstance(visits, VisitTab)
    with qtbot.waitSignal(visits.loaded, timeout=5000):
        workspace.family_panel.set_current_tab(index)
    with qtbot.waitSignal(visits.form_opened, timeout=5000):
        visits.open_form(visits.selected_contact() if visits.document_button.isEnabled() else None)
    qtbot.wait(100)
    assert visits.form is not None and visits.form.isVisible()
    found = shown_mnemonics(shell.window)
    assert len(found) > 10  # the form's own letters are counted
    assert duplicates(found) == {}


def test_mnemonics_are_unique_with_a_form_open(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shell, workspace = opened(qtbot, tmp_path, monkeypatch)
    index, forms = family_tab(workspace, FormsTab)
    assert isinstance(forms, FormsTab)
    with qtbot.waitSignal(forms.loaded, timeout=5000):
        workspace.family_panel.set_current_tab(index)
    assert forms.data is not None and forms.data.guardians
    choice = NewScreening(EPDS, forms.data.guardians[0].id, "sv")
    monkeypatch.setattr(NewScreeningDialog, "ask", classmethod(lambda cls, *a, **k: choice))
    forms.new_button.click()
    qtbot.wait(100)
    assert forms.form_widget is not None and forms.form_widget.isVisible()
    assert forms.complete_button.isVisible()
    assert duplicates(shown_mnemonics(shell.window)) == {}


def test_mnemonics_are_unique_in_the_settings_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = SettingsDialog(settings_in(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    found = shown_mnemonics(dialog)
    assert len(found) >= 3
    assert duplicates(found) == {}


def test_mnemonics_are_unique_in_the_registration_dialog(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shell, workspace = opened(qtbot, tmp_path, monkeypatch)
    dialog = RegistrationDialog(today=workspace.ctx.today(), parent=shell.window)
    dialog.show()
    qtbot.waitExposed(dialog)
    try:
        found = shown_mnemonics(dialog)
        assert found
        assert duplicates(found) == {}
    finally:
        dialog.hide()
