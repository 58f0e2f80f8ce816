"""Programme follow-up figures for the region's console, from the server's ``record`` table.

The figures are the laptop's: the stored documents' values go, as plain rows, through the
same domain functions the laptop's ``hembesok export-figures --aggregate`` uses
(``domain.evaluation_records`` then ``domain.evaluation.aggregate``), and through
``domain.followup_overview`` for screenings, offers and overdue contacts. So the console and a
laptop that pulled the same records give the same figures.

Two things are the server's own:

* a family's team is the team the server assigns it to (``family_scope``), by name (a family
  the server has no team for is ``unassigned``); the laptop's ``family.team_id`` field is not
  read;
* a stored row that fails the typed schema (``integrity.row_problem``) is left out, as pull
  leaves it out; ``set_aside`` counts them.

``team_ids`` narrows everything to the families of those teams (a unit manager's); ``None`` is
the whole region. The region's documents are read once per request (in ``(entity, row_id)``
order, streamed in chunks); nothing is cached.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from hembesok_desktop.domain.catalogue import Catalogue
from hembesok_desktop.domain.evaluation import AggregateRow, aggregate, write_aggregate_csv
from hembesok_desktop.domain.evaluation_records import ENTITIES, UNASSIGNED, evaluation_records
from hembesok_desktop.domain.followup_overview import TeamOverview, overview, region_wide
from hembesok_desktop.protocol.schema import python_row

from .db import read_session
from .integrity import row_problem
from .models import FamilyScope, Record, Team

#: the entities the figures read
READ_ENTITIES = (*ENTITIES, "follow_up_action")
_CHUNK = 2000


@dataclass(frozen=True, slots=True)
class FollowUpFigures:
    today: dt.date
    #: team names, sorted
    teams: tuple[str, ...]
    #: team name -> overview, and the region's (or the selected teams' together) as "region"
    overviews: dict[str, TeamOverview]
    #: the evaluation table per programme and team, as the laptop's export
    aggregate: tuple[AggregateRow, ...]
    #: the same over all selected teams together (team "region")
    region_aggregate: tuple[AggregateRow, ...]
    #: stored rows left out because they fail the schema
    set_aside: int


def _team_names(session: Session, team_ids: Collection[int] | None) -> dict[int, str]:
    statement = select(Team.id, Team.name)
    if team_ids is not None:
        statement = statement.where(col(Team.id).in_(list(team_ids)))
    return {team_id: name for team_id, name in session.exec(statement) if team_id is not None}


def _scopes(session: Session, teams: dict[int, str]) -> dict[str, str]:
    statement = select(FamilyScope.family_id, FamilyScope.team_id).where(
        col(FamilyScope.team_id).in_(list(teams))
    )
    return {family_id: teams[team_id] for family_id, team_id in session.exec(statement)}


def load_rows(
    session: Session, *, team_ids: Collection[int] | None = None
) -> tuple[dict[str, list[dict[str, Any]]], int, tuple[str, ...]]:
    """(rows per entity, rows set aside, team names) of the selected teams' families."""
    teams = _team_names(session, team_ids)
    scopes = _scopes(session, teams)
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    set_aside = 0
    statement = (
        select(Record.entity, Record.row_id, Record.family_id, Record.doc)
        .where(col(Record.entity).in_(READ_ENTITIES))
        .order_by(col(Record.entity), col(Record.row_id))
        .execution_options(yield_per=_CHUNK)
    )
    for entity, row_id, family_id, doc in session.exec(statement):
        if team_ids is not None and family_id not in scopes:
            continue
        values = {name: version.get("value") for name, version in doc.items()}
        if row_problem(entity, values) is not None:
            set_aside += 1
            continue
        row = python_row(entity, values)
        row.update(id=row_id, family_id=family_id)
        if entity == "family":
            row["team_id"] = scopes.get(family_id, UNASSIGNED)
        rows[entity].append(row)
    return dict(rows), set_aside, tuple(sorted(teams.values()))


def followup_figures(
    engine: Engine,
    *,
    catalogue: Catalogue,
    today: dt.date,
    team_ids: Collection[int] | None = None,
) -> FollowUpFigures:
    """The follow-up figures on ``today`` of the selected teams (``None``: the region)."""
    with read_session(engine) as session:
        rows, set_aside, teams = load_rows(session, team_ids=team_ids)
    records = evaluation_records(rows, today=today, catalogue=catalogue)
    return FollowUpFigures(
        today=today,
        teams=teams,
        overviews=overview(rows, records, today=today),
        aggregate=tuple(aggregate(records, today=today)),
        region_aggregate=tuple(aggregate(region_wide(records), today=today)),
        set_aside=set_aside,
    )


def aggregate_csv(figures: FollowUpFigures) -> str:
    """The laptop's aggregate CSV (``docs/evaluation_export.md``) for these figures' teams:
    every count below 5 written ``<5``."""
    out = io.StringIO()
    write_aggregate_csv(figures.aggregate, out)
    return out.getvalue()
