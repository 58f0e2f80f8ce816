"""The visits screen: the family's children and contacts, each contact's measurement, and the
unsigned visit drafts."""

from __future__ import annotations

from dataclasses import dataclass, field
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
    #: the measurement recorded at a contact, by contact id (the current one: after a
    #: correction the new values, after a void the voided one when nothing replaced it)
    measurements: dict[str, MeasurementView]
    #: visit drafts' payloads by draft key
    drafts: dict[str, dict[str, Any]]
    #: every voided measurement of a contact, by contact id (they stay visible)
    voided_measurements: dict[str, tuple[MeasurementView, ...]] = field(default_factory=dict)


def visits_view(session: ReadSession, family_id: str) -> VisitsView:
    contacts = session.exec(select(Contact).where(col(Contact.family_id) == family_id))
    measurements = [
        view_of(MeasurementView, m)
        for m in session.exec(
            select(Measurement)
            .where(col(Measurement.family_id) == family_id)
            .order_by(col(Measurement.measured_on), col(Measurement.id))
        )
    ]
    children = session.exec(select(Child).where(col(Child.family_id) == family_id))
    return VisitsView(
        family_id=family_id,
        children=tuple(view_of(ChildView, c) for c in children),
        contacts=tuple(sorted((view_of(ContactView, c) for c in contacts), key=_sort_key)),
        measurements=_current_by_contact(measurements),
        drafts=draft_payloads(session, family_id, kind="visit"),
        voided_measurements=_voided_by_contact(measurements),
    )


def _current_by_contact(measurements: list[MeasurementView]) -> dict[str, MeasurementView]:
    """Per contact: its not voided measurement, else its last voided one."""
    current: dict[str, MeasurementView] = {}
    for m in sorted(measurements, key=lambda m: not m.voided_reason):
        if m.contact_id:
            current[m.contact_id] = m  # a not voided one comes last and wins
    return current


def _voided_by_contact(
    measurements: list[MeasurementView],
) -> dict[str, tuple[MeasurementView, ...]]:
    voided: dict[str, list[MeasurementView]] = {}
    for m in measurements:
        if m.contact_id and m.voided_reason:
            voided.setdefault(m.contact_id, []).append(m)
    return {contact_id: tuple(rows) for contact_id, rows in voided.items()}


def _sort_key(contact: ContactView) -> tuple[str, str]:
    planned = contact.planned_date.isoformat() if contact.planned_date else ""
    day = contact.performed_at.date().isoformat() if contact.performed_at else planned
    return (day, contact.contact_code)
