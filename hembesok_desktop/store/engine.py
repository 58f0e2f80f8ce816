"""SQLAlchemy engines on SQLCipher 4 (encrypted) or, for comparison benchmarks, plain SQLite.

SQLCipher gets the raw 256-bit data key (``PRAGMA key = "x'..'"``), so no second key derivation
runs per connection. Every page of the database, its WAL and its temporary files is AES-256
encrypted with a per-page HMAC, so tampering is detected. Connections use WAL and
``synchronous = FULL``: a committed write survives a killed process and a power cut.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from hembesok_desktop.protocol.wire import json_text

from .errors import DatabaseDamaged

_SQLITE_HEADER = b"SQLite format 3\x00"
#: execution option marking a connection that will write: its transaction begins IMMEDIATE
WRITE_OPTION = "hembesok_write"


def _damaged(path: Path, detail: str = "") -> DatabaseDamaged:
    suffix = f" ({detail})" if detail else ""
    return DatabaseDamaged(
        f"The database file {path} is damaged or has been tampered with "
        f"and cannot be opened{suffix}."
    )


def connect_encrypted(path: Path, key: bytes) -> Any:
    conn = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("PRAGMA cipher_memory_security = OFF")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        _configure(conn)
    except sqlcipher3.DatabaseError as error:
        conn.close()
        raise _damaged(path, _describe(error)) from None
    return conn


def connect_plain(path: Path) -> Any:
    """Unencrypted SQLite with the same settings; used only to measure encryption's cost."""
    conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
    _configure(conn)
    return conn


def _configure(conn: Any) -> None:
    conn.execute("PRAGMA journal_mode = WAL").fetchone()
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 10000")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA cache_size = -65536")
    conn.execute("PRAGMA wal_autocheckpoint = 8192")


def _describe(error: Exception) -> str:
    text = str(error).lower()
    if "not a database" in text:
        return "its pages fail their integrity check"
    if "malformed" in text:
        return "its structure is malformed"
    return "SQLCipher reported an error"


def make_engine(path: Path, *, key: bytes | None) -> Engine:
    """An engine over ``path``; encrypted with ``key``, or plain SQLite when ``key`` is None."""

    def creator() -> Any:
        return connect_plain(path) if key is None else connect_encrypted(path, key)

    module = sqlite3 if key is None else sqlcipher3
    engine = create_engine(
        f"sqlite:///{path}",
        creator=creator,
        module=module,
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=2,
        # The connection used last is handed out again: its page cache is current, so SQLCipher
        # decrypts no page it already holds. (First-in-first-out alternated the connections,
        # and each transaction began by dropping a cache the other connection had made stale.)
        pool_use_lifo=True,
        # JSON columns (versions, lists, answers, the outbox's fields) written as the server
        # writes its documents: orjson, compact (a page's inserts spent a tenth of their time
        # in the standard library's encoder)
        json_serializer=json_text,
    )

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # A write transaction takes the write lock at once (a deferred one can fail to upgrade
        # it); reads begin deferred, so under WAL they never wait for a writer.
        immediate = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def integrity_problem(path: Path, key: bytes) -> str | None:
    """None when the encrypted database is whole, else a short description of what is wrong."""
    try:
        conn = connect_encrypted(path, key)
    except DatabaseDamaged as error:
        return str(error)
    try:
        failures = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        if failures:
            return str(_damaged(path, f"{len(failures)} page(s) fail their authentication check"))
        result = conn.execute("PRAGMA integrity_check").fetchall()
        if [row[0] for row in result] != ["ok"]:
            return str(_damaged(path, "its structure is inconsistent"))
    except sqlcipher3.DatabaseError as error:
        return str(_damaged(path, _describe(error)))
    finally:
        conn.close()
    return None


def looks_like_plain_sqlite(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER


def checkpoint(engine: Engine) -> None:
    """Fold the WAL into the database file (outside any transaction)."""
    raw = engine.raw_connection()
    try:
        driver = raw.driver_connection
        assert driver is not None
        driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        raw.close()


_DAMAGE_SIGNS = ("not a database", "malformed", "corrupt", "hmac check failed")


def looks_damaged(error: BaseException) -> bool:
    """Whether a database error means the file is damaged (rather than busy or misused)."""
    text = f"{error} {getattr(error, 'orig', '')}".lower()
    return any(sign in text for sign in _DAMAGE_SIGNS)
