"""Accessibility: every interactive widget has an accessible name, and the main flows work
from the keyboard (Ctrl+F search, Enter opens, Tab order, Ctrl+N new family, Ctrl+L lock)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from hembesok_desktop.demo.caseload import fill_demo_caseload
from hembesok_desktop.store.models import Family
from hembesok_desktop.ui.family.dialogs import EndEnrollmentDialog, FamilyEditDialog
from hembesok_desktop.ui.family.registration import RegistrationDialog
from hembesok_desktop.ui.flows.first_run import FirstRunFlow
from hembesok_desktop.ui.lock.first_run import NewStoreDialog, RecoveryKeyDialog
from hembesok_desktop.ui.settings_dialog import SettingsDialog
from hembesok_desktop.ui.shell import Shell
from tests.support.catalogue import CATALOGUE

from .shell_support import make_shell, settings_in, shells, stub_first_run

pytestmark = pytest.mark.usefixtures("shells")
__all__ = ["shells"]

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QPlainTextEdit,
    QTextEdit,
)


def unnamed(root: QWidget) -> list[str]:
    """Interactive, visible widgets under ``root`` without an accessible name."""
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisibleTo(root):
            continue
        parent = widget.parentWidget()
        if isinstance(parent, QAbstractSpinBox | QComboBox | QTabBar):
            continue  # parts of a compound widget, named through it
        if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
            continue  # a button's text is its accessible name
        if not widget.accessibleName().strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def started(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Shell:
    stub_first_run(monkeypatch)
    shell = make_shell(qtbot, tmp_path / "data", settings_in(tmp_path))
    with qtbot.waitSignal(shell.unlocked, timeout=10_000):
        shell.start()
    return shell


def test_workspace_is_named_and_keyboard_driven(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shell = started(qtbot, tmp_path, monkeypatch)
    assert shell.store is not None
    fill_demo_caseload(shell.store, catalogue=CATALOGUE, families=4, seed=2)
    workspace = shell.workspace
    assert workspace is not None
    window = shell.window
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(workspace.caseload.rows_loaded, timeout=5000):
        workspace.caseload.reload()
    first = workspace.caseload.model.rows()[0]
    with qtbot.waitSignal(workspace.family_opened, timeout=5000):
        workspace.open_family(first.family_id)
    workspace.family_panel.set_current_tab(1)  # a hidden tab loads when it is shown
    qtbot.waitUntil(lambda: workspace.details.record is not None, timeout=5000)
    assert unnamed(window) == []

    # Ctrl+F goes to the search field; typing narrows the list; Enter opens the one family
    workspace.family_panel.tabs.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is workspace.caseload.search
    surname = first.display_name.split(",")[0].split()[-1]
    with qtbot.waitSignal(workspace.caseload.rows_loaded, timeout=5000):
        qtbot.keyClicks(workspace.caseload.search, surname.lower())
    assert 1 <= workspace.caseload.model.rowCount() < 4
    # Tab moves on to the work lists, then the table
    qtbot.keyClick(workspace.caseload.search, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is workspace.caseload.worklist_buttons.buttons()[0]
    workspace.caseload.worklist_buttons.buttons()[-1].setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is workspace.caseload.table
    workspace.family_panel.show_family(None)
    table = workspace.caseload.table
    table.setCurrentIndex(workspace.caseload.model.index(0, 0))
    with qtbot.waitSignal(workspace.family_opened, timeout=5000):
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert workspace.current_family_id == workspace.caseload.model.family_id(0)

    # Ctrl+N opens the new-family dialog
    asked: list[date] = []
    monkeypatch.setattr(
        RegistrationDialog, "ask", classmethod(lambda cls, p, today: asked.append(today))
    )
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 1

    # Ctrl+L locks; the unlock screen is named too and has the focus in its field
    with qtbot.waitSignal(shell.locked, timeout=5000):
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert unnamed(window) == []
    assert QApplication.focusWidget() is shell.unlock_screen.secret


def test_dialogs_are_named(qtbot: QtBot, tmp_path: Path) -> None:
    today = date(2025, 3, 14)
    flow = FirstRunFlow()
    flow.submit("seven blue horses dance", "seven blue horses dance", full_name="A", title="B")
    flow.created("ABCD-EFGH-IJKL")
    family = Family(id="f", family_id="f", created_at=today, languages=["ar"])  # type: ignore[arg-type]
    dialogs: list[QWidget] = [
        NewStoreDialog(FirstRunFlow()),
        RecoveryKeyDialog(flow),
        RegistrationDialog(today=today),
        FamilyEditDialog(family),
        EndEnrollmentDialog(start_date=today, today=today),
        SettingsDialog(settings_in(tmp_path)),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        if isinstance(dialog, RegistrationDialog):
            dialog.second_guardian.setChecked(True)
        assert unnamed(dialog) == [], type(dialog).__name__
