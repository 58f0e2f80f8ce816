"""Search text per family, so the caseload can be searched as the nurse types.

The text folds case and diacritics (``Åsa`` and ``asa`` match; Swedish å/ä/ö fold to a/a/o) and
holds personal numbers both as stored (12 digits) and in their 10-digit form.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from sqlmodel import Session, select

from .models import Child, Family, FamilySearch, Guardian

SEARCH_ENTITIES = frozenset({"family", "guardian", "child"})


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _number_forms(number: str) -> list[str]:
    return [number, number[2:]] if len(number) == 12 and number.isdigit() else [number]


def search_text(family: Family, people: Iterable[Guardian | Child]) -> str:
    parts = [family.address, family.postal_code, family.area, family.phone]
    for person in people:
        parts += [person.given_name, person.family_name]
        parts += _number_forms(person.identity_number)
        if person.linked_identity_number:
            parts += _number_forms(person.linked_identity_number)
    return fold(" ".join(part for part in parts if part))


def refresh(session: Session, family_ids: Iterable[str]) -> None:
    for family_id in family_ids:
        family = session.get(Family, family_id)
        if family is None:
            continue
        guardians = session.exec(select(Guardian).where(Guardian.family_id == family_id)).all()
        children = session.exec(select(Child).where(Child.family_id == family_id)).all()
        session.merge(
            FamilySearch(family_id=family_id, text=search_text(family, [*guardians, *children]))
        )


def matching_family_ids(session: Session, query: str) -> list[str]:
    """Families whose search text contains every word of ``query``."""
    statement = select(FamilySearch.family_id)
    for word in fold(query).split():
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        statement = statement.where(FamilySearch.text.like(f"%{escaped}%", escape="\\"))  # type: ignore[attr-defined]
    return list(session.exec(statement).all())
