"""Plain SQL on the DB-API cursor of a session's connection, inside the session's transaction.

For the statements that run on every write (the derived tables) or read thousands of rows (the
work lists): SQLAlchemy's ``text()`` costs about 70 µs a call and a ``Row`` per result row,
which is most of the time of a small statement and doubles the time of fetching 10,000 rows.
Nothing here needs more than tuples. The caller flushes the ORM session first when the
statement must see its pending changes.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from sqlmodel import Session


def fetch(session: Session, sql: str, params: Mapping[str, Any] | None = None) -> list[Any]:
    """Every row of ``sql`` as tuples."""
    cursor = session.connection().connection.cursor()
    try:
        cursor.execute(sql, params or {})
        return list(cursor.fetchall())
    finally:
        cursor.close()


def run(session: Session, sql: str, params: Mapping[str, Any] | None = None) -> int:
    """Execute one statement that returns no rows; how many rows it changed."""
    cursor = session.connection().connection.cursor()
    try:
        cursor.execute(sql, params or {})
        return int(cursor.rowcount or 0)
    finally:
        cursor.close()


def run_many(session: Session, sql: str, rows: Sequence[Mapping[str, Any]]) -> None:
    """Execute one statement for each parameter set in ``rows``."""
    if not rows:
        return
    cursor = session.connection().connection.cursor()
    try:
        cursor.executemany(sql, rows)
    finally:
        cursor.close()


def family_condition(column: str, family_ids: Collection[str] | None) -> tuple[str, dict[str, Any]]:
    """``AND column ...`` restricting a statement to these families ("" when None), and its
    parameters: one id by equality, more through ``json_each`` (one parameter however many)."""
    if family_ids is None:
        return "", {}
    if len(family_ids) == 1:
        return f"AND {column} = :family_id", {"family_id": next(iter(family_ids))}
    return (
        f"AND {column} IN (SELECT value FROM json_each(:family_ids))",
        {"family_ids": json.dumps(sorted(family_ids))},
    )
