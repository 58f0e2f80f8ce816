"""The evaluation export's two files from the store (``hembesok export-figures --aggregate``
and ``--per-child``): the store's rows adapted to ``domain.evaluation.ChildEvaluation``.

The store's rows go as plain mappings of their field values to
``domain.evaluation_records``, the one adaptation the region's console uses too: one record
per child and programme it is enrolled in (the latest enrollment), for every programme of the
catalogue; the team is the family's ``team_id`` (``"unassigned"`` when empty); voided records
and in-progress or voided responses are left out; the plan is the programme file's plan for
the child's birth date and enrollment; what was recorded are the child's contact rows of that
programme (done on the day performed, in Stockholm time).

Neither file holds a name, an address, an identity number, a free text or a store id: the
aggregate table holds programme and team ids and counts (below 5 as "<5"); the per-child file
keys children and teams by random keys drawn for each export and never kept.
"""

from __future__ import annotations

from datetime import date
from typing import Any, TextIO

from sqlmodel import Session, col, select

from ..domain.catalogue import Catalogue
from ..domain.evaluation import (
    ChildEvaluation,
    aggregate,
    per_child_rows,
    write_aggregate_csv,
    write_per_child_csv,
)
from ..domain.evaluation_records import ENTITIES
from ..domain.evaluation_records import evaluation_records as records_from_rows
from .models import MODEL_BY_ENTITY, Enrollment


def _rows(session: Session, entity: str) -> list[dict[str, Any]]:
    model = MODEL_BY_ENTITY[entity]
    statement = select(model)
    if model is Enrollment:
        statement = statement.order_by(col(Enrollment.start_date))
    return [row.model_dump() for row in session.exec(statement)]


def evaluation_records(
    session: Session, *, today: date, catalogue: Catalogue
) -> list[ChildEvaluation]:
    """One record per enrolled child and programme, in (programme, child id) order
    (``domain.evaluation_records`` over this store's rows)."""
    rows = {entity: _rows(session, entity) for entity in ENTITIES}
    return records_from_rows(rows, today=today, catalogue=catalogue)


def export_aggregate_csv(
    session: Session, out: TextIO, *, today: date, catalogue: Catalogue
) -> int:
    """The aggregate table (header first); returns the number of data rows."""
    records = evaluation_records(session, today=today, catalogue=catalogue)
    return write_aggregate_csv(aggregate(records, today=today), out)


def export_per_child_csv(
    session: Session, out: TextIO, *, today: date, catalogue: Catalogue
) -> int:
    """The pseudonymous per-child file (header first); returns the number of children."""
    records = evaluation_records(session, today=today, catalogue=catalogue)
    return write_per_child_csv(per_child_rows(records, today=today), out)
