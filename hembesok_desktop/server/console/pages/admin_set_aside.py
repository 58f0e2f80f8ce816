"""The rows the server sets aside as invalid (``integrity.bad_rows``): stored records that fail
the typed schema, which pulls leave out. Each with its entity, row id, family id and the
problem in the schema's words; never a value.

The check reads every stored record, so the page shows at most ``LIMIT`` rows (and says so).
A unit manager sees those of her teams' families.
"""

from __future__ import annotations

from itertools import islice

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlmodel import col, select

from hembesok_desktop.protocol import schema

from ... import integrity
from ...db import read_session
from ...models import FamilyScope
from ..access import AccessTable, engine_of
from ..admin_support import ADMINISTRATION, Administrator, scope_of
from ..rendering import NavItem, render

SET_ASIDE = "/console/set-aside"
LIMIT = 500

ACCESS: AccessTable = {("GET", SET_ASIDE): ADMINISTRATION}
NAV = [NavItem(SET_ASIDE, "admin.nav_set_aside", ADMINISTRATION, order=24)]

router = APIRouter()


@router.get(SET_ASIDE)
def set_aside(
    request: Request,
    user: Administrator,
) -> Response:
    engine, scope = engine_of(request), scope_of(user)
    rows = integrity.bad_rows(engine)
    if scope is not None:
        with read_session(engine) as session:
            mine = set(
                session.exec(
                    select(FamilyScope.family_id).where(col(FamilyScope.team_id).in_(sorted(scope)))
                ).all()
            )
        rows = (row for row in rows if row.family_id in mine)
    shown = list(islice(rows, LIMIT + 1))
    context = {
        "rows": shown[:LIMIT],
        "more": len(shown) > LIMIT,
        "limit": LIMIT,
        "known": frozenset(schema.ENTITIES),
    }
    return render(request, "admin/set_aside.html", context, user=user)
