"""``hembesok --demo``: the embedded demo server runs the region's console, with a demo account
of each role, and the demo prints the console's address and the demo credentials (a TOTP
secret marked DEMO) on stdout; those printed credentials sign in over real HTTP."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pyotp
import pytest

from hembesok_desktop.demo.console import DEMO_CONSOLE_ACCOUNTS, DEMO_TOTP_SECRET
from hembesok_desktop.demo.server import start_embedded_server
from hembesok_desktop.demo.store import create_demo_store
from hembesok_desktop.server.console.access import CSRF_FIELD
from hembesok_desktop.ui.app import demo_server_hook
from tests.conftest import CHEAP_KDF
from tests.support.catalogue import CATALOGUE
from tests.support.console import csrf_of


def _sign_in(console_url: str, username: str, password: str, secret: str) -> httpx.Response:
    with httpx.Client(base_url=console_url.removesuffix("/console"), timeout=30) as client:
        form = client.get("/console/sign-in")
        step = client.post(
            "/console/sign-in",
            data={"username": username, "password": password, CSRF_FIELD: csrf_of(form.text)},
        )
        assert step.status_code == 303 and step.headers["location"] == "/console/sign-in/code"
        code_page = client.get("/console/sign-in/code")
        done = client.post(
            "/console/sign-in/code",
            data={"code": pyotp.TOTP(secret).now(), CSRF_FIELD: csrf_of(code_page.text)},
        )
        assert done.status_code == 303 and done.headers["location"] == "/console"
        return client.get("/console")


def test_the_demo_prints_the_console_and_its_credentials_and_they_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "demo"
    create_demo_store(folder, catalogue=CATALOGUE, families=2, kdf=CHEAP_KDF)
    server = demo_server_hook(folder)
    assert server is not None
    try:
        printed = capsys.readouterr().out
        url = re.search(r"console:\s+(http://127\.0\.0\.1:\d+/console)\n", printed)
        password = re.search(r"password:\s+(\S+)", printed)
        secret = re.search(r"TOTP secret:\s+([A-Z2-7]+)\s+\(DEMO secret", printed)
        assert url and password and secret, printed
        assert url.group(1) == server.console_url
        assert "DEMO" in secret.group(1)
        for account in DEMO_CONSOLE_ACCOUNTS:
            assert f"{account.username} ({account.role.value})" in printed
        admin = DEMO_CONSOLE_ACCOUNTS[0]
        start = _sign_in(url.group(1), admin.username, password.group(1), secret.group(1))
        assert start.status_code == 200
        assert "Demo Administratör" in start.text and "Administratör" in start.text
    finally:
        server.stop()


def test_a_restarted_demo_server_keeps_one_account_per_role(tmp_path: Path) -> None:
    with start_embedded_server(tmp_path / "server") as server:
        manager = DEMO_CONSOLE_ACCOUNTS[1]
        page = _sign_in(server.console_url, manager.username, "demo-konsol", DEMO_TOTP_SECRET)
        assert "BVC Demo" in page.text  # the unit manager's team
    with start_embedded_server(tmp_path / "server") as again:  # same file: nothing added twice
        health = httpx.get(f"{again.console_url}/sign-in", timeout=10)
        assert health.status_code == 200
    from sqlalchemy import text

    from hembesok_desktop.server.db import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'server' / 'server.sqlite3'}")
    with engine.connect() as connection:
        roles = connection.execute(text("SELECT role FROM console_user ORDER BY id")).scalars()
        assert list(roles) == [a.role.value for a in DEMO_CONSOLE_ACCOUNTS]
    engine.dispose()
