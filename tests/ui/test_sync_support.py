"""Helpers of the sync-in-the-window tests (no tests here): a real ``hembesok-server serve``
process on 127.0.0.1 with a SQLite database, a team with two fictional nurses, encrypted
laptops (cheap KDF) enrolled through the real client, and a shell window on such a laptop."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hembesok_desktop.server import admin
from hembesok_desktop.server.db import make_engine
from hembesok_desktop.store import replica
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.services import families
from hembesok_desktop.store.unit_of_work import Actor
from hembesok_desktop.sync import client as sync_client
from hembesok_desktop.ui.i18n import install_translators, remove_translators
from hembesok_desktop.ui.shell import Shell
from hembesok_desktop.ui.sync.install import SyncUi
from hembesok_desktop.ui.workspace import Workspace
from tests.conftest import CHEAP_KDF, PASSPHRASE
from tests.support.server_harness import ServerProcess, start_server_process
from tests.support.sync import sync_store

from .shell_support import make_shell, settings_in

PASSWORD = "correct horse battery"


@dataclass
class SyncServer:
    process: ServerProcess
    db_url: str
    team: str
    usernames: dict[str, str] = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        return self.process.base_url


@pytest.fixture(scope="session")
def sync_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SyncServer]:
    url = f"sqlite:///{tmp_path_factory.mktemp('ui-sync-server')}/server.sqlite3"
    with start_server_process(url) as process:
        engine = make_engine(url)
        try:
            suffix = uuid.uuid4().hex[:6]
            made = SyncServer(process, url, f"BVC Test {suffix}")
            admin.add_team(engine, made.team)
            for who in ("a", "b"):
                username = f"{who}_{suffix}"
                admin.add_nurse(
                    engine,
                    username,
                    teams=[made.team],
                    full_name=f"Syster {who.upper()}",
                    title="BVC-sjuksköterska",
                    password=PASSWORD,
                )
                made.usernames[who] = username
        finally:
            engine.dispose()
        yield made


@pytest.fixture
def swedish() -> Iterator[None]:
    app = QApplication.instance()
    assert app is not None
    translators = install_translators(app, "sv")
    assert translators, "hembesok_sv.qm is missing: run the translations build"
    yield
    remove_translators(app, translators)


def new_store(folder: Path) -> Store:
    store, _recovery = Store.create(folder, passphrase=PASSPHRASE, kdf=CHEAP_KDF)
    store.set_setting("actor", Actor(username="local", full_name="Lokal").as_setting())
    return store


def enroll(store: Store, server: SyncServer, who: str) -> None:
    answer = sync_client.enroll(server.base_url, server.usernames[who], PASSWORD, "test laptop")
    replica.save_enrollment(
        store,
        server_url=server.base_url,
        device_id=answer.device_id,
        device_token=answer.token,
        actor=Actor(
            username=answer.nurse.username,
            full_name=answer.nurse.full_name,
            title=answer.nurse.title,
        ),
    )


def add_family(store: Store, *, phone: str = "070-000 00 00") -> str:
    with store.write() as uow:
        family = families.create_family(uow, address="Påhittade gränd 1", area="Demo", phone=phone)
        families.add_guardian(
            uow, family_id=family.id, given_name="Testa", family_name="Föräldersson"
        )
        families.add_child(
            uow,
            family_id=family.id,
            given_name="Testa",
            family_name="Barnsson",
            birth_date=date(2025, 3, 1),
        )
        return family.id


def sync_directly(store: Store) -> None:
    """A sync outside the window (the other laptop)."""
    sync_store(store)


@dataclass
class Window:
    shell: Shell
    workspace: Workspace
    sync: SyncUi


def open_window(qtbot: QtBot, tmp_path: Path, store: Store) -> Window:
    shell = make_shell(qtbot, tmp_path / "window-data", settings_in(tmp_path))
    shell.window.show()
    workspace = shell.open_session(store)
    assert shell.sync is not None
    status = workspace.top_bar.sync_status
    qtbot.waitUntil(lambda: status.overview is not None, timeout=10_000)
    return Window(shell, workspace, shell.sync)
