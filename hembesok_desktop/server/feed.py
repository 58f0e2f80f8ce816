"""The change feed and its cursor.

The feed is the ``record`` table's ``seq`` column: every push gives each record it changed the
next feed sequence numbers (``append``), so the feed is compacted by construction -- it holds one
entry per record, its latest change, and a first download reads each record once. Pull reads the
records whose ``seq`` lies after a cursor, with their documents, in one query (``scan``).

A record that changes again moves *forward* in the feed: its new seq is higher than every seq
committed before, so a reader whose cursor is past its old seq still meets it again, and one
whose cursor is before its old seq meets it once, at the new seq. Nothing is ever renumbered
backwards and records are never deleted, so the highest seq only grows.

**Why the cursor never skips a change.** A cursor is the highest feed ``seq`` a device has
read. That is only safe if no transaction can later commit a *lower* ``seq`` than one a reader
already saw. On PostgreSQL, sequence values are handed out at insert time and transactions
commit in any order, so a naive feed can skip: T1 takes seq 5, T2 takes seq 6 and commits, a
pull reads 6 and moves its cursor past 5, then T1 commits 5 -- never to be read.

We make seq order equal commit order: a push takes the transaction-scoped advisory lock
``pg_advisory_xact_lock(FEED)`` (``db.lock_feed``) immediately *before* it numbers its records
(one bulk upsert that writes the records' documents with their ``seq``; or, where the
documents were written already, one bulk UPDATE of ``record.seq``) and holds it until COMMIT.
PostgreSQL makes a commit visible before it releases the transaction's locks, so when T2
obtains its seq, every transaction with a lower seq has either committed (and is visible) or
rolled back (its seq is a harmless gap). Hence any snapshot that contains seq N contains every
committed seq below N, and the cursor may safely advance to the highest seq visible in the
pull's snapshot (pull runs REPEATABLE READ so all its statements see one snapshot). The numbers
are ``max(seq) + 1 ...`` read under the lock: every earlier holder has committed, so READ
COMMITTED sees its numbers. Only the short tail of a push -- writing the numbered records and
commit -- is serialised; merging runs in parallel, serialised per family by
``db.lock_families``. A push sends the lock, the numbered records and COMMIT as one pipeline
(``db.under_feed_lock``), so the lock is held while the database works, never while the worker
waits for its turn to run. On SQLite, writers are serialised by ``BEGIN IMMEDIATE`` anyway and
a read transaction sees one WAL snapshot.

The cursor is opaque to clients. It encodes ``seq`` and the device's pull generation ``gen``
(see ``pull``), base64url-encoded.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple

import orjson
from sqlalchemy import BindParameter, bindparam, text
from sqlmodel import Session

from . import records
from .db import id_list, json_text, lock_feed, under_feed_lock
from .records import Key, Stored

_CURSOR_PREFIX = "c1"
#: seq and gen are BIGINT columns: a cursor beyond them was not issued by this server
_INT_LIMIT = 2**63


class CursorError(ValueError):
    """A cursor this server did not issue."""


@dataclass(frozen=True, slots=True)
class Cursor:
    seq: int = 0
    gen: int = 0

    def encode(self) -> str:
        raw = f"{_CURSOR_PREFIX}.{self.seq}.{self.gen}".encode("ascii")
        return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")

    @classmethod
    def decode(cls, text: str | None) -> Cursor:
        if not text:
            return cls()
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode("ascii")
            prefix, seq, gen = raw.split(".")
            if prefix != _CURSOR_PREFIX or not (seq.isascii() and gen.isascii()):
                raise ValueError
            cursor = cls(int(seq), int(gen))
        except (ValueError, binascii.Error, UnicodeDecodeError):
            raise CursorError("The cursor is not valid; start again without one.") from None
        if not (0 <= cursor.seq < _INT_LIMIT and 0 <= cursor.gen < _INT_LIMIT):
            raise CursorError("The cursor is not valid; start again without one.")
        return cursor


def append(
    session: Session,
    keys: Iterable[Key],
    *,
    documents: Mapping[Key, Stored] | None = None,
    commit: bool = False,
) -> None:
    """Give the (entity, row_id) records the next feed numbers; call last in the transaction.

    With ``documents`` (each key's record as merged, not yet written) the records are written
    here with their numbers, each once (an upsert that sets ``seq``), instead of written first
    and numbered by an UPDATE that leaves a second version of every row behind. Without, the
    records were written already and are numbered.

    With ``commit`` the transaction is committed too: on PostgreSQL the feed lock, the one
    statement over every key and COMMIT go to the server as one pipeline
    (``db.under_feed_lock``), so the lock is held only while the database works."""
    ordered = list(dict.fromkeys(keys))
    if session.get_bind().dialect.name == "postgresql":
        if ordered and documents is not None:
            under_feed_lock(
                session, _WRITE_NUMBERED, (_numbered_json(ordered, documents),), commit=commit
            )
        elif ordered:
            entities = [entity for entity, _ in ordered]
            row_ids = [row_id for _, row_id in ordered]
            keys_as_text = (id_list(entities), id_list(row_ids))
            under_feed_lock(session, _NUMBER_ARRAYS, keys_as_text, commit=commit)
        elif commit:
            session.commit()
        return
    if ordered:
        lock_feed(session)
        base = max_seq(session)
        if documents is not None:
            records.upsert(session, {key: documents[key] for key in ordered}, first_seq=base + 1)
        else:
            session.execute(
                _NUMBER,
                [
                    {"e": entity, "r": row_id, "s": base + n}
                    for n, (entity, row_id) in enumerate(ordered, 1)
                ],
            )
    if commit:
        session.commit()


def _numbered_json(ordered: list[Key], documents: Mapping[Key, Stored]) -> str:
    """The records as one JSON array for ``_WRITE_NUMBERED``, ``n`` their place in the feed."""
    rows = []
    for n, key in enumerate(ordered, 1):
        stored = documents[key]
        rows.append(
            {
                "entity": key[0],
                "row_id": key[1],
                "family_id": stored.family_id,
                "doc": stored.doc,
                "n": n,
            }
        )
    return json_text(rows)


_NUMBER = text("UPDATE record SET seq = :s WHERE entity = :e AND row_id = :r")
#: the keys' order is their feed order; the base is read after the lock was granted
_NUMBER_ARRAYS = (
    "UPDATE record AS r SET seq = b.base + k.n "
    "FROM (SELECT COALESCE(MAX(seq), 0) AS base FROM record) AS b, "
    "unnest(string_to_array(%s, ','), string_to_array(%s, ',')) "
    "WITH ORDINALITY AS k(entity, row_id, n) "
    "WHERE r.entity = k.entity AND r.row_id = k.row_id"
)
#: the records written with their numbers; the base is read after the lock was granted
_WRITE_NUMBERED = (
    "INSERT INTO record (entity, row_id, family_id, doc, seq) "
    "SELECT x.entity, x.row_id, x.family_id, x.doc, b.base + x.n "
    "FROM (SELECT COALESCE(MAX(seq), 0) AS base FROM record) AS b, "
    "jsonb_to_recordset(CAST(%s AS jsonb)) "
    "AS x(entity text, row_id text, family_id text, doc jsonb, n bigint) "
    "ON CONFLICT (entity, row_id) DO UPDATE "
    "SET doc = EXCLUDED.doc, family_id = EXCLUDED.family_id, seq = EXCLUDED.seq"
)


_MAX_SEQ = text("SELECT COALESCE(MAX(seq), 0) FROM record")


def max_seq(session: Session) -> int:
    """The highest feed seq (0 for an empty feed); asked on every pull that reaches the end."""
    value = session.connection().execute(_MAX_SEQ).scalar_one()
    return int(value or 0)


class Entry(NamedTuple):
    """A feed entry with its record: ``row`` is the record as the pull answer's JSON object
    (``{"entity", "row_id", "family_id", "fields": <stored document>}``) in UTF-8, the document's
    text as the database holds it, so the server neither parses nor re-serialises it. (A named
    tuple: a page makes thousands, and a frozen dataclass's ``__init__`` cost more than
    reading the row.)"""

    seq: int
    entity: str
    row_id: str
    family_id: str
    row: bytes


def _entry(seq: int, entity: str, row_id: str, family_id: str, doc: bytes) -> Entry:
    """An entry whose row is the record's ids (dumped by orjson, so any id is quoted right)
    and its document's text."""
    ids = orjson.dumps({"entity": entity, "row_id": row_id, "family_id": family_id})
    return Entry(seq, entity, row_id, family_id, b"".join((ids[:-1], b',"fields":', doc, b"}")))


@cache
def _document_bytes() -> type[Any]:
    """A psycopg loader that takes the text of a ``jsonb`` column as bytes, unparsed (psycopg
    would parse it). Made on first use: only a PostgreSQL server has psycopg (the laptop's
    embedded server runs on SQLite)."""
    from psycopg.adapt import Loader

    class DocumentBytes(Loader):
        def load(self, data: Any) -> bytes:
            return bytes(data)

    return DocumentBytes


def _entries(session: Session, sql: str, parameters: dict[str, Any]) -> list[Entry]:
    """The rows ``(seq, entity, row_id, family_id, doc)`` of ``sql`` as entries. On PostgreSQL
    the statement (psycopg ``%(name)s`` parameters) runs on the session's own connection, in
    its transaction, with the document's text taken as bytes; on SQLite through SQLAlchemy
    (``:name`` parameters, a list one expanded to an ``IN`` list, the document as
    ``json(doc)`` text)."""
    if session.get_bind().dialect.name == "postgresql":
        connection = session.connection().connection.driver_connection
        assert connection is not None
        with connection.cursor() as cursor:
            cursor.adapters.register_loader("jsonb", _document_bytes())
            cursor.execute(sql, parameters)
            return [_entry(*row) for row in cursor.fetchall()]
    lists: list[BindParameter[Any]] = [
        bindparam(name, expanding=True) for name, value in parameters.items() if type(value) is list
    ]
    result = session.execute(text(sql).bindparams(*lists), parameters)
    return [_entry(seq, e, r, f, doc.encode()) for seq, e, r, f, doc in result]


def scan(
    session: Session,
    *,
    after: int,
    team_ids: tuple[int, ...],
    limit: int,
    skip_node: str | None = None,
) -> list[Entry]:
    """Records with seq after ``after`` of families now in the given teams, in seq order.

    With ``skip_node``, records every field of which was last written by that replica (the
    node of each field's version, ``domain.hlc``) are passed over: the laptop that is that
    replica holds each of those versions or a newer one, so sending them back changes nothing
    there (see ``pull``). They still count as read: the caller's cursor moves past them."""
    if not team_ids:
        return []
    dialect = session.get_bind().dialect.name
    postgres = dialect == "postgresql"
    others = _OTHERS_WROTE[dialect] if skip_node else ""
    teams = ",".join(str(int(team)) for team in team_ids)  # ints: safe in the statement
    sql = (
        f"SELECT r.seq, r.entity, r.row_id, r.family_id, {'r.doc' if postgres else 'json(r.doc)'} "
        "FROM record AS r JOIN family_scope AS s ON s.family_id = r.family_id "
        f"WHERE r.seq > {_param('after', postgres)} AND s.team_id IN ({teams}){others} "
        f"ORDER BY r.seq LIMIT {_param('limit', postgres)}"
    )
    parameters: dict[str, Any] = {"after": after, "limit": limit}
    if skip_node:
        parameters["node"] = skip_node
    return _entries(session, sql, parameters)


def _param(name: str, postgres: bool) -> str:
    return f"%({name})s" if postgres else f":{name}"


#: a version stamp is ``WWWWWWWWWWWWWWW-CCCCC-NODE`` (fixed width, checked on push), so its node
#: starts at character 23; a record qualifies if some field's version has another node
_OTHERS_WROTE = {
    "postgresql": (
        " AND EXISTS (SELECT 1 FROM jsonb_each(r.doc) AS f(name, version) "
        "WHERE COALESCE(substr(f.version->>'hlc', 23), '') <> %(node)s)"
    ),
    "sqlite": (
        " AND EXISTS (SELECT 1 FROM json_each(r.doc) AS f "
        "WHERE COALESCE(substr(json_extract(f.value, '$.hlc'), 23), '') <> :node)"
    ),
}


def family_records(session: Session, family_ids: list[str]) -> list[Entry]:
    """Every record of the given families (a back-fill), family rows first."""
    if not family_ids:
        return []
    if session.get_bind().dialect.name == "postgresql":
        sql = (
            "SELECT COALESCE(seq, 0), entity, row_id, family_id, doc FROM record "
            "WHERE family_id = ANY(string_to_array(%(families)s, ','))"
        )
        rows = _entries(session, sql, {"families": id_list(family_ids)})
    else:
        sql = (
            "SELECT COALESCE(seq, 0), entity, row_id, family_id, json(doc) FROM record "
            "WHERE family_id IN :families"
        )
        rows = _entries(session, sql, {"families": list(family_ids)})
    order = {family: n for n, family in enumerate(family_ids)}
    rows.sort(key=lambda e: (order[e.family_id], e.entity != "family", e.entity, e.row_id))
    return rows


def record_counts(session: Session, family_ids: list[str]) -> dict[str, int]:
    """How many records each of the given families holds."""
    query = text(
        "SELECT family_id, COUNT(*) FROM record WHERE family_id IN :families GROUP BY family_id"
    ).bindparams(bindparam("families", expanding=True))
    return {
        family: int(count) for family, count in session.execute(query, {"families": family_ids})
    }


def families_with_entries_up_to(session: Session, seq: int, family_ids: set[str]) -> set[str]:
    """Which of ``family_ids`` have at least one record whose feed entry has seq <= ``seq``:
    one probe of ``ix_record_family_seq`` per family (its lowest seq), not a scan of its
    records. A first download asks this on every page for every family not yet delivered
    (thousands): on PostgreSQL they go as one array parameter, not a bind parameter each,
    whose query text psycopg would otherwise split and convert on every page."""
    if seq <= 0 or not family_ids:
        return set()
    ids = sorted(family_ids)
    if session.get_bind().dialect.name == "postgresql":
        held = session.execute(_HELD_UP_TO_ARRAY, {"families": id_list(ids), "seq": seq})
        return {family for (family,) in held}
    query = text(
        "SELECT s.family_id FROM family_scope AS s WHERE s.family_id IN :families AND EXISTS "
        "(SELECT 1 FROM record AS r WHERE r.family_id = s.family_id AND r.seq <= :seq)"
    ).bindparams(bindparam("families", expanding=True))
    found: set[str] = set()
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        found.update(f for (f,) in session.execute(query, {"families": chunk, "seq": seq}))
    return found


_HELD_UP_TO_ARRAY = text(
    "SELECT s.family_id FROM family_scope AS s "
    "WHERE s.family_id = ANY(string_to_array(:families, ',')) AND EXISTS "
    "(SELECT 1 FROM record AS r WHERE r.family_id = s.family_id AND r.seq <= :seq)"
)
