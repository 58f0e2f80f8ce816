"""The caseload search finds a family by any form of a personal number the nurse may type
(12 or 10 digits, with or without the separator, or only its end), and the first Enter on a
hit opens it, even when typed faster than the search timer."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hembesok_desktop.demo.caseload import fill_demo_caseload
from hembesok_desktop.store.read.family import family_record
from hembesok_desktop.store.search import word_forms
from hembesok_desktop.ui.shell import Shell
from tests.support.catalogue import CATALOGUE

from .shell_support import make_shell, settings_in, shells, stub_first_run

pytestmark = pytest.mark.usefixtures("shells")
__all__ = ["shells"]


def started(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Shell:
    stub_first_run(monkeypatch)
    shell = make_shell(qtbot, tmp_path / "data", settings_in(tmp_path))
    with qtbot.waitSignal(shell.unlocked, timeout=10_000):
        shell.start()
    assert shell.store is not None
    fill_demo_caseload(shell.store, catalogue=CATALOGUE, families=6, seed=9)
    return shell


def forms_of(number: str) -> list[str]:
    """The ways a nurse writes the 12-digit ``number``."""
    ten = number[2:]
    return [
        number,  # 199406233883
        f"{number[:8]}-{number[8:]}",  # 19940623-3883, as the app shows it
        f"{ten[:6]}-{ten[6:]}",  # 940623-3883
        ten,  # 9406233883
        f"{ten[2:6]}-{ten[6:]}",  # 0623-3883
    ]


def test_every_form_of_a_personal_number_finds_the_family(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shell = started(qtbot, tmp_path, monkeypatch)
    workspace = shell.workspace
    assert workspace is not None and shell.store is not None
    caseload = workspace.caseload
    with qtbot.waitSignal(caseload.rows_loaded, timeout=5000):
        caseload.reload()
    wanted = caseload.model.rows()[3].family_id
    with shell.store.read() as session:
        record = family_record(session, wanted)
    number = next(g.identity_number for g in record.guardians if len(g.identity_number) == 12)
    for typed in forms_of(number):
        with qtbot.waitSignal(caseload.rows_loaded, timeout=5000):
            caseload.search.setText(typed)
        shown = [row.family_id for row in caseload.model.rows()]
        assert wanted in shown, typed
        assert len(shown) < 6, typed
    # a centenarian's "+" is a separator too; a phone number keeps matching as typed
    assert word_forms("231231+1234") == ["231231+1234", "2312311234"]
    assert word_forms("070-123") == ["070-123", "070123"]
    assert word_forms("andersson") == ["andersson"]


def test_the_first_enter_opens_the_hit_even_before_the_search_answered(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shell = started(qtbot, tmp_path, monkeypatch)
    workspace = shell.workspace
    assert workspace is not None and shell.store is not None
    caseload = workspace.caseload
    with qtbot.waitSignal(caseload.rows_loaded, timeout=5000):
        caseload.reload()
    wanted = caseload.model.rows()[4].family_id
    with shell.store.read() as session:
        record = family_record(session, wanted)
    number = next(g.identity_number for g in record.guardians if len(g.identity_number) == 12)
    caseload.search.setFocus()
    with qtbot.waitSignal(workspace.family_opened, timeout=5000):
        qtbot.keyClicks(caseload.search, f"{number[:8]}-{number[8:]}")
        qtbot.keyClick(caseload.search, Qt.Key.Key_Return)  # within the 80 ms of the timer
    assert workspace.current_family_id == wanted
