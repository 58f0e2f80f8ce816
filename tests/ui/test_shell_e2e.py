"""End to end through the shell: first run, a new family with its plan in the timeline, lock,
unlock back to the same place, and a restart on the same data folder. Real encrypted store."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlmodel import select

from hembesok_desktop.domain.timeline import TimelineKind
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.models import AccessLogEntry, Contact, Enrollment, Guardian
from hembesok_desktop.ui.family.registration import RegistrationDialog
from hembesok_desktop.ui.flows.session import LockReason, SessionState
from hembesok_desktop.ui.shell import Shell
from hembesok_desktop.ui.workspace import DETAILS_TAB, TIMELINE_TAB

from .shell_support import (
    PASSPHRASE,
    a_registration,
    close_shell,
    make_shell,
    settings_in,
    shells,
    stub_first_run,
)

pytestmark = pytest.mark.usefixtures("shells")
__all__ = ["shells"]


def unlock(qtbot: QtBot, shell: Shell, passphrase: str = PASSPHRASE) -> None:
    screen = shell.unlock_screen
    assert shell.window.pages.currentWidget() is screen
    qtbot.keyClicks(screen.secret, passphrase)
    with qtbot.waitSignal(shell.unlocked, timeout=10_000):
        qtbot.keyClick(screen.secret, Qt.Key.Key_Return)


def wait_for_family(qtbot: QtBot, shell: Shell, family_id: str) -> None:
    workspace = shell.workspace
    assert workspace is not None
    qtbot.waitUntil(lambda: workspace.caseload.model.row_of(family_id) >= 0, timeout=10_000)
    qtbot.waitUntil(lambda: workspace.timeline.model.rowCount() > 1, timeout=10_000)


def test_first_run_family_lock_unlock_restart(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    settings = settings_in(tmp_path)
    stub_first_run(monkeypatch)
    shell = make_shell(qtbot, data_dir, settings)
    assert shell.session.state is SessionState.FIRST_RUN
    with qtbot.waitSignal(shell.unlocked, timeout=10_000):
        shell.start()
    workspace = shell.workspace
    assert workspace is not None
    assert workspace.top_bar.nurse.text() == "Anna Testsköterska"
    qtbot.waitUntil(lambda: workspace.caseload.count_label.text() != "", timeout=5000)
    assert workspace.caseload.model.rowCount() == 0

    # a new family from the birth notification, through Ctrl+N and the stubbed dialog
    today = workspace.ctx.today()
    registration = a_registration(today)
    monkeypatch.setattr(
        RegistrationDialog, "ask", classmethod(lambda cls, parent, today: registration)
    )
    with qtbot.waitSignal(workspace.family_opened, timeout=10_000) as opened:
        qtbot.keyClick(shell.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    family_id = opened.args[0]
    wait_for_family(qtbot, shell, family_id)
    row = workspace.caseload.model.rows()[workspace.caseload.model.row_of(family_id)]
    assert row.display_name == "Amina Testsson, Ali Testsson"
    assert row.interpreter_needed and row.next_due_code == "HB1"

    # the programme's plan shows in the timeline, with the today marker
    items = workspace.timeline.model.items()
    codes = {item.title.split()[0] for item in items if item.kind == TimelineKind.CONTACT}
    assert {"HB1", "HB2", "HB3", "HB4", "HB5", "HB6", "EM1", "EM2"} <= codes
    assert sum(item.kind == TimelineKind.TODAY for item in items) == 1

    # the family tab shows the details
    workspace.family_panel.set_current_tab(DETAILS_TAB)
    qtbot.waitUntil(lambda: workspace.details.record is not None, timeout=5000)
    assert workspace.details.record is not None
    assert {g.given_name for g in workspace.details.record.guardians} == {"Amina", "Ali"}

    # lock (Ctrl+L): every view is cleared, the store is closed
    store = shell.store
    assert store is not None
    with qtbot.waitSignal(shell.locked, timeout=5000):
        qtbot.keyClick(shell.window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert store.locked and shell.store is None and shell.workspace is None
    assert shell.session.lock_reason is LockReason.NURSE
    assert workspace.caseload.model.rowCount() == 0
    assert workspace.timeline.model.rowCount() == 0
    assert not shell.window.new_family_action.isEnabled()

    # unlock: back to the same family and tab
    unlock(qtbot, shell)
    again = shell.workspace
    assert again is not None and again is not workspace
    assert again.current_family_id == family_id
    assert again.family_panel.current_tab == DETAILS_TAB
    qtbot.waitUntil(lambda: again.details.record is not None, timeout=5000)
    close_shell(shell)

    # restart: a new shell on the same data folder
    restarted = make_shell(qtbot, data_dir, settings_in(tmp_path))
    assert restarted.session.state is SessionState.LOCKED
    restarted.start()
    unlock(qtbot, restarted)
    workspace = restarted.workspace
    assert workspace is not None
    qtbot.waitUntil(lambda: workspace.caseload.model.row_of(family_id) >= 0, timeout=10_000)
    workspace.open_family(family_id, tab=TIMELINE_TAB)
    qtbot.waitUntil(lambda: workspace.timeline.model.rowCount() > 8, timeout=10_000)
    close_shell(restarted)

    # everything is in the store: guardians, enrollment, the planned contacts, access log
    reopened = Store.unlock(data_dir, passphrase=PASSPHRASE)
    try:
        with reopened.read() as session:
            guardians = session.exec(select(Guardian).where(Guardian.family_id == family_id))
            kinds = sorted(g.identity_kind for g in guardians)
            assert kinds == ["personnummer", "reserve"]
            enrollment = session.exec(select(Enrollment)).one()
            assert enrollment.inclusion_reason == "first_child_in_sweden"
            assert enrollment.programme_version
            planned = session.exec(select(Contact).where(Contact.family_id == family_id)).all()
            assert len(planned) == 8
            assert all(c.window_start and c.window_end for c in planned)
            opened_log = session.exec(
                select(AccessLogEntry).where(AccessLogEntry.family_id == family_id)
            ).all()
            assert len(opened_log) >= 2 and {e.action for e in opened_log} == {"open"}
    finally:
        reopened.lock()
