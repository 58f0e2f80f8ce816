"""Contacts (visits): planned from a programme or ad hoc, and what happened."""

from __future__ import annotations

from datetime import date, datetime

from ...domain.child_health import INTERPRETER_FORMS as INTERPRETER_FORM_IDS
from ..errors import InvalidInput
from ..models import Contact
from ..unit_of_work import UnitOfWork
from ._lookup import get_row

KINDS = frozenset({"home", "clinic", "phone"})
INTERPRETER_FORMS = frozenset(INTERPRETER_FORM_IDS)
STATUSES = frozenset({"planned", "done", "missed", "cancelled", "rescheduled"})


def plan_contact(
    uow: UnitOfWork,
    *,
    family_id: str,
    child_id: str | None,
    planned_date: date,
    kind: str = "home",
    programme_id: str = "",
    contact_code: str = "",
    participants: list[str] | None = None,
    window_start: date | None = None,
    window_end: date | None = None,
) -> Contact:
    _check_kind(kind)
    contact = Contact(
        family_id=family_id,
        child_id=child_id,
        programme_id=programme_id,
        contact_code=contact_code,
        kind=kind,
        planned_date=planned_date,
        window_start=window_start,
        window_end=window_end,
        participants=list(participants or []),
    )
    uow.insert(contact)
    return contact


def record_contact(
    uow: UnitOfWork,
    contact_id: str,
    *,
    status: str,
    performed_at: datetime | None = None,
    kind: str | None = None,
    participants: list[str] | None = None,
    interpreter_used: bool | None = None,
    themes: list[str] | None = None,
    reason: str = "",
    interpreter_language: str | None = None,
    interpreter_form: str | None = None,
) -> Contact:
    """Record what happened with a contact: done (when, who, themes), missed, cancelled..."""
    if status not in STATUSES:
        raise InvalidInput(f"The contact status {status!r} is not known.")
    if status == "done" and performed_at is None:
        raise InvalidInput("A contact that took place needs its date and time.")
    contact = get_row(uow, Contact, contact_id)
    values: dict[str, object] = {"status": status, "status_reason": reason}
    if performed_at is not None:
        values["performed_at"] = performed_at
    if kind is not None:
        _check_kind(kind)
        values["kind"] = kind
    if participants is not None:
        values["participants"] = list(participants)
    if interpreter_used is not None:
        values["interpreter_used"] = interpreter_used
    if themes is not None:
        values["themes"] = list(themes)
    values.update(_interpreter(interpreter_used, interpreter_language, interpreter_form))
    uow.update(contact, **values)
    return contact


def record_ad_hoc_contact(
    uow: UnitOfWork,
    *,
    family_id: str,
    child_id: str | None,
    performed_at: datetime,
    kind: str,
    participants: list[str] | None = None,
    interpreter_used: bool = False,
    themes: list[str] | None = None,
    interpreter_language: str = "",
    interpreter_form: str = "",
) -> Contact:
    _check_kind(kind)
    interpreter = _interpreter(interpreter_used, interpreter_language, interpreter_form)
    contact = Contact(
        family_id=family_id,
        child_id=child_id,
        kind=kind,
        status="done",
        planned_date=performed_at.date(),
        performed_at=performed_at,
        participants=list(participants or []),
        interpreter_used=interpreter_used,
        themes=list(themes or []),
        interpreter_language=interpreter.get("interpreter_language", ""),
        interpreter_form=interpreter.get("interpreter_form", ""),
    )
    uow.insert(contact)
    return contact


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise InvalidInput(f"The contact kind {kind!r} is not known.")


def _interpreter(used: bool | None, language: str | None, form: str | None) -> dict[str, str]:
    """The interpreter's language and form, checked; both "" when no interpreter was used."""
    if language is None and form is None:
        return {}
    language, form = (language or "").strip(), form or ""
    if used is False and (language or form):
        raise InvalidInput("An interpreter's language and form need an interpreter used.")
    if form and form not in INTERPRETER_FORMS:
        raise InvalidInput(f"The interpreter form {form!r} is not known.")
    if len(language) > 20:
        raise InvalidInput("The interpreter's language is longer than 20 characters.")
    return {"interpreter_language": language, "interpreter_form": form}
