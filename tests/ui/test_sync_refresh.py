"""After a sync the window refreshes as after a local write (against a real server process): a
sync that changed one family re-reads that family's caseload row and the open family's tabs,
and does not reload the whole caseload."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex
from pytestqt.qtbot import QtBot

from hembesok_desktop.store.services import families
from hembesok_desktop.ui.workspace import DETAILS_TAB

from .shell_support import shells
from .test_sync_support import (
    SyncServer,
    add_family,
    enroll,
    new_store,
    open_window,
    swedish,
    sync_directly,
    sync_server,
)

pytestmark = pytest.mark.usefixtures("shells", "swedish")
__all__ = ["shells", "swedish", "sync_server"]

NEW_ADDRESS = "Nya påhittade gatan 9"


def test_a_sync_changing_one_family_refreshes_its_row_and_the_open_family_only(
    qtbot: QtBot, tmp_path: Path, sync_server: SyncServer
) -> None:
    store = new_store(tmp_path / "laptop")
    enroll(store, sync_server, "a")
    ids = [add_family(store, phone=f"070-000 00 0{n}") for n in range(3)]
    sync_directly(store)
    # the other nurse's laptop changes one of the families and sends it to the server
    other = new_store(tmp_path / "other")
    try:
        enroll(other, sync_server, "b")
        sync_directly(other)
        with other.write() as uow:
            families.update_family(uow, ids[1], address=NEW_ADDRESS)
        sync_directly(other)
    finally:
        other.lock()

    window = open_window(qtbot, tmp_path, store)
    workspace, caseload = window.workspace, window.workspace.caseload
    qtbot.waitUntil(lambda: all(caseload.model.row_of(fid) >= 0 for fid in ids), timeout=10_000)
    with qtbot.waitSignal(workspace.details.loaded, timeout=10_000):
        workspace.open_family(ids[1], tab=DETAILS_TAB)
    resets: list[int] = []
    reloads: list[int] = []
    rows_changed: list[str | None] = []
    caseload.model.modelReset.connect(lambda: resets.append(1))
    caseload.rows_loaded.connect(reloads.append)

    def row_changed(top: QModelIndex, _bottom: QModelIndex, _roles: object = None) -> None:
        rows_changed.append(caseload.model.family_id(top.row()))

    caseload.model.dataChanged.connect(row_changed)

    with (
        qtbot.waitSignal(workspace.details.loaded, timeout=20_000),  # the open family re-read
        qtbot.waitSignal(window.sync.controller.finished, timeout=20_000) as finished,
    ):
        window.sync.sync_now()
    summary = finished.args[0]
    assert summary.changed.family_ids == {ids[1]}
    assert summary.changed.entities == {"family"}

    def address() -> str:
        return caseload.model.rows()[caseload.model.row_of(ids[1])].address

    qtbot.waitUntil(lambda: address() == NEW_ADDRESS, timeout=10_000)
    assert resets == [] and reloads == [], "the whole caseload was reloaded"
    assert set(rows_changed) == {ids[1]}
