"""Measurements, questionnaire responses and follow-up actions.

A measurement is never deleted or overwritten: a mistaken one is voided with a reason
(``void_measurement``) and stays readable, struck through; a correction
(``correct_measurement``) voids the original with the reason and records the right values as a
new measurement on the same day and contact, in one transaction.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlmodel import select

from ...domain.catalogue import Catalogue
from ...domain.questionnaire.followup import required_offer_ids
from ..errors import InvalidInput, JournalRuleViolation
from ..models import Child, FollowUpAction, Measurement, QuestionnaireResponse
from ..unit_of_work import UnitOfWork
from ._lookup import get_row

DECISIONS = frozenset({"offered", "accepted", "declined"})


def record_measurement(
    uow: UnitOfWork,
    *,
    child_id: str,
    measured_on: date,
    weight_kg: float | None = None,
    length_cm: float | None = None,
    head_circumference_cm: float | None = None,
    contact_id: str | None = None,
) -> Measurement:
    child = get_row(uow, Child, child_id)
    if weight_kg is None and length_cm is None and head_circumference_cm is None:
        raise InvalidInput("A measurement needs a weight, a length or a head circumference.")
    for value in (weight_kg, length_cm, head_circumference_cm):
        if value is not None and value <= 0:
            raise InvalidInput("Measured values must be greater than zero.")
    if measured_on < child.birth_date:
        raise InvalidInput("A measurement cannot be dated before the child's birth.")
    measurement = Measurement(
        family_id=child.family_id,
        child_id=child_id,
        contact_id=contact_id,
        measured_on=measured_on,
        weight_kg=weight_kg,
        length_cm=length_cm,
        head_circumference_cm=head_circumference_cm,
        recorded_by=uow.actor.username,
    )
    uow.insert(measurement)
    return measurement


def void_measurement(uow: UnitOfWork, measurement_id: str, *, reason: str) -> Measurement:
    """Mark a mistaken measurement void; it stays readable with the reason."""
    measurement = get_row(uow, Measurement, measurement_id)
    if measurement.voided_reason:
        raise JournalRuleViolation("This measurement is already voided.")
    if not reason.strip():
        raise InvalidInput("A measurement is voided only with a reason.")
    uow.update(measurement, voided_reason=reason.strip())
    return measurement


def correct_measurement(
    uow: UnitOfWork,
    measurement_id: str,
    *,
    reason: str,
    weight_kg: float | None = None,
    length_cm: float | None = None,
    head_circumference_cm: float | None = None,
) -> Measurement:
    """Void the original with ``reason`` and record the corrected values; returns the new one."""
    original = get_row(uow, Measurement, measurement_id)
    child_id, measured_on, contact_id = original.child_id, original.measured_on, original.contact_id
    void_measurement(uow, measurement_id, reason=reason)
    return record_measurement(
        uow,
        child_id=child_id,
        measured_on=measured_on,
        weight_kg=weight_kg,
        length_cm=length_cm,
        head_circumference_cm=head_circumference_cm,
        contact_id=contact_id,
    )


def save_response(
    uow: UnitOfWork,
    *,
    family_id: str,
    form_id: str,
    form_version: str,
    answers: dict[str, Any],
    language: str = "sv",
    respondent: str = "",
    child_id: str | None = None,
    contact_id: str | None = None,
    response_id: str | None = None,
) -> QuestionnaireResponse:
    """Create or update an in-progress response."""
    if response_id is not None:
        response = get_row(uow, QuestionnaireResponse, response_id)
        if response.status == "completed":
            raise JournalRuleViolation("A completed questionnaire response cannot be changed.")
        uow.update(response, answers=dict(answers), language=language, respondent=respondent)
        return response
    response = QuestionnaireResponse(
        family_id=family_id,
        child_id=child_id,
        contact_id=contact_id,
        form_id=form_id,
        form_version=form_version,
        language=language,
        respondent=respondent,
        answers=dict(answers),
        authored_at=uow.now(),
    )
    uow.insert(response)
    return response


def complete_response(
    uow: UnitOfWork,
    response_id: str,
    *,
    score: float | None,
    subscores: dict[str, Any],
    flags: list[dict[str, Any]],
    catalogue: Catalogue,
    completed_at: datetime | None = None,
) -> QuestionnaireResponse:
    """Close (complete) a response with its score and flags; it is final afterwards.

    A response with an urgent flag (EPDS item 10 above 0) is closed only once one of the
    offers tied to an urgent finding (``required_offer_ids``: the acute assessment the same
    day) is recorded for it with ``record_follow_up``.
    """
    response = get_row(uow, QuestionnaireResponse, response_id)
    if response.status == "completed":
        raise JournalRuleViolation("This questionnaire response is already completed.")
    if any(flag.get("severity") == "urgent" for flag in flags):
        _require_urgent_offer(uow, response_id, catalogue)
    uow.update(
        response,
        status="completed",
        score=score,
        subscores=dict(subscores),
        flags=list(flags),
        completed_at=completed_at or uow.now(),
    )
    return response


def hold_urgent_response(
    uow: UnitOfWork,
    response_id: str,
    *,
    score: float | None,
    subscores: dict[str, Any],
    flags: list[dict[str, Any]],
) -> QuestionnaireResponse:
    """Store the score and flags of a response whose answers raise an urgent flag but that
    cannot be closed yet (the acute offer is not recorded): it stays in progress, not final,
    and the caseload index, the timeline and the Forms list show it as an urgent finding
    until ``complete_response`` closes it."""
    response = get_row(uow, QuestionnaireResponse, response_id)
    if response.status == "completed":
        raise JournalRuleViolation("This questionnaire response is already completed.")
    if not any(flag.get("severity") == "urgent" for flag in flags):
        raise InvalidInput("Only a response with an urgent finding is held open with its score.")
    uow.update(response, score=score, subscores=dict(subscores), flags=list(flags))
    return response


def _require_urgent_offer(uow: UnitOfWork, response_id: str, catalogue: Catalogue) -> None:
    required = required_offer_ids(catalogue.offers, "urgent")
    if not required:
        return
    recorded = uow.session.exec(
        select(FollowUpAction.offer_kind).where(FollowUpAction.response_id == response_id)
    ).all()
    if not required & set(recorded):
        raise InvalidInput(
            "An urgent finding needs the acute assessment the same day recorded before the "
            "screening can be closed."
        )


def record_follow_up(
    uow: UnitOfWork,
    *,
    family_id: str,
    offer_kind: str,
    area: str = "",
    response_id: str | None = None,
    with_social_services: bool = False,
    with_whom: str = "",
    decision: str = "offered",
    offered_at: datetime | None = None,
    catalogue: Catalogue,
) -> FollowUpAction:
    """Record an offer made to the family; ``offer_kind`` must be one of the catalogue's."""
    if offer_kind not in catalogue.offer_ids:
        raise InvalidInput(f"The kind of offer {offer_kind!r} is not known.")
    if decision not in DECISIONS:
        raise InvalidInput(f"The decision {decision!r} is not known.")
    action = FollowUpAction(
        family_id=family_id,
        response_id=response_id,
        area=area,
        offer_kind=offer_kind,
        with_social_services=with_social_services,
        with_whom=with_whom,
        offered_at=offered_at or uow.now(),
        decision=decision,
        recorded_by=uow.actor.username,
    )
    uow.insert(action)
    return action


def decide_follow_up(uow: UnitOfWork, action_id: str, *, decision: str) -> FollowUpAction:
    if decision not in DECISIONS:
        raise InvalidInput(f"The decision {decision!r} is not known.")
    action = get_row(uow, FollowUpAction, action_id)
    uow.update(action, decision=decision)
    return action


def close_follow_up(
    uow: UnitOfWork, action_id: str, *, outcome: str, closed_at: datetime | None = None
) -> FollowUpAction:
    action = get_row(uow, FollowUpAction, action_id)
    if action.status == "done":
        raise InvalidInput("This follow-up is already closed.")
    uow.update(action, status="done", outcome=outcome.strip(), closed_at=closed_at or uow.now())
    return action
