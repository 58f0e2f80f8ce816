"""Programme follow-up (``/console/followup``) and the region-wide CSV, and sync health
(``/console/sync-health``).

* Follow-up: per team and for the region (a unit manager: her teams, and them together),
  participation per contact (planned, made, on time), screenings done and positive, follow-up
  offers and what the families chose, overdue contacts, and the evaluation's outcome figures,
  with SVG charts. The figures are the laptop's (``server.followup``). Counts below 5 are
  ``<5`` for the follow-up role; see ``console.followup_view`` for who sees exact counts.
* ``/console/followup/region.csv``: the laptop's aggregate export for the whole region
  (administrator and follow-up), suppressed.
* Sync health: administrator (the region) and unit manager (her teams' devices and families);
  ``days`` (1-3650, default 7) is how long a device may be quiet. Times are shown in Swedish
  time (Europe/Stockholm).

``team`` is a team id; one the viewer may not see, or that does not exist, is answered 404.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from sqlalchemy import Engine
from sqlmodel import col, select

from hembesok_desktop.domain.catalogue import Catalogue
from hembesok_desktop.domain.followup_overview import REGION
from hembesok_desktop.domain.planning import stockholm_tz, today_in_stockholm

from ...db import read_session, write_session
from ...followup import aggregate_csv, followup_figures
from ...models import Team
from ...sync_health import DEFAULT_DAYS, MAX_DAYS, sync_health
from ..access import AccessTable, ConsoleRefused, ConsoleUser, engine_of, require, roles
from ..audit import audit
from ..followup_view import Counts, outcomes, overdue_chart, participation, participation_chart
from ..rendering import NavItem, render, renderer_of
from ..roles import Role

FOLLOWUP = "/console/followup"
REGION_CSV = "/console/followup/region.csv"
SYNC_HEALTH = "/console/sync-health"
FOLLOWUP_ROLES = roles(Role.ADMIN, Role.UNIT_MANAGER, Role.FOLLOW_UP)
CSV_ROLES = roles(Role.ADMIN, Role.FOLLOW_UP)
HEALTH_ROLES = roles(Role.ADMIN, Role.UNIT_MANAGER)

ACCESS: AccessTable = {
    ("GET", FOLLOWUP): FOLLOWUP_ROLES,
    ("GET", REGION_CSV): CSV_ROLES,
    ("GET", SYNC_HEALTH): HEALTH_ROLES,
}
NAV = [
    NavItem(FOLLOWUP, "followup.nav", FOLLOWUP_ROLES, order=40),
    NavItem(SYNC_HEALTH, "followup.health_nav", HEALTH_ROLES, order=45),
]

router = APIRouter()


def catalogue_of(request: Request) -> Catalogue:
    catalogue: Catalogue = request.app.state.catalogue
    return catalogue


def _visible_teams(engine: Engine, user: ConsoleUser) -> list[tuple[int, str]]:
    with read_session(engine) as session:
        statement = select(Team.id, Team.name).order_by(col(Team.name))
        if user.limited_to_teams:
            statement = statement.where(col(Team.id).in_(user.team_ids))
        return [(tid, name) for tid, name in session.exec(statement) if tid is not None]


@router.get(FOLLOWUP)
def followup_page(
    request: Request,
    user: Annotated[ConsoleUser, Depends(require(*FOLLOWUP_ROLES))],
    team: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> Response:
    engine = engine_of(request)
    teams = _visible_teams(engine, user)
    names = dict(teams)
    if team is not None and team not in names:
        raise ConsoleRefused(404, "common.not_found")
    scope = None if not user.limited_to_teams else list(user.team_ids)
    figures = followup_figures(
        engine,
        catalogue=catalogue_of(request),
        today=today_in_stockholm(),
        team_ids=[team] if team is not None else scope,
    )
    shown = names[team] if team is not None else REGION
    rows = figures.aggregate if team is not None else figures.region_aggregate
    counts = Counts(exact=user.role is not Role.FOLLOW_UP)
    overview = figures.overviews[shown]
    t = _translator(request, user)
    context = {
        "teams": teams,
        "team": team,
        "team_name": names.get(team) if team is not None else None,
        "today": figures.today,
        "counts": counts,
        "overview": overview,
        "contacts": participation(rows, shown, counts),
        "outcomes": outcomes(rows, shown, counts),
        "chart": participation_chart(rows, shown, counts, t),
        "overdue_chart": overdue_chart(overview, counts, t),
        "catalogue": catalogue_of(request),
        "may_download": user.role in CSV_ROLES,
        "set_aside": figures.set_aside,
    }
    return render(request, "followup/index.html", context, user=user)


def _translator(request: Request, user: ConsoleUser) -> Callable[..., str]:
    """The page's texts in the user's language (for the charts, made outside the template)."""
    messages = renderer_of(request).catalogue

    def t(key: str, **params: object) -> str:
        return messages.text(user.language, key, **params)

    return t


@router.get(REGION_CSV)
def region_csv(
    request: Request, user: Annotated[ConsoleUser, Depends(require(*CSV_ROLES))]
) -> Response:
    engine = engine_of(request)
    figures = followup_figures(engine, catalogue=catalogue_of(request), today=today_in_stockholm())
    with write_session(engine) as session:
        audit(session, user, "followup.export_region_csv", "region")
    name = f"hembesok-uppfoljning-{figures.today.isoformat()}.csv"
    return Response(
        aggregate_csv(figures),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get(SYNC_HEALTH)
def sync_health_page(
    request: Request,
    user: Annotated[ConsoleUser, Depends(require(*HEALTH_ROLES))],
    days: Annotated[int, Query(ge=1, le=MAX_DAYS)] = DEFAULT_DAYS,
) -> Response:
    health = sync_health(
        engine_of(request),
        days=days,
        now=dt.datetime.now(dt.UTC),
        team_ids=list(user.team_ids) if user.limited_to_teams else None,
        with_sizes=user.role is Role.ADMIN,
    )
    context = {"health": health, "local_time": local_time, "size_text": size_text}
    return render(request, "followup/sync_health.html", context, user=user)


def size_text(size: int, language: str) -> str:
    """``size`` bytes for people: whole KiB below one MiB, else MiB with one decimal (a
    decimal comma in Swedish), e.g. ``"180 KiB"``, ``"12,5 MiB"``."""
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KiB"
    text = f"{size / (1024 * 1024):.1f} MiB"
    return text.replace(".", ",") if language == "sv" else text


def local_time(moment: dt.datetime) -> str:
    """``moment`` (aware) as the Swedish wall-clock time, e.g. ``2026-11-19 23:06``."""
    return moment.astimezone(stockholm_tz()).strftime("%Y-%m-%d %H:%M")
