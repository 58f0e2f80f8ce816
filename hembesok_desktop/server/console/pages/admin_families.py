"""Families: find one by its id or by a child's personal number, see its team and how many
records it holds, and move it to another team after a preview of what the move does.

* Finding by personal number is a POST (the number never stands in a URL, a browser history or
  an access log line), normalised by ``domain.identity``; the search is audited as
  ``family.search_by_personal_number`` with the family id found (or none), never the number.
* The family page shows counts only: no names, no values.
* The move preview (``admin_families.move_preview``) names the devices that lose the family at
  their next sync and those that gain it, and how many records travel; the move itself is
  ``admin.move_family``, confirmed by a POST with the CSRF token.

A unit manager finds only families of her teams and moves them only between her teams.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from hembesok_desktop.protocol import schema

from ... import admin, admin_families, admin_views
from ...db import write_session
from ..access import AccessTable, ConsoleUser, engine_of
from ..admin_support import (
    ADMINISTRATION,
    Administrator,
    FormError,
    form_error,
    not_found,
    notice_key,
    scope_of,
)
from ..audit import audit
from ..rendering import NavItem, render

FAMILIES = "/console/families"
SEARCH = f"{FAMILIES}/search"
FAMILY = f"{FAMILIES}/{{family_id}}"
MOVE = f"{FAMILY}/move"

ACCESS: AccessTable = {
    ("GET", FAMILIES): ADMINISTRATION,
    ("POST", SEARCH): ADMINISTRATION,
    ("GET", FAMILY): ADMINISTRATION,
    ("GET", MOVE): ADMINISTRATION,
    ("POST", MOVE): ADMINISTRATION,
}
NAV = [NavItem(FAMILIES, "admin.nav_families", ADMINISTRATION, order=23)]

FamilyId = Annotated[str, Path(max_length=admin_families.MAX_FAMILY_ID)]

router = APIRouter()


def _find_page(
    request: Request,
    user: ConsoleUser,
    *,
    error: FormError | None = None,
    status_code: int = 200,
    family_id: str = "",
    found: list[str] | None = None,
) -> Response:
    context = {"error": error, "family_id": family_id, "found": found or []}
    return render(request, "admin/families.html", context, user=user, status_code=status_code)


@router.get(FAMILIES)
def families(
    request: Request,
    user: Administrator,
    family_id: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    if family_id is None:
        return _find_page(request, user)
    wanted = family_id.strip()
    shown = admin_families.family_view(engine_of(request), wanted, scope_of(user))
    if shown is None:
        error = FormError("family_id", "admin.error_no_such_family")
        return _find_page(request, user, error=error, status_code=404, family_id=wanted[:64])
    return RedirectResponse(f"{FAMILIES}/{shown.family_id}", status_code=303)


@router.post(SEARCH)
def search_by_personal_number(
    request: Request,
    user: Administrator,
    personal_number: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    engine = engine_of(request)
    found: list[str] = []
    refused: FormError | None = None
    try:
        found = admin_families.find_by_personal_number(engine, personal_number, scope_of(user))
    except admin.AdminError as error:
        refused = form_error(error)
    with write_session(engine) as session:  # the access itself, with family ids only
        targets: list[str | None] = [*found] or [None]
        for family_id in targets:
            audit(session, user, "family.search_by_personal_number", family_id)
    if refused is not None:
        return _find_page(request, user, error=refused, status_code=400)
    if not found:
        unknown = FormError("personal_number", "admin.error_no_family_for_number")
        return _find_page(request, user, error=unknown, status_code=404)
    if len(found) == 1:
        return RedirectResponse(f"{FAMILIES}/{found[0]}", status_code=303)
    return _find_page(request, user, found=found)


def _family(request: Request, user: ConsoleUser, family_id: str) -> admin_families.FamilyView:
    shown = admin_families.family_view(engine_of(request), family_id, scope_of(user))
    if shown is None:
        raise not_found()
    return shown


def _family_page(
    request: Request,
    user: ConsoleUser,
    family: admin_families.FamilyView,
    *,
    error: FormError | None = None,
    done: str | None = None,
) -> Response:
    teams = admin_views.team_names(engine_of(request), scope_of(user))
    context = {
        "family": family,
        "teams": [name for name in teams if name != family.team_name],
        "known": frozenset(schema.ENTITIES),
        "error": error,
        "notice": notice_key(done),
    }
    return render(
        request, "admin/family.html", context, user=user, status_code=400 if error else 200
    )


@router.get(FAMILY)
def family_page(
    request: Request,
    user: Administrator,
    family_id: FamilyId,
    done: Annotated[str | None, Query(max_length=40)] = None,
) -> Response:
    family = _family(request, user, family_id)
    with write_session(engine_of(request)) as session:
        audit(session, user, "family.view", family.family_id)
    return _family_page(request, user, family, done=done)


@router.get(MOVE)
def move_preview(
    request: Request,
    user: Administrator,
    family_id: FamilyId,
    team: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    family = _family(request, user, family_id)
    try:
        preview = admin_families.move_preview(
            engine_of(request), family.family_id, team, scope_of(user)
        )
    except admin.AdminError as error:
        return _family_page(request, user, family, error=form_error(error))
    return render(request, "admin/family_move.html", {"preview": preview}, user=user)


@router.post(MOVE)
def move(
    request: Request,
    user: Administrator,
    family_id: FamilyId,
    team: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    family = _family(request, user, family_id)
    engine = engine_of(request)
    if not admin_views.team_in_scope(engine, team, scope_of(user)):
        return _family_page(
            request, user, family, error=FormError("team", "admin.error_no_such_team")
        )
    with write_session(engine) as session:
        moved = admin.move_family(session, family.family_id, team, actor=user)
    done = "family_moved" if moved else "family_not_moved"
    return RedirectResponse(f"{FAMILIES}/{family.family_id}?done={done}", status_code=303)
