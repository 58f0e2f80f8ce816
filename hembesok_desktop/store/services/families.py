"""Families, guardians, children and enrollments."""

from __future__ import annotations

from datetime import date

from ...domain import identity
from ...domain.planning import today_in_stockholm
from ...domain.record_labels import IDENTITY_LEVEL_VALUES
from ..errors import InvalidInput
from ..models import Child, Enrollment, Family, Guardian, new_id
from ..unit_of_work import UnitOfWork
from ._lookup import get_row

INCLUSION_REASONS = frozenset({"first_time_parents", "first_child_in_sweden", "other"})
FAMILY_FIELDS = frozenset(
    {
        "address",
        "postal_code",
        "area",
        "phone",
        "languages",
        "interpreter_needed",
        "interpreter_language",
        "team_id",
        "nurse_username",
    }
)


def create_family(
    uow: UnitOfWork,
    *,
    address: str = "",
    postal_code: str = "",
    area: str = "",
    phone: str = "",
    languages: list[str] | None = None,
    interpreter_needed: bool = False,
    interpreter_language: str = "",
    team_id: str = "",
    family_id: str | None = None,
) -> Family:
    row_id = family_id or new_id()
    family = Family(
        id=row_id,
        family_id=row_id,
        address=address.strip(),
        postal_code=postal_code.strip(),
        area=area.strip(),
        phone=phone.strip(),
        languages=list(languages or []),
        interpreter_needed=interpreter_needed,
        interpreter_language=interpreter_language,
        team_id=team_id,
        nurse_username=uow.actor.username,
        created_at=uow.now(),
    )
    uow.insert(family)
    return family


def update_family(uow: UnitOfWork, family_id: str, **values: object) -> Family:
    unknown = set(values) - FAMILY_FIELDS
    if unknown:
        raise InvalidInput(f"A family has no field named {sorted(unknown)[0]}.")
    family = get_row(uow, Family, family_id)
    uow.update(family, **values)
    return family


def _checked_identity(number: str, *, kind: str) -> tuple[str, str, date | None, str]:
    """(kind, stored number, birth date, sex) from what the nurse typed."""
    text = number.strip()
    if not text:
        return "none", "", None, ""
    try:
        if kind == "reserve":
            reserve = identity.parse_identity(text, kind="reserve")
            return "reserve", reserve.value, None, ""
        person = identity.parse_personal_number(text)
    except identity.InvalidIdentityNumber as error:
        raise InvalidInput(str(error)) from None
    return person.kind, person.value, person.birth_date, person.sex


def _checked_level(level: str, kind: str) -> str:
    """A coordination number's identity level code ("" for none); refused for other kinds."""
    if level not in IDENTITY_LEVEL_VALUES:
        raise InvalidInput(f"The identity level {level!r} is not known.")
    if level and kind != "samordningsnummer":
        raise InvalidInput("Only a coordination number has an identity level.")
    return level


def add_guardian(
    uow: UnitOfWork,
    *,
    family_id: str,
    given_name: str,
    family_name: str,
    identity_number: str = "",
    identity_kind: str = "auto",
    identity_level: str = "",
    role: str = "parent",
    language: str = "sv",
    first_child_in_sweden: bool = False,
    birthing_parent: bool = False,
) -> Guardian:
    get_row(uow, Family, family_id)
    _require_name(given_name, family_name)
    kind, number, birth_date, _sex = _checked_identity(identity_number, kind=identity_kind)
    level = _checked_level(identity_level, kind)
    guardian = Guardian(
        family_id=family_id,
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        identity_kind=kind,
        identity_number=number,
        identity_level=level,
        birth_date=birth_date,
        role=role,
        language=language,
        first_child_in_sweden=first_child_in_sweden,
        birthing_parent=birthing_parent,
    )
    uow.insert(guardian)
    return guardian


def add_child(
    uow: UnitOfWork,
    *,
    family_id: str,
    given_name: str,
    family_name: str,
    identity_number: str = "",
    identity_kind: str = "auto",
    identity_level: str = "",
    birth_date: date | None = None,
    sex: str = "",
) -> Child:
    get_row(uow, Family, family_id)
    _require_name(given_name, family_name)
    kind, number, derived_birth, derived_sex = _checked_identity(
        identity_number, kind=identity_kind
    )
    level = _checked_level(identity_level, kind)
    # A birth date that differs from the number's is accepted (the dialog warns): Skatteverket
    # may give a nearby day when a day's serial numbers run out (DOMAIN.md).
    born = birth_date or derived_birth
    if born is None:
        raise InvalidInput("A child needs a birth date or a personal identity number.")
    if born > today_in_stockholm(uow.now()):
        raise InvalidInput("A child's birth date cannot lie in the future.")
    child = Child(
        family_id=family_id,
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        identity_kind=kind,
        identity_number=number,
        identity_level=level,
        birth_date=born,
        sex=sex or derived_sex,
    )
    uow.insert(child)
    return child


def correct_birth_date(uow: UnitOfWork, child_id: str, *, birth_date: date) -> Child:
    child = get_row(uow, Child, child_id)
    uow.update(child, birth_date=birth_date)
    return child


def link_identity_number(
    uow: UnitOfWork, *, entity: str, row_id: str, identity_number: str
) -> Guardian | Child:
    """Link a person known by a reserve number to their real personal identity number."""
    model: type[Guardian] | type[Child] = Guardian if entity == "guardian" else Child
    person = get_row(uow, model, row_id)
    if person.identity_kind != "reserve":
        raise InvalidInput("Only a person with a reserve number can be linked to a new number.")
    _kind, number, _birth, _sex = _checked_identity(identity_number, kind="auto")
    uow.update(person, linked_identity_number=number)
    return person


def enroll(
    uow: UnitOfWork,
    *,
    family_id: str,
    child_id: str,
    programme_id: str,
    start_date: date,
    inclusion_reason: str,
    programme_version: str = "",
) -> Enrollment:
    child = get_row(uow, Child, child_id)
    if child.family_id != family_id:
        raise InvalidInput("The child does not belong to this family.")
    if inclusion_reason not in INCLUSION_REASONS:
        raise InvalidInput(f"The inclusion reason {inclusion_reason!r} is not known.")
    if start_date < child.birth_date:
        raise InvalidInput("An enrollment cannot start before the child was born.")
    enrollment = Enrollment(
        family_id=family_id,
        child_id=child_id,
        programme_id=programme_id,
        programme_version=programme_version,
        start_date=start_date,
        inclusion_reason=inclusion_reason,
    )
    uow.insert(enrollment)
    return enrollment


def end_enrollment(
    uow: UnitOfWork, enrollment_id: str, *, end_date: date, reason: str
) -> Enrollment:
    enrollment = get_row(uow, Enrollment, enrollment_id)
    if not reason.strip():
        raise InvalidInput("An enrollment is ended only with a reason.")
    if end_date < enrollment.start_date:
        raise InvalidInput("An enrollment cannot end before it started.")
    uow.update(enrollment, status="ended", end_date=end_date, end_reason=reason.strip())
    return enrollment


def _require_name(given_name: str, family_name: str) -> None:
    if not given_name.strip() or not family_name.strip():
        raise InvalidInput("Both a given name and a family name are needed.")
