"""The follow-up and sync-health pages through the real app (``create_app``): the hand-worked
region pushed through the app's own sync endpoints, figures as each role sees them, the
region-wide CSV, suppression, and refusals."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from hembesok_desktop.server import admin
from hembesok_desktop.server.console.pages.followup import size_text
from hembesok_desktop.server.console.roles import Role
from hembesok_desktop.server.models import Device
from tests.support.console import Account, console_app, make_account, signed_in_session
from tests.support.followup_region import build_region
from tests.support.server_harness import TEST_PASSWORD, SyncClient


@dataclass
class Site:
    engine: Engine
    app: FastAPI
    norr: str
    soder: str
    team_ids: dict[str, int]
    accounts: dict[str, Account]


class _AppClient(SyncClient):
    """The test harness's sync client over the app in-process (``TestClient`` is httpx)."""

    def __init__(self, http: TestClient, token: str) -> None:
        self.base_url, self.token, self.device_id, self.cursor = "", token, "", None
        self.http = http
        http.headers["Authorization"] = f"Bearer {token}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    engine, app = console_app(tmp_path_factory.mktemp("followup-pages"))
    norr, soder = f"BVC Norr {uuid.uuid4().hex[:4]}", f"BVC Söder {uuid.uuid4().hex[:4]}"
    ids = {norr: admin.add_team(engine, norr), soder: admin.add_team(engine, soder)}
    admin.add_nurse(
        engine,
        "both",
        teams=[norr, soder],
        full_name="Test Nurse",
        title="BVC nurse",
        password=TEST_PASSWORD,
    )
    with TestClient(app) as http:
        answer = http.post(
            "/api/v1/enroll",
            json={"username": "both", "password": TEST_PASSWORD, "device_name": "laptop"},
        )
        answer.raise_for_status()
        build_region(_AppClient(http, answer.json()["token"]), engine, norr, soder)
    accounts = {
        "admin": make_account(engine, Role.ADMIN),
        "follow_up": make_account(engine, Role.FOLLOW_UP),
        "manager": make_account(engine, Role.UNIT_MANAGER, teams=[soder]),
        "reviewer": make_account(engine, Role.LOG_REVIEWER),
    }
    yield Site(engine, app, norr, soder, ids, accounts)
    engine.dispose()


def _client(site: Site, who: str) -> TestClient:
    client = TestClient(site.app, follow_redirects=False)
    signed_in_session(client, site.engine, site.accounts[who])
    return client


def _row(html: str, header: str) -> list[str]:
    """The cells of the table row whose header cell is ``header``."""
    found = re.search(rf"<tr><th scope=\"row\">{re.escape(header)}</th>(.*?)</tr>", html)
    assert found, header
    return re.findall(r"<td[^>]*>(.*?)</td>", found.group(1))


def test_the_administrator_sees_exact_region_figures(site: Site) -> None:
    html = _client(site, "admin").get("/console/followup").text
    # hand-worked in tests/server/test_console_followup.py: region HB1 8/6/6, HB2 8/4/3
    assert _row(html, "HB1") == ["8", "6 (75 %)", "6 (75 %)"]
    assert _row(html, "HB2") == ["8", "4 (50 %)", "3 (38 %)"]
    assert "<title" in html and "<desc" in html  # the charts' accessible names
    assert "Ladda ned regionens CSV" in html
    for secret in ("Barn n1", "Testsson", "Samtal hållet"):
        assert secret not in html


def test_the_follow_up_role_sees_counts_below_5_suppressed(site: Site) -> None:
    html = _client(site, "follow_up").get("/console/followup").text
    assert _row(html, "HB1") == ["8", "6 (75 %)", "6 (75 %)"]
    assert _row(html, "HB2") == ["8", "&lt;5", "&lt;5"]  # 4 made, 3 on time
    norr = site.team_ids[site.norr]
    team = _client(site, "follow_up").get(f"/console/followup?team={norr}").text
    assert _row(team, "HB1") == ["6", "5 (83 %)", "5 (83 %)"]
    assert _row(team, "HB2") == ["6", "&lt;5", "&lt;5"]


def test_a_unit_manager_sees_her_team_only_with_exact_counts(site: Site) -> None:
    client = _client(site, "manager")
    html = client.get("/console/followup").text
    assert _row(html, "HB1") == ["2", "1 (50 %)", "1 (50 %)"]  # Söder only
    assert site.norr not in html
    assert "Ladda ned regionens CSV" not in html
    norr = site.team_ids[site.norr]
    assert client.get(f"/console/followup?team={norr}").status_code == 404
    assert client.get("/console/followup/region.csv").status_code == 403


def test_the_region_csv_is_the_laptops_export_suppressed(site: Site) -> None:
    answer = _client(site, "follow_up").get("/console/followup/region.csv")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    lines = answer.text.splitlines()
    assert lines[0] == (
        "programme_id,team_id,age_point,measure,category,count,denominator,bhvq_variable"
    )
    assert any(
        line.startswith(f"extended_home_visits,{site.soder},HB1,contacts_made,,<5,<5")
        for line in lines
    )
    assert any(
        line.startswith(f"extended_home_visits,{site.norr},HB1,contacts_made,,5,6")
        for line in lines
    )


def test_bad_input_and_other_roles_are_refused(site: Site) -> None:
    admin_client = _client(site, "admin")
    assert admin_client.get("/console/followup?team=abc").status_code == 422
    assert admin_client.get("/console/followup?team=999999").status_code == 404
    assert admin_client.get("/console/sync-health?days=0").status_code == 422
    reviewer = _client(site, "reviewer")
    for path in ("/console/followup", "/console/followup/region.csv", "/console/sync-health"):
        assert reviewer.get(path).status_code == 403
    assert _client(site, "follow_up").get("/console/sync-health").status_code == 403
    anonymous = TestClient(site.app, follow_redirects=False)
    assert anonymous.get("/console/followup").status_code == 303


def test_sync_health_page_lists_devices_and_sizes_for_the_administrator(site: Site) -> None:
    html = _client(site, "admin").get("/console/sync-health?days=1").text
    assert "Datorer som inte synkat på 1 dagar" in html
    assert "laptop" in html and "Databasen" in html
    manager = _client(site, "manager").get("/console/sync-health").text
    assert "Databasen" not in manager  # sizes are the administrator's
    assert "laptop" in manager  # the nurse is in her team too


def test_sync_health_shows_each_devices_last_sync_in_swedish_time(site: Site) -> None:
    pushed = dt.datetime(2026, 6, 30, 22, 15, tzinfo=dt.UTC)  # 00:15 on 1 July in Sweden
    with Session(site.engine) as session:  # as the sync endpoints record it (migration 0004)
        device = session.exec(select(Device).where(col(Device.name) == "laptop")).one()
        device.last_push_at, device.last_pull_at = pushed, pushed - dt.timedelta(days=2)
        device.refused_changes = 3
        session.add(device)
        session.commit()
    html = _client(site, "admin").get("/console/sync-health?days=7").text
    quiet = html.split('id="h-quiet"')[1].split("</section>")[0]
    assert "laptop" in quiet and "2026-07-01 00:15" in quiet  # quiet since July
    devices = html.split('id="h-devices"')[1].split("</section>")[0]
    assert re.search(r"2026-07-01 00:15</td><td class=\"number\">3</td>", devices)
    assert "2026-06-28" not in devices  # the later of push and pull


def test_sizes_are_written_for_people() -> None:
    assert size_text(180 * 1024 + 100, "sv") == "180 KiB"
    assert size_text(12 * 1024 * 1024 + 512 * 1024, "sv") == "12,5 MiB"
    assert size_text(12 * 1024 * 1024 + 512 * 1024, "en") == "12.5 MiB"
