"""The console's authorization matrix: every route under ``/console`` of the real app, for an
anonymous visitor, a nurse's device token and a signed-in user of each role, against what its
page module declares in ``ACCESS`` (``console.collect_access``).

* A route the app serves without a declared expectation fails (and so does a declaration of a
  route that no longer exists).
* GET: anonymous and the device token are sent to the sign-in page (303) on every route that
  needs a role; each role gets 403 where it is not declared, and never 401/403 where it is.
  A public route answers the device token exactly as it answers anyone.
* POST: without the session's CSRF token every subject gets 403; with it, as for GET.
* A console session cookie opens neither push nor pull.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from starlette.routing import Mount

from hembesok_desktop.server import admin
from hembesok_desktop.server.auth import enroll_device
from hembesok_desktop.server.console import collect_access
from hembesok_desktop.server.console.access import CSRF_FIELD, PUBLIC, SESSION_COOKIE
from hembesok_desktop.server.console.roles import Role
from tests.support.console import (
    Account,
    accounts_of_every_role,
    console_app,
    csrf_of,
    signed_in_session,
)

DECLARED = collect_access()
SUBJECTS = ["anonymous", "device", *[role.value for role in Role]]
SIGN_IN = "/console/sign-in"


@dataclass
class Console:
    engine: Engine
    app: FastAPI
    accounts: dict[Role, Account]
    device_token: str


@pytest.fixture(scope="module")
def console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Console]:
    engine, app = console_app(tmp_path_factory.mktemp("console"))
    admin.add_team(engine, "BVC Matris")
    nurse_id = admin.add_nurse(
        engine, "matris", teams=["BVC Matris"], full_name="Matris Syster",
        title="BVC-sjuksköterska", password="nurse password 1",
    )
    _device, token = enroll_device(engine, nurse_id, "laptop")
    yield Console(engine, app, accounts_of_every_role(engine), token)
    app.state.engine.dispose()
    engine.dispose()


def served_routes(app: FastAPI) -> set[tuple[str, str]]:
    """(method, path template) of every route of ``app`` under ``/console``."""
    found: set[tuple[str, str]] = set()
    for context in iter_route_contexts(app.routes):
        path = context.path or ""
        if not path.startswith("/console"):
            continue
        if isinstance(context.original_route, Mount):
            found.add(("GET", path))
            continue
        assert isinstance(context.original_route, APIRoute), path
        found.update((method, path) for method in context.methods or () if method != "HEAD")
    return found


def concrete(method: str, path: str) -> str:
    if path == "/console/static":
        return "/console/static/console.css"
    return re.sub(r"\{[^}]+\}", str(uuid.UUID(int=0)), path)


def client_for(console: Console, subject: str) -> tuple[httpx.Client, str]:
    """A client as ``subject`` and the CSRF token of its session ("" for the device)."""
    client = TestClient(console.app, follow_redirects=False)
    if subject == "device":
        client.headers["Authorization"] = f"Bearer {console.device_token}"
        return client, ""
    if subject == "anonymous":
        return client, csrf_of(client.get(SIGN_IN).text)
    return client, signed_in_session(client, console.engine, console.accounts[Role(subject)])


def test_every_console_route_declares_who_may_use_it(console: Console) -> None:
    served = served_routes(console.app)
    undeclared = sorted(served - DECLARED.keys())
    stale = sorted(DECLARED.keys() - served)
    assert not undeclared, f"routes without an ACCESS entry: {undeclared}"
    assert not stale, f"ACCESS entries of routes the app does not serve: {stale}"
    assert ("GET", "/console") in served and ("POST", "/console/sign-out") in served


def _allowed(expectation: object, subject: str) -> bool:
    if expectation == PUBLIC:
        return True
    assert isinstance(expectation, frozenset)
    return subject not in ("anonymous", "device") and Role(subject) in expectation


def _check(answer: httpx.Response, expectation: object, subject: str, what: str) -> None:
    assert answer.status_code < 500, what
    if expectation == PUBLIC:  # open to all; the sign-in form answers wrong credentials 401
        assert answer.status_code != 403, what
    elif _allowed(expectation, subject):
        assert answer.status_code not in (401, 403), what
    elif subject in ("anonymous", "device"):
        assert answer.status_code == 303 and answer.headers["location"] == SIGN_IN, what
    else:
        assert answer.status_code == 403, what
        assert "Din roll ger inte tillgång till den här sidan." in answer.text


@pytest.mark.parametrize("subject", SUBJECTS)
@pytest.mark.parametrize("route", sorted(DECLARED), ids=lambda r: f"{r[0]} {r[1]}")
def test_route_answers_each_subject_as_declared(
    console: Console, route: tuple[str, str], subject: str
) -> None:
    method, template = route
    expectation = DECLARED[route]
    path = concrete(method, template)
    client, csrf = client_for(console, subject)
    what = f"{subject} {method} {path}"
    if method == "GET":
        answer = client.get(path)
        _check(answer, expectation, subject, what)
        if expectation == PUBLIC and subject == "device":
            plain = TestClient(console.app, follow_redirects=False).get(path)
            assert answer.status_code == plain.status_code, what
        return
    refused = client.request(method, path, data={"x": "1"})
    assert refused.status_code == 403, f"{what} without a CSRF token"
    assert "säkerhetskod" in refused.text
    wrong = client.request(method, path, data={CSRF_FIELD: "not-the-token"})
    assert wrong.status_code == 403, f"{what} with a wrong CSRF token"
    if subject == "device":
        return  # a device has no console session, so no CSRF token at all
    answer = client.request(method, path, data={CSRF_FIELD: csrf})
    _check(answer, expectation, subject, what)


def test_a_console_session_never_pushes_or_pulls(console: Console) -> None:
    client, _csrf = client_for(console, Role.ADMIN.value)
    token = client.cookies.get(SESSION_COOKIE)
    assert token
    cookie = {"Cookie": f"{SESSION_COOKIE}={token}"}
    pull = client.get("/api/v1/sync/pull", headers=cookie)
    push = client.post(
        "/api/v1/sync/push", headers=cookie,
        json={"protocol": 1, "batch_id": "b1", "changes": []},
    )
    assert pull.status_code == 401 and push.status_code == 401
    assert client.get("/console").status_code == 200  # the same session opens the console


def test_a_device_token_opens_no_console_page_but_still_syncs(console: Console) -> None:
    client, _ = client_for(console, "device")
    assert client.get("/api/v1/sync/pull").status_code == 200
    for role_route in [r for r, e in DECLARED.items() if e != PUBLIC and r[0] == "GET"]:
        answer = client.get(concrete(*role_route))
        assert answer.status_code == 303 and answer.headers["location"] == SIGN_IN

