"""The evaluation export: an aggregate table per programme, team and age point, and a
pseudonymous per-child table, computed from already loaded records. Pure Python.

Every column and measure is described in ``docs/evaluation_export.md`` (the data
dictionary), with the BHVQ variable it matches. In short, for each enrolled child (its latest
enrollment per programme) on the export day ``today``:

* a child *reaches* an age point when the point plus its grace period has passed and its
  enrollment covered the point (started no later than the point plus grace, not ended before
  the point); only children who reached a point are in that point's denominator;
* participation per contact code: planned = applicable contacts whose window has ended or
  that were done; made = done; on time = done inside the window;
* breastfeeding at 2, 4, 6, 12 months: the not voided feeding record nearest the age point
  within ±4 weeks (the later one on a tie), else ``not_recorded``;
* vaccination at 12 months: doses 1 and 2 of DTaP-IPV-Hib-HepB and of PCV given by the day
  the child is 12 months; at 18 months: MMR dose 1 given by 18 months + 4 weeks;
* EPDS at 6-8 weeks: a completed, not voided EPDS for the child on days 42-62 of life;
  positive when it carries a flag;
* language screening at 2.5-3 years (children past 3 years + 4 weeks): a screening record;
  concern when its result is ``concern``;
* interpreter: children whose family needs one; done contacts of those children with an
  interpreter used, by form;
* inclusion reasons: enrolled children per reason.

Counts below :data:`SUPPRESS_BELOW` (0-4) are written as ``"<5"``, the denominators too.
"""

from __future__ import annotations

import csv
import datetime as dt
import secrets
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from .planning import PlannedContact, RecordedContact, RecordedStatus, add_months

#: adds one aggregate row: (age point, measure, category, count, denominator)
_Row = Callable[[str, str, str, int, int], None]

SUPPRESS_BELOW = 5
GRACE = dt.timedelta(weeks=4)
FEEDING_POINTS = (2, 4, 6, 12)
FEEDING_CATEGORIES = ("exclusive", "partial", "none", "not_recorded")
EPDS_DAYS = (42, 62)
INTERPRETER_FORMS = ("on_site", "phone", "video")

#: measure -> the BHVQ variable it matches ("" where BHVQ has none)
BHVQ: dict[str, str] = {
    "contacts_made": "Hembesök / besök på BVC (genomförda besök)",
    "contacts_on_time": "",
    "breastfeeding": "Amning (helamning, delamning, ej amning) vid 2, 4, 6 och 12 månader",
    "vaccination": "Vaccinationer enligt programmet (12 månader; MMR 18 månader)",
    "epds": "EPDS genomförd (6-8 veckor) och resultat",
    "language_screening": "Språkscreening 2,5 eller 3 år",
    "interpreter": "",
    "inclusion_reason": "",
}


@dataclass(frozen=True, slots=True)
class DoneContact:
    interpreter_used: bool
    interpreter_form: str = ""


@dataclass(frozen=True, slots=True)
class ChildEvaluation:
    """One enrolled child's records, as the store loaded them (voided records left out)."""

    child_id: str
    programme_id: str
    team_id: str
    birth_date: dt.date
    sex: str
    enrollment_start: dt.date
    enrollment_end: dt.date | None
    inclusion_reason: str
    interpreter_needed: bool
    gestational_age_days: int | None = None
    bcg_indicated: bool = False
    plan: Sequence[PlannedContact] = ()
    recorded: Sequence[RecordedContact] = ()
    done_contacts: Sequence[DoneContact] = ()
    #: (recorded on, status, other food first given on)
    feeding: Sequence[tuple[dt.date, str, dt.date | None]] = ()
    #: (vaccine, dose number, given on)
    doses: Sequence[tuple[str, int, dt.date]] = ()
    #: (completed on, positive) of EPDS responses
    epds: Sequence[tuple[dt.date, bool]] = ()
    #: results of language screenings
    language_screenings: Sequence[str] = ()
    tobacco: dict[str, str] = field(default_factory=dict)
    sensory: dict[str, str] = field(default_factory=dict)
    referrals: int = 0


@dataclass(frozen=True, slots=True)
class AggregateRow:
    programme_id: str
    team_id: str
    age_point: str
    measure: str
    category: str
    count: int
    denominator: int

    def cells(self) -> list[str]:
        return [
            self.programme_id,
            self.team_id,
            self.age_point,
            self.measure,
            self.category,
            suppressed(self.count),
            suppressed(self.denominator),
            BHVQ.get(self.measure, ""),
        ]


AGGREGATE_COLUMNS = (
    "programme_id",
    "team_id",
    "age_point",
    "measure",
    "category",
    "count",
    "denominator",
    "bhvq_variable",
)


def suppressed(count: int) -> str:
    return "<5" if count < SUPPRESS_BELOW else str(count)


# ------------------------------------------------------------------ per child


def _reached(child: ChildEvaluation, point: dt.date, grace: dt.timedelta, today: dt.date) -> bool:
    if point + grace > today or child.enrollment_start > point + grace:
        return False
    return child.enrollment_end is None or child.enrollment_end >= point


def feeding_at(child: ChildEvaluation, months: int) -> str:
    point = add_months(child.birth_date, months)
    near = [
        (abs((day - point).days), -day.toordinal(), status)
        for day, status, _ in child.feeding
        if abs(day - point) <= GRACE
    ]
    return min(near)[2] if near else "not_recorded"


def _given_by(child: ChildEvaluation, vaccine: str, doses: Iterable[int], by: dt.date) -> bool:
    given = {(v, n) for v, n, day in child.doses if day <= by}
    return all((vaccine, n) in given for n in doses)


def vaccinated_12m(child: ChildEvaluation) -> bool:
    by = add_months(child.birth_date, 12)
    return _given_by(child, "dtap_ipv_hib_hepb", (1, 2), by) and _given_by(child, "pcv", (1, 2), by)


def mmr_18m(child: ChildEvaluation) -> bool:
    return _given_by(child, "mmr", (1,), add_months(child.birth_date, 18) + GRACE)


def epds_result(child: ChildEvaluation) -> tuple[bool, bool]:
    """(done at 6-8 weeks, positive)."""
    first, last = (child.birth_date + dt.timedelta(days=d) for d in EPDS_DAYS)
    inside = [positive for day, positive in child.epds if first <= day <= last]
    return bool(inside), any(inside)


def _contact_figures(child: ChildEvaluation, today: dt.date) -> dict[str, tuple[bool, bool]]:
    """Per planned code: (made, on time), for contacts that count as planned."""
    done = {
        r.code: r.date
        for r in child.recorded
        if r.status is RecordedStatus.DONE and r.programme_id == child.programme_id
    }
    out: dict[str, tuple[bool, bool]] = {}
    for plan in child.plan:
        day = done.get(plan.code)
        if not plan.applicable or (day is None and plan.window_end >= today):
            continue
        out[plan.code] = (day is not None, day is not None and plan.window_contains(day))
    return out


# ------------------------------------------------------------------ aggregate


def aggregate(children: Sequence[ChildEvaluation], *, today: dt.date) -> list[AggregateRow]:
    groups: dict[tuple[str, str], list[ChildEvaluation]] = defaultdict(list)
    for child in children:
        groups[(child.programme_id, child.team_id)].append(child)
    rows: list[AggregateRow] = []
    for (programme, team), members in sorted(groups.items()):
        rows += _group_rows(programme, team, members, today)
    return rows


def _group_rows(
    programme: str, team: str, members: Sequence[ChildEvaluation], today: dt.date
) -> list[AggregateRow]:
    rows: list[AggregateRow] = []

    def row(point: str, measure: str, category: str, count: int, denominator: int) -> None:
        rows.append(AggregateRow(programme, team, point, measure, category, count, denominator))

    _participation(members, today, row)
    _breastfeeding(members, today, row)
    _vaccination(members, today, row)
    _epds(members, today, row)
    _language(members, today, row)
    _interpreter(members, row)
    reasons = Counter(c.inclusion_reason for c in members)
    for reason in sorted(reasons):
        row("all", "inclusion_reason", reason, reasons[reason], len(members))
    return rows


def _participation(members: Sequence[ChildEvaluation], today: dt.date, row: _Row) -> None:
    figures = [_contact_figures(c, today) for c in members]
    codes = sorted({code for f in figures for code in f})
    for code in codes:
        counted = [f[code] for f in figures if code in f]
        row(code, "contacts_made", "", sum(made for made, _ in counted), len(counted))
        row(code, "contacts_on_time", "", sum(on for _, on in counted), len(counted))


def _breastfeeding(members: Sequence[ChildEvaluation], today: dt.date, row: _Row) -> None:
    for months in FEEDING_POINTS:
        eligible = [
            c for c in members if _reached(c, add_months(c.birth_date, months), GRACE, today)
        ]
        found = Counter(feeding_at(c, months) for c in eligible)
        for category in FEEDING_CATEGORIES:
            row(f"{months}m", "breastfeeding", category, found[category], len(eligible))


def _vaccination(members: Sequence[ChildEvaluation], today: dt.date, row: _Row) -> None:
    twelve = [
        c for c in members if _reached(c, add_months(c.birth_date, 12), dt.timedelta(), today)
    ]
    row("12m", "vaccination", "dtap_pcv_doses_1_2", sum(map(vaccinated_12m, twelve)), len(twelve))
    eighteen = [c for c in members if _reached(c, add_months(c.birth_date, 18), GRACE, today)]
    row("18m", "vaccination", "mmr_dose_1", sum(map(mmr_18m, eighteen)), len(eighteen))


def _epds(members: Sequence[ChildEvaluation], today: dt.date, row: _Row) -> None:
    last = dt.timedelta(days=EPDS_DAYS[1])
    eligible = [c for c in members if _reached(c, c.birth_date + last, dt.timedelta(1), today)]
    results = [epds_result(c) for c in eligible]
    done = sum(d for d, _ in results)
    row("6-8w", "epds", "done", done, len(eligible))
    row("6-8w", "epds", "positive", sum(p for _, p in results), done)


def _language(members: Sequence[ChildEvaluation], today: dt.date, row: _Row) -> None:
    eligible = [c for c in members if _reached(c, add_months(c.birth_date, 36), GRACE, today)]
    done = [c for c in eligible if c.language_screenings]
    concern = sum("concern" in c.language_screenings for c in done)
    row("30-36m", "language_screening", "done", len(done), len(eligible))
    row("30-36m", "language_screening", "concern", concern, len(done))


def _interpreter(members: Sequence[ChildEvaluation], row: _Row) -> None:
    needing = [c for c in members if c.interpreter_needed]
    row("all", "interpreter", "needed", len(needing), len(members))
    contacts = [d for c in needing for d in c.done_contacts]
    used = [d for d in contacts if d.interpreter_used]
    row("all", "interpreter", "used_at_contacts", len(used), len(contacts))
    forms = Counter(d.interpreter_form for d in used)
    for form in INTERPRETER_FORMS:
        row("all", "interpreter", f"form_{form}", forms[form], len(used))


def write_aggregate_csv(rows: Iterable[AggregateRow], out: TextIO) -> int:
    writer = csv.writer(out)
    writer.writerow(AGGREGATE_COLUMNS)
    count = 0
    for item in rows:
        writer.writerow(item.cells())
        count += 1
    return count


# ------------------------------------------------------------------ pseudonymous file

PER_CHILD_COLUMNS = (
    "child_key",
    "programme_id",
    "team_key",
    "birth_year",
    "sex",
    "gestational_age_weeks",
    "inclusion_reason",
    "interpreter_needed",
    "contacts_planned",
    "contacts_made",
    "contacts_on_time",
    "feeding_2m",
    "feeding_4m",
    "feeding_6m",
    "feeding_12m",
    "other_food_first_age_weeks",
    "vaccinated_12m",
    "mmr_18m",
    "bcg_indicated",
    "bcg_given",
    "epds_done_6_8w",
    "epds_positive",
    "language_screening",
    "tobacco_4w",
    "tobacco_8m",
    "tobacco_18m",
    "tobacco_4y",
    "hearing_4y",
    "vision_4y",
    "referrals",
    "interpreter_used_contacts",
)


def _flag(value: bool | None) -> str:
    return "" if value is None else ("1" if value else "0")


def per_child_rows(children: Sequence[ChildEvaluation], *, today: dt.date) -> list[list[str]]:
    """One row per child, keyed by a random key drawn now (and teams by random keys), in an
    order that follows the keys, so nothing in the file leads back to a store id."""
    keys = _keys(len(children))
    teams = sorted({c.team_id for c in children})
    team_keys = dict(zip(teams, _keys(len(teams)), strict=True))
    rows = [
        _child_row(c, key, team_keys[c.team_id], today)
        for c, key in zip(children, keys, strict=True)
    ]
    return sorted(rows)


def _keys(count: int) -> list[str]:
    keys: set[str] = set()
    while len(keys) < count:
        keys.add(secrets.token_hex(8))
    return list(keys)


def _child_row(child: ChildEvaluation, key: str, team: str, today: dt.date) -> list[str]:
    figures = _contact_figures(child, today)
    firsts = [first for _, _, first in child.feeding if first is not None]
    epds_done, epds_positive = epds_result(child)
    due_12 = _reached(child, add_months(child.birth_date, 12), dt.timedelta(), today)
    due_18 = _reached(child, add_months(child.birth_date, 18), GRACE, today)
    if child.language_screenings:
        language = "concern" if "concern" in child.language_screenings else "no_concern"
    else:
        language = "not_done"
    values = [
        key,
        child.programme_id,
        team,
        str(child.birth_date.year),
        child.sex,
        str(child.gestational_age_days // 7) if child.gestational_age_days else "",
        child.inclusion_reason,
        _flag(child.interpreter_needed),
        str(len(figures)),
        str(sum(m for m, _ in figures.values())),
        str(sum(o for _, o in figures.values())),
        *(_feeding_cell(child, months, today) for months in FEEDING_POINTS),
        str((min(firsts) - child.birth_date).days // 7) if firsts else "",
        _flag(vaccinated_12m(child) if due_12 else None),
        _flag(mmr_18m(child) if due_18 else None),
        _flag(child.bcg_indicated),
        _flag(any(v == "bcg" for v, _, _ in child.doses)),
        _flag(epds_done),
        _flag(epds_positive if epds_done else None),
        language,
        *(child.tobacco.get(point, "") for point in ("4w", "8m", "18m", "4y")),
        child.sensory.get("hearing", ""),
        child.sensory.get("vision", ""),
        str(child.referrals),
        str(sum(d.interpreter_used for d in child.done_contacts)),
    ]
    return values


def _feeding_cell(child: ChildEvaluation, months: int, today: dt.date) -> str:
    if not _reached(child, add_months(child.birth_date, months), GRACE, today):
        return ""
    return feeding_at(child, months)


def write_per_child_csv(rows: Iterable[list[str]], out: TextIO) -> int:
    writer = csv.writer(out)
    writer.writerow(PER_CHILD_COLUMNS)
    count = 0
    for values in rows:
        writer.writerow(values)
        count += 1
    return count
