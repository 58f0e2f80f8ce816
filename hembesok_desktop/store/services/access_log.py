"""The access log (Patientdatalagen): every opening, printing and export of a family's record."""

from __future__ import annotations

from ..errors import InvalidInput
from ..models import AccessLogEntry
from ..unit_of_work import UnitOfWork

ACTIONS = frozenset({"open", "print", "export"})


def log_access(uow: UnitOfWork, *, family_id: str, action: str, detail: str = "") -> AccessLogEntry:
    if action not in ACTIONS:
        raise InvalidInput(f"The access-log action {action!r} is not known.")
    entry = AccessLogEntry(
        family_id=family_id,
        at=uow.now(),
        user=uow.actor.username,
        care_unit=uow.actor.care_unit,
        action=action,
        detail=detail,
        device_id=uow.clock.node,
    )
    uow.insert(entry)
    return entry
