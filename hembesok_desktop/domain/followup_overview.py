"""The programme follow-up overview per team: screenings, follow-up offers and overdue
contacts, beside the evaluation's figures (``evaluation.aggregate``). Pure Python.

Computed from the same plain rows as ``evaluation_records`` (``RecordRows``) and the
``ChildEvaluation`` records made from them, with the laptop's rules:

* a *screening* is a completed, not voided questionnaire response completed by ``today``;
  *positive* when it carries a flag, *urgent* when a flag has severity ``urgent``;
  *without follow-up* when positive and no follow-up action points at it (the laptop's
  follow-up work list);
* a *follow-up offer* is a follow-up action, counted per offer id by what the family chose
  (``decision``: offered, accepted, declined), whether it is done, and whether an outcome was
  written;
* an *overdue contact* is a planned contact whose state (``planning.contact_state``) is
  overdue on ``today``, per programme and contact code.

A family's team is its row's ``team_id`` (``evaluation_records.UNASSIGNED`` when empty).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from .evaluation import ChildEvaluation
from .evaluation_records import UNASSIGNED, RecordRows, Row, stockholm_day
from .planning import ContactState, contact_state, recorded_by_key

DECISIONS = ("offered", "accepted", "declined")
REGION = "region"


@dataclass(frozen=True, slots=True)
class ScreeningCount:
    form_id: str
    done: int
    positive: int
    urgent: int
    without_follow_up: int


@dataclass(frozen=True, slots=True)
class OfferCount:
    offer_id: str
    offered: int
    accepted: int
    declined: int
    done: int
    with_outcome: int

    @property
    def total(self) -> int:
        return self.offered + self.accepted + self.declined


@dataclass(frozen=True, slots=True)
class OverdueCount:
    programme_id: str
    code: str
    count: int


@dataclass(frozen=True, slots=True)
class TeamOverview:
    team_id: str
    children: int
    screenings: tuple[ScreeningCount, ...]
    offers: tuple[OfferCount, ...]
    overdue: tuple[OverdueCount, ...]


def _urgent(flags: Sequence[Any]) -> bool:
    return any(isinstance(f, dict) and f.get("severity") == "urgent" for f in flags)


def family_teams(rows: RecordRows) -> dict[str, str]:
    """Family id -> team id."""
    return {f["id"]: f.get("team_id") or UNASSIGNED for f in rows.get("family", ())}


def screenings(rows: RecordRows, *, today: dt.date) -> list[Row]:
    """The completed, not voided responses completed by ``today``."""
    return [
        r
        for r in rows.get("questionnaire_response", ())
        if r.get("status") == "completed"
        and not r.get("voided_reason")
        and r.get("completed_at") is not None
        and stockholm_day(r["completed_at"]) <= today
    ]


def _screening_counts(done: Iterable[Row], followed: set[str]) -> tuple[ScreeningCount, ...]:
    by_form: dict[str, Counter[str]] = {}
    for r in done:
        counts = by_form.setdefault(r.get("form_id", ""), Counter())
        flags = r.get("flags") or []
        counts["done"] += 1
        counts["positive"] += bool(flags)
        counts["urgent"] += _urgent(flags)
        counts["without"] += bool(flags) and r["id"] not in followed
    return tuple(
        ScreeningCount(form, c["done"], c["positive"], c["urgent"], c["without"])
        for form, c in sorted(by_form.items())
    )


def _offer_counts(actions: Iterable[Row]) -> tuple[OfferCount, ...]:
    by_offer: dict[str, Counter[str]] = {}
    for a in actions:
        counts = by_offer.setdefault(a.get("offer_kind", ""), Counter())
        counts[a.get("decision") or "offered"] += 1
        counts["done"] += a.get("status") == "done"
        counts["outcome"] += bool(a.get("outcome"))
    return tuple(
        OfferCount(
            offer,
            offered=c["offered"],
            accepted=c["accepted"],
            declined=c["declined"],
            done=c["done"],
            with_outcome=c["outcome"],
        )
        for offer, c in sorted(by_offer.items())
    )


def _overdue_counts(records: Iterable[ChildEvaluation], today: dt.date) -> tuple[OverdueCount, ...]:
    found: Counter[tuple[str, str]] = Counter()
    for child in records:
        index = recorded_by_key(child.recorded)
        for planned in child.plan:
            state = contact_state(
                planned=planned,
                recorded=index.get((planned.programme_id, planned.code)),
                today=today,
            )
            if state is ContactState.OVERDUE:
                found[(planned.programme_id, planned.code)] += 1
    return tuple(OverdueCount(p, code, n) for (p, code), n in sorted(found.items()))


def overview(
    rows: RecordRows, records: Sequence[ChildEvaluation], *, today: dt.date
) -> dict[str, TeamOverview]:
    """Team id -> its overview, plus the whole region's under :data:`REGION`."""
    teams = family_teams(rows)
    done = screenings(rows, today=today)
    actions = list(rows.get("follow_up_action", ()))
    followed = {a["response_id"] for a in actions if a.get("response_id")}

    def of(team: str | None) -> TeamOverview:
        def mine(row: Row) -> bool:
            return team is None or teams.get(row["family_id"]) == team

        members = [c for c in records if team is None or c.team_id == team]
        return TeamOverview(
            team_id=REGION if team is None else team,
            children=len({c.child_id for c in members}),
            screenings=_screening_counts(filter(mine, done), followed),
            offers=_offer_counts(filter(mine, actions)),
            overdue=_overdue_counts(members, today),
        )

    result = {team: of(team) for team in sorted(set(teams.values()))}
    result[REGION] = of(None)
    return result


def region_wide(records: Iterable[ChildEvaluation]) -> list[ChildEvaluation]:
    """The records with one team for the whole region, for ``evaluation.aggregate``."""
    return [replace(c, team_id=REGION) for c in records]
