"""A write transaction and the recording of its sync changes (the outbox).

Every service write goes through ``UnitOfWork.insert`` or ``UnitOfWork.update``. Each stamps the
changed fields with one new hybrid-logical-clock timestamp, remembers the version it overwrote
(``base``), and adds a ``PendingChange`` in the same transaction. A write therefore can never be
saved without its change record, nor the other way round. ``changed()`` is what the write
changed (``domain.changes.Changed``, re-exported here).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlmodel import Session

from ..domain.changes import Changed as Changed  # re-exported: what a write returns
from ..domain.hlc import HybridLogicalClock
from .models import PendingChange, SyncedRow, new_id


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is writing: the nurse signed in on this laptop."""

    username: str = "local"
    full_name: str = ""
    title: str = ""
    care_unit: str = ""

    @classmethod
    def from_setting(cls, value: object) -> Actor:
        if not isinstance(value, dict):
            return cls()
        return cls(
            username=str(value.get("username", "local")),
            full_name=str(value.get("full_name", "")),
            title=str(value.get("title", "")),
            care_unit=str(value.get("care_unit", "")),
        )

    def as_setting(self) -> dict[str, str]:
        return {
            "username": self.username,
            "full_name": self.full_name,
            "title": self.title,
            "care_unit": self.care_unit,
        }


def to_wire(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def synced_fields(row: SyncedRow) -> list[str]:
    return [name for name in type(row).model_fields if name not in row.local_columns]


@dataclass
class UnitOfWork:
    session: Session
    clock: HybridLogicalClock
    actor: Actor
    #: set only by the demo-data generator, to write a fictional past
    as_of: datetime | None = None
    _entities: set[str] = field(default_factory=set)
    _rows: set[str] = field(default_factory=set)
    _families: set[str] = field(default_factory=set)

    def now(self) -> datetime:
        """The time this write happens; ``as_of`` only for synthetic history (demo data)."""
        return self.as_of or datetime.now(UTC)

    def insert(self, row: SyncedRow) -> SyncedRow:
        self.session.add(row)
        self._record(row, synced_fields(row))
        return row

    def update(self, row: SyncedRow, **values: Any) -> list[str]:
        """Set ``values`` on ``row``; records only fields whose value really changed."""
        changed = [name for name, value in values.items() if getattr(row, name) != value]
        for name in changed:
            setattr(row, name, values[name])
        if changed:
            self.session.add(row)
            self._record(row, changed)
        return changed

    def changed(self) -> Changed:
        return Changed(
            entities=frozenset(self._entities),
            row_ids=frozenset(self._rows),
            family_ids=frozenset(self._families),
        )

    def _record(self, row: SyncedRow, names: Iterable[str]) -> None:
        stamp = self.clock.now()
        versions = dict(row.versions)
        payload: dict[str, Any] = {}
        for name in names:
            payload[name] = {
                "value": to_wire(getattr(row, name)),
                "hlc": stamp,
                "base": versions.get(name),
            }
            versions[name] = stamp
        row.versions = versions
        self.session.add(
            PendingChange(
                change_id=new_id(),
                entity=row.entity,
                row_id=row.id,
                family_id=row.family_id,
                fields=payload,
                created_at=self.now(),
            )
        )
        self._entities.add(row.entity)
        self._rows.add(row.id)
        self._families.add(row.family_id)
