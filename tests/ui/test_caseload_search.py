"""Search as you type narrows the loaded work list without reloading it; opening a family
loads only the tab in view."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from hembesok_desktop.demo.caseload import fill_demo_caseload
from hembesok_desktop.store.caseload import CaseloadRow
from hembesok_desktop.ui.caseload import panel as caseload_panel
from hembesok_desktop.ui.shell import Shell
from hembesok_desktop.ui.workspace import DETAILS_TAB, TIMELINE_TAB
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
    fill_demo_caseload(shell.store, catalogue=CATALOGUE, families=5, seed=4)
    return shell


def test_typing_filters_the_loaded_rows_and_never_reloads_the_list(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shell = started(qtbot, tmp_path, monkeypatch)
    workspace = shell.workspace
    assert workspace is not None
    caseload = workspace.caseload
    with qtbot.waitSignal(caseload.rows_loaded, timeout=5000):
        caseload.reload()
    everyone = caseload.model.rows()
    assert len(everyone) == 5
    loads: list[str] = []
    real = caseload_panel.caseload_rows

    def counted(*args: Any, **kwargs: Any) -> list[CaseloadRow]:
        loads.append("list")
        return real(*args, **kwargs)

    monkeypatch.setattr(caseload_panel, "caseload_rows", counted)
    surname = everyone[2].display_name.split(",")[0].split()[-1]
    with qtbot.waitSignal(caseload.rows_loaded, timeout=5000):
        qtbot.keyClicks(caseload.search, surname.lower())
    shown = caseload.model.rows()
    assert everyone[2] in shown and len(shown) < 5
    assert all(row in everyone for row in shown)  # the loaded order, narrowed
    # clearing the search shows every loaded row again
    with qtbot.waitSignal(caseload.rows_loaded, timeout=5000):
        caseload.search.clear()
    assert caseload.model.rows() == everyone
    assert loads == []  # no keystroke reloaded the list


def test_opening_a_family_loads_only_the_tab_in_view(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shell = started(qtbot, tmp_path, monkeypatch)
    workspace = shell.workspace
    assert workspace is not None
    with qtbot.waitSignal(workspace.caseload.rows_loaded, timeout=5000):
        workspace.caseload.reload()
    first, second = workspace.caseload.model.rows()[:2]
    with qtbot.waitSignal(workspace.timeline.loaded, timeout=5000):
        workspace.open_family(first.family_id, tab=TIMELINE_TAB)
    assert workspace.details.record is None  # hidden: not loaded
    with qtbot.waitSignal(workspace.details.loaded, timeout=5000):
        workspace.family_panel.set_current_tab(DETAILS_TAB)
    assert workspace.details.record is not None
    assert workspace.details.record.family.id == first.family_id
    # another family: the tab in view follows, the hidden timeline is cleared, not reloaded
    with qtbot.waitSignal(workspace.details.loaded, timeout=5000):
        workspace.open_family(second.family_id)
    assert workspace.details.record is not None
    assert workspace.details.record.family.id == second.family_id
    assert workspace.timeline.model.rowCount() == 0
    with qtbot.waitSignal(workspace.timeline.loaded, timeout=5000):
        workspace.family_panel.set_current_tab(TIMELINE_TAB)
    assert workspace.timeline.model.rowCount() > 0
