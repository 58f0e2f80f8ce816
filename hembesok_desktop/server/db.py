"""Database engines, transactions and migrations for the central server.

Two engines are supported: a SQLite file (``sqlite:///path``, the embedded default) and
PostgreSQL (``postgresql+psycopg://...``, production).

Transactions come in three kinds:

* ``write_session`` for pushes and admin changes. On SQLite it starts with ``BEGIN IMMEDIATE``,
  so writers queue on the database lock instead of failing when a read transaction upgrades; on
  PostgreSQL it runs READ COMMITTED and serialises what must be serialised with advisory locks
  (``lock_families``, ``lock_feed``).
* ``snapshot_session`` for pulls: every statement sees one snapshot (REPEATABLE READ on
  PostgreSQL, a deferred read transaction in WAL mode on SQLite). The pull cursor relies on it.
* ``read_session`` for everything else.

Migrations are their own step (``hembesok-server migrate``, ``upgrade``): the server's workers and
the admin commands open the database with ``open_migrated``, which refuses a database whose
schema is not this program's newest (``NotMigrated``, one sentence) without creating anything.
Each worker process makes its own engine; on PostgreSQL its pool holds ``pool_size``
connections and opens at most ``max_overflow`` more (see ``settings``).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from hembesok_desktop.protocol.wire import json_text, loads_exact

ENV_DB = "HEMBESOK_SERVER_DB"
_WRITE_OPTION = "hembesok_write"
#: advisory-lock namespaces (first key of the two-int form)
_LOCK_FAMILY = 0x48424631  # "HBF1"
_LOCK_FEED = 0x48424631 + 1
_LOCK_MIGRATE = 0x48424631 + 2


#: seconds to wait for a PostgreSQL connection (the readiness check answers within it)
CONNECT_TIMEOUT_S = 5

NOT_MIGRATED = (
    "The database is not migrated to this server's schema; run hembesok-server migrate first."
)
NEWER_SCHEMA = (
    "The database has a newer schema than this server knows; run the newer server release."
)


class DatabaseUrlError(ValueError):
    """The database URL names an engine this server does not support."""


class StatementRefused(DBAPIError):
    """The database refused a statement sent past SQLAlchemy (``under_feed_lock``)."""


class NotMigrated(RuntimeError):
    """The database's schema is not this program's newest revision (one sentence)."""


def default_database_url() -> str:
    """The embedded default: a SQLite file in the user data directory."""
    directory = Path(platformdirs.user_data_dir("hembesok-server", appauthor=False))
    return f"sqlite:///{directory / 'server.sqlite3'}"


def resolve_database_url(explicit: str | None) -> str:
    return explicit or os.environ.get(ENV_DB) or default_database_url()


def is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


def _check_url(database_url: str) -> None:
    if not database_url.startswith(("sqlite:///", "postgresql+psycopg://")):
        raise DatabaseUrlError(
            "The database URL must start with sqlite:/// or postgresql+psycopg://."
        )


def json_value(text_or_bytes: str | bytes) -> Any:
    """Parse JSON with orjson, or with ``json`` where a number of 19 digits or more appears:
    orjson would turn an integer beyond 64 bits into a float, and stored values are exact."""
    raw = text_or_bytes.encode() if isinstance(text_or_bytes, str) else text_or_bytes
    return loads_exact(raw)


_JSON: dict[str, Any] = {"json_serializer": json_text, "json_deserializer": json_value}


def make_engine(database_url: str, *, pool_size: int = 10, max_overflow: int = 20) -> Engine:
    """An engine on ``database_url`` (a missing SQLite file is created, owner-only)."""
    _check_url(database_url)
    if database_url.startswith("sqlite:///"):
        return _sqlite_engine(database_url)
    engine = create_engine(
        database_url,
        pool_pre_ping=True,
        pool_size=pool_size,
        max_overflow=max_overflow,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S},
        **_JSON,
    )

    from psycopg.types.json import set_json_loads  # the PostgreSQL driver, when used

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        set_json_loads(json_value, dbapi_connection)  # JSONB results parsed with orjson

    return engine


def _create_private(path: Path) -> None:
    """Create the database's folder (0700) and file (0600) if missing: it holds names, personal
    numbers and journal text. SQLite gives its -wal and -shm files the file's mode."""
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
        os.chmod(path.parent, 0o700)  # mkdir's mode is masked by the umask
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        os.chmod(path, 0o600)


def _sqlite_engine(database_url: str) -> Engine:
    path = database_url.removeprefix("sqlite:///")
    if path and path != ":memory:":
        _create_private(Path(path))
    engine = create_engine(
        database_url, connect_args={"check_same_thread": False, "timeout": 30}, **_JSON
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not pysqlite, emit BEGIN (needed for SAVEPOINT and BEGIN IMMEDIATE).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 30000")
        # FULL: a push the server acknowledged survives a power loss (the laptop marks it sent)
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(_WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """A read-write transaction, committed when the block ends without an exception."""
    with Session(engine, expire_on_commit=False) as session:
        session.connection(execution_options={_WRITE_OPTION: True})
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@contextmanager
def snapshot_session(engine: Engine) -> Iterator[Session]:
    """A read-only transaction in which every statement sees the same snapshot."""
    options: dict[str, Any] = {}
    if is_postgres(engine):
        options["isolation_level"] = "REPEATABLE READ"
    with Session(engine) as session:
        session.connection(execution_options=options)
        try:
            yield session
        finally:
            session.rollback()


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    with Session(engine) as session:
        try:
            yield session
        finally:
            session.rollback()


@contextmanager
def single_read(engine: Engine) -> Iterator[Connection]:
    """A connection for one read statement. On PostgreSQL it runs in autocommit: a lone
    statement sees one snapshot anyway, and the BEGIN and ROLLBACK of a transaction would be
    two more round trips on every request (the pool restores the isolation level on checkin).
    On SQLite it is an ordinary transaction (its BEGIN is emitted by ``_on_begin``)."""
    with engine.connect() as connection:
        if is_postgres(engine):
            connection.execution_options(isolation_level="AUTOCOMMIT")
        yield connection


def _lock_key(text_key: str) -> int:
    return int.from_bytes(hashlib.sha256(text_key.encode()).digest()[:4], "big", signed=True)


def id_list(ids: Sequence[str]) -> str:
    """Ids (entity names, and change, row and family ids, which hold no comma: see
    ``wire.ID_CHARACTERS``) as one comma-separated text for ``string_to_array(:ids, ',')``.
    psycopg dumps a list parameter element by element in Python, which cost a push of 1,000
    changes as much time as merging them; one text parameter is dumped at once. An empty list
    is the empty text, which ``string_to_array`` makes an empty array."""
    joined = ",".join(ids)
    if joined.count(",") != max(len(ids) - 1, 0) or not all(ids):
        raise ValueError("an id holds a comma or is empty")
    return joined


def lock_families(session: Session, family_ids: Iterable[str]) -> None:
    """Serialise writers of the same families until the transaction ends (PostgreSQL).

    Keys are taken in sorted order so two batches touching the same families cannot deadlock.
    SQLite needs nothing: its writers are serialised by ``BEGIN IMMEDIATE``.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    keys = sorted({_lock_key(family_id) for family_id in family_ids})
    if keys:  # one statement; the ordered subquery makes the locks be taken in key order
        session.execute(_LOCK_KEYS, {"ns": _LOCK_FAMILY, "keys": keys})


_LOCK_KEYS = text(
    "SELECT count(pg_advisory_xact_lock(:ns, k.key)) "
    "FROM (SELECT key FROM unnest(CAST(:keys AS integer[])) AS key ORDER BY key) AS k"
)


def lock_feed(session: Session) -> None:
    """Serialise feed appends with commits so feed ``seq`` order equals commit order.

    Taken right before the feed rows are inserted and held until COMMIT (a transaction-scoped
    advisory lock is released only after the commit is visible to other sessions). See ``feed``.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    session.execute(text("SELECT pg_advisory_xact_lock(:ns, 0)"), {"ns": _LOCK_FEED})


def under_feed_lock(
    session: Session, statement: str, params: Sequence[Any], *, commit: bool = False
) -> None:
    """PostgreSQL: take the feed lock, run ``statement`` (psycopg ``%s`` parameters) and, with
    ``commit``, COMMIT, sent to the server as one pipeline.

    Sent one by one, each statement is a round trip during which the lock is held while this
    process waits for the answer and then for its turn to run Python again (behind every other
    request of the worker, for the GIL): under a burst of pushes that wait, not the database's
    work, serialised the pushes. In one pipeline the lock is held only while the database runs
    the numbering and the commit. Each statement still takes its own snapshot after the one
    before it finished, so ``statement`` sees every earlier holder's committed numbers.
    """
    import psycopg  # only a PostgreSQL server has it to hand

    connection = session.connection().connection.driver_connection
    assert connection is not None
    try:
        with connection.pipeline(), connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, 0)", (_LOCK_FEED,))
            cursor.execute(statement, params)
            if commit:
                connection.commit()
    except psycopg.Error as error:  # as SQLAlchemy would have raised it
        raise StatementRefused(statement, params, error, hide_parameters=True) from error


def alembic_config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    config.attributes["connection"] = connection
    return config


def _sqlite_file_missing(database_url: str) -> bool:
    path = database_url.removeprefix("sqlite:///")
    return database_url.startswith("sqlite:///") and (
        not path or path == ":memory:" or not Path(path).exists()
    )


def head_revision() -> str:
    """The newest schema revision this program knows."""
    script = ScriptDirectory(str(Path(__file__).parent / "migrations"))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The database's schema revision (None: never migrated)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def check_migrated(engine: Engine) -> None:
    """Raise ``NotMigrated`` unless the database is at this program's newest revision."""
    current = current_revision(engine)
    if current == head_revision():
        return
    script = ScriptDirectory(str(Path(__file__).parent / "migrations"))
    known = current is not None and any(r.revision == current for r in script.walk_revisions())
    raise NotMigrated(NOT_MIGRATED if current is None or known else NEWER_SCHEMA)


def open_migrated(database_url: str, *, pool_size: int = 10, max_overflow: int = 20) -> Engine:
    """An engine on a database at the newest schema; ``NotMigrated`` otherwise (and then no
    file is created: a mistyped SQLite path is refused, not made into a new database)."""
    _check_url(database_url)
    if _sqlite_file_missing(database_url):
        raise NotMigrated(NOT_MIGRATED)
    engine = make_engine(database_url, pool_size=pool_size, max_overflow=max_overflow)
    try:
        check_migrated(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


def upgrade(engine: Engine) -> None:
    """Bring the database schema up to the newest revision (safe to run from several processes)."""
    with engine.connect() as connection:
        if is_postgres(engine):
            connection.execute(text("SELECT pg_advisory_lock(:ns, 0)"), {"ns": _LOCK_MIGRATE})
            connection.commit()
        try:
            command.upgrade(alembic_config(connection), "head")
            connection.commit()
        finally:
            if is_postgres(engine):
                connection.execute(text("SELECT pg_advisory_unlock(:ns, 0)"), {"ns": _LOCK_MIGRATE})
                connection.commit()
