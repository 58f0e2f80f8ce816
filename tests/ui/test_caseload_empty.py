"""An empty work list says why: "Idag" with nothing due today says no visits are planned today,
a search without hits says so; a list with families shows the table again."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hembesok_desktop.demo.caseload import fill_demo_caseload
from tests.support.catalogue import CATALOGUE

from .shell_support import make_shell, settings_in, shells, stub_first_run
from .test_sync_support import swedish

pytestmark = pytest.mark.usefixtures("shells", "swedish")
__all__ = ["shells", "swedish"]


def test_empty_lists_explain_themselves(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stub_first_run(monkeypatch)
    shell = make_shell(qtbot, tmp_path / "data", settings_in(tmp_path))
    with qtbot.waitSignal(shell.unlocked, timeout=10_000):
        shell.start()
    workspace = shell.workspace
    assert workspace is not None and shell.store is not None
    shell.window.show()
    qtbot.waitExposed(shell.window)
    caseload = workspace.caseload

    with qtbot.waitSignal(caseload.rows_loaded, timeout=5000):
        caseload.set_worklist("today")
    assert caseload.model.rowCount() == 0
    assert caseload.empty_label.isVisible() and not caseload.table.isVisible()
    assert caseload.empty_label.text() == "Inga besök är planerade i dag."
    with qtbot.waitSignal(caseload.rows_loaded, timeout=5000):
        caseload.set_worklist("overdue")
    assert caseload.empty_label.text() == "Inget besök är försenat."
    with qtbot.waitSignal(caseload.rows_loaded, timeout=5000):
        caseload.set_worklist("all")
    assert caseload.empty_label.text() == "Det finns inga familjer än."

    fill_demo_caseload(shell.store, catalogue=CATALOGUE, families=3, seed=2)
    with qtbot.waitSignal(caseload.rows_loaded, timeout=5000):
        caseload.reload()
    assert caseload.model.rowCount() == 3
    assert caseload.table.isVisible() and not caseload.empty_label.isVisible()
    caseload.search.setText("Ingen sådan familj xyz")
    qtbot.waitUntil(lambda: caseload.model.rowCount() == 0, timeout=5000)
    assert caseload.empty_label.isVisible()
    assert caseload.empty_label.text() == "Ingen familj i listan matchar sökningen."
    caseload.search.clear()
    qtbot.waitUntil(lambda: caseload.model.rowCount() == 3, timeout=5000)
    assert caseload.table.isVisible()
