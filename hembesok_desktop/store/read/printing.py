"""What the printouts show: the day's planned visits with each family's people, and one
family's summary (people, contacts, journal, measurements, screenings, and the child-health
records: vaccinations given, feeding, language, tobacco smoke, hearing and vision, referrals,
as ``domain.timeline`` input records the print turns into words), as views.

Reading only; the printing screen logs each print of a record (``services.access_log``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sqlmodel import col, select

from ...domain.timeline import HealthRecord, ReferralRecord, VaccinationRecord
from ..family_record import load_family, timeline_records
from ..models import (
    Child,
    Contact,
    Family,
    Guardian,
    JournalEntry,
    Measurement,
    QuestionnaireResponse,
    SyncedRow,
)
from . import ReadSession
from .views import (
    ChildView,
    ContactView,
    FamilyView,
    GuardianView,
    JournalEntryView,
    MeasurementView,
    ResponseView,
    view_of,
)

RowT = TypeVar("RowT", bound=SyncedRow)


@dataclass(frozen=True)
class PrintRecord:
    """A family as printed. The day view fills only the people; the summary fills the rest."""

    family: FamilyView
    guardians: tuple[GuardianView, ...]
    #: oldest first
    children: tuple[ChildView, ...]
    #: by the day done (or planned)
    contacts: tuple[ContactView, ...] = ()
    #: by signing (or creation) time
    journal: tuple[JournalEntryView, ...] = ()
    measurements: tuple[MeasurementView, ...] = ()
    responses: tuple[ResponseView, ...] = ()
    vaccinations: tuple[VaccinationRecord, ...] = ()
    health_records: tuple[HealthRecord, ...] = ()
    referrals: tuple[ReferralRecord, ...] = ()


@dataclass(frozen=True)
class DayVisit:
    contact: ContactView
    record: PrintRecord


def day_visits(session: ReadSession, day: date) -> tuple[DayVisit, ...]:
    """The contacts planned for ``day`` (not yet done, missed or cancelled), by kind and family."""
    contacts = session.exec(
        select(Contact).where(col(Contact.planned_date) == day, col(Contact.status) == "planned")
    ).all()
    records: dict[str, PrintRecord] = {}
    visits = []
    for contact in sorted(contacts, key=lambda c: (c.kind, c.family_id)):
        if contact.family_id not in records:
            family = session.get(Family, contact.family_id)
            if family is None:
                continue
            records[contact.family_id] = _people(session, family)
        visits.append(DayVisit(view_of(ContactView, contact), records[contact.family_id]))
    return tuple(visits)


def print_record(session: ReadSession, family_id: str) -> PrintRecord | None:
    """The family summary's record, or None when the family does not exist."""
    family = session.get(Family, family_id)
    if family is None:
        return None
    people = _people(session, family)
    contacts = sorted(
        _rows(session, Contact, family_id),
        key=lambda c: (c.performed_at.date() if c.performed_at else c.planned_date) or date.min,
    )
    journal = sorted(
        _rows(session, JournalEntry, family_id), key=lambda e: e.signed_at or e.created_at
    )
    measurements = sorted(_rows(session, Measurement, family_id), key=lambda m: m.measured_on)
    responses = sorted(
        _rows(session, QuestionnaireResponse, family_id), key=lambda r: r.authored_at
    )
    vaccinations, health, referrals = timeline_records(load_family(session, family_id))
    return PrintRecord(
        vaccinations=tuple(vaccinations),
        health_records=tuple(health),
        referrals=tuple(referrals),
        family=people.family,
        guardians=people.guardians,
        children=people.children,
        contacts=tuple(view_of(ContactView, c) for c in contacts),
        journal=tuple(view_of(JournalEntryView, e) for e in journal),
        measurements=tuple(view_of(MeasurementView, m) for m in measurements),
        responses=tuple(view_of(ResponseView, r) for r in responses),
    )


def _rows(session: ReadSession, model: type[RowT], family_id: str) -> list[RowT]:
    return list(session.exec(select(model).where(col(model.family_id) == family_id)))


def _people(session: ReadSession, family: Family) -> PrintRecord:
    guardians = _rows(session, Guardian, family.id)
    children = sorted(_rows(session, Child, family.id), key=lambda c: c.birth_date)
    return PrintRecord(
        family=view_of(FamilyView, family),
        guardians=tuple(view_of(GuardianView, g) for g in guardians),
        children=tuple(view_of(ChildView, c) for c in children),
    )
