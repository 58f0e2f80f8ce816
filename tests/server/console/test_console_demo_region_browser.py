"""The follow-up figures of a demo region in a real browser (Debian's chromium, Selenium): a
nurse's laptop filled with the demo caseload (``demo.caseload``, 40 fictional families) syncs
with a real server process; the follow-up role signs in (password and TOTP), opens the
follow-up page, and sees the region's children counted as the laptop's own evaluation export
counts them. The region's CSV, downloaded with the browser's session, holds the same figures
as the laptop's ``export-figures --aggregate`` of the same data. Screenshot under
tests/output/screenshots/console_followup_demo_region.png.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import httpx
import pytest

from hembesok_desktop.demo.caseload import fill_demo_caseload
from hembesok_desktop.domain.planning import today_in_stockholm
from hembesok_desktop.server import admin
from hembesok_desktop.server.console.roles import Role
from hembesok_desktop.store.evaluation_export import evaluation_records, export_aggregate_csv
from tests.support.browser import (
    ConsoleServer,
    by,
    save_screenshot,
    sign_in,
    wait_for_path,
)
from tests.support.catalogue import CATALOGUE
from tests.support.console import make_account
from tests.support.sync import sync_store
from tests.sync.conftest import PASSWORD, create_store, enroll_store

pytestmark = pytest.mark.browser

TEAM = "BVC Demoby"
FAMILIES = 40


def _demo_laptop(server: ConsoleServer, folder: Path) -> tuple[int, str]:
    """The demo caseload on a laptop that synced it; the laptop's child count and its
    aggregate export (as of today, as the console counts)."""
    admin.add_team(server.engine, TEAM)
    admin.add_nurse(
        server.engine, "demo.nurse", teams=[TEAM], full_name="Demo Sköterska",
        title="BVC-sjuksköterska", password=PASSWORD,
    )
    store = create_store(folder)
    try:
        enroll_store(store, server.base_url, "demo.nurse")
        fill_demo_caseload(store, catalogue=CATALOGUE, families=FAMILIES, seed=5)
        summary = sync_store(store)
        assert summary.rejected == 0 and summary.pushed > 0
        today = today_in_stockholm()
        out = io.StringIO()
        with store.read() as session:
            children = len(evaluation_records(session, today=today, catalogue=CATALOGUE))
            export_aggregate_csv(session, out, today=today, catalogue=CATALOGUE)
    finally:
        store.lock()
    return children, out.getvalue()


def _without_team(text: str) -> list[list[str]]:
    """The CSV's rows with the team column blanked: the laptop keys its one team as the
    family's own team field ("unassigned" for the demo), the server by the team's name."""
    rows = list(csv.reader(io.StringIO(text)))
    return [[*row[:1], "", *row[2:]] for row in rows]


def test_follow_up_role_sees_the_demo_regions_figures_as_the_laptop_counts_them(
    browser: Any, console_server: ConsoleServer, tmp_path: Path
) -> None:
    children, laptop_csv = _demo_laptop(console_server, tmp_path / "laptop")
    assert children > 0
    follow_up = make_account(console_server.engine, Role.FOLLOW_UP, full_name="Maria Ek")
    sign_in(browser, console_server.base_url, follow_up)
    browser.find_element(by("css"), ".main-nav a[href='/console/followup']").click()
    wait_for_path(browser, "/console/followup")

    main = browser.find_element(by("tag"), "main").text
    assert f"Barn i programmet: {children}" in main
    assert "Demo Sköterska" not in main  # aggregates only: no names
    charts = browser.find_elements(by("css"), ".chart-box svg[role=img]")
    assert charts and all(chart.size["width"] >= 400 for chart in charts)
    save_screenshot(browser, "console_followup_demo_region")

    cookies = {c["name"]: c["value"] for c in browser.get_cookies()}
    with httpx.Client(base_url=console_server.base_url, cookies=cookies) as http:
        answer = http.get("/console/followup/region.csv")
    assert answer.status_code == 200
    console_csv = answer.content.decode("utf-8-sig")
    assert _without_team(console_csv) == _without_team(laptop_csv)
    assert len(_without_team(console_csv)) > 10
