"""The visits screen: the family's children and contacts, each contact's measurement, the
unsigned visit drafts, the family's languages, and per child the vaccinations given and the
child-health records made (not voided), so the visit form can offer what is due."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import col, select

from ...domain.child_health import GivenDose, RecordedItem, RecordKind
from ..models import (
    Child,
    Contact,
    Family,
    FeedingRecord,
    LanguageRecord,
    Measurement,
    SensoryScreening,
    TobaccoExposure,
    Vaccination,
)
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
    #: the family's languages (ISO codes) and the interpreter language it needs ("" if none)
    family_languages: tuple[str, ...] = ()
    interpreter_language: str = ""
    #: per child id: the doses given and the records made (not voided)
    given_doses: dict[str, tuple[GivenDose, ...]] = field(default_factory=dict)
    recorded_items: dict[str, tuple[RecordedItem, ...]] = field(default_factory=dict)


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
        **_family_languages(session, family_id),
        given_doses=_given_doses(session, family_id),
        recorded_items=_recorded_items(session, family_id),
    )


def _family_languages(session: ReadSession, family_id: str) -> dict[str, Any]:
    family = session.get(Family, family_id)
    if family is None:
        return {}
    needed = family.interpreter_language if family.interpreter_needed else ""
    return {"family_languages": tuple(family.languages), "interpreter_language": needed}


def _given_doses(session: ReadSession, family_id: str) -> dict[str, tuple[GivenDose, ...]]:
    rows = session.exec(
        select(Vaccination).where(
            col(Vaccination.family_id) == family_id, col(Vaccination.voided_reason) == ""
        )
    )
    found: dict[str, list[GivenDose]] = {}
    for v in rows:
        dose = GivenDose(v.id, v.vaccine, v.dose_number, v.given_on, v.schedule_code)
        found.setdefault(v.child_id, []).append(dose)
    return {child: tuple(doses) for child, doses in found.items()}


def _recorded_items(session: ReadSession, family_id: str) -> dict[str, tuple[RecordedItem, ...]]:
    found: dict[str, list[RecordedItem]] = {}

    def rows(model: Any) -> Any:
        return session.exec(
            select(model).where(model.family_id == family_id, model.voided_reason == "")
        )

    for f in rows(FeedingRecord):
        found.setdefault(f.child_id, []).append(RecordedItem(RecordKind.FEEDING, f.recorded_on))
    for t in rows(TobaccoExposure):
        item = RecordedItem(RecordKind.TOBACCO_SMOKE, t.recorded_on, t.age_point)
        found.setdefault(t.child_id, []).append(item)
    for r in rows(LanguageRecord):
        if r.kind == "screening":
            item = RecordedItem(RecordKind.LANGUAGE_SCREENING, r.recorded_on, r.age_point)
            found.setdefault(r.child_id, []).append(item)
    for s in rows(SensoryScreening):
        if s.result != "not_done":
            kind = (
                RecordKind.HEARING_SCREENING if s.test == "hearing" else RecordKind.VISION_SCREENING
            )
            found.setdefault(s.child_id, []).append(RecordedItem(kind, s.screened_on))
    return {child: tuple(items) for child, items in found.items()}


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
