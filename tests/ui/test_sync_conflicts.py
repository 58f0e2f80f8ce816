"""A conflict made by two laptops through a real server appears in the conflicts view in the
nurse's words; settling it (keeping the other value) syncs to the other laptop, and both values
stay in the history."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlmodel import select

from hembesok_desktop.store.models import Conflict, Family
from hembesok_desktop.store.services import families, journal
from hembesok_desktop.ui.sync.conflicts import ConflictsModel, RefusedModel

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


def test_conflict_from_two_laptops_is_shown_and_settling_it_syncs(
    qtbot: QtBot, qtmodeltester: ModelTester, tmp_path: Path, sync_server: SyncServer
) -> None:
    mine = new_store(tmp_path / "mine")
    other = new_store(tmp_path / "other")
    try:
        enroll(mine, sync_server, "a")
        enroll(other, sync_server, "b")
        family_id = add_family(mine)
        sync_directly(mine)
        sync_directly(other)
        with mine.write() as uow:
            families.update_family(uow, family_id, phone="070-111 11 11")
        with other.write() as uow:
            families.update_family(uow, family_id, phone="070-222 22 22")  # later: wins

        window = open_window(qtbot, tmp_path, mine)
        controller = window.sync.controller
        with qtbot.waitSignal(controller.finished, timeout=20_000):
            window.sync.sync_now()
        sync_directly(other)  # the server keeps 070-111 as the conflict's losing value
        with qtbot.waitSignal(controller.finished, timeout=20_000) as done:
            window.sync.sync_now()
        assert done.args[0].new_conflicts == 1
        status = window.workspace.top_bar.sync_status
        qtbot.waitUntil(lambda: "1 konflikt att lösa" in status.status_text(), timeout=5_000)
        assert status.conflicts_button.isVisible()
        assert window.sync.banner.isVisible() and "1 ny konflikt" in window.sync.banner.label.text()

        with qtbot.waitSignal(window.sync.conflicts_dialog_loaded(), timeout=10_000):
            qtbot.mouseClick(status.conflicts_button, Qt.MouseButton.LeftButton)
        dialog = window.sync.conflicts_dialog
        assert dialog is not None and dialog.isVisible()
        model = dialog.conflicts
        qtmodeltester.check(model)
        qtmodeltester.check(dialog.refused)
        assert model.rowCount() == 1
        cells = [model.index(0, column).data() for column in range(model.columnCount())]
        assert cells[ConflictsModel.FAMILY] == "Testa Föräldersson"
        assert cells[ConflictsModel.RECORD] == "Familjeuppgifter"
        assert cells[ConflictsModel.FIELD] == "Telefonnummer"
        assert cells[ConflictsModel.IN_USE].startswith("070-222 22 22 (skrivet 20")
        assert cells[ConflictsModel.OTHER].startswith("070-111 11 11 (skrivet 20")
        assert model.headerData(ConflictsModel.IN_USE, Qt.Orientation.Horizontal) == (
            "Värde som används nu"
        )

        with qtbot.waitSignal(dialog.loaded, timeout=10_000) as reloaded:
            qtbot.mouseClick(dialog.other_button, Qt.MouseButton.LeftButton)
        assert reloaded.args == [0, 0]
        assert dialog.empty_conflicts.isVisibleTo(dialog)
        qtbot.waitUntil(lambda: not status.conflicts_button.isVisible(), timeout=5_000)
        with mine.read() as session:
            assert session.get(Family, family_id).phone == "070-111 11 11"

        with qtbot.waitSignal(controller.finished, timeout=20_000):
            window.sync.sync_now()
        qtbot.waitUntil(lambda: "0 ändringar väntar" in status.status_text(), timeout=5_000)
        sync_directly(other)
        with other.read() as session:
            assert session.get(Family, family_id).phone == "070-111 11 11"
            (conflict,) = session.exec(select(Conflict)).all()
            assert conflict.status == "settled"
            assert (conflict.losing_value, conflict.winning_value) == (
                "070-111 11 11",
                "070-222 22 22",
            )  # both values stay in the history
    finally:
        other.lock()


def test_empty_models_pass_the_model_tester(qtmodeltester: ModelTester) -> None:
    qtmodeltester.check(ConflictsModel())
    qtmodeltester.check(RefusedModel())


def test_a_refused_change_is_shown_with_the_servers_reason_and_can_be_requeued(
    qtbot: QtBot, qtmodeltester: ModelTester, tmp_path: Path, sync_server: SyncServer
) -> None:
    mine = new_store(tmp_path / "mine")
    other = new_store(tmp_path / "other")
    try:
        enroll(mine, sync_server, "a")
        enroll(other, sync_server, "b")
        family_id = add_family(other)
        with other.write() as uow:
            entry = journal.write_entry(uow, family_id=family_id, text="Samtal om sömn.")
            journal.sign_entry(
                uow, entry.id, author_name="Syster B", author_title="BVC-sjuksköterska"
            )
        sync_directly(other)
        sync_directly(mine)
        with other.write() as uow:
            journal.void_entry(uow, entry.id, reason="Fel barn", voided_by="Syster B")
        with mine.write() as uow:
            journal.void_entry(uow, entry.id, reason="Dubblett", voided_by="Syster A")
        sync_directly(other)  # the first void wins; mine will be refused

        window = open_window(qtbot, tmp_path, mine)
        with qtbot.waitSignal(window.sync.controller.finished, timeout=20_000) as done:
            window.sync.sync_now()
        assert done.args[0].rejected == 1
        status = window.workspace.top_bar.sync_status
        qtbot.waitUntil(lambda: "1 ändring nekad" in status.status_text(), timeout=5_000)
        assert window.sync.banner.label.text().startswith("Servern nekade 1 ändring;")

        with qtbot.waitSignal(window.sync.conflicts_dialog_loaded(), timeout=10_000):
            window.sync.banner.action.click()  # "Visa"
        dialog = window.sync.conflicts_dialog
        assert dialog is not None and dialog.tabs.currentIndex() == 1
        qtmodeltester.check(dialog.refused)
        assert dialog.refused.rowCount() == 1
        row = [dialog.refused.index(0, c).data() for c in range(dialog.refused.columnCount())]
        assert row[RefusedModel.FAMILY] == "Testa Föräldersson"
        assert row[RefusedModel.RECORD] == "Journalanteckning"
        assert "already voided" in row[RefusedModel.REASON]  # the server's own words

        with qtbot.waitSignal(dialog.requeued, timeout=10_000) as requeued:
            qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)
        assert requeued.args == [1]
        qtbot.waitUntil(lambda: "1 ändring väntar" in status.status_text(), timeout=5_000)
        assert not status.conflicts_button.isVisible()
    finally:
        other.lock()
