"""Frozen views of stored rows, shared by the read modules.

Each view carries the fields the screens show, under the row's own names, so the UI reads
``entry.signed_at`` whether it shows a journal entry or prints it. Lists become tuples; the
JSON documents (answers, flags, payloads) are copied, so a view never shares state with a row.
Local bookkeeping (``versions``) is left out.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from sqlmodel import SQLModel

ViewT = TypeVar("ViewT")


def view_of(view: type[ViewT], row: SQLModel) -> ViewT:
    """``view`` built from the same-named attributes of ``row`` (lists as tuples, JSON copied)."""
    values: dict[str, Any] = {}
    for field in dataclasses.fields(view):  # type: ignore[arg-type]
        value = getattr(row, field.name)
        if isinstance(value, list):
            value = tuple(copy.deepcopy(item) for item in value)
        elif isinstance(value, dict):
            value = copy.deepcopy(value)
        values[field.name] = value
    return view(**values)


@dataclass(frozen=True)
class FamilyView:
    id: str
    address: str
    postal_code: str
    area: str
    phone: str
    languages: tuple[str, ...]
    interpreter_needed: bool
    interpreter_language: str
    team_id: str
    nurse_username: str


@dataclass(frozen=True)
class GuardianView:
    id: str
    family_id: str
    given_name: str
    family_name: str
    identity_kind: str
    identity_number: str
    linked_identity_number: str
    birth_date: date | None
    role: str
    language: str
    first_child_in_sweden: bool
    birthing_parent: bool
    #: a coordination number's identity level code ("" = not recorded)
    identity_level: str = ""


@dataclass(frozen=True)
class ChildView:
    id: str
    family_id: str
    given_name: str
    family_name: str
    identity_kind: str
    identity_number: str
    linked_identity_number: str
    birth_date: date
    sex: str
    identity_level: str = ""
    #: gestational age at birth in days; the vaccination risk indicators (migration 0005)
    gestational_age_days: int | None = None
    bcg_indicated: bool = False
    mother_hbsag_positive: bool = False
    rotavirus_three_dose: bool = False


@dataclass(frozen=True)
class EnrollmentView:
    id: str
    family_id: str
    child_id: str
    programme_id: str
    programme_version: str
    start_date: date
    inclusion_reason: str
    status: str
    end_date: date | None
    end_reason: str


@dataclass(frozen=True)
class ContactView:
    id: str
    family_id: str
    child_id: str | None
    programme_id: str
    contact_code: str
    kind: str
    status: str
    planned_date: date | None
    window_start: date | None
    window_end: date | None
    performed_at: datetime | None
    participants: tuple[str, ...]
    interpreter_used: bool
    themes: tuple[str, ...]
    status_reason: str
    #: the interpreter's language and form (on_site | phone | video), migration 0005
    interpreter_language: str = ""
    interpreter_form: str = ""


@dataclass(frozen=True)
class JournalEntryView:
    id: str
    family_id: str
    child_id: str | None
    contact_id: str | None
    text: str
    author_name: str
    author_title: str
    created_at: datetime
    signed_at: datetime | None
    amends: str | None
    voided_at: datetime | None
    voided_reason: str
    voided_by: str


@dataclass(frozen=True)
class MeasurementView:
    id: str
    family_id: str
    child_id: str
    contact_id: str | None
    measured_on: date
    weight_kg: float | None
    length_cm: float | None
    head_circumference_cm: float | None
    recorded_by: str
    voided_reason: str


@dataclass(frozen=True)
class ResponseView:
    """A questionnaire response: its FHIR document (``answers``), score and flags."""

    id: str
    family_id: str
    child_id: str | None
    contact_id: str | None
    form_id: str
    form_version: str
    language: str
    respondent: str
    status: str
    answers: Mapping[str, Any]
    score: float | None
    subscores: Mapping[str, Any]
    flags: tuple[Mapping[str, Any], ...]
    authored_at: datetime
    completed_at: datetime | None
    voided_reason: str


@dataclass(frozen=True)
class FollowUpView:
    id: str
    family_id: str
    response_id: str | None
    area: str
    offer_kind: str
    with_social_services: bool
    with_whom: str
    offered_at: datetime
    decision: str
    status: str
    outcome: str
    closed_at: datetime | None
    recorded_by: str


@dataclass(frozen=True)
class DraftView:
    """Unsigned work in progress: its key and payload (a copy)."""

    key: str
    family_id: str
    kind: str
    payload: Mapping[str, Any]
    updated_at: datetime
