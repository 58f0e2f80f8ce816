"""Nurses: the list (per team), adding one, and on her own page: her devices, a new password,
her teams, and deactivating her (after a confirmation page).

A unit manager sees and administers the nurses of her teams, and only within her teams: she
adds a nurse to them, moves a nurse between them, never to or from another unit's team.
Deactivating revokes every device of the nurse in the same transaction (``admin``).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from ... import admin, admin_views
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
    when,
)
from ..audit import audit
from ..rendering import NavItem, render

NURSES = "/console/nurses"
NEW = f"{NURSES}/new"
NURSE = f"{NURSES}/{{nurse_id}}"
PASSWORD = f"{NURSE}/password"
TEAMS = f"{NURSE}/teams"
LEAVE = f"{NURSE}/teams/remove"
DEACTIVATE = f"{NURSE}/deactivate"

ACCESS: AccessTable = {
    ("GET", NURSES): ADMINISTRATION,
    ("POST", NURSES): ADMINISTRATION,
    ("GET", NEW): ADMINISTRATION,
    ("GET", NURSE): ADMINISTRATION,
    ("POST", PASSWORD): ADMINISTRATION,
    ("POST", TEAMS): ADMINISTRATION,
    ("POST", LEAVE): ADMINISTRATION,
    ("GET", DEACTIVATE): ADMINISTRATION,
    ("POST", DEACTIVATE): ADMINISTRATION,
}
NAV = [NavItem(NURSES, "admin.nav_nurses", ADMINISTRATION, order=21)]

Text = Annotated[str, Form(max_length=200)]

router = APIRouter()


def _nurse(request: Request, user: ConsoleUser, nurse_id: int) -> admin_views.NurseView:
    found = admin_views.nurse_by_id(engine_of(request), nurse_id, scope_of(user))
    if found is None:
        raise not_found()
    return found


@router.get(NURSES)
def nurses(
    request: Request,
    user: Administrator,
    team: Annotated[int | None, Query()] = None,
    done: Annotated[str | None, Query(max_length=40)] = None,
) -> Response:
    engine, scope = engine_of(request), scope_of(user)
    teams = admin_views.list_teams(engine, scope)
    context = {
        "nurses": admin_views.list_nurses(engine, scope, team_id=team),
        "teams": teams,
        "team": team,
        "notice": notice_key(done),
    }
    return render(request, "admin/nurses.html", context, user=user)


def _new_form(
    request: Request,
    user: ConsoleUser,
    values: dict[str, Any],
    error: FormError | None = None,
) -> Response:
    teams = admin_views.team_names(engine_of(request), scope_of(user))
    context = {"teams": teams, "values": values, "error": error}
    return render(
        request, "admin/nurse_new.html", context, user=user, status_code=400 if error else 200
    )


@router.get(NEW)
def new_nurse(request: Request, user: Administrator) -> Response:
    return _new_form(request, user, {"teams": []})


@router.post(NURSES)
def add_nurse(
    request: Request,
    user: Administrator,
    username: Text = "",
    full_name: Text = "",
    title: Text = "",
    password: Text = "",
    teams: Annotated[list[str] | None, Form(max_length=200)] = None,
) -> Response:
    chosen = list(dict.fromkeys(teams or []))
    values = {"username": username, "full_name": full_name, "title": title, "teams": chosen}
    engine, scope = engine_of(request), scope_of(user)
    if not all(admin_views.team_in_scope(engine, name, scope) for name in chosen):
        return _new_form(request, user, values, FormError("teams", "admin.error_no_such_team"))
    try:
        with write_session(engine) as session:
            nurse_id = admin.add_nurse(
                session,
                username,
                teams=chosen,
                full_name=full_name,
                title=title,
                password=password,
            )
            audit(session, user, "nurse.add", nurse_id)
    except admin.AdminError as error:
        return _new_form(request, user, values, form_error(error))
    return RedirectResponse(f"{NURSES}/{nurse_id}?done=nurse_added", status_code=303)


def _nurse_page(
    request: Request,
    user: ConsoleUser,
    nurse: admin_views.NurseView,
    *,
    error: FormError | None = None,
    done: str | None = None,
) -> Response:
    engine, scope = engine_of(request), scope_of(user)
    context = {
        "nurse": nurse,
        "devices": admin_views.list_devices(engine, scope, nurse_id=nurse.id),
        "other_teams": [n for n in admin_views.team_names(engine, scope) if n not in nurse.teams],
        "her_teams": [n for n in nurse.teams if admin_views.team_in_scope(engine, n, scope)],
        "error": error,
        "notice": notice_key(done),
        "when": when,
    }
    return render(
        request, "admin/nurse.html", context, user=user, status_code=400 if error else 200
    )


@router.get(NURSE)
def nurse_page(
    request: Request,
    user: Administrator,
    nurse_id: int,
    done: Annotated[str | None, Query(max_length=40)] = None,
) -> Response:
    return _nurse_page(request, user, _nurse(request, user, nurse_id), done=done)


def _done(nurse_id: int, notice: str) -> Response:
    return RedirectResponse(f"{NURSES}/{nurse_id}?done={notice}", status_code=303)


@router.post(PASSWORD)
def reset_password(
    request: Request, user: Administrator, nurse_id: int, password: Text = ""
) -> Response:
    nurse = _nurse(request, user, nurse_id)
    try:
        with write_session(engine_of(request)) as session:
            admin.reset_password(session, nurse.username, password)
            audit(session, user, "nurse.reset_password", nurse.id)
    except admin.AdminError as error:
        return _nurse_page(request, user, nurse, error=form_error(error))
    return _done(nurse.id, "password_reset")


def _membership(
    request: Request, user: ConsoleUser, nurse_id: int, team: str, join: bool
) -> Response:
    nurse = _nurse(request, user, nurse_id)
    engine = engine_of(request)
    if not admin_views.team_in_scope(engine, team, scope_of(user)):
        return _nurse_page(
            request, user, nurse, error=FormError("team", "admin.error_no_such_team")
        )
    change = admin.add_membership if join else admin.remove_membership
    try:
        with write_session(engine) as session:
            changed = change(session, nurse.username, team)
            if changed:
                audit(session, user, "nurse.team_add" if join else "nurse.team_remove", nurse.id)
    except admin.AdminError as error:
        return _nurse_page(request, user, nurse, error=form_error(error))
    if not changed:
        return _done(nurse.id, "already_member" if join else "team_left")
    return _done(nurse.id, "team_joined" if join else "team_left")


@router.post(TEAMS)
def join_team(request: Request, user: Administrator, nurse_id: int, team: Text = "") -> Response:
    return _membership(request, user, nurse_id, team, join=True)


@router.post(LEAVE)
def leave_team(request: Request, user: Administrator, nurse_id: int, team: Text = "") -> Response:
    return _membership(request, user, nurse_id, team, join=False)


@router.get(DEACTIVATE)
def confirm_deactivation(request: Request, user: Administrator, nurse_id: int) -> Response:
    nurse = _nurse(request, user, nurse_id)
    context = {"nurse": nurse, "error": None}
    return render(request, "admin/nurse_deactivate.html", context, user=user)


@router.post(DEACTIVATE)
def deactivate(request: Request, user: Administrator, nurse_id: int) -> Response:
    nurse = _nurse(request, user, nurse_id)
    try:
        with write_session(engine_of(request)) as session:
            admin.deactivate_nurse(session, nurse.username)
            audit(session, user, "nurse.deactivate", nurse.id)
    except admin.AdminError as error:
        context = {"nurse": nurse, "error": form_error(error)}
        return render(request, "admin/nurse_deactivate.html", context, user=user, status_code=400)
    return _done(nurse.id, "nurse_deactivated")
