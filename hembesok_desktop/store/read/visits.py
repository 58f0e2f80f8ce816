"""The visits screen: the family's children and contacts, each contact's measurement, and the
unsigned visit drafts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import col, select

from ..models import Child, Contact, Measurement
from . import ReadSession
from .drafts import draft_payloads
from .views import ChildView, ContactView, MeasurementView, view_of


@dataclass(frozen=True)
class VisitsView:
    family_id: str
    children: tuple[ChildView, ...]
    #: by the day done (or planned), then the contact code
    contacts: tuple[ContactView, ...]
    #: the measurement recorded at a contact, by contact id
    measurements: dict[str, MeasurementView]
    #: visit drafts' payloads by draft key
    drafts: dict[str, dict[str, Any]]


def visits_view(session: ReadSession, family_id: str) -> VisitsView:
    contacts = session.exec(select(Contact).where(col(Contact.family_id) == family_id))
    measurements = session.exec(select(Measurement).where(col(Measurement.family_id) == family_id))
    children = session.exec(select(Child).where(col(Child.family_id) == family_id))
    return VisitsView(
        family_id=family_id,
        children=tuple(view_of(ChildView, c) for c in children),
        contacts=tuple(sorted((view_of(ContactView, c) for c in contacts), key=_sort_key)),
        measurements={
            m.contact_id: view_of(MeasurementView, m) for m in measurements if m.contact_id
        },
        drafts=draft_payloads(session, family_id, kind="visit"),
    )


def _sort_key(contact: ContactView) -> tuple[str, str]:
    planned = contact.planned_date.isoformat() if contact.planned_date else ""
    day = contact.performed_at.date().isoformat() if contact.performed_at else planned
    return (day, contact.contact_code)
