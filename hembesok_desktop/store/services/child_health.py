"""Writing the structured child-health records (feeding, vaccinations, language, tobacco
smoke, hearing and vision, referrals) and the child's gestational age and risk indicators.

Each function checks its input against ``domain.child_health`` and raises ``InvalidInput``
with one sentence before anything is written; the write goes through the unit of work, so its
sync change is recorded in the same transaction and ``uow.changed()`` says what changed.
Nothing is deleted: a mistaken record is voided with a reason (``void_record``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, TypeVar

from ...domain import child_health as ch
from ...domain.catalogue import Catalogue
from ...domain.planning import today_in_stockholm
from ..errors import InvalidInput
from ..models import (
    Child,
    ChildHealthRow,
    FeedingRecord,
    LanguageRecord,
    Referral,
    SensoryScreening,
    TobaccoExposure,
    Vaccination,
)
from ..unit_of_work import UnitOfWork
from ._lookup import get_row

RecordT = TypeVar("RecordT", bound=ChildHealthRow)

RECORD_MODELS: dict[str, type[ChildHealthRow]] = {
    model.entity: model
    for model in (
        FeedingRecord,
        Vaccination,
        LanguageRecord,
        TobaccoExposure,
        SensoryScreening,
        Referral,
    )
}


def _one_of(value: str, allowed: Sequence[str], what: str) -> None:
    if value not in allowed:
        raise InvalidInput(f"The {what} {value!r} is not known.")


def _text(value: str, what: str, limit: int = ch.MAX_TEXT) -> str:
    value = value.strip()
    if len(value) > limit:
        raise InvalidInput(f"The {what} is longer than {limit} characters.")
    return value


def _dated(uow: UnitOfWork, child: Child, day: date, what: str) -> None:
    if day < child.birth_date:
        raise InvalidInput(f"The {what} cannot be before the child's birth.")
    if day > today_in_stockholm(uow.now()):
        raise InvalidInput(f"The {what} cannot be in the future.")


def set_child_details(
    uow: UnitOfWork,
    child_id: str,
    *,
    gestational_age_days: int | None = None,
    clear_gestational_age: bool = False,
    indicators: dict[str, bool] | None = None,
) -> Child:
    """Set the gestational age at birth (days) and/or the vaccination risk indicators."""
    child = get_row(uow, Child, child_id)
    values: dict[str, object] = {}
    if gestational_age_days is not None:
        if not ch.GESTATION_MIN_DAYS <= gestational_age_days <= ch.GESTATION_MAX_DAYS:
            raise InvalidInput("The gestational age must lie between 22+0 and 45+0 weeks.")
        values["gestational_age_days"] = gestational_age_days
    elif clear_gestational_age:
        values["gestational_age_days"] = None
    for name, value in (indicators or {}).items():
        _one_of(name, ch.RISK_INDICATORS, "risk indicator")
        values[name] = bool(value)
    uow.update(child, **values)
    return child


def record_feeding(
    uow: UnitOfWork,
    *,
    child_id: str,
    recorded_on: date,
    status: str,
    other_food_first_on: date | None = None,
    contact_id: str | None = None,
) -> FeedingRecord:
    child = get_row(uow, Child, child_id)
    _one_of(status, ch.FEEDING_STATUSES, "feeding status")
    _dated(uow, child, recorded_on, "feeding record's date")
    if other_food_first_on is not None:
        _dated(uow, child, other_food_first_on, "date other food was first given")
        if other_food_first_on > recorded_on:
            raise InvalidInput("Other food cannot have been first given after the record's date.")
    if status == "exclusive" and other_food_first_on is not None:
        raise InvalidInput("A child breastfed exclusively has not been given other food.")
    return _insert(
        uow,
        FeedingRecord,
        child,
        contact_id,
        recorded_on=recorded_on,
        status=status,
        other_food_first_on=other_food_first_on,
    )


def record_vaccination(
    uow: UnitOfWork,
    *,
    child_id: str,
    vaccine: str,
    dose_number: int,
    given_on: date,
    catalogue: Catalogue,
    given_where: str = "here",
    batch_number: str = "",
    schedule_code: str = "",
    contact_id: str | None = None,
) -> Vaccination:
    """A dose given; ``schedule_code`` links it to the schedule's planned dose."""
    child = get_row(uow, Child, child_id)
    schedule = ch.vaccination_schedule(catalogue.programmes.values())
    known = {entry.id for p in catalogue.programmes.values() for entry in p.vaccines}
    _one_of(vaccine, sorted(known), "vaccine")
    if not 1 <= dose_number <= 10:
        raise InvalidInput("The dose number must lie between 1 and 10.")
    _one_of(given_where, ch.GIVEN_WHERE, "place of vaccination")
    _dated(uow, child, given_on, "vaccination date")
    if schedule_code:
        doses = ch.schedule_doses(schedule) if schedule is not None else []
        if (vaccine, dose_number, schedule_code) not in doses:
            raise InvalidInput(
                f"The schedule has no dose {dose_number} of {vaccine} at {schedule_code}."
            )
    return _insert(
        uow,
        Vaccination,
        child,
        contact_id,
        vaccine=vaccine,
        dose_number=dose_number,
        given_on=given_on,
        given_where=given_where,
        batch_number=_text(batch_number, "batch number", ch.MAX_BATCH),
        schedule_code=schedule_code,
    )


def record_language(
    uow: UnitOfWork,
    *,
    child_id: str,
    recorded_on: date,
    kind: str,
    result: str = "",
    action: str = "",
    age_point: str = "",
    note: str = "",
    contact_id: str | None = None,
) -> LanguageRecord:
    """A language screening (age point 30m or 36m, a result, an action on concern) or an
    observation of language development at any contact."""
    child = get_row(uow, Child, child_id)
    _one_of(kind, ch.LANGUAGE_KINDS, "kind of language record")
    _dated(uow, child, recorded_on, "language record's date")
    if kind == "screening":
        _one_of(age_point, ch.LANGUAGE_AGE_POINTS, "language screening age")
        _one_of(result, ch.LANGUAGE_RESULTS, "screening result")
    elif age_point:
        raise InvalidInput("Only a language screening has an age point.")
    elif result:
        _one_of(result, ch.LANGUAGE_RESULTS, "observation result")
    if result == "concern":
        _one_of(action, ch.LANGUAGE_ACTIONS, "action taken")
    elif action:
        raise InvalidInput("An action is recorded only with a concern.")
    if kind == "observation" and not note.strip() and not result:
        raise InvalidInput("A language observation needs a result or a note.")
    return _insert(
        uow,
        LanguageRecord,
        child,
        contact_id,
        recorded_on=recorded_on,
        kind=kind,
        age_point=age_point,
        result=result,
        action=action,
        note=_text(note, "note"),
    )


def record_tobacco(
    uow: UnitOfWork,
    *,
    child_id: str,
    recorded_on: date,
    age_point: str,
    exposure: str,
    contact_id: str | None = None,
) -> TobaccoExposure:
    child = get_row(uow, Child, child_id)
    _one_of(age_point, ch.TOBACCO_AGE_POINTS, "age point")
    _one_of(exposure, ch.TOBACCO_EXPOSURES, "tobacco smoke answer")
    _dated(uow, child, recorded_on, "tobacco record's date")
    return _insert(
        uow,
        TobaccoExposure,
        child,
        contact_id,
        recorded_on=recorded_on,
        age_point=age_point,
        exposure=exposure,
    )


def record_sensory(
    uow: UnitOfWork,
    *,
    child_id: str,
    screened_on: date,
    test: str,
    result: str,
    contact_id: str | None = None,
) -> SensoryScreening:
    child = get_row(uow, Child, child_id)
    _one_of(test, ch.SENSORY_TESTS, "screening test")
    _one_of(result, ch.SENSORY_RESULTS, "screening result")
    _dated(uow, child, screened_on, "screening date")
    return _insert(
        uow,
        SensoryScreening,
        child,
        contact_id,
        screened_on=screened_on,
        test=test,
        result=result,
    )


def record_referral(
    uow: UnitOfWork,
    *,
    child_id: str,
    referred_on: date,
    to_whom: str,
    reason: str,
    note: str = "",
    contact_id: str | None = None,
) -> Referral:
    child = get_row(uow, Child, child_id)
    _one_of(to_whom, ch.REFERRAL_RECEIVERS, "receiver of the referral")
    _one_of(reason, ch.REFERRAL_REASONS, "reason for the referral")
    _dated(uow, child, referred_on, "referral date")
    return _insert(
        uow,
        Referral,
        child,
        contact_id,
        referred_on=referred_on,
        to_whom=to_whom,
        reason=reason,
        note=_text(note, "note"),
    )


def record_referral_outcome(
    uow: UnitOfWork, referral_id: str, *, outcome: str, outcome_on: date
) -> Referral:
    referral = get_row(uow, Referral, referral_id)
    text = _text(outcome, "outcome")
    if not text:
        raise InvalidInput("The outcome of a referral needs a text.")
    if outcome_on < referral.referred_on:
        raise InvalidInput("The outcome cannot be dated before the referral.")
    uow.update(referral, outcome=text, outcome_on=outcome_on)
    return referral


def void_record(uow: UnitOfWork, entity: str, row_id: str, *, reason: str) -> ChildHealthRow:
    """Void a mistaken record with a reason (it stays visible, marked voided)."""
    model = RECORD_MODELS.get(entity)
    if model is None:
        raise InvalidInput(f"The record kind {entity!r} is not known.")
    row = get_row(uow, model, row_id)
    text = _text(reason, "reason", 500)
    if not text:
        raise InvalidInput("A record is voided only with a reason.")
    if row.voided_reason:
        raise InvalidInput("This record is already voided.")
    uow.update(row, voided_reason=text)
    return row


def _insert(
    uow: UnitOfWork, model: type[RecordT], child: Child, contact_id: str | None, **fields: Any
) -> RecordT:
    """A new record of ``child`` (at ``contact_id``) by the nurse, with its outbox change."""
    row = model(
        family_id=child.family_id,
        child_id=child.id,
        contact_id=contact_id,
        recorded_by=uow.actor.username,
        **fields,
    )
    uow.insert(row)
    return row
