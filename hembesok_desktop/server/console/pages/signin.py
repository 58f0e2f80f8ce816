"""Sign-in (password, then a TOTP code; enrollment of the authenticator the first time),
sign-out and the language switch.

The password check shares the enrollment throttle (``server.throttle``): per client address
with the nurses' enrollments, per user name under ``console:USER`` (``hembesok-server admin
unlock console:USER`` clears it). A wrong TOTP code counts as a failure too.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup
from sqlalchemy import Engine

from ... import throttle
from ...db import read_session, write_session
from ..access import (
    PUBLIC,
    AccessTable,
    ConsoleUser,
    Visit,
    Visitor,
    current_visit,
    engine_of,
    policy_of,
    require,
)
from ..accounts import (
    AccountView,
    accept_totp,
    account_view,
    check_credentials,
    otpauth_uri,
    qr_svg,
)
from ..audit import audit
from ..cookies import clear_session_cookie, set_language_cookie, set_session_cookie
from ..i18n import LANGUAGES
from ..rendering import render
from ..roles import ALL_ROLES, Role
from ..sessions import ANONYMOUS, PASSWORD, SIGNED_IN, end_session, start_session

SIGN_IN = "/console/sign-in"
CODE = "/console/sign-in/code"
ENROLL = "/console/sign-in/enroll"
START = "/console"

ACCESS: AccessTable = {
    ("GET", SIGN_IN): PUBLIC,
    ("POST", SIGN_IN): PUBLIC,
    ("GET", CODE): PUBLIC,
    ("POST", CODE): PUBLIC,
    ("GET", ENROLL): PUBLIC,
    ("POST", ENROLL): PUBLIC,
    ("GET", "/console/language"): PUBLIC,
    ("POST", "/console/sign-out"): ALL_ROLES,
}

router = APIRouter()


def throttle_key(username: str) -> str:
    return f"console:{username[:100]}"


def _see_other(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


def _with_session(request: Request, response: Response, token: str) -> Response:
    set_session_cookie(response, request, token)
    return response


@router.get(SIGN_IN)
def sign_in_form(request: Request, visit: Annotated[Visit, Depends(current_visit)]) -> Response:
    if visit.session is not None and visit.session.stage == SIGNED_IN:
        return _see_other(START)
    return _fresh_form(request, visit)


def _fresh_form(
    request: Request, visit: Visit, *, error: str | None = None, status_code: int = 200
) -> Response:
    """The sign-in form on a new anonymous session (any earlier one is ended)."""
    old = visit.session.token_hash if visit.session is not None else None
    token, state = start_session(engine_of(request), policy_of(request), ANONYMOUS, replaces=old)
    fresh = Visit(state, visit.address, visit.language)
    page = render(
        request, "signin/password.html", {"error": error}, visit=fresh, status_code=status_code
    )
    return _with_session(request, page, token)


def _too_many(request: Request, visit: Visit, wait: int) -> Response:
    page = _fresh_form(request, visit, error="signin.too_many", status_code=429)
    page.headers["Retry-After"] = str(wait)
    return page


@router.post(SIGN_IN)
def sign_in(
    request: Request,
    visit: Annotated[Visit, Depends(current_visit)],
    username: Annotated[str, Form(max_length=100)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    engine = engine_of(request)
    key = throttle_key(username.strip())
    if (wait := throttle.retry_after(engine, key, visit.address)) > 0:
        throttle.record_failure(engine, key, visit.address)
        return _too_many(request, visit, wait)
    with throttle.password_checks:
        if (wait := throttle.retry_after(engine, key, visit.address)) > 0:
            throttle.record_failure(engine, key, visit.address)
            return _too_many(request, visit, wait)
        with read_session(engine) as session:
            account = check_credentials(session, username.strip(), password)
    if account is None:
        throttle.record_failure(engine, key, visit.address)
        with write_session(engine) as session:
            audit(session, Visitor(None, visit.address), "signin.refused")
        return _fresh_form(request, visit, error="signin.bad_credentials", status_code=401)
    old = visit.session.token_hash if visit.session is not None else None
    token, _state = start_session(
        engine, policy_of(request), PASSWORD, account.user_id, replaces=old
    )
    with write_session(engine) as session:
        audit(session, Visitor(account.user_id, visit.address), "signin.password_accepted")
    return _with_session(request, _see_other(CODE if account.totp_confirmed else ENROLL), token)


def _pending(request: Request, visit: Visit) -> AccountView | None:
    """The account whose password this session passed (stage ``password``), if still active."""
    state = visit.session
    if state is None or state.stage != PASSWORD or state.user_id is None:
        return None
    with read_session(engine_of(request)) as session:
        return account_view(session, state.user_id)


@router.get(CODE)
def code_form(request: Request, visit: Annotated[Visit, Depends(current_visit)]) -> Response:
    account = _pending(request, visit)
    if account is None:
        return _see_other(SIGN_IN)
    if not account.totp_confirmed:
        return _see_other(ENROLL)
    return render(request, "signin/code.html", {}, visit=visit)


@router.get(ENROLL)
def enroll_form(request: Request, visit: Annotated[Visit, Depends(current_visit)]) -> Response:
    account = _pending(request, visit)
    if account is None:
        return _see_other(SIGN_IN)
    if account.totp_confirmed:
        return _see_other(CODE)
    return _enroll_page(request, visit, account)


def _enroll_page(
    request: Request, visit: Visit, account: AccountView, *, error: str | None = None,
    status_code: int = 200,
) -> Response:
    secret = account.totp_secret
    context = {
        "qr": Markup(qr_svg(otpauth_uri(account.username, secret))),
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
        "error": error,
    }
    return render(request, "signin/enroll.html", context, visit=visit, status_code=status_code)


def _check_code(
    request: Request, visit: Visit, code: str, *, enrolling: bool
) -> Response:
    engine = engine_of(request)
    account = _pending(request, visit)
    if account is None or account.totp_confirmed == enrolling:
        return _see_other(SIGN_IN)
    key = throttle_key(account.username)
    if (wait := throttle.retry_after(engine, key, visit.address)) > 0:
        throttle.record_failure(engine, key, visit.address)
        return _too_many(request, visit, wait)
    if not accept_totp(engine, account.user_id, code, confirm=enrolling):
        throttle.record_failure(engine, key, visit.address)
        with write_session(engine) as session:
            audit(session, Visitor(account.user_id, visit.address), "signin.code_refused")
        if enrolling:
            return _enroll_page(request, visit, account, error="signin.bad_code", status_code=401)
        page = render(
            request, "signin/code.html", {"error": "signin.bad_code"}, visit=visit,
            status_code=401,
        )
        return page
    throttle.clear(engine, key)
    old = visit.session.token_hash if visit.session is not None else None
    token, _state = start_session(
        engine, policy_of(request), SIGNED_IN, account.user_id, replaces=old
    )
    with write_session(engine) as session:
        if enrolling:
            audit(session, Visitor(account.user_id, visit.address), "totp.enrolled")
        audit(session, Visitor(account.user_id, visit.address), "signin")
    return _with_session(request, _see_other(START), token)


@router.post(CODE)
def sign_in_code(
    request: Request,
    visit: Annotated[Visit, Depends(current_visit)],
    code: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    return _check_code(request, visit, code, enrolling=False)


@router.post(ENROLL)
def enroll_code(
    request: Request,
    visit: Annotated[Visit, Depends(current_visit)],
    code: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    return _check_code(request, visit, code, enrolling=True)


@router.post("/console/sign-out")
def sign_out(
    request: Request, user: Annotated[ConsoleUser, Depends(require(*Role))]
) -> Response:
    engine: Engine = engine_of(request)
    end_session(engine, user.session_hash)
    with write_session(engine) as session:
        audit(session, user, "signout")
    response = _see_other(SIGN_IN)
    clear_session_cookie(response, request)
    return response


@router.get("/console/language")
def choose_language(request: Request, lang: str = "sv", next: str = START) -> Response:
    inside = next.startswith("/console") and "//" not in next and "\\" not in next
    target = next if inside else START
    response = _see_other(target)
    if lang in LANGUAGES:
        set_language_cookie(response, request, lang)
    return response
