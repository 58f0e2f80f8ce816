"""Fixtures for sync tests: a real ``hembesok-server serve`` process on 127.0.0.1 (SQLite, and a
throwaway PostgreSQL cluster where the binaries exist), teams and nurses made with the server's
admin functions, and laptops: encrypted stores (cheap KDF) enrolled through the real client.

Nothing of our own is mocked; faults are injected at the HTTP transport (``FaultyTransport``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine
from sqlmodel import select

from hembesok_desktop.server import admin
from hembesok_desktop.server.db import make_engine
from hembesok_desktop.store import replica
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.models import SYNCED_MODELS, PendingChange
from hembesok_desktop.store.services import families
from hembesok_desktop.store.unit_of_work import Actor
from hembesok_desktop.sync import client as sync_client
from hembesok_desktop.sync.engine import SyncSummary
from tests.conftest import CHEAP_KDF, PASSPHRASE
from tests.support.server_harness import (
    PostgresCluster,
    ServerProcess,
    start_server_process,
)
from tests.support.sync import sync_store

PASSWORD = "correct horse battery"


@pytest.fixture(
    scope="session",
    params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('sync-server')}/server.sqlite3"
    cluster: PostgresCluster = request.getfixturevalue("pg_cluster")
    return cluster.create_database()


@pytest.fixture(scope="session")
def server(database_url: str) -> Iterator[ServerProcess]:
    with start_server_process(database_url) as process:
        yield process


@pytest.fixture(scope="session")
def server_engine(database_url: str, server: ServerProcess) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@dataclass
class Teams:
    """Team A with nurses a1, a2, a3; team B with nurse b1 (fictional)."""

    database_url: str
    engine: Engine
    team_a: str
    team_b: str
    usernames: dict[str, str] = field(default_factory=dict)


@pytest.fixture(scope="session")
def teams(database_url: str, server_engine: Engine) -> Teams:
    suffix = uuid.uuid4().hex[:6]
    made = Teams(database_url, server_engine, f"BVC Öst {suffix}", f"BVC Väst {suffix}")
    admin.add_team(server_engine, made.team_a)
    admin.add_team(server_engine, made.team_b)
    for who, team in (
        ("a1", made.team_a),
        ("a2", made.team_a),
        ("a3", made.team_a),
        ("b1", made.team_b),
    ):
        username = f"{who}_{suffix}"
        admin.add_nurse(
            server_engine,
            username,
            teams=[team],
            full_name=f"Syster {who}",
            title="BVC-sjuksköterska",
            password=PASSWORD,
        )
        made.usernames[who] = username
    return made


@dataclass
class Laptop:
    """An encrypted store enrolled with the server, and a way to sync it."""

    store: Store
    base_url: str
    transport: httpx.BaseTransport | None = None

    @property
    def token(self) -> str:
        token = replica.sync_state(self.store).device_token
        assert token is not None
        return token

    @property
    def device_id(self) -> str:
        device = replica.sync_state(self.store).device_id
        assert device is not None
        return device

    def client(self) -> sync_client.SyncClient:
        return sync_client.SyncClient(self.base_url, self.token, transport=self.transport)

    def sync(self, **kwargs: Any) -> SyncSummary:
        with self.client() as http:
            return sync_store(self.store, client=http, **kwargs)


def create_store(directory: Path, *, username: str = "local") -> Store:
    store, _recovery = Store.create(directory, passphrase=PASSPHRASE, kdf=CHEAP_KDF)
    store.set_setting("actor", Actor(username=username).as_setting())
    return store


def enroll_store(store: Store, base_url: str, username: str) -> None:
    answer = sync_client.enroll(base_url, username, PASSWORD, "test laptop")
    replica.save_enrollment(
        store,
        server_url=base_url,
        device_id=answer.device_id,
        device_token=answer.token,
        actor=Actor(
            username=answer.nurse.username,
            full_name=answer.nurse.full_name,
            title=answer.nurse.title,
        ),
    )


@pytest.fixture
def laptop_factory(
    tmp_path: Path, server: ServerProcess, teams: Teams
) -> Iterator[Callable[[str], Laptop]]:
    made: list[Laptop] = []

    def make(who: str) -> Laptop:
        store = create_store(tmp_path / f"laptop-{len(made)}")
        enroll_store(store, server.base_url, teams.usernames[who])
        laptop = Laptop(store, server.base_url)
        made.append(laptop)
        return laptop

    yield make
    for laptop in made:
        if not laptop.store.locked:
            laptop.store.lock()


def new_family(laptop: Laptop, address: str = "Påhittade gränd 1", **values: object) -> str:
    """A fictional family with one child, written on ``laptop`` (two pending changes)."""
    with laptop.store.write() as uow:
        family = families.create_family(uow, address=address, area="Demo", **values)  # type: ignore[arg-type]
        families.add_child(
            uow,
            family_id=family.id,
            given_name="Testa",
            family_name="Barnsson",
            birth_date=date(2025, 3, 1),
        )
        return family.id


# -- comparing replicas --------------------------------------------------------------------
def snapshot(
    store: Store, family_ids: set[str] | None = None
) -> dict[tuple[str, str], dict[str, Any]]:
    """Every synced row (optionally of some families) in wire form, with its versions."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    with store.read() as session:
        for model in SYNCED_MODELS:
            statement = select(model)
            if family_ids is not None:
                statement = statement.where(model.family_id.in_(sorted(family_ids)))  # type: ignore[attr-defined]
            for row in session.exec(statement).all():
                values = {
                    name: replica.wire_value(getattr(row, name))
                    for name in type(row).model_fields
                    if name not in ("id",)
                }
                found[(model.entity, row.id)] = values
    return found


def outbox(store: Store, state: str | None = None) -> list[PendingChange]:
    with store.read() as session:
        statement = select(PendingChange)
        if state is not None:
            statement = statement.where(PendingChange.state == state)
        return list(session.exec(statement.order_by(PendingChange.seq)).all())  # type: ignore[arg-type]


class FaultyTransport(httpx.BaseTransport):
    """Wraps a real transport; ``arm(kind)`` makes the next matching request fail:

    * ``"before"``: the connection drops before the request is sent (server untouched);
    * ``"after"``: the server handles the request, then the answer is lost;
    * ``"twice"``: the request is sent twice (the second answer is returned).
    """

    def __init__(self, inner: httpx.BaseTransport | None = None) -> None:
        self.inner = inner or httpx.HTTPTransport(retries=0)
        self.faults: list[tuple[str, str]] = []  # (kind, path fragment)
        self.fired: list[str] = []

    def arm(self, kind: str, path: str = "/sync/") -> None:
        self.faults.append((kind, path))

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        for index, (kind, path) in enumerate(self.faults):
            if path in request.url.path:
                del self.faults[index]
                self.fired.append(f"{kind}:{request.url.path}")
                if kind == "before":
                    raise httpx.ConnectError("injected: connection refused", request=request)
                response = self.inner.handle_request(request)
                response.read()
                response.close()
                if kind == "after":
                    raise httpx.ReadError("injected: connection dropped", request=request)
                if kind == "twice":
                    again = self.inner.handle_request(request)
                    again.read()
                    return again
                return response
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()
