"""The start page: who is signed in, what her role does, and the pages her role opens."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlmodel import col, select

from ...db import read_session
from ...models import Team
from ..access import AccessTable, ConsoleUser, engine_of, require
from ..rendering import NavItem, render
from ..roles import ALL_ROLES, Role

START = "/console"

ACCESS: AccessTable = {("GET", START): ALL_ROLES}
NAV = [NavItem(START, "start.nav", ALL_ROLES, order=0)]

router = APIRouter()


@router.get(START)
def start_page(
    request: Request, user: Annotated[ConsoleUser, Depends(require(*Role))]
) -> Response:
    teams: list[str] = []
    if user.team_ids:
        with read_session(engine_of(request)) as session:
            teams = list(
                session.exec(
                    select(Team.name).where(col(Team.id).in_(user.team_ids)).order_by(Team.name)
                ).all()
            )
    return render(request, "start/index.html", {"teams": teams}, user=user)
