"""The caseload and its work lists: one row per family, read from the caseload index.

What counts as an open contact (status planned, applicable to the child's enrollment), a
family's next due contact, its open follow-ups and unresolved screening findings is kept per
family by ``store.caseload_index``, current with every write. This module adds what depends on
the day: the children's ages, the overdue counts and which families are on which list.

The work lists, for ``today`` (a calendar date in Europe/Stockholm, passed in):

- ``all``: every family in the store;
- ``today``: an open contact booked for today, or in its window today with its planned date
  reached (``planned_date == today`` or ``window_start <= today <= window_end`` and
  ``planned_date <= today``). A contact whose window is open but whose planned date lies
  later this week is on ``week``, not yet on ``today``; one whose window has closed is on
  ``overdue``, not on ``today``;
- ``week``: an open contact planned in today's ISO week (Monday to Sunday);
- ``overdue``: an open contact whose window ended before today;
- ``followup``: an open follow-up action, or a completed, not voided screening response with
  flags that no follow-up action points at (``urgent_findings`` counts those with an urgent
  flag that no closed follow-up points at: the caseload shows them in red).

Rows sort by next due date (families with nothing planned last), then by name in Swedish
alphabetical order (å, ä, ö after z), then by id: the order of the index
``ix_caseload_family_order``, so the database returns them sorted (``sort_key`` is the same
order in Python). ``query`` narrows any list the way ``search.matching_family_ids`` does
(every word, folded).

Speed: a list is one indexed query for its families (none for ``all``), one for the overdue
counts and one for the rows; a row is a named tuple built from the raw values, and the
children's ages are formatted only when a row is shown. On 10,000 demo families (see
``tests/benchmarks``) every list stays under 50 ms.

This module only reads: it writes no access-log entry, since a list shows no record (opening a
family's record is logged by the caller, see ``family_record``).
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from sqlmodel import Session

from ..domain.planning import add_months
from . import raw_sql, search
from .caseload_index import name_key, unpack_findings

__all__ = [
    "WORKLISTS",
    "CaseloadRow",
    "age_text",
    "caseload_row",
    "caseload_rows",
    "name_key",
    "sort_key",
]

WORKLISTS = ("all", "today", "week", "overdue", "followup")


class CaseloadRow(NamedTuple):
    """One family in a work list.

    A named tuple rather than a dataclass: a list of 10,000 families builds 10,000 of them,
    and a tuple is built in C.
    """

    family_id: str
    #: guardians' names, e.g. "Amina Hassan, Ali Hassan" (the birthing parent first)
    display_name: str
    #: each child as "YYYY-MM-DD given name", youngest first, separated by U+001F
    children_by_birth: str
    address: str
    area: str
    #: the earliest open contact's planned date
    next_due_date: date | None
    #: its contact code (e.g. "HB3"), or "" for an ad hoc contact
    next_due_code: str
    #: open contacts whose window ended before ``as_of``
    overdue: int
    interpreter_needed: bool
    interpreter_language: str
    #: follow-up actions with status "open"
    open_follow_ups: int
    #: completed responses with flags (none urgent) that no follow-up action points at yet
    flagged_screenings: int
    #: the day the row was read for (ages and overdue counts are as of this day)
    as_of: date
    #: completed responses with an urgent flag (EPDS item 10) no closed follow-up points at
    urgent_findings: int = 0

    @property
    def children(self) -> str:
        """Children's given names with age, youngest first, e.g. "Sara (4 mån), Omar (3 år)"."""
        return _children_text(self.children_by_birth, self.as_of) if self.children_by_birth else ""


@dataclass(frozen=True)
class _Dates:
    today: str
    monday: str
    sunday: str

    @classmethod
    def of(cls, today: date) -> _Dates:
        monday = today - timedelta(days=today.weekday())
        return cls(
            today=today.isoformat(),
            monday=monday.isoformat(),
            sunday=(monday + timedelta(days=6)).isoformat(),
        )

    def params(self) -> dict[str, str]:
        return {"today": self.today, "monday": self.monday, "sunday": self.sunday}


# The families of each work list, from the index of open contacts (or the follow-up index).
# INDEXED BY: without statistics SQLite would rather walk the family index for DISTINCT and
# GROUP BY than search the date range, which holds few contacts (8 ms instead of 0.1 ms).
_MEMBERS = {
    "today": """
        SELECT DISTINCT family_id
        FROM caseload_open_contact INDEXED BY ix_caseload_open_contact_planned
        WHERE planned_date <= :today
          AND (planned_date = :today OR (window_start <= :today AND :today <= window_end))""",
    "week": """
        SELECT DISTINCT family_id FROM caseload_open_contact
        WHERE planned_date BETWEEN :monday AND :sunday""",
    "overdue": """
        SELECT DISTINCT family_id
        FROM caseload_open_contact INDEXED BY ix_caseload_open_contact_window_end
        WHERE window_end < :today""",
    "followup": """
        SELECT family_id FROM caseload_family INDEXED BY ix_caseload_family_followup
        WHERE open_follow_ups > 0 OR flagged_screenings > 0""",
}
_OVERDUE_COUNTS = """
SELECT family_id, count(*)
FROM caseload_open_contact INDEXED BY ix_caseload_open_contact_window_end
WHERE window_end < :today {wanted}
GROUP BY family_id
"""
_ROWS = """
SELECT family_id, display_name, children_by_birth, address, area, next_due_date,
       next_due_code, interpreter_needed, interpreter_language, open_follow_ups,
       flagged_screenings
FROM caseload_family {index}
WHERE 1 {wanted}
ORDER BY coalesce(next_due_date, '~'), name_key, family_id
"""


def caseload_rows(
    session: Session, *, worklist: str = "all", query: str = "", today: date
) -> list[CaseloadRow]:
    """The families of ``worklist`` (one of ``WORKLISTS``) matching ``query``, sorted."""
    if worklist not in WORKLISTS:
        raise ValueError(f"unknown work list {worklist!r}; expected one of {WORKLISTS}")
    dates = _Dates.of(today)
    family_ids: set[str] | None = None
    if query.strip():
        family_ids = set(search.matching_family_ids(session, query))
    if worklist != "all":
        members = {row[0] for row in raw_sql.fetch(session, _MEMBERS[worklist], dates.params())}
        family_ids = members if family_ids is None else family_ids & members
    if family_ids is not None and not family_ids:
        return []
    return _rows(session, today=today, family_ids=family_ids)


def caseload_row(session: Session, family_id: str, *, today: date) -> CaseloadRow | None:
    """One family's row (e.g. to refresh it after a write), or None if it does not exist."""
    rows = _rows(session, today=today, family_ids={family_id})
    return rows[0] if rows else None


def sort_key(row: CaseloadRow) -> tuple[bool, date, str, str]:
    """The list's order in Python: next due date first (nothing planned last), then the name,
    then the id."""
    return (
        row.next_due_date is None,
        row.next_due_date or date.max,
        name_key(row.display_name),
        row.family_id,
    )


@functools.lru_cache(maxsize=4096)
def age_text(birth_date: date, today: date) -> str:
    """A child's age as BVC writes it: days, then weeks, months up to two years, then years."""
    days = (today - birth_date).days
    if days < 7:
        return f"{max(days, 0)} d"
    months = (today.year - birth_date.year) * 12 + today.month - birth_date.month
    while months > 0 and add_months(birth_date, months) > today:
        months -= 1
    if months < 1:
        return f"{days // 7} v"
    if months < 24:
        return f"{months} mån"
    return f"{months // 12} år"


def _rows(
    session: Session, *, today: date, family_ids: Collection[str] | None
) -> list[CaseloadRow]:
    wanted, params = raw_sql.family_condition("family_id", family_ids)
    overdue = dict(
        raw_sql.fetch(
            session, _OVERDUE_COUNTS.format(wanted=wanted), {"today": today.isoformat(), **params}
        )
    )
    # the whole caseload is read in the order index's order; a few families by their key
    index = "INDEXED BY ix_caseload_family_order" if family_ids is None else ""
    found = raw_sql.fetch(session, _ROWS.format(index=index, wanted=wanted), params)
    return [
        CaseloadRow(
            family_id,
            names,
            kids,
            address,
            area,
            _date(next_date) if next_date else None,
            next_code,
            overdue.get(family_id, 0),
            bool(needed),
            language,
            follow_ups,
            *_findings(flagged, today),
        )
        for (
            family_id,
            names,
            kids,
            address,
            area,
            next_date,
            next_code,
            needed,
            language,
            follow_ups,
            flagged,
        ) in found
    ]


def _findings(stored: int, today: date) -> tuple[int, date, int]:
    """``flagged_screenings``, ``as_of`` and ``urgent_findings`` from the stored column."""
    flagged, urgent = unpack_findings(stored)
    return flagged, today, urgent


def _children_text(kids: str, today: date) -> str:
    """ "Sara (4 mån), Omar (3 år)" from "birth_date name" pairs, youngest first."""
    parts = (kid.partition(" ") for kid in kids.split("\x1f"))
    return ", ".join(f"{name} ({_age_of(born, today)})" for born, _, name in parts)


@functools.lru_cache(maxsize=4096)
def _date(iso: str) -> date:
    return date.fromisoformat(iso)


@functools.lru_cache(maxsize=4096)
def _age_of(iso_birth_date: str, today: date) -> str:
    return age_text(date.fromisoformat(iso_birth_date), today)
