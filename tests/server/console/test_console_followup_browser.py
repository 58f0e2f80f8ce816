"""The follow-up and sync-health pages in a real browser (Debian's chromium, Selenium) against
a real server process: the hand-worked region (``tests.support.followup_region``) is pushed
through the server's sync endpoints by an enrolled device, then the follow-up role signs in
(password and TOTP) and sees the region's figures with counts below 5 as "<5", and the
administrator sees which devices have not synced. Screenshots under tests/output/screenshots/
(looked at by hand: calm, Swedish, charts readable, keyboard focus visible at 1366×768)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from sqlmodel import Session, select

from hembesok_desktop.server import admin
from hembesok_desktop.server.console.roles import Role
from hembesok_desktop.server.models import Device, Record
from tests.support.browser import (
    ConsoleServer,
    by,
    fits_the_window,
    save_screenshot,
    sign_in,
    wait_for_path,
)
from tests.support.console import make_account
from tests.support.followup_region import build_region
from tests.support.server_harness import NURSE_NAME, TEST_PASSWORD, SyncClient

pytestmark = pytest.mark.browser

NORR, SODER = "BVC Norr", "BVC Söder"


def _sign_out(driver: Any) -> None:
    driver.find_element(by("css"), "form.sign-out button").click()
    wait_for_path(driver, "/console/sign-in")


def _tab_to(driver: Any, element_id: str, most: int = 30) -> Any:
    """Press Tab until ``element_id`` has the keyboard focus (as someone without a mouse)."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    for _ in range(most):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        focused = driver.switch_to.active_element
        if focused.get_attribute("id") == element_id:
            return focused
    raise AssertionError(f"#{element_id} is not reachable by Tab")


def _region(server: ConsoleServer) -> None:
    """The hand-worked region, pushed by a nurse's laptop; two more laptops, one quiet for
    12 days with refused changes, one never synced; one stored row that fails the schema."""
    engine = server.engine
    admin.add_team(engine, NORR)
    admin.add_team(engine, SODER)
    admin.add_nurse(
        engine, "anna.berg", teams=[NORR, SODER], full_name=NURSE_NAME,  # the region's author
        title="BVC-sjuksköterska", password=TEST_PASSWORD,
    )
    admin.add_nurse(
        engine, "sara.lind", teams=[SODER], full_name="Sara Lind", title="BVC-sjuksköterska",
        password=TEST_PASSWORD,
    )
    with SyncClient.enroll(server.base_url, "anna.berg", TEST_PASSWORD, "Anna laptop") as c:
        region = build_region(c, engine, NORR, SODER)
    SyncClient.enroll(server.base_url, "sara.lind", TEST_PASSWORD, "Sara laptop").close()
    SyncClient.enroll(server.base_url, "sara.lind", TEST_PASSWORD, "Sara reserv").close()
    now = dt.datetime.now(dt.UTC)
    with Session(engine) as session:  # as the sync endpoints record them (migration 0004)
        for device in session.exec(select(Device)):
            if device.name == "Anna laptop":
                device.last_push_at, device.last_pull_at = now - dt.timedelta(hours=2), now
            elif device.name == "Sara laptop":
                device.last_push_at = now - dt.timedelta(days=12, hours=3)
                device.refused_changes = 2
            else:  # enrolled 20 days ago and never synced
                device.created_at = now - dt.timedelta(days=20)
            session.add(device)
        session.add(
            Record(
                entity="vaccination",
                row_id=str(uuid.uuid4()),
                family_id=region.children["s2"][0],
                seq=None,
                doc={"child_id": {"value": 7, "hlc": "x"}},
            )
        )
        session.commit()


def _cells(driver: Any, header: str) -> list[str]:
    row = driver.find_element(
        by("xpath"), f"//section[@aria-labelledby='h-participation']//tr[th='{header}']"
    )
    return [cell.text for cell in row.find_elements(by("tag"), "td")]


def test_follow_up_role_sees_suppressed_figures_and_the_administrator_sync_health(
    browser: Any, console_server: ConsoleServer
) -> None:
    _region(console_server)
    follow_up = make_account(console_server.engine, Role.FOLLOW_UP, full_name="Maria Ek")
    sign_in(browser, console_server.base_url, follow_up)
    browser.find_element(by("css"), ".main-nav a[href='/console/followup']").click()
    wait_for_path(browser, "/console/followup")

    assert browser.find_element(by("tag"), "h1").text == "Programuppföljning: Hela regionen"
    assert "Antal under 5 visas som ”<5”." in browser.find_element(by("css"), ".lead").text
    # hand-worked (tests/server/test_console_followup.py): HB1 8/6/6, HB2 8/4/3 -> <5
    assert _cells(browser, "HB1") == ["8", "6 (75 %)", "6 (75 %)"]
    assert _cells(browser, "HB2") == ["8", "<5", "<5"]
    charts = browser.find_elements(by("css"), ".chart-box svg[role=img]")
    assert len(charts) == 2 and all(chart.size["width"] >= 400 for chart in charts)
    assert "HB2: <5" in charts[0].find_element(by("tag"), "desc").get_attribute("textContent")
    main = browser.find_element(by("tag"), "main").text
    for secret in ("Barn n1", "Testsson", NURSE_NAME):
        assert secret not in main
    focused = _tab_to(browser, "field-team")
    assert focused.value_of_css_property("outline-style") == "solid"
    assert fits_the_window(browser)
    save_screenshot(browser, "console_followup")
    browser.execute_script("document.getElementById('h-screenings').scrollIntoView()")
    save_screenshot(browser, "console_followup_tables")
    browser.execute_script("document.getElementById('h-outcomes').scrollIntoView()")
    save_screenshot(browser, "console_followup_outcomes")
    _sign_out(browser)

    administrator = make_account(console_server.engine, Role.ADMIN, full_name="Per Holm")
    sign_in(browser, console_server.base_url, administrator)
    browser.find_element(by("css"), ".main-nav a[href='/console/sync-health']").click()
    wait_for_path(browser, "/console/sync-health")
    quiet = browser.find_element(by("css"), "[aria-labelledby=h-quiet] tbody").text
    assert "Sara laptop" in quiet and "Sara reserv" in quiet and "Anna laptop" not in quiet
    devices = browser.find_element(by("css"), "[aria-labelledby=h-devices]").text
    assert "Anna laptop" in devices and "aldrig" in devices
    set_aside = browser.find_element(by("css"), "[aria-labelledby=h-set-aside] tbody").text
    assert set_aside.count("BVC Söder") == 1
    _tab_to(browser, "field-days")
    assert fits_the_window(browser)
    save_screenshot(browser, "console_sync_health")
    browser.execute_script("document.getElementById('h-devices').scrollIntoView()")
    save_screenshot(browser, "console_sync_health_devices")
