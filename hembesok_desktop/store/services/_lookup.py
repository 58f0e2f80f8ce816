"""Fetching rows by id inside a unit of work, with a clear error when they do not exist."""

from __future__ import annotations

from typing import TypeVar

from ..errors import NotFound
from ..models import SyncedRow
from ..unit_of_work import UnitOfWork

RowT = TypeVar("RowT", bound=SyncedRow)


def get_row(uow: UnitOfWork, model: type[RowT], row_id: str) -> RowT:
    """The row with ``row_id``, including one added earlier in this unit of work.

    A row added but not yet flushed is found among the session's pending objects first, so a
    write that follows an insert (sign the entry just written, record the contact just planned)
    does not force an autoflush and a SELECT; the row is then inserted once, with its final
    values, at the next flush. It is the same object ``session.get`` would return after a flush.
    """
    session = uow.session
    for pending in session.new:
        if type(pending) is model and pending.id == row_id:
            return pending
    row = session.get(model, row_id)
    if row is None:
        raise NotFound(f"No {model.entity.replace('_', ' ')} with id {row_id} exists.")
    return row
