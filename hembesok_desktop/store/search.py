"""Search text per family, so the caseload can be searched as the nurse types.

The text folds case and diacritics (``Åsa`` and ``asa`` match; Swedish å/ä/ö fold to a/a/o) and
holds personal numbers both as stored (12 digits) and in their 10-digit form.

A query word that looks like a personal number written with its separator (``19940623-3883``,
``940623-3883``, ``231231+1234``, the partial ``0623-3883``) also matches with the separator
taken out, so every form the nurse is used to finds the family; the word as typed still matches
too (a phone number stored with a hyphen).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence

from sqlalchemy import ColumnElement, or_
from sqlmodel import Session, select

from . import raw_sql
from .models import FamilySearch

SEARCH_ENTITIES = frozenset({"family", "guardian", "child"})


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _number_forms(number: str) -> list[str]:
    return [number, number[2:]] if len(number) == 12 and number.isdigit() else [number]


def search_text(family: Sequence[str], people: Iterable[Sequence[str]]) -> str:
    """The folded search text of a family from its (address, postal code, area, phone) and
    each guardian's and child's (given name, family name, number, linked number)."""
    parts = list(family)
    for given_name, family_name, number, linked_number in people:
        parts += [given_name, family_name, *_number_forms(number)]
        if linked_number:
            parts += _number_forms(linked_number)
    return fold(" ".join(part for part in parts if part))


_FAMILIES = "SELECT id, address, postal_code, area, phone FROM family WHERE 1 {wanted}"
# guardians, then children, each in a fixed order: the text must not depend on the query plan
_PEOPLE = """
SELECT family_id, given_name, family_name, identity_number, linked_identity_number FROM (
    SELECT family_id, 0 AS kind, given_name, family_name, identity_number,
           linked_identity_number, id
    FROM guardian WHERE 1 {wanted}
    UNION ALL
    SELECT family_id, 1, given_name, family_name, identity_number, linked_identity_number, id
    FROM child WHERE 1 {wanted}
)
ORDER BY family_id, kind, given_name, family_name, id
"""

def refresh(session: Session, family_ids: Collection[str]) -> None:
    """Recompute the search text of these families (in the caller's flushed transaction)."""
    if not family_ids:
        return
    texts = _texts(session, family_ids)
    wanted, params = raw_sql.family_condition("family_id", family_ids)
    stored = dict(
        raw_sql.fetch(
            session, f"SELECT family_id, text FROM family_search WHERE 1 {wanted}", params
        )
    )
    raw_sql.run_many(  # an unchanged text is not rewritten
        session,
        "INSERT OR REPLACE INTO family_search (family_id, text) VALUES (:family_id, :text)",
        [
            {"family_id": family_id, "text": text}
            for family_id, text in texts.items()
            if stored.get(family_id) != text
        ],
    )


def stale_families(session: Session) -> list[str]:
    """Families whose stored search text differs from what the records give now (sorted)."""
    stored = dict(raw_sql.fetch(session, "SELECT family_id, text FROM family_search"))
    computed = _texts(session, None)
    return sorted(
        family_id
        for family_id in stored.keys() | computed.keys()
        if stored.get(family_id) != computed.get(family_id)
    )


def _texts(session: Session, family_ids: Collection[str] | None) -> dict[str, str]:
    """The search text of each of these families (every family when None) that exists."""
    people: dict[str, list[Sequence[str]]] = {}
    wanted, params = raw_sql.family_condition("family_id", family_ids)
    for family_id, *person in raw_sql.fetch(session, _PEOPLE.format(wanted=wanted), params):
        people.setdefault(family_id, []).append(person)
    wanted, params = raw_sql.family_condition("id", family_ids)
    return {
        family_id: search_text(family, people.get(family_id, []))
        for family_id, *family in raw_sql.fetch(session, _FAMILIES.format(wanted=wanted), params)
    }


#: digits with the personal number's separator (``-``, or ``+`` from the 100th birthday)
_NUMBER_WITH_SEPARATOR = re.compile(r"\d+[-+]\d+")


def word_forms(word: str) -> list[str]:
    """The forms a folded query word may take in the search text (the word itself first)."""
    if _NUMBER_WITH_SEPARATOR.fullmatch(word):
        return [word, word.replace("-", "").replace("+", "")]
    return [word]


def _contains(word: str) -> ColumnElement[bool]:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return FamilySearch.text.like(f"%{escaped}%", escape="\\")  # type: ignore[attr-defined]


def matching_family_ids(session: Session, query: str) -> list[str]:
    """Families whose search text contains every word of ``query`` (in one of its forms)."""
    statement = select(FamilySearch.family_id)
    for word in fold(query).split():
        statement = statement.where(or_(*(_contains(form) for form in word_forms(word))))
    return list(session.exec(statement).all())
