"""Fixtures for the central server's tests: a real ``hembesok-server serve`` process on
127.0.0.1, on SQLite and (parametrised, marked ``postgres``) on a throwaway PostgreSQL 15
cluster. The helpers themselves live in ``tests.support.server_harness`` so other test
folders can use them too.

Expensive things (the cluster, one server per backend, three nurses whose Argon2 hashes cost
~0.15 s each, their enrolled devices) are session-scoped; each test works on families of its
own (fresh UUIDs), so tests do not depend on each other's order.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from hembesok_desktop.domain.hlc import HybridLogicalClock
from hembesok_desktop.server.db import make_engine
from tests.support.server_harness import (
    PostgresCluster,
    ServerProcess,
    SyncClient,
    World,
    build_world,
    start_server_process,
)


@pytest.fixture(
    scope="session",
    params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('server')}/server.sqlite3"
    cluster: PostgresCluster = request.getfixturevalue("pg_cluster")
    return cluster.create_database()


@pytest.fixture(scope="session")
def server(database_url: str) -> Iterator[ServerProcess]:
    with start_server_process(database_url) as process:
        yield process


@pytest.fixture(scope="session")
def engine(database_url: str, server: ServerProcess) -> Iterator[Engine]:
    """The server's database, opened by the test process (after the server migrated it)."""
    db = make_engine(database_url)
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def world(server: ServerProcess, engine: Engine) -> Iterator[World]:
    w = build_world(server.base_url, engine)
    yield w
    w.close()


@pytest.fixture
def a1(world: World) -> SyncClient:
    return world.devices["a1"]


@pytest.fixture
def a2(world: World) -> SyncClient:
    return world.devices["a2"]


@pytest.fixture
def b1(world: World) -> SyncClient:
    return world.devices["b1"]


@pytest.fixture
def clock() -> HybridLogicalClock:
    return HybridLogicalClock(f"t{uuid.uuid4().hex[:8]}")
