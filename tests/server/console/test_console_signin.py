"""Signing in to the console: password (Argon2id, the enrollment throttle), then a TOTP code
(RFC 6238, one step either side, a used step refused); first-time enrollment with a QR code;
the session cookie's flags; idle and absolute expiry; sign-out; the audit log."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text, update
from sqlmodel import Session, select

from hembesok_desktop.server import throttle
from hembesok_desktop.server.console.access import CSRF_FIELD, SESSION_COOKIE
from hembesok_desktop.server.console.accounts import accept_totp
from hembesok_desktop.server.console.roles import Role
from hembesok_desktop.server.console.sessions import SIGNED_IN
from hembesok_desktop.server.models import ConsoleAccount, ConsoleAudit, ConsoleSession, utcnow
from tests.support.console import Account, console_app, csrf_of, make_account, sign_in


@pytest.fixture
def console(tmp_path: Path) -> Iterator[tuple[Engine, FastAPI]]:
    engine, app = console_app(tmp_path)
    yield engine, app
    app.state.engine.dispose()
    engine.dispose()


def _client(app: FastAPI, base_url: str = "http://testserver") -> TestClient:
    return TestClient(app, follow_redirects=False, base_url=base_url)


def _password_step(client: TestClient, account: Account, password: str | None = None):  # type: ignore[no-untyped-def]
    page = client.get("/console/sign-in")
    return client.post(
        "/console/sign-in",
        data={"username": account.username, "password": password or account.password,
              CSRF_FIELD: csrf_of(page.text)},
    )


def _actions(engine: Engine, user_id: int | None) -> list[str]:
    with Session(engine) as session:
        rows = session.exec(
            select(ConsoleAudit.action).where(ConsoleAudit.user_id == user_id)
            .order_by(ConsoleAudit.id)  # type: ignore[arg-type]
        ).all()
        return list(rows)


def test_password_then_code_signs_in_and_the_start_page_names_user_and_role(
    console: tuple[Engine, FastAPI],
) -> None:
    engine, app = console
    account = make_account(engine, Role.LOG_REVIEWER, full_name="Greta Granskare")
    client = _client(app)
    answer = sign_in(client, account)
    assert answer.status_code == 303 and answer.headers["location"] == "/console"
    start = client.get("/console")
    assert start.status_code == 200
    assert "Greta Granskare" in start.text and "Logggranskare" in start.text
    assert '<main id="main"' in start.text and 'class="skip-link"' in start.text
    assert _actions(engine, account.user_id) == [
        "signin.password_accepted", "signin", "view",
    ]


def test_the_session_cookie_is_httponly_strict_and_scoped_to_the_console(
    console: tuple[Engine, FastAPI],
) -> None:
    engine, app = console
    account = make_account(engine, Role.ADMIN)
    plain = _client(app)
    cookie = plain.get("/console/sign-in").headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/console" in cookie
    assert "secure" not in cookie  # plain HTTP: a Secure cookie would never come back
    tls = _client(app, "https://testserver")
    answer = sign_in(tls, account)
    assert answer.status_code == 303
    signed = answer.headers["set-cookie"].lower()
    assert "secure" in signed and "httponly" in signed and "samesite=strict" in signed


def test_a_wrong_password_is_refused_and_counts_against_the_shared_throttle(
    console: tuple[Engine, FastAPI],
) -> None:
    engine, app = console
    account = make_account(engine, Role.ADMIN)
    client = _client(app)
    for _ in range(throttle.USER_FREE):
        refused = _password_step(client, account, "wrong password")
        assert refused.status_code == 401
        assert "Användarnamnet eller lösenordet stämmer inte." in refused.text
    unknown = client.post(
        "/console/sign-in",
        data={"username": "nobody", "password": "x" * 12,
              CSRF_FIELD: csrf_of(client.get("/console/sign-in").text)},
    )
    assert unknown.status_code == 401
    _password_step(client, account, "wrong password")  # the 4th: the next must wait
    throttled = _password_step(client, account)  # right password, but too soon
    assert throttled.status_code == 429 and int(throttled.headers["Retry-After"]) >= 1
    with Session(engine) as session:
        row = session.get(throttle.LoginThrottle, throttle.user_key(f"console:{account.username}"))
        address = session.get(throttle.LoginThrottle, throttle.addr_key("testclient"))
    assert row is not None and row.failures == 5
    assert address is not None and address.failures == 6  # the same per-address count
    assert "signin.refused" in _actions(engine, None)


def test_a_used_code_is_refused_the_second_time(console: tuple[Engine, FastAPI]) -> None:
    engine, app = console
    account = make_account(engine, Role.FOLLOW_UP)
    now = time.time()
    code = account.code(now)
    assert accept_totp(engine, account.user_id, code, now=now)
    assert not accept_totp(engine, account.user_id, code, now=now)  # replay
    assert not accept_totp(engine, account.user_id, account.code(now - 30), now=now)  # older
    assert accept_totp(engine, account.user_id, account.code(now + 30), now=now)  # next step
    assert not accept_totp(engine, account.user_id, account.code(now + 90), now=now)  # too far
    client = _client(app)
    assert _password_step(client, account).status_code == 303
    page = client.get("/console/sign-in/code")
    replay = client.post(
        "/console/sign-in/code", data={"code": code, CSRF_FIELD: csrf_of(page.text)}
    )
    assert replay.status_code == 401 and "redan använts" in replay.text
    assert client.get("/console").status_code == 303


def test_first_sign_in_enrolls_the_authenticator_with_a_qr_code(
    console: tuple[Engine, FastAPI],
) -> None:
    engine, app = console
    account = make_account(engine, Role.UNIT_MANAGER, confirmed=False)
    client = _client(app)
    answer = _password_step(client, account)
    assert answer.headers["location"] == "/console/sign-in/enroll"
    assert client.get("/console/sign-in/code").headers["location"] == "/console/sign-in/enroll"
    page = client.get("/console/sign-in/enroll")
    assert page.status_code == 200 and "<svg" in page.text and "<path" in page.text
    assert " ".join(account.totp_secret[i : i + 4] for i in range(0, 32, 4)) in page.text
    wrong = client.post(
        "/console/sign-in/enroll", data={"code": "000000", CSRF_FIELD: csrf_of(page.text)}
    )
    assert wrong.status_code == 401 and "<svg" in wrong.text
    done = client.post(
        "/console/sign-in/enroll",
        data={"code": account.code(), CSRF_FIELD: csrf_of(wrong.text)},
    )
    assert done.status_code == 303 and done.headers["location"] == "/console"
    with Session(engine) as session:
        stored = session.get(ConsoleAccount, account.user_id)
        assert stored is not None and stored.totp_confirmed
    assert "totp.enrolled" in _actions(engine, account.user_id)


def test_each_step_gets_a_new_session_token(console: tuple[Engine, FastAPI]) -> None:
    engine, app = console
    account = make_account(engine, Role.ADMIN)
    client = _client(app)
    client.get("/console/sign-in")
    anonymous = client.cookies.get(SESSION_COOKIE)
    _password_step(client, account)
    pending = client.cookies.get(SESSION_COOKIE)
    sign_in(client, account)
    signed = client.cookies.get(SESSION_COOKIE)
    assert len({anonymous, pending, signed}) == 3
    with Session(engine) as session:
        stages = session.exec(select(ConsoleSession.stage)).all()
    assert stages == [SIGNED_IN]  # the earlier sessions are gone; and only hashes are stored
    with engine.connect() as connection:
        hashes = connection.execute(text("SELECT token_hash FROM console_session")).scalars()
        assert signed not in list(hashes)


def _age_sessions(engine: Engine, *, idle: timedelta, age: timedelta) -> None:
    now = utcnow()
    with Session(engine) as session:
        session.exec(
            update(ConsoleSession).values(last_seen_at=now - idle, created_at=now - age)
        )
        session.commit()


def test_an_idle_session_and_an_old_session_end(console: tuple[Engine, FastAPI]) -> None:
    engine, app = console
    account = make_account(engine, Role.ADMIN)
    client = _client(app)
    sign_in(client, account)
    _age_sessions(engine, idle=timedelta(minutes=14), age=timedelta(hours=1))
    assert client.get("/console").status_code == 200  # 14 idle minutes: still alive
    _age_sessions(engine, idle=timedelta(minutes=16), age=timedelta(hours=1))
    assert client.get("/console").headers["location"] == "/console/sign-in"
    client = _client(app)
    sign_in(client, make_account(engine, Role.ADMIN))  # another account: no wait for a step
    _age_sessions(engine, idle=timedelta(minutes=1), age=timedelta(hours=11))
    assert client.get("/console").headers["location"] == "/console/sign-in"


def test_sign_out_ends_the_session(console: tuple[Engine, FastAPI]) -> None:
    engine, app = console
    account = make_account(engine, Role.FOLLOW_UP)
    client = _client(app)
    sign_in(client, account)
    token = client.cookies.get(SESSION_COOKIE)
    out = client.post("/console/sign-out", data={CSRF_FIELD: csrf_of(client.get("/console").text)})
    assert out.status_code == 303 and out.headers["location"] == "/console/sign-in"
    again = _client(app)
    again.cookies.set(SESSION_COOKIE, token or "", path="/console")
    assert again.get("/console").status_code == 303
    assert _actions(engine, account.user_id)[-1] == "signout"


def test_a_deactivated_account_is_signed_out_and_cannot_sign_in(
    console: tuple[Engine, FastAPI],
) -> None:
    engine, app = console
    account = make_account(engine, Role.ADMIN)
    client = _client(app)
    sign_in(client, account)
    with Session(engine) as session:
        session.exec(
            update(ConsoleAccount).where(ConsoleAccount.id == account.user_id)  # type: ignore[arg-type]
            .values(active=False)
        )
        session.commit()
    assert client.get("/console").status_code == 303
    assert _password_step(_client(app), account).status_code == 401


def test_english_is_chosen_with_a_link_and_kept_in_a_cookie(
    console: tuple[Engine, FastAPI],
) -> None:
    _engine, app = console
    client = _client(app)
    assert "Logga in" in client.get("/console/sign-in").text
    switch = client.get("/console/language", params={"lang": "en", "next": "/console/sign-in"})
    assert switch.status_code == 303 and switch.headers["location"] == "/console/sign-in"
    page = client.get("/console/sign-in")
    assert '<html lang="en">' in page.text and "Sign in" in page.text
    away = client.get("/console/language", params={"lang": "sv", "next": "https://evil.example"})
    assert away.headers["location"] == "/console"
