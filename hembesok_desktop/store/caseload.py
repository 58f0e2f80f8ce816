"""The caseload and its work lists: one row per family, computed with a few set-based queries.

Which contacts count. Only contacts with status ``planned`` are open; done, missed and
cancelled ones are closed, and a ``rescheduled`` row is the superseded booking (the new one is
a planned row of its own). A contact of a programme counts only while it is *applicable* to the
child's enrollment in that programme (``domain.planning``): its window does not end before the
enrollment started, and it is not planned after an ended enrollment's end. A family enrolled
late therefore never has its early contacts overdue, even if rows for them exist. A contact
without a window (a booked ad hoc visit) has its planned date as its window.

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
  flags that no follow-up action points at.

Rows sort by next due date (families with nothing planned last), then by name in Swedish
alphabetical order (å, ä, ö after z). ``query``
narrows any list the way ``search.matching_family_ids`` does (every word, folded).

Speed: a list runs one query for its candidate families (through the work-list indexes of
migrations 0002 and 0003), then one statement of per-table aggregates restricted to them and
joined to the families; nothing loops over families. On 10,000 demo families (see
``tests/benchmarks``) today/week/overdue, ``caseload_row`` and narrow searches take
milliseconds; the whole list ("all") takes about 0.2 s, because every row is built. A view
should therefore load a list once (off the GUI thread), refresh single rows with
``caseload_row`` after a write, and serve search-as-you-type by filtering the loaded rows with
``search.matching_family_ids`` (a few milliseconds) rather than by reloading.

This module only reads: it writes no access-log entry, since a list shows no record (opening a
family's record is logged by the caller, see ``family_record``).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from ..domain.planning import add_months
from . import search

WORKLISTS = ("all", "today", "week", "overdue", "followup")


@dataclass(frozen=True, slots=True)
class CaseloadRow:
    family_id: str
    #: guardians' names, e.g. "Amina Hassan, Ali Hassan" (the birthing parent first)
    display_name: str
    #: children's given names with age, youngest first, e.g. "Sara (4 mån)"
    children: str
    address: str
    area: str
    #: the earliest open contact's planned date
    next_due_date: date | None
    #: its contact code (e.g. "HB3"), or "" for an ad hoc contact
    next_due_code: str
    #: open contacts whose window ended before today
    overdue: int
    interpreter_needed: bool
    interpreter_language: str
    #: follow-up actions with status "open"
    open_follow_ups: int
    #: completed responses with flags that no follow-up action points at yet
    flagged_screenings: int


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


# An open contact: status planned and, for a programme contact of an enrolled child, covered by
# one of the child's enrollments in that programme (applicable).
_COVERS = """
(c.window_end IS NULL OR c.window_end >= e.start_date)
AND (e.end_date IS NULL OR c.planned_date IS NULL OR c.planned_date <= e.end_date)
"""
_OPEN = f"""
c.status = 'planned'
AND (
    c.programme_id = '' OR c.child_id IS NULL
    OR NOT EXISTS (
        SELECT 1 FROM enrollment e
        WHERE e.child_id = c.child_id AND e.programme_id = c.programme_id
    )
    OR EXISTS (
        SELECT 1 FROM enrollment e
        WHERE e.child_id = c.child_id AND e.programme_id = c.programme_id AND {_COVERS}
    )
)
"""
_WINDOW_START = "coalesce(c.window_start, c.planned_date)"
_WINDOW_END = "coalesce(c.window_end, c.planned_date)"
_IS_TODAY = (
    f"(c.planned_date = :today OR ({_WINDOW_START} <= :today AND :today <= {_WINDOW_END} "
    "AND c.planned_date <= :today))"
)
_IS_WEEK = "(c.planned_date BETWEEN :monday AND :sunday)"
_IS_OVERDUE = f"({_WINDOW_END} < :today)"

# Candidate families of each work list, through an index; the exact test follows on the
# aggregates (which also apply applicability).
_CANDIDATES = {
    "today": f"""
        SELECT DISTINCT c.family_id FROM contact c
        WHERE c.status = 'planned' AND c.planned_date <= :today AND {_IS_TODAY}""",
    "week": f"""
        SELECT DISTINCT c.family_id FROM contact c
        WHERE c.status = 'planned' AND {_IS_WEEK}""",
    "overdue": """
        SELECT DISTINCT c.family_id FROM contact c
        WHERE c.status = 'planned' AND c.window_end < :today
        UNION
        SELECT c.family_id FROM contact c
        WHERE c.status = 'planned' AND c.window_end IS NULL AND c.planned_date < :today""",
    "followup": """
        SELECT f.family_id FROM follow_up_action f INDEXED BY ix_follow_up_open
        WHERE f.status = 'open'
        UNION
        SELECT r.family_id FROM questionnaire_response r
        WHERE r.status = 'completed' AND r.flags != '[]' AND r.voided_reason = ''
          AND NOT EXISTS (SELECT 1 FROM follow_up_action f WHERE f.response_id = r.id)""",
}

# One statement builds every row: an aggregate per table (each restricted to the wanted
# families by {fam}, filled in per alias), joined to the families. The covering indexes of
# migration 0003 hold every column read (INDEXED BY: without statistics SQLite might read the
# rows, several times larger, instead). min(date || ' ' || code) gives the earliest contact and
# its code in one deterministic value.
_ROWS = f"""
WITH
names AS (
    SELECT g.family_id, group_concat(
        trim(g.given_name || ' ' || g.family_name), ', '
        ORDER BY g.birthing_parent DESC, g.given_name, g.family_name) AS names
    FROM guardian g INDEXED BY ix_guardian_caseload
    WHERE 1 {{fam_g}}
    GROUP BY g.family_id),
kids AS (
    SELECT ch.family_id, group_concat(
        ch.birth_date || ' ' || ch.given_name, char(31)
        ORDER BY ch.birth_date DESC, ch.given_name) AS kids
    FROM child ch INDEXED BY ix_child_caseload
    WHERE 1 {{fam_ch}}
    GROUP BY ch.family_id),
open_contacts AS (
    SELECT c.family_id,
           min(c.planned_date || ' ' || c.contact_code) AS first,
           sum(CASE WHEN {_IS_OVERDUE} THEN 1 ELSE 0 END) AS overdue,
           sum(CASE WHEN {_IS_TODAY} THEN 1 ELSE 0 END) AS today,
           sum(CASE WHEN {_IS_WEEK} THEN 1 ELSE 0 END) AS week
    FROM contact c INDEXED BY ix_contact_open
    WHERE {_OPEN} {{fam_c}}
    GROUP BY c.family_id),
follow_ups AS (
    SELECT fu.family_id, count(*) AS open
    FROM follow_up_action fu INDEXED BY ix_follow_up_open
    WHERE fu.status = 'open' {{fam_fu}}
    GROUP BY fu.family_id),
flagged AS (
    SELECT r.family_id, count(*) AS flagged
    FROM questionnaire_response r INDEXED BY ix_response_flagged
    WHERE r.status = 'completed' AND r.flags != '[]' AND r.voided_reason = ''
      AND NOT EXISTS (SELECT 1 FROM follow_up_action x WHERE x.response_id = r.id) {{fam_r}}
    GROUP BY r.family_id)
SELECT f.id, f.address, f.area, f.interpreter_needed, f.interpreter_language,
       names.names, kids.kids, oc.first, oc.overdue, oc.today, oc.week,
       follow_ups.open, flagged.flagged
FROM family f INDEXED BY ix_family_caseload
LEFT JOIN names ON names.family_id = f.id
LEFT JOIN kids ON kids.family_id = f.id
LEFT JOIN open_contacts oc ON oc.family_id = f.id
LEFT JOIN follow_ups ON follow_ups.family_id = f.id
LEFT JOIN flagged ON flagged.family_id = f.id
WHERE 1 {{fam_f}}
"""


@dataclass(frozen=True, slots=True)
class _Counts:
    """What decides a family's work lists, beside its row."""

    overdue: int = 0
    today: int = 0
    week: int = 0
    open_follow_ups: int = 0
    flagged: int = 0


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
        candidates = {
            row[0]
            for row in session.connection().execute(text(_CANDIDATES[worklist]), dates.params())
        }
        family_ids = candidates if family_ids is None else family_ids & candidates
    if family_ids is not None and not family_ids:
        return []
    rows = _rows(session, dates=dates, family_ids=family_ids)
    keep = _WORKLIST_TEST[worklist]
    return sorted((row for row, counts in rows if keep(counts)), key=sort_key)


def caseload_row(session: Session, family_id: str, *, today: date) -> CaseloadRow | None:
    """One family's row (e.g. to refresh it after a write), or None if it does not exist."""
    rows = _rows(session, dates=_Dates.of(today), family_ids={family_id})
    return rows[0][0] if rows else None


def sort_key(row: CaseloadRow) -> tuple[bool, date, str, str]:
    """Next due date first (nothing planned last), then the name, then the id."""
    return (
        row.next_due_date is None,
        row.next_due_date or date.max,
        name_key(row.display_name),
        row.family_id,
    )


#: Swedish alphabetical order: å, ä, ö after z (in that order), accented e and u as their base.
_SWEDISH = str.maketrans(
    {"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}", "é": "e", "è": "e", "ü": "y"}
)


def name_key(name: str) -> str:
    """A sort key for names in Swedish alphabetical order, ignoring case."""
    return name.casefold().translate(_SWEDISH)


_WORKLIST_TEST = {
    "all": lambda counts: True,
    "today": lambda counts: counts.today > 0,
    "week": lambda counts: counts.week > 0,
    "overdue": lambda counts: counts.overdue > 0,
    "followup": lambda counts: counts.open_follow_ups > 0 or counts.flagged > 0,
}


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


def _family_filter(family_ids: set[str] | None) -> tuple[dict[str, str], dict[str, Any]]:
    """The ``{fam_*}`` conditions of ``_ROWS`` for a set of family ids (all when None)."""
    aliases = {"fam_g": "g", "fam_ch": "ch", "fam_c": "c", "fam_fu": "fu", "fam_r": "r"}
    if family_ids is None:
        return {key: "" for key in [*aliases, "fam_f"]}, {}
    if len(family_ids) == 1:
        wanted, params = "= :family_id", {"family_id": next(iter(family_ids))}
    else:
        wanted = "IN (SELECT value FROM json_each(:family_ids))"
        params = {"family_ids": json.dumps(sorted(family_ids))}
    conditions = {key: f"AND {alias}.family_id {wanted}" for key, alias in aliases.items()}
    conditions["fam_f"] = f"AND f.id {wanted}"
    return conditions, params


def _rows(
    session: Session, *, dates: _Dates, family_ids: set[str] | None
) -> list[tuple[CaseloadRow, _Counts]]:
    conditions, params = _family_filter(family_ids)
    found = session.connection().execute(
        text(_ROWS.format(**conditions)), {**dates.params(), **params}
    )
    today = date.fromisoformat(dates.today)
    result = []
    for (
        family_id,
        address,
        area,
        needed,
        language,
        names,
        kids,
        first,
        overdue,
        due_today,
        week,
        open_follow_ups,
        flagged,
    ) in found:
        next_date, _, next_code = (first or "").partition(" ")
        counts = _Counts(
            overdue=overdue or 0,
            today=due_today or 0,
            week=week or 0,
            open_follow_ups=open_follow_ups or 0,
            flagged=flagged or 0,
        )
        row = CaseloadRow(
            family_id=family_id,
            display_name=names or "",
            children=_children_text(kids, today) if kids else "",
            address=address,
            area=area,
            next_due_date=_date(next_date) if next_date else None,
            next_due_code=next_code,
            overdue=counts.overdue,
            interpreter_needed=bool(needed),
            interpreter_language=language,
            open_follow_ups=counts.open_follow_ups,
            flagged_screenings=counts.flagged,
        )
        result.append((row, counts))
    return result


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
