"""Planning a programme's contacts when a child is enrolled.

``plan_programme`` plans, as ``Contact`` rows with status ``planned``, every contact of the
enrollment's programme that is applicable (its window does not end before the enrollment
started, its target date is not after the enrollment ended) and not yet in the store for this
child and programme. Running it again plans nothing new, so it is safe to call after a
corrected birth date or a re-opened enrollment; contacts already recorded never move.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from ...domain.catalogue import Catalogue
from ...domain.planning import plan_contacts
from ...domain.programmes import Programme
from ..errors import InvalidInput
from ..models import Child, Contact, Enrollment
from ..unit_of_work import UnitOfWork
from . import contacts
from ._lookup import get_row


def programme(catalogue: Catalogue, programme_id: str) -> Programme:
    """The programme with ``programme_id`` from the catalogue; ``InvalidInput`` if unknown."""
    try:
        return catalogue.programme(programme_id)
    except KeyError:
        raise InvalidInput(f"The programme {programme_id!r} is not known.") from None


def plan_programme(
    uow: UnitOfWork, *, enrollment_id: str, today: date, catalogue: Catalogue
) -> list[Contact]:
    """Plan the enrollment's applicable contacts not yet planned; returns the new contacts."""
    enrollment = get_row(uow, Enrollment, enrollment_id)
    if enrollment.status != "active":
        return []
    child = get_row(uow, Child, enrollment.child_id)
    definition = programme(catalogue, enrollment.programme_id)
    existing = set(
        uow.session.exec(
            select(Contact.contact_code).where(
                Contact.child_id == child.id,
                Contact.programme_id == definition.id,
            )
        ).all()
    )
    existing |= {
        pending.contact_code
        for pending in uow.session.new
        if isinstance(pending, Contact)
        and pending.child_id == child.id
        and pending.programme_id == definition.id
    }
    planned: list[Contact] = []
    for item in plan_contacts(
        programme=definition,
        birth_date=child.birth_date,
        enrollment_start=enrollment.start_date,
        enrollment_end=enrollment.end_date,
        today=today,
    ):
        if not item.applicable or item.code in existing:
            continue
        contact = contacts.plan_contact(
            uow,
            family_id=enrollment.family_id,
            child_id=child.id,
            planned_date=item.target_date,
            kind=str(item.kind),
            programme_id=item.programme_id,
            contact_code=item.code,
            participants=[p.role for p in item.participants if not p.optional],
            window_start=item.window_start,
            window_end=item.window_end,
        )
        planned.append(contact)
    return planned
