"""Stored rows that fail the typed schema (``protocol.schema``), e.g. left from before it.

``row_problem`` says why one row's stored fields do not fit (or None); pull answers leave such
a row out (with a log line naming its ids, never its values) so one bad row cannot stop a
team's sync, and ``hembesok-server admin check`` lists them (``bad_rows``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, literal, tuple_
from sqlmodel import col, select

from hembesok_desktop.protocol import schema

from .db import read_session
from .models import Record


@dataclass(frozen=True, slots=True)
class BadRow:
    entity: str
    row_id: str
    family_id: str
    reason: str


def row_problem(entity: str, values: Mapping[str, Any]) -> str | None:
    try:
        schema.check_fields(entity, values)
    except schema.SchemaError as error:
        return str(error)
    except RecursionError:
        return f"A {entity} record holds a value nested too deep."
    return None


def bad_rows(engine: Engine, *, chunk: int = 2000) -> Iterator[BadRow]:
    """Every stored row that fails the schema, in (entity, row_id) order."""
    last: tuple[str, str] = ("", "")
    while True:
        with read_session(engine) as session:
            batch = session.exec(
                select(Record.entity, Record.row_id, Record.family_id, Record.doc)
                .where(
                    tuple_(col(Record.entity), col(Record.row_id))
                    > tuple_(*(literal(part) for part in last))
                )
                .order_by(col(Record.entity), col(Record.row_id))
                .limit(chunk)
            ).all()
        if not batch:
            break
        for entity, row_id, family_id, doc in batch:
            values = {name: version.get("value") for name, version in doc.items()}
            if why := row_problem(entity, values):
                yield BadRow(entity, row_id, family_id, why)
        last = (batch[-1][0], batch[-1][1])
