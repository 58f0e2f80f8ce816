"""Fetching rows by id inside a unit of work, with a clear error when they do not exist."""

from __future__ import annotations

from typing import TypeVar

from ..errors import NotFound
from ..models import SyncedRow
from ..unit_of_work import UnitOfWork

RowT = TypeVar("RowT", bound=SyncedRow)


def get_row(uow: UnitOfWork, model: type[RowT], row_id: str) -> RowT:
    row = uow.session.get(model, row_id)
    if row is None:
        raise NotFound(f"No {model.entity.replace('_', ' ')} with id {row_id} exists.")
    return row
