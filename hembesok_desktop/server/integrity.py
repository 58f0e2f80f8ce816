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
from .models import FieldState


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


def bad_rows(engine: Engine, *, chunk: int = 5000) -> Iterator[BadRow]:
    """Every stored row that fails the schema, in (entity, row_id) order."""
    last: tuple[str, str, str] = ("", "", "")
    current: tuple[str, str] | None = None
    family = ""
    values: dict[str, Any] = {}
    while True:
        with read_session(engine) as session:
            states = session.exec(
                select(FieldState)
                .where(
                    tuple_(col(FieldState.entity), col(FieldState.row_id), col(FieldState.field))
                    > tuple_(*(literal(part) for part in last))
                )
                .order_by(col(FieldState.entity), col(FieldState.row_id), col(FieldState.field))
                .limit(chunk)
            ).all()
            batch = [(s.entity, s.row_id, s.field, s.family_id, s.value) for s in states]
        if not batch:
            break
        for entity, row_id, field, family_id, value in batch:
            if current != (entity, row_id):
                if current is not None and (why := row_problem(current[0], values)):
                    yield BadRow(current[0], current[1], family, why)
                current, family, values = (entity, row_id), family_id, {}
            values[field] = value
        last = batch[-1][:3]
    if current is not None and (why := row_problem(current[0], values)):
        yield BadRow(current[0], current[1], family, why)
