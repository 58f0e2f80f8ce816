"""Teams (BVC units): the list with their nurses and families, and adding one (administrator).

A unit manager sees her own teams; only an administrator adds a team.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from ... import admin, admin_views
from ...db import write_session
from ..access import AccessTable, ConsoleUser, engine_of, require
from ..admin_support import (
    ADMIN_ONLY,
    ADMINISTRATION,
    Administrator,
    FormError,
    form_error,
    notice_key,
    scope_of,
)
from ..audit import audit
from ..rendering import NavItem, render
from ..roles import Role

TEAMS = "/console/teams"

ACCESS: AccessTable = {("GET", TEAMS): ADMINISTRATION, ("POST", TEAMS): ADMIN_ONLY}
NAV = [NavItem(TEAMS, "admin.nav_teams", ADMINISTRATION, order=20)]

router = APIRouter()


def _page(
    request: Request,
    user: ConsoleUser,
    *,
    error: FormError | None = None,
    name: str = "",
    done: str | None = None,
) -> Response:
    teams = admin_views.list_teams(engine_of(request), scope_of(user))
    context = {"teams": teams, "error": error, "name": name, "notice": notice_key(done)}
    return render(
        request, "admin/teams.html", context, user=user, status_code=400 if error else 200
    )


@router.get(TEAMS)
def teams(
    request: Request,
    user: Administrator,
    done: Annotated[str | None, Query(max_length=40)] = None,
) -> Response:
    return _page(request, user, done=done)


@router.post(TEAMS)
def add_team(
    request: Request,
    user: Annotated[ConsoleUser, Depends(require(Role.ADMIN))],
    name: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    try:
        with write_session(engine_of(request)) as session:
            team_id = admin.add_team(session, name)
            audit(session, user, "team.add", team_id)
    except admin.AdminError as error:
        return _page(request, user, error=form_error(error), name=name)
    return RedirectResponse(f"{TEAMS}?done=team_added", status_code=303)
