"""Shared test set-up: offscreen Qt before any Qt import, and a fresh temporary store per test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("HEMBESOK_PASSPHRASE", None)
os.environ.pop("HEMBESOK_DATA_DIR", None)

from collections.abc import Iterator
from pathlib import Path

import pytest

from hembesok_desktop.store.database import Store
from hembesok_desktop.store.unit_of_work import Actor
from hembesok_desktop.store.vault import KdfParams
from tests.support.server_harness import (
    PostgresCluster,
    postgres_unavailable_reason,
    start_postgres,
)

PASSPHRASE = "testing passphrase 1"
#: Argon2id parameters for tests that are not about the key derivation itself: the store's
#: behaviour is the same, each test just saves the 100 ms of the real parameters.
CHEAP_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    store, _recovery = Store.create(data_dir, passphrase=PASSPHRASE, kdf=CHEAP_KDF)
    store.set_setting(
        "actor",
        Actor(
            username="anna", full_name="Anna Testsköterska", title="BVC-sjuksköterska"
        ).as_setting(),
    )
    yield store
    store.lock()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PostgresCluster]:
    """One throwaway PostgreSQL 15 cluster for the whole run; each user makes its own database."""
    reason = postgres_unavailable_reason()
    if reason:
        pytest.skip(reason)
    with start_postgres() as cluster:
        yield cluster
