"""The store's small explicit API: create, unlock, change passphrase, lock.

A ``Store`` is an unlocked, encrypted database in a data directory::

    data_dir/vault.json        the wrapped data key (see ``vault``)
    data_dir/hembesok.db       the SQLCipher database (+ -wal, -shm while open)
    data_dir/backups/          encrypted copies taken before each migration

Writes go through ``Store.write()``, a unit of work that commits the change and its outbox
record in one transaction.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from ..domain.hlc import HybridLogicalClock
from . import derived, schema
from .engine import WRITE_OPTION, integrity_problem, looks_damaged, make_engine
from .errors import DatabaseDamaged, StoreError, StoreLocked, WrongPassphrase
from .models import Setting
from .unit_of_work import Actor, UnitOfWork
from .vault import KdfParams, UnlockThrottle, Vault

VAULT_FILE = "vault.json"
DATABASE_FILE = "hembesok.db"


def vault_path(data_dir: Path) -> Path:
    return data_dir / VAULT_FILE


def database_path(data_dir: Path) -> Path:
    return data_dir / DATABASE_FILE


def store_exists(data_dir: Path) -> bool:
    return vault_path(data_dir).exists()


class Store:
    """An unlocked store. ``lock()`` closes it; any use after that raises ``StoreLocked``."""

    def __init__(self, *, data_dir: Path, vault: Vault, data_key: bytes, engine: Engine) -> None:
        self.data_dir = data_dir
        self.db_path = database_path(data_dir)
        self._vault = vault
        self._data_key: bytes | None = data_key
        self._engine: Engine | None = engine
        self.replica_id = self._load_replica_id()
        self.clock = HybridLogicalClock(self.replica_id)
        last = self.get_setting("clock_last")
        if isinstance(last, str):
            self.clock.observe(last)
        self.actor = Actor.from_setting(self.get_setting("actor"))

    # -- lifecycle ------------------------------------------------------------------------
    @classmethod
    def create(
        cls, data_dir: Path, *, passphrase: str, kdf: KdfParams | None = None
    ) -> tuple[Store, str]:
        """Create a new store. Returns it unlocked, with the recovery key to show once."""
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        if store_exists(data_dir) or database_path(data_dir).exists():
            raise StoreError(f"A store already exists in {data_dir}.")
        vault, data_key, recovery_key = Vault.create(
            vault_path(data_dir), passphrase=passphrase, kdf=kdf
        )
        engine = make_engine(database_path(data_dir), key=data_key)
        schema.upgrade(engine)
        derived.ensure_current(engine)
        store = cls(data_dir=data_dir, vault=vault, data_key=data_key, engine=engine)
        return store, recovery_key

    @classmethod
    def unlock(
        cls,
        data_dir: Path,
        *,
        passphrase: str | None = None,
        recovery_key: str | None = None,
        throttle: UnlockThrottle | None = None,
    ) -> Store:
        """Open the store with the passphrase (or the recovery key) and migrate it if needed.

        A wrong passphrase raises ``WrongPassphrase`` and changes no file. With a ``throttle``,
        each failure makes the next attempt wait longer.
        """
        vault = Vault.load(vault_path(data_dir))
        if throttle is not None:
            throttle.wait()
        try:
            if recovery_key is not None:
                data_key = vault.unlock_with_recovery_key(recovery_key)
            elif passphrase is not None:
                data_key = vault.unlock(passphrase)
            else:
                raise StoreError("A passphrase or a recovery key is needed to unlock the store.")
        except StoreError:
            if throttle is not None:
                throttle.failed()
            raise
        if throttle is not None:
            throttle.succeeded()
        return cls.open_with_key(data_dir, vault=vault, data_key=data_key)

    @classmethod
    def open_with_key(cls, data_dir: Path, *, vault: Vault, data_key: bytes) -> Store:
        db_path = database_path(data_dir)
        if not db_path.exists():
            raise DatabaseDamaged(f"The database file {db_path} is missing.")
        engine = make_engine(db_path, key=data_key)
        try:
            schema.migrate_if_needed(engine, db_path)
            derived.ensure_current(engine)
            return cls(data_dir=data_dir, vault=vault, data_key=data_key, engine=engine)
        except StoreError:
            engine.dispose()
            raise
        except DBAPIError as error:  # a damaged page surfaces as an error on its first read
            engine.dispose()
            if not looks_damaged(error):
                raise
            raise DatabaseDamaged(
                f"The database file {db_path} is damaged or has been tampered with "
                "and cannot be opened."
            ) from error

    def change_passphrase(self, *, current: str, new: str) -> None:
        """Re-wrap the data key under a new passphrase; the database file is not touched."""
        self._vault.unlock(current)
        self._vault = self._vault.with_new_passphrase(
            data_key=self._require_key(), new_passphrase=new
        )

    def reset_passphrase(self, *, recovery_key: str, new: str) -> None:
        """Choose a new passphrase with the recovery key (after a forgotten passphrase)."""
        self._vault.unlock_with_recovery_key(recovery_key)
        self._vault = self._vault.with_new_passphrase(
            data_key=self._require_key(), new_passphrase=new
        )

    def verify_passphrase(self, passphrase: str) -> bool:
        """Whether ``passphrase`` is this store's (for leaving parent mode); writes nothing."""
        try:
            self._vault.unlock(passphrase)
        except WrongPassphrase:
            return False
        return True

    def lock(self) -> None:
        """Close every connection and forget the key."""
        if self._engine is not None:
            self._engine.dispose()
        self._engine = None
        self._data_key = None

    @property
    def locked(self) -> bool:
        return self._engine is None

    def check(self) -> str | None:
        """None when key, integrity, schema and derived tables are healthy, else one sentence
        saying why not."""
        problem = integrity_problem(self.db_path, self._require_key())
        if problem:
            return problem
        current = schema.current_revision(self.engine)
        if current != schema.head_revision():
            return f"The database schema is at {current}, expected {schema.head_revision()}."
        with self.read() as session:
            stale = derived.stale_families(session)
        if stale:
            return (
                f"The search text or caseload index is out of date for {len(stale)}"
                f" {'family' if len(stale) == 1 else 'families'}"
                f" (first id {stale[0]}); it is rebuilt by `hembesok check --rebuild-index`."
            )
        return None

    def rebuild_derived(self) -> None:
        """Recompute the search text and caseload index of every family (``store.derived``)."""
        with self.write_session() as session:
            derived.rebuild(session)

    # -- use --------------------------------------------------------------------------------
    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise StoreLocked("The store is locked.")
        return self._engine

    @contextmanager
    def read(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[UnitOfWork]:
        """One transaction: the data change and its outbox records commit together or not at all."""
        writer = self.engine.execution_options(**{WRITE_OPTION: True})
        with Session(writer, expire_on_commit=False) as session, session.begin():
            uow = UnitOfWork(session=session, clock=self.clock, actor=self.actor)
            yield uow
            changed = uow.changed()
            derived.refresh(session, entities=changed.entities, family_ids=changed.family_ids)
            session.merge(Setting(key="clock_last", value=self.clock.last()))

    @contextmanager
    def write_session(self) -> Iterator[Session]:
        """A write transaction without outbox bookkeeping, for local-only tables (drafts,
        settings) and for applying changes that came from the server."""
        writer = self.engine.execution_options(**{WRITE_OPTION: True})
        with Session(writer, expire_on_commit=False) as session, session.begin():
            yield session

    def get_setting(self, key: str) -> object:
        with self.read() as session:
            row = session.get(Setting, key)
            return None if row is None else row.value

    def set_setting(self, key: str, value: object) -> None:
        with self.write_session() as session:
            session.merge(Setting(key=key, value=value))
        if key == "actor":
            self.actor = Actor.from_setting(value)

    def _require_key(self) -> bytes:
        if self._data_key is None:
            raise StoreLocked("The store is locked.")
        return self._data_key

    def _load_replica_id(self) -> str:
        writer = self.engine.execution_options(**{WRITE_OPTION: True})
        with Session(writer) as session, session.begin():
            row = session.get(Setting, "replica_id")
            if row is not None and isinstance(row.value, str):
                return row.value
            replica_id = secrets.token_hex(8)
            session.add(Setting(key="replica_id", value=replica_id))
            return replica_id
