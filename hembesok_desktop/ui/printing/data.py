"""What the day view and the family summary print, loaded on the store worker."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from ...store.models import (
    Child,
    Contact,
    Family,
    Guardian,
    JournalEntry,
    Measurement,
    QuestionnaireResponse,
)


@dataclass
class FamilyRecord:
    family: Family
    guardians: list[Guardian]
    children: list[Child]
    contacts: list[Contact] = field(default_factory=list)
    journal: list[JournalEntry] = field(default_factory=list)
    measurements: list[Measurement] = field(default_factory=list)
    responses: list[QuestionnaireResponse] = field(default_factory=list)


@dataclass
class DayVisit:
    contact: Contact
    record: FamilyRecord


def _people(session: Session, family: Family) -> FamilyRecord:
    guardians = session.exec(select(Guardian).where(col(Guardian.family_id) == family.id)).all()
    children = session.exec(select(Child).where(col(Child.family_id) == family.id)).all()
    return FamilyRecord(family, list(guardians), sorted(children, key=lambda c: c.birth_date))


def load_day(session: Session, day: date) -> list[DayVisit]:
    """The contacts planned for ``day`` (not yet done, missed or cancelled), by family."""
    contacts = session.exec(
        select(Contact).where(col(Contact.planned_date) == day, col(Contact.status) == "planned")
    ).all()
    records: dict[str, FamilyRecord] = {}
    visits = []
    for contact in sorted(contacts, key=lambda c: (c.kind, c.family_id)):
        if contact.family_id not in records:
            family = session.get(Family, contact.family_id)
            if family is None:
                continue
            records[contact.family_id] = _people(session, family)
        visits.append(DayVisit(contact, records[contact.family_id]))
    return visits


def load_family(session: Session, family_id: str) -> FamilyRecord | None:
    family = session.get(Family, family_id)
    if family is None:
        return None
    record = _people(session, family)

    def rows(model: Any) -> list[Any]:
        return list(session.exec(select(model).where(col(model.family_id) == family_id)))

    record.contacts = sorted(
        rows(Contact),
        key=lambda c: (c.performed_at.date() if c.performed_at else c.planned_date) or date.min,
    )
    record.journal = sorted(rows(JournalEntry), key=lambda e: e.signed_at or e.created_at)
    record.measurements = sorted(rows(Measurement), key=lambda m: m.measured_on)
    record.responses = sorted(rows(QuestionnaireResponse), key=lambda r: r.authored_at)
    return record
