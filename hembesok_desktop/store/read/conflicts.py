"""The conflicts screen: open conflicts and refused changes, as frozen items (no translation).

``conflict_items(session)`` lists open conflicts with what the nurse needs to recognise them:
the family (its guardians' names), the kind of record and, for a person, whose record it is,
the field, both values and when each was written (from their hybrid-logical-clock stamps).
``refused_items(session)`` lists changes the server refused, with its reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlmodel import col, select

from ...domain.hlc import Timestamp
from .. import replica
from ..models import Child, Conflict, Guardian, PendingChange
from . import ReadSession


@dataclass(frozen=True, slots=True)
class ConflictItem:
    id: str
    family_id: str
    family_name: str
    entity: str
    #: whose record, for a person's record (a child or a guardian); else ""
    person: str
    field: str
    winning_value: Any
    winning_at: datetime | None
    losing_value: Any
    losing_at: datetime | None


@dataclass(frozen=True, slots=True)
class RefusedItem:
    change_id: str
    family_id: str
    family_name: str
    entity: str
    fields: tuple[str, ...]
    reason: str
    created_at: datetime | None


def stamp_time(hlc: str) -> datetime | None:
    """When a version was written (the wall clock of its stamp), or None if unreadable."""
    try:
        return datetime.fromtimestamp(Timestamp.decode(hlc).wall_ms / 1000, tz=UTC)
    except (ValueError, OverflowError, OSError):
        return None


def family_names(session: ReadSession, family_ids: Iterable[str]) -> dict[str, str]:
    """Each family's guardians, "Amina och Ali Testsson" style (given names, family names)."""
    wanted = sorted(set(family_ids))
    if not wanted:
        return {}
    rows = session.exec(
        select(Guardian.family_id, Guardian.given_name, Guardian.family_name)
        .where(col(Guardian.family_id).in_(wanted))
        .order_by(col(Guardian.birthing_parent).desc(), col(Guardian.given_name))
    ).all()
    people: dict[str, list[tuple[str, str]]] = {}
    for family_id, given, family in rows:
        people.setdefault(family_id, []).append((given, family))
    names: dict[str, str] = {}
    for family_id, persons in people.items():
        surnames = {family for _given, family in persons}
        if len(surnames) == 1:
            names[family_id] = " & ".join(g for g, _f in persons) + " " + persons[0][1]
        else:
            names[family_id] = " & ".join(f"{g} {f}" for g, f in persons)
    return names


def _person_names(session: ReadSession, conflicts: list[Conflict]) -> dict[str, str]:
    found: dict[str, str] = {}
    for model in (Child, Guardian):
        ids = [c.row_id for c in conflicts if c.row_entity == model.entity]
        if ids:
            for row_id, given, family in session.exec(
                select(model.id, model.given_name, model.family_name).where(col(model.id).in_(ids))
            ).all():
                found[row_id] = f"{given} {family}".strip()
    return found


def conflict_items(session: ReadSession) -> list[ConflictItem]:
    conflicts = list(
        session.exec(
            select(Conflict).where(Conflict.status == "open").order_by(col(Conflict.losing_hlc))
        ).all()
    )
    families = family_names(session, (c.family_id for c in conflicts))
    persons = _person_names(session, conflicts)
    return [
        ConflictItem(
            id=c.id,
            family_id=c.family_id,
            family_name=families.get(c.family_id, ""),
            entity=c.row_entity,
            person=persons.get(c.row_id, ""),
            field=c.field,
            winning_value=c.winning_value,
            winning_at=stamp_time(c.winning_hlc),
            losing_value=c.losing_value,
            losing_at=stamp_time(c.losing_hlc),
        )
        for c in conflicts
    ]


def _set_aside_items(session: ReadSession) -> list[RefusedItem]:
    """Pulled rows this laptop set aside (``replica.set_aside_in``), as refused items."""
    rows = replica.set_aside_in(session)
    families = family_names(session, (r["family_id"] for r in rows))
    items = []
    for row in rows:
        try:
            at: datetime | None = datetime.fromisoformat(row.get("at", ""))
        except ValueError:
            at = None
        items.append(
            RefusedItem(
                change_id=f"set-aside:{row.get('entity', '')}:{row.get('row_id', '')}",
                family_id=row.get("family_id", ""),
                family_name=families.get(row.get("family_id", ""), ""),
                entity=row.get("entity", ""),
                fields=(),
                reason=row.get("reason", ""),
                created_at=at,
            )
        )
    return items


def refused_items(session: ReadSession) -> list[RefusedItem]:
    changes = list(
        session.exec(
            select(PendingChange)
            .where(PendingChange.state == "quarantined")
            .order_by(col(PendingChange.seq))
        ).all()
    )
    families = family_names(session, (c.family_id for c in changes))
    return [
        RefusedItem(
            change_id=c.change_id,
            family_id=c.family_id,
            family_name=families.get(c.family_id, ""),
            entity=c.entity,
            fields=tuple(sorted(c.fields)),
            reason=c.reason,
            created_at=c.created_at
            if c.created_at is None or c.created_at.tzinfo
            else c.created_at.replace(tzinfo=UTC),
        )
        for c in changes
    ] + _set_aside_items(session)
