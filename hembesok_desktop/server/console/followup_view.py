"""What the follow-up page shows of ``server.followup.FollowUpFigures``: counts as text
(suppressed or exact), participation per contact, the evaluation's outcome figures, and the
SVG charts (``server.charts``).

Who sees exact counts: the administrator and a unit manager (her own teams) see every count as
it is; the follow-up role sees aggregates only, so every count below 5 is ``<5``
(``domain.evaluation.suppressed``), and a share is shown only when both its counts are shown.
The region-wide CSV is the laptop's export and is suppressed for everyone. No page shows a
name, a personal number or a record id.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from hembesok_desktop.domain.evaluation import SUPPRESS_BELOW, AggregateRow, suppressed
from hembesok_desktop.domain.followup_overview import TeamOverview

from ..charts import Bar, bar_chart

#: the evaluation's outcome measures the page lists (participation has its own table)
OUTCOME_MEASURES = ("breastfeeding", "vaccination", "epds", "language_screening", "interpreter")


@dataclass(frozen=True, slots=True)
class Counts:
    """How counts are written for one viewer."""

    exact: bool

    def hidden(self, count: int) -> bool:
        """True when ``count`` is written ``<5`` for this viewer."""
        return not self.exact and count < SUPPRESS_BELOW

    def n(self, count: int) -> str:
        return str(count) if self.exact else suppressed(count)

    def share(self, count: int, of: int) -> str:
        """``"80 %"``, or ``""`` when nothing was due or a count is suppressed."""
        if of == 0 or (not self.exact and min(count, of) < SUPPRESS_BELOW):
            return ""
        return f"{round(100 * count / of)} %"

    def fraction(self, count: int, of: int) -> float | None:
        if of == 0 or (not self.exact and min(count, of) < SUPPRESS_BELOW):
            return None
        return count / of


@dataclass(frozen=True, slots=True)
class ContactRow:
    code: str
    planned: str
    made: str
    on_time: str
    made_share: str
    on_time_share: str


@dataclass(frozen=True, slots=True)
class OutcomeRow:
    age_point: str
    measure: str
    category: str
    count: str
    denominator: str
    share: str


def participation(rows: Sequence[AggregateRow], team: str, counts: Counts) -> list[ContactRow]:
    """Per contact code of the extended programme: planned, made, on time."""
    made = {r.age_point: r for r in rows if r.team_id == team and r.measure == "contacts_made"}
    timely = {r.age_point: r for r in rows if r.team_id == team and r.measure == "contacts_on_time"}
    return [
        ContactRow(
            code=code,
            planned=counts.n(made[code].denominator),
            made=counts.n(made[code].count),
            on_time=counts.n(timely[code].count),
            made_share=counts.share(made[code].count, made[code].denominator),
            on_time_share=counts.share(timely[code].count, timely[code].denominator),
        )
        for code in sorted(made, key=_code_order)
    ]


def _code_order(code: str) -> tuple[int, str]:
    return (0 if code.startswith("HB") else 1, code)


def outcomes(rows: Sequence[AggregateRow], team: str, counts: Counts) -> list[OutcomeRow]:
    return [
        OutcomeRow(
            r.age_point,
            r.measure,
            r.category,
            counts.n(r.count),
            counts.n(r.denominator),
            counts.share(r.count, r.denominator),
        )
        for r in rows
        if r.team_id == team and r.measure in OUTCOME_MEASURES
    ]


def participation_chart(
    rows: Sequence[AggregateRow],
    team: str,
    counts: Counts,
    t: Callable[..., str],
) -> str:
    """Contacts made of contacts planned, per contact, as an SVG bar chart."""
    made = [r for r in rows if r.team_id == team and r.measure == "contacts_made"]
    bars = [
        Bar(
            r.age_point,
            counts.fraction(r.count, r.denominator),
            t("followup.made_of", made=counts.n(r.count), planned=counts.n(r.denominator)),
        )
        for r in sorted(made, key=lambda r: _code_order(r.age_point))
    ]
    return bar_chart(t("followup.chart_title"), t("followup.chart_desc"), bars)


def overdue_chart(overview: TeamOverview, counts: Counts, t: Callable[..., str]) -> str:
    """Overdue contacts per contact code, as an SVG bar chart (bars relative to the largest)."""
    most = max((o.count for o in overview.overdue), default=0)
    bars = [
        Bar(
            o.code,
            None if most == 0 or counts.hidden(o.count) else o.count / most,
            counts.n(o.count),
        )
        for o in sorted(overview.overdue, key=lambda o: _code_order(o.code))
    ]
    return bar_chart(t("followup.overdue_chart_title"), t("followup.overdue_chart_desc"), bars)
