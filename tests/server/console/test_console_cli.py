"""``hembesok-server admin add-console-user`` through the real command line: the account it
makes signs in with the TOTP secret it prints, and bad requests exit non-zero with one
sentence and change nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pyotp
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from hembesok_desktop.server.app import create_app
from hembesok_desktop.server.console.access import CSRF_FIELD
from hembesok_desktop.server.db import make_engine
from hembesok_desktop.server.settings import ServerSettings
from tests.support.console import csrf_of
from tests.support.server_harness import run_admin

PASSWORD = "console cli password"


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    assert run_admin(url, "add-team", "BVC Söder").returncode == 0
    return url


def _accounts(url: str) -> list[tuple[object, ...]]:
    engine = make_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT username, role, full_name, totp_confirmed FROM console_user")
        ).all()
        teams = connection.execute(text("SELECT user_id, team_id FROM console_user_team")).all()
    engine.dispose()
    return [tuple(row) for row in rows] + [("team", *t) for t in teams]


def test_the_printed_secret_signs_the_new_account_in(db: str) -> None:
    done = run_admin(
        db, "add-console-user", "maria", "--role", "unit_manager", "--team", "BVC Söder",
        "--name", "Maria Chef", password=PASSWORD,
    )
    assert done.returncode == 0, done.stderr
    assert "Console account 1 added (unit_manager)." in done.stdout
    secret = re.search(r"secret: ([A-Z2-7]{32})", done.stdout)
    assert secret is not None
    assert f"otpauth://totp/Hembes%C3%B6k:maria?secret={secret.group(1)}" in done.stdout
    assert PASSWORD not in done.stdout + done.stderr
    assert _accounts(db) == [("maria", "unit_manager", "Maria Chef", False), ("team", 1, 1)]

    app = create_app(ServerSettings(database_url=db))
    client = TestClient(app, follow_redirects=False)
    page = client.get("/console/sign-in")
    step = client.post(
        "/console/sign-in",
        data={"username": "maria", "password": PASSWORD, CSRF_FIELD: csrf_of(page.text)},
    )
    assert step.headers["location"] == "/console/sign-in/enroll"
    enroll = client.get("/console/sign-in/enroll")
    code = pyotp.TOTP(secret.group(1)).now()
    signed = client.post(
        "/console/sign-in/enroll", data={"code": code, CSRF_FIELD: csrf_of(enroll.text)}
    )
    assert signed.headers["location"] == "/console"
    start = client.get("/console")
    assert "Maria Chef" in start.text and "BVC Söder" in start.text
    app.state.engine.dispose()


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (["--role", "unit_manager"], PASSWORD, "A unit manager needs at least one team."),
        (["--role", "administrator", "--team", "BVC Söder"], PASSWORD,
         "Only a unit manager's account is limited to teams."),
        (["--role", "unit_manager", "--team", "BVC Nowhere"], PASSWORD,
         "There is no team with that name."),
        (["--role", "follow_up"], "short", "The password must be at least 8 characters long."),
        (["--role", "follow_up"], None, "No password given"),
    ],
    ids=["no-team", "team-for-admin", "unknown-team", "short-password", "no-password"],
)
def test_bad_requests_exit_1_with_one_sentence_and_change_nothing(
    db: str, args: list[str], password: str | None, message: str
) -> None:
    done = run_admin(db, "add-console-user", "erik", *args, password=password)
    assert done.returncode == 1
    assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert _accounts(db) == []


def test_an_unknown_role_is_a_usage_error_and_a_duplicate_is_refused(db: str) -> None:
    unknown = run_admin(db, "add-console-user", "erik", "--role", "superuser", password=PASSWORD)
    assert unknown.returncode == 2 and "invalid choice" in unknown.stderr
    assert run_admin(
        db, "add-console-user", "erik", "--role", "log_reviewer", password=PASSWORD
    ).returncode == 0
    again = run_admin(db, "add-console-user", "erik", "--role", "follow_up", password=PASSWORD)
    assert again.returncode == 1
    assert "A console account with that user name already exists." in again.stderr
    assert _accounts(db) == [("erik", "log_reviewer", "erik", False)]
