"""What the "New family" form collects, its checks, and the write (no Qt here).

``Registration`` is the form's content. ``identity_problem`` checks a number the way the store
services will (``domain.identity``), so the form can say what is wrong before anything is
written. ``register_family`` writes it all in one unit of work: the family, its guardians and
child, the enrollment and the programme's planned contacts (``services.planning``).

The Family tab adds people and enrollments later with the same pieces: ``add_guardian`` and
``add_child`` (a ``PersonInput`` / ``ChildInput`` for an existing family) and ``enroll_child``
(the enrollment and its planned contacts, in the caller's unit of work).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from ...domain import identity
from ...domain.catalogue import Catalogue
from ...store.services import families
from ...store.services.planning import plan_programme, programme
from ...store.unit_of_work import UnitOfWork

EXTENDED_PROGRAMME = "extended_home_visits"


@dataclass(frozen=True)
class PersonInput:
    given_name: str
    family_name: str
    identity_number: str = ""
    reserve: bool = False
    #: a coordination number's identity level code ("" | confirmed | probable | uncertain)
    identity_level: str = ""
    role: str = "parent"
    language: str = "sv"
    first_child_in_sweden: bool = False
    birthing_parent: bool = False


@dataclass(frozen=True)
class ChildInput:
    given_name: str
    family_name: str
    identity_number: str = ""
    reserve: bool = False
    identity_level: str = ""
    birth_date: date | None = None
    sex: str = ""


@dataclass(frozen=True)
class Registration:
    guardians: tuple[PersonInput, ...]
    child: ChildInput
    address: str = ""
    postal_code: str = ""
    area: str = ""
    phone: str = ""
    languages: tuple[str, ...] = ()
    interpreter_needed: bool = False
    interpreter_language: str = ""
    enroll: bool = True
    start_date: date | None = None
    inclusion_reason: str = "first_time_parents"
    programme_id: str = EXTENDED_PROGRAMME
    notes: list[str] = field(default_factory=list)


def identity_problem(number: str, *, reserve: bool) -> identity.InvalidIdentityNumber | None:
    """Why ``number`` would be refused, or None (an empty number is allowed)."""
    text = number.strip()
    if not text:
        return None
    try:
        if reserve:
            identity.parse_identity(text, kind="reserve")
        else:
            identity.parse_personal_number(text)
    except identity.InvalidIdentityNumber as error:
        return error
    return None


def is_coordination_number(number: str, *, reserve: bool) -> bool:
    """Whether ``number`` is a valid samordningsnummer (which may carry an identity level)."""
    if reserve or not number.strip():
        return False
    try:
        return identity.parse_personal_number(number.strip()).kind == "samordningsnummer"
    except identity.InvalidIdentityNumber:
        return False


def birth_date_from_number(number: str) -> date | None:
    try:
        return identity.parse_personal_number(number.strip()).birth_date
    except identity.InvalidIdentityNumber:
        return None


BirthDateNotice = Literal["differs", "not_in_number"]


def birth_date_notice(number: str, *, reserve: bool, born: date | None) -> BirthDateNotice | None:
    """What to warn about a birth date against the number; never a reason to refuse.

    ``"differs"``: the date given is not the number's (Skatteverket may give a nearby day when
    a day's serial numbers run out, so it is accepted). ``"not_in_number"``: a valid
    coordination number that gives no full date of birth (month 00, day 60, or a day the month
    lacks), so the date must be given by hand.
    """
    if reserve or not number.strip():
        return None
    try:
        person = identity.parse_personal_number(number.strip())
    except identity.InvalidIdentityNumber:
        return None
    if person.birth_date is None:
        return "not_in_number"
    if born is not None and born != person.birth_date:
        return "differs"
    return None


def add_guardian(uow: UnitOfWork, family_id: str, person: PersonInput) -> str:
    """Add ``person`` as a guardian of the family; returns the guardian's id."""
    guardian = families.add_guardian(
        uow,
        family_id=family_id,
        given_name=person.given_name,
        family_name=person.family_name,
        identity_number=person.identity_number,
        identity_kind="reserve" if person.reserve else "auto",
        identity_level=person.identity_level,
        role=person.role,
        language=person.language,
        first_child_in_sweden=person.first_child_in_sweden,
        birthing_parent=person.birthing_parent,
    )
    return guardian.id


def add_child(uow: UnitOfWork, family_id: str, child: ChildInput) -> str:
    """Add ``child`` to the family; returns the child's id."""
    row = families.add_child(
        uow,
        family_id=family_id,
        given_name=child.given_name,
        family_name=child.family_name,
        identity_number=child.identity_number,
        identity_kind="reserve" if child.reserve else "auto",
        identity_level=child.identity_level,
        birth_date=child.birth_date,
        sex=child.sex,
    )
    return row.id


def enroll_child(
    uow: UnitOfWork,
    *,
    family_id: str,
    child_id: str,
    start_date: date,
    inclusion_reason: str,
    today: date,
    catalogue: Catalogue,
    programme_id: str = EXTENDED_PROGRAMME,
) -> str:
    """Enroll the child in the programme and plan its visits; returns the enrollment's id."""
    enrollment = families.enroll(
        uow,
        family_id=family_id,
        child_id=child_id,
        programme_id=programme_id,
        programme_version=programme(catalogue, programme_id).version,
        start_date=start_date,
        inclusion_reason=inclusion_reason,
    )
    plan_programme(uow, enrollment_id=enrollment.id, today=today, catalogue=catalogue)
    return enrollment.id


def register_family(
    uow: UnitOfWork, registration: Registration, *, today: date, catalogue: Catalogue
) -> str:
    """Write the registration; returns the new family's id."""
    family = families.create_family(
        uow,
        address=registration.address,
        postal_code=registration.postal_code,
        area=registration.area,
        phone=registration.phone,
        languages=list(registration.languages),
        interpreter_needed=registration.interpreter_needed,
        interpreter_language=registration.interpreter_language
        if registration.interpreter_needed
        else "",
    )
    for person in registration.guardians:
        add_guardian(uow, family.id, person)
    child_id = add_child(uow, family.id, registration.child)
    if registration.enroll:
        enroll_child(
            uow,
            family_id=family.id,
            child_id=child_id,
            start_date=registration.start_date or today,
            inclusion_reason=registration.inclusion_reason,
            today=today,
            catalogue=catalogue,
            programme_id=registration.programme_id,
        )
    return family.id
