"""Console accounts and signed-in clients for tests of the region's console.

    engine, app = console_app(tmp_path)                 # a migrated SQLite file, the real app
    account = make_account(engine, Role.ADMIN)          # real Argon2id hash, a TOTP secret
    client = TestClient(app, follow_redirects=False)
    sign_in(client, account)                            # the real sign-in: password, then TOTP
    client.post("/console/...", data=with_csrf(client, {...}))

``sign_in`` goes through the pages as a browser does (it computes the code with pyotp); a TOTP
step is accepted only once per account, so it signs each account in at most once per 30 s
(``sign_in`` waits for the next step if it must). ``signed_in_session`` instead opens a
session with the console's own ``sessions.start_session`` (no sign-in pages, no waiting) and
puts its cookie into the client: for page tests that are not about signing in. Neither
replaces anything of the server's: both use the real tables and the real code paths.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import httpx
import pyotp
from fastapi import FastAPI
from sqlalchemy import Engine

from hembesok_desktop.server.admin import add_team
from hembesok_desktop.server.app import create_app
from hembesok_desktop.server.console.access import CSRF_FIELD, SESSION_COOKIE
from hembesok_desktop.server.console.accounts import add_console_user
from hembesok_desktop.server.console.roles import Role
from hembesok_desktop.server.console.sessions import SIGNED_IN, SessionPolicy, start_session
from hembesok_desktop.server.db import make_engine, upgrade
from hembesok_desktop.server.settings import ServerSettings

PASSWORD = "console test password"
_CSRF = re.compile(rf'name="{CSRF_FIELD}" value="([^"]+)"')


@dataclass
class Account:
    user_id: int
    username: str
    role: Role
    password: str = field(repr=False)
    totp_secret: str = field(repr=False)
    teams: tuple[str, ...] = ()
    #: the last TOTP step ``sign_in`` used for this account (a step is accepted only once)
    used_step: int = -1

    def code(self, at: float | None = None) -> str:
        return pyotp.TOTP(self.totp_secret).at(time.time() if at is None else at)


def console_app(directory: Path, **settings: object) -> tuple[Engine, FastAPI]:
    """The server app (``create_app``) on a fresh, migrated SQLite file in ``directory``."""
    url = f"sqlite:///{directory / 'server.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    app = create_app(ServerSettings(database_url=url, **settings))  # type: ignore[arg-type]
    return engine, app


def make_team(engine: Engine, name: str | None = None) -> str:
    name = name or f"BVC Test {uuid.uuid4().hex[:6]}"
    add_team(engine, name)
    return name


def make_account(
    engine: Engine,
    role: Role,
    *,
    teams: Sequence[str] = (),
    username: str | None = None,
    full_name: str = "Testa Konsolsson",
    confirmed: bool = True,
    password: str = PASSWORD,
) -> Account:
    """A console account of ``role`` (a unit manager gets a new team unless ``teams``)."""
    if role is Role.UNIT_MANAGER and not teams:
        teams = (make_team(engine),)
    username = username or f"{role.value}-{uuid.uuid4().hex[:8]}"
    made = add_console_user(
        engine, username, role, full_name=full_name, password=password, teams=teams,
        totp_confirmed=confirmed,
    )
    return Account(made.user_id, username, role, password, made.totp_secret, tuple(teams))


def accounts_of_every_role(engine: Engine) -> dict[Role, Account]:
    return {role: make_account(engine, role) for role in Role}


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    if found is None:
        raise AssertionError("the page has no CSRF field")
    return found.group(1)


def with_csrf(
    client: httpx.Client, form: Mapping[str, str], page: str = "/console"
) -> dict[str, str]:
    """``form`` plus the CSRF token of the client's session (read from ``page``)."""
    return {**form, CSRF_FIELD: csrf_of(client.get(page).text)}


def _fresh_step(account: Account) -> float:
    """A moment whose TOTP step this account has not used yet (waits at most 30 s)."""
    while int(time.time() // 30) <= account.used_step:
        time.sleep(0.2)
    now = time.time()
    account.used_step = int(now // 30)
    return now


def sign_in(client: httpx.Client, account: Account) -> httpx.Response:
    """Sign in through the pages (password, then the TOTP code); returns the last answer,
    a redirect to ``/console`` when it worked. The client must not follow redirects."""
    page = client.get("/console/sign-in")
    answer = client.post(
        "/console/sign-in",
        data={"username": account.username, "password": account.password,
              CSRF_FIELD: csrf_of(page.text)},
    )
    if answer.status_code != 303:
        return answer
    step_page = client.get(answer.headers["location"])
    target = "/console/sign-in/code" if "sign-in/code" in answer.headers["location"] else (
        "/console/sign-in/enroll"
    )
    code = account.code(_fresh_step(account))
    return client.post(target, data={"code": code, CSRF_FIELD: csrf_of(step_page.text)})


def signed_in_session(client: httpx.Client, engine: Engine, account: Account) -> str:
    """Open a signed-in session for ``account`` directly and give ``client`` its cookie;
    returns the session's CSRF token."""
    policy = SessionPolicy(idle=timedelta(minutes=15), absolute=timedelta(hours=10))
    token, state = start_session(engine, policy, SIGNED_IN, account.user_id)
    client.cookies.set(SESSION_COOKIE, token, path="/console")
    return state.csrf_token

