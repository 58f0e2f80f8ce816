"""Settings → "Connect to server…": enrolling from the window with the real server, the dialog's
checks, and a wrong password told in Swedish."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from hembesok_desktop.store import replica
from hembesok_desktop.ui.sync.enroll import EnrollDialog, EnrollRequest

from .shell_support import shells
from .test_sync_support import (
    PASSWORD,
    SyncServer,
    add_family,
    new_store,
    open_window,
    swedish,
    sync_server,
)

pytestmark = pytest.mark.usefixtures("shells", "swedish")
__all__ = ["shells", "swedish", "sync_server"]


def test_connect_to_server_then_sync(
    qtbot: QtBot, tmp_path: Path, sync_server: SyncServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = new_store(tmp_path / "laptop")
    add_family(store)
    window = open_window(qtbot, tmp_path, store)
    status = window.workspace.top_bar.sync_status
    assert status.status_text().startswith("Inte ansluten till server")
    request = EnrollRequest(sync_server.base_url, sync_server.usernames["a"], PASSWORD)
    monkeypatch.setattr(EnrollDialog, "ask", classmethod(lambda cls, parent, **kw: request))
    window.sync.enroll_action.trigger()
    qtbot.waitUntil(
        lambda: status.overview is not None and status.overview.enrolled, timeout=10_000
    )
    assert "Inte ansluten" not in status.status_text()
    state = replica.sync_state(store)
    assert state.server_url == sync_server.base_url and state.device_token
    assert PASSWORD not in str(replica.sync_state(store))  # the password is never kept
    with qtbot.waitSignal(window.sync.controller.finished, timeout=20_000):
        window.sync.sync_now()
    qtbot.waitUntil(lambda: "0 ändringar väntar" in status.status_text(), timeout=5_000)


def test_a_wrong_password_is_one_swedish_sentence(
    qtbot: QtBot, tmp_path: Path, sync_server: SyncServer
) -> None:
    store = new_store(tmp_path / "laptop")
    window = open_window(qtbot, tmp_path, store)
    job = window.sync.enroll(
        EnrollRequest(sync_server.base_url, sync_server.usernames["a"], "wrong password")
    )
    with qtbot.waitSignal(job.failed, timeout=10_000) as failed:
        pass
    assert failed.args == ["Användarnamnet eller lösenordet är fel."]
    assert window.sync.banner.label.text() == failed.args[0]
    assert not replica.sync_state(store).enrolled


def test_the_dialog_refuses_plain_http_to_another_computer(qtbot: QtBot) -> None:
    dialog = EnrollDialog()
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.server.setText("http://server.region.se")
    dialog.user.setText("anna")
    dialog.password.setText("secret")
    assert ok.isEnabled()
    ok.click()
    assert dialog.result() == 0 and dialog.error.isVisibleTo(dialog)
    assert dialog.error.text().startswith("Serveradressen måste börja med https://")
    dialog.server.setText("https://server.region.se/")
    ok.click()
    assert dialog.result() == 1
    assert dialog.request() == EnrollRequest("https://server.region.se", "anna", "secret")
