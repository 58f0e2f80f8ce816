"""The ``record`` table in bulk: load a set of records in one query, upsert many in one statement.

A record's document (``Record.doc``) maps each field to ``{"value": V, "hlc": H}`` plus
``"base": B`` when the version has one; ``version`` and ``entry`` convert one field's entry to
and from the merge rule's ``protocol.merge.Version``.

On PostgreSQL the load joins the primary key to arrays of keys (``unnest``) instead of a
row-value ``IN`` list (which PostgreSQL filtered row by row: a batch's load grew with the
table), and the upsert is one statement over one JSON array of the records
(``jsonb_to_recordset``) instead of one statement per record. SQLite keeps the portable forms.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import text, tuple_
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from hembesok_desktop.protocol.merge import Version

from .db import id_list, json_text, json_value
from .models import Record

Key = tuple[str, str]
#: keys per IN list (two parameters each; well inside both databases' limits)
_CHUNK = 2000


@dataclass(slots=True)
class Stored:
    """A record's family and document as loaded or about to be written."""

    family_id: str
    doc: dict[str, dict[str, Any]]


def version(field_entry: Mapping[str, Any]) -> Version:
    return Version(
        value=field_entry.get("value"), hlc=field_entry["hlc"], base=field_entry.get("base")
    )


class Versioned(Protocol):
    """A field version as merged (``merge.Version``) or as pushed (``push_body.PushedField``)."""

    @property
    def value(self) -> Any: ...

    @property
    def hlc(self) -> str: ...

    @property
    def base(self) -> str | None: ...


def entry(of: Versioned) -> dict[str, Any]:
    if of.base is None:
        return {"value": of.value, "hlc": of.hlc}
    return {"value": of.value, "hlc": of.hlc, "base": of.base}


def load(session: Session, keys: Iterable[Key]) -> dict[Key, Stored]:
    """The stored records among ``keys`` (one query per 2,000 keys)."""
    wanted = list(dict.fromkeys(keys))
    if _postgres(session):
        return _load_postgres(session, wanted)
    found: dict[Key, Stored] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        rows = session.exec(
            select(Record.entity, Record.row_id, Record.family_id, Record.doc).where(
                tuple_(col(Record.entity), col(Record.row_id)).in_(chunk)
            )
        ).all()
        for entity, row_id, family_id, doc in rows:
            found[(entity, row_id)] = Stored(family_id=family_id, doc=dict(doc))
    return found


_LOAD = text(
    "SELECT r.entity, r.row_id, r.family_id, r.doc::text FROM record AS r "
    "JOIN unnest(string_to_array(:entities, ','), string_to_array(:row_ids, ',')) "
    "AS k(entity, row_id) "
    "ON r.entity = k.entity AND r.row_id = k.row_id"
)


def _load_postgres(session: Session, wanted: list[Key]) -> dict[Key, Stored]:
    if not wanted:
        return {}
    result = session.execute(
        _LOAD,
        {
            "entities": id_list([e for e, _ in wanted]),
            "row_ids": id_list([r for _, r in wanted]),
        },
    )
    return {
        (entity, row_id): Stored(family_id=family_id, doc=json_value(doc))
        for entity, row_id, family_id, doc in result
    }


def _postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def exists(session: Session, key: Key) -> bool:
    found = session.exec(
        select(Record.row_id).where(Record.entity == key[0], Record.row_id == key[1]).limit(1)
    ).first()
    return found is not None


def upsert(session: Session, rows: Mapping[Key, Stored], *, first_seq: int | None = None) -> None:
    """Write the documents of ``rows`` in one bulk upsert; with ``first_seq`` (SQLite, under
    the feed lock: see ``feed.append``) each with its feed number, in the rows' order. On
    PostgreSQL the numbered upsert is ``feed``'s, sent in the feed lock's pipeline."""
    if not rows:
        return
    if _postgres(session):
        if first_seq is not None:
            raise ValueError("PostgreSQL numbers records in feed.append's pipeline")
        documents = [
            {"entity": e, "row_id": r, "family_id": stored.family_id, "doc": stored.doc}
            for (e, r), stored in rows.items()
        ]
        session.execute(_UPSERT, {"rows": json_text(documents)})
        return
    values: list[dict[str, Any]] = [
        {"entity": e, "row_id": r, "family_id": stored.family_id, "doc": stored.doc}
        for (e, r), stored in rows.items()
    ]
    set_columns = ["doc", "family_id"]
    if first_seq is not None:
        for n, value in enumerate(values):
            value["seq"] = first_seq + n
        set_columns.append("seq")
    statement = sqlite_insert(Record.__table__)  # type: ignore[attr-defined]
    statement = statement.on_conflict_do_update(
        index_elements=["entity", "row_id"],
        set_={name: statement.excluded[name] for name in set_columns},
    )
    session.execute(statement, values)


_UPSERT = text(
    "INSERT INTO record (entity, row_id, family_id, doc) "
    "SELECT entity, row_id, family_id, doc FROM jsonb_to_recordset(CAST(:rows AS jsonb)) "
    "AS x(entity text, row_id text, family_id text, doc jsonb) "
    "ON CONFLICT (entity, row_id) DO UPDATE SET doc = EXCLUDED.doc, family_id = EXCLUDED.family_id"
)
