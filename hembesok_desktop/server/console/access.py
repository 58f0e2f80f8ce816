"""Who may open what: the session of a request, the CSRF check, and ``require(roles)``.

* ``current_visit`` (every console request): the session named by the cookie, if it is alive.
  A device's bearer token is never looked at: it opens no console page.
* ``csrf_guard`` (every console request, a dependency of the console router): a POST (or any
  unsafe method) must carry the session's CSRF token as the form field ``csrf_token`` or the
  header ``X-CSRF-Token``; else 403 with one sentence, before anything else runs.
* ``require(Role.ADMIN, ...)``: the signed-in ``ConsoleUser`` if her role is one of those, else
  303 to the sign-in page (not signed in) or 403 (another role). Each GET it lets through is
  audited as ``view`` with the route's path template.

A page module declares the same expectations in its ``ACCESS`` table (``AccessTable``), which
the authorization-matrix test checks against the running app.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Depends, Request
from sqlalchemy import Engine

from ..db import read_session, write_session
from ..models import ConsoleAccount
from .audit import audit
from .i18n import LANGUAGE_COOKIE, choose_language
from .roles import Role
from .sessions import SIGNED_IN, SessionPolicy, SessionState, open_session

SESSION_COOKIE = "hembesok_console"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

#: a route anyone may open (the sign-in pages, the language switch, the style sheet)
PUBLIC: Literal["public"] = "public"
Expectation = frozenset[Role] | Literal["public"]
#: (method, full path template) -> who may use it, e.g. ``("GET", "/console/teams")``
AccessTable = Mapping[tuple[str, str], Expectation]


def roles(*allowed: Role) -> frozenset[Role]:
    return frozenset(allowed)


class ConsoleRefused(Exception):
    """Refused with ``status_code`` and the message ``message_key`` (a catalogue key)."""

    def __init__(self, status_code: int, message_key: str) -> None:
        super().__init__(message_key)
        self.status_code = status_code
        self.message_key = message_key


class SignInRequired(Exception):
    """Not signed in: answered with a redirect to the sign-in page."""


@dataclass(frozen=True, slots=True)
class Visitor:
    """Someone not (yet) signed in, for the audit log of sign-in attempts."""

    user_id: int | None
    address: str


@dataclass(frozen=True, slots=True)
class Visit:
    """A console request: its live session (if any), client address and language."""

    session: SessionState | None
    address: str
    language: str

    @property
    def csrf_token(self) -> str:
        return self.session.csrf_token if self.session is not None else ""


@dataclass(frozen=True, slots=True)
class ConsoleUser:
    """The signed-in console user, as every page sees her."""

    user_id: int
    username: str
    full_name: str
    role: Role
    #: a unit manager's teams (empty for the other roles, who are not limited to teams)
    team_ids: tuple[int, ...]
    csrf_token: str
    address: str
    language: str
    session_hash: str

    @property
    def limited_to_teams(self) -> bool:
        return self.role is Role.UNIT_MANAGER

    def may_see_team(self, team_id: int) -> bool:
        return not self.limited_to_teams or team_id in self.team_ids


def engine_of(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def policy_of(request: Request) -> SessionPolicy:
    policy: SessionPolicy = request.app.state.console.policy
    return policy


def client_address(request: Request) -> str:
    return request.client.host if request.client is not None else "unknown"


def current_visit(request: Request) -> Visit:
    token = request.cookies.get(SESSION_COOKIE)
    state = None
    if token and len(token) <= 200:
        state = open_session(engine_of(request), policy_of(request), token)
    language = choose_language(request.cookies.get(LANGUAGE_COOKIE))
    return Visit(state, client_address(request), language)


async def csrf_guard(request: Request, visit: Annotated[Visit, Depends(current_visit)]) -> None:
    if request.method in SAFE_METHODS:
        return
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        value = (await request.form()).get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    expected = visit.csrf_token
    if not sent or not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise ConsoleRefused(403, "common.csrf_refused")


def _console_user(engine: Engine, visit: Visit) -> ConsoleUser | None:
    state = visit.session
    if state is None or state.stage != SIGNED_IN or state.user_id is None:
        return None
    from .accounts import team_ids_of

    with read_session(engine) as session:
        account = session.get(ConsoleAccount, state.user_id)
        if account is None or not account.active or account.id is None:
            return None
        role = Role(account.role)
        teams = team_ids_of(session, account.id) if role is Role.UNIT_MANAGER else ()
        return ConsoleUser(
            user_id=account.id,
            username=account.username,
            full_name=account.full_name,
            role=role,
            team_ids=teams,
            csrf_token=state.csrf_token,
            address=visit.address,
            language=visit.language,
            session_hash=state.token_hash,
        )


def require(*allowed: Role) -> Callable[..., ConsoleUser]:
    """The dependency of a page open to ``allowed`` roles (at least one)."""
    if not allowed:
        raise ValueError("require() needs at least one role")
    permitted = frozenset(allowed)

    def dependency(
        request: Request, visit: Annotated[Visit, Depends(current_visit)]
    ) -> ConsoleUser:
        engine = engine_of(request)
        user = _console_user(engine, visit)
        if user is None:
            raise SignInRequired()
        if user.role not in permitted:
            raise ConsoleRefused(403, "common.forbidden")
        if request.method == "GET":
            route = request.scope.get("route")
            with write_session(engine) as session:
                audit(session, user, "view", getattr(route, "path", request.url.path))
        return user

    return dependency
