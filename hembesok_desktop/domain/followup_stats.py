"""Programme follow-up figures per child, family and caseload, and their CSV export.

Figures, counted on ``today`` from a child's extended-programme plan and screening plan:

- ``contacts_in_programme``: applicable contacts in the whole plan;
- ``contacts_planned``: applicable contacts whose window has opened by today, or that are done
  (participation is ``contacts_done`` of these);
- ``contacts_done``: applicable contacts recorded done, split into ``contacts_on_time`` (done
  inside the window), ``contacts_late`` (after it) and ``contacts_early`` (before it);
- ``screenings_due``: (schedule contact, form) pairs of applicable screening-schedule contacts
  whose window has opened by today; ``screenings_done``: those matched by a response, either
  naming the schedule code or, without one, of that form and completed inside the window;
- ``screenings_positive``: positive responses completed by today;
  ``positive_with_follow_up``: those with at least one follow-up action recorded.

The export is for the region's evaluation: rows carry opaque ids only (the store's UUIDs).
The input records have no field for a name or personal number, and :func:`write_figures_csv`
refuses any id that is not a plain token or that looks like a personnummer.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import TextIO

from .planning import PlannedContact, RecordedContact, RecordedStatus, recorded_by_key
from .timeline import FollowUpRecord, ScreeningRecord


class FigureLevel(StrEnum):
    CHILD = "child"
    FAMILY = "family"
    CASELOAD = "caseload"


@dataclass(frozen=True, slots=True)
class ChildProgrammeRecords:
    """What the figures for one child are computed from; ids are opaque (UUIDs)."""

    child_id: str
    family_id: str
    #: the child's extended-programme plan
    contacts: Sequence[PlannedContact]
    recorded: Sequence[RecordedContact]
    #: the child's plan from the screening schedule
    screening_plan: Sequence[PlannedContact] = ()
    screenings: Sequence[ScreeningRecord] = ()
    follow_ups: Sequence[FollowUpRecord] = ()


@dataclass(frozen=True, slots=True)
class FollowUpFigures:
    contacts_in_programme: int = 0
    contacts_planned: int = 0
    contacts_done: int = 0
    contacts_on_time: int = 0
    contacts_late: int = 0
    contacts_early: int = 0
    screenings_due: int = 0
    screenings_done: int = 0
    screenings_positive: int = 0
    positive_with_follow_up: int = 0

    def __add__(self, other: FollowUpFigures) -> FollowUpFigures:
        return FollowUpFigures(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    @property
    def participation(self) -> float | None:
        """Contacts done of contacts planned so far, or None when nothing was planned yet."""
        return self.contacts_done / self.contacts_planned if self.contacts_planned else None


FIGURE_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(FollowUpFigures))
CSV_COLUMNS: tuple[str, ...] = ("level", "caseload_id", "family_id", "child_id", *FIGURE_COLUMNS)


@dataclass(frozen=True, slots=True)
class FiguresRow:
    level: FigureLevel
    caseload_id: str
    family_id: str | None
    child_id: str | None
    figures: FollowUpFigures


# ------------------------------------------------------------------ counting


@dataclass(frozen=True, slots=True)
class _ContactCounts:
    in_programme: int
    planned: int
    done: int
    on_time: int
    late: int
    early: int


def _contact_counts(
    plan: Sequence[PlannedContact], recorded: Sequence[RecordedContact], today: dt.date
) -> _ContactCounts:
    index = recorded_by_key(recorded)
    applicable = [p for p in plan if p.applicable]
    done_dates: list[tuple[PlannedContact, dt.date]] = []
    for p in applicable:
        rec = index.get((p.programme_id, p.code))
        if rec is not None and rec.status is RecordedStatus.DONE:
            done_dates.append((p, rec.date))
    done_codes = {p.code for p, _ in done_dates}
    return _ContactCounts(
        in_programme=len(applicable),
        planned=sum(1 for p in applicable if p.window_start <= today or p.code in done_codes),
        done=len(done_dates),
        on_time=sum(1 for p, day in done_dates if p.window_contains(day)),
        late=sum(1 for p, day in done_dates if day > p.window_end),
        early=sum(1 for p, day in done_dates if day < p.window_start),
    )


def _matches(record: ScreeningRecord, entry: PlannedContact, form: str) -> bool:
    if record.form_id != form:
        return False
    if record.schedule_code is not None:
        return record.schedule_code == entry.code
    return entry.window_contains(record.completed_on)


def _screening_counts(
    plan: Sequence[PlannedContact], screenings: Sequence[ScreeningRecord], today: dt.date
) -> tuple[int, int]:
    due = [(p, form) for p in plan if p.applicable and p.window_start <= today for form in p.forms]
    unused = [s for s in screenings if s.completed_on <= today]
    done = 0
    for entry, form in due:
        match = next((s for s in unused if _matches(s, entry, form)), None)
        if match is not None:
            unused.remove(match)
            done += 1
    return len(due), done


def child_figures(records: ChildProgrammeRecords, *, today: dt.date) -> FollowUpFigures:
    """The follow-up figures of one child on ``today``."""
    contacts = _contact_counts(records.contacts, records.recorded, today)
    due, done = _screening_counts(records.screening_plan, records.screenings, today)
    followed_up = {f.screening_id for f in records.follow_ups if f.screening_id is not None}
    positive = [s for s in records.screenings if s.positive and s.completed_on <= today]
    return FollowUpFigures(
        contacts_in_programme=contacts.in_programme,
        contacts_planned=contacts.planned,
        contacts_done=contacts.done,
        contacts_on_time=contacts.on_time,
        contacts_late=contacts.late,
        contacts_early=contacts.early,
        screenings_due=due,
        screenings_done=done,
        screenings_positive=len(positive),
        positive_with_follow_up=sum(1 for s in positive if s.id in followed_up),
    )


def _total(figures: Iterable[FollowUpFigures]) -> FollowUpFigures:
    total = FollowUpFigures()
    for item in figures:
        total = total + item
    return total


def family_figures(
    children: Iterable[ChildProgrammeRecords], *, today: dt.date
) -> dict[str, FollowUpFigures]:
    """Figures per family id: the sum over the family's children."""
    result: dict[str, FollowUpFigures] = {}
    for child in children:
        result[child.family_id] = result.get(child.family_id, FollowUpFigures()) + child_figures(
            child, today=today
        )
    return result


def caseload_figures(
    children: Iterable[ChildProgrammeRecords], *, today: dt.date
) -> FollowUpFigures:
    """Figures for a whole caseload: the sum over all children."""
    return _total(child_figures(child, today=today) for child in children)


def figure_rows(
    children: Iterable[ChildProgrammeRecords], *, today: dt.date, caseload_id: str
) -> list[FiguresRow]:
    """One row per child, then one per family, then one for the caseload."""
    children = list(children)
    per_child = [(c, child_figures(c, today=today)) for c in children]
    rows = [
        FiguresRow(FigureLevel.CHILD, caseload_id, c.family_id, c.child_id, figures)
        for c, figures in per_child
    ]
    per_family: dict[str, FollowUpFigures] = {}
    for c, figures in per_child:
        per_family[c.family_id] = per_family.get(c.family_id, FollowUpFigures()) + figures
    rows += [
        FiguresRow(FigureLevel.FAMILY, caseload_id, family_id, None, figures)
        for family_id, figures in per_family.items()
    ]
    rows.append(
        FiguresRow(FigureLevel.CASELOAD, caseload_id, None, None, _total(f for _, f in per_child))
    )
    return rows


# ------------------------------------------------------------------ export

_OPAQUE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")
#: 10 or 12 digits with an optional - or + before the last four: a personnummer-like value
_PERSONAL_NUMBER_LIKE = re.compile(r"^(\d{2})?\d{6}[-+]?\d{4}$")


def check_opaque_id(value: str) -> str:
    """``value`` if it is a plain opaque token; ValueError for anything name- or pnr-like."""
    if not _OPAQUE_ID.match(value):
        raise ValueError("an exported id must be an opaque token (letters, digits, . _ : -)")
    if _PERSONAL_NUMBER_LIKE.match(value.replace(" ", "")):
        raise ValueError("an exported id must not look like a personal identity number")
    return value


def _csv_row(row: FiguresRow) -> list[str]:
    required = {
        FigureLevel.CHILD: (row.caseload_id, row.family_id, row.child_id),
        FigureLevel.FAMILY: (row.caseload_id, row.family_id),
        FigureLevel.CASELOAD: (row.caseload_id,),
    }[row.level]
    for value in required:
        check_opaque_id(value or "")
    ids = [row.caseload_id, row.family_id or "", row.child_id or ""]
    counts = [str(getattr(row.figures, name)) for name in FIGURE_COLUMNS]
    return [row.level.value, *ids, *counts]


def write_figures_csv(rows: Iterable[FiguresRow], out: TextIO) -> None:
    """Write ``rows`` as CSV (header first) with opaque ids only; nothing is written on error."""
    lines = [_csv_row(row) for row in rows]
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(lines)
