"""In a real browser (Debian's chromium through Selenium, ``tests.support.browser``) against a
real ``hembesok-server serve`` process: a log reviewer signs in with password and TOTP, opens a
family's access-log extract by keyboard, and marks a flag reviewed with a note, by keyboard.
Screenshots: tests/output/screenshots/access_log_{start,extract,review,user}.png (looked at by hand:
calm, Swedish, readable at 1366×768)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlmodel import select

from hembesok_desktop.server import admin
from hembesok_desktop.server.access_flags import STOCKHOLM
from hembesok_desktop.server.console.roles import Role
from hembesok_desktop.server.db import read_session, write_session
from hembesok_desktop.server.models import AccessFlagReview, AccessLog, Device, FamilyScope, Team
from tests.support.browser import ConsoleServer, save_screenshot
from tests.support.console import make_account

pytestmark = pytest.mark.browser

NOTE = "Kvällsbesök enligt planering; kontrollerat med enhetschefen."


def _at(hour: int, minute: int) -> str:
    moment = datetime(2025, 3, 12, hour, minute, tzinfo=STOCKHOLM)  # a Wednesday
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _region(server: ConsoleServer) -> tuple[str, str]:
    """Anna (BVC Norrmalm) and Bo (BVC Söder); a Norrmalm family whose log has a day's
    entries, an evening open (outside working hours) and Bo's open (outside his teams).
    Returns the family's id and the evening entry's id."""
    engine = server.engine
    admin.add_team(engine, "BVC Norrmalm")
    admin.add_team(engine, "BVC Söder")
    anna = admin.add_nurse(
        engine, "anna.a", teams=["BVC Norrmalm"], full_name="Anna Andersson",
        title="Distriktssköterska", password="nurse password 1",
    )
    bo = admin.add_nurse(
        engine, "bo.b", teams=["BVC Söder"], full_name="Bo Berg",
        title="BVC-sjuksköterska", password="nurse password 2",
    )
    family, laptops = str(uuid.uuid4()), {"anna.a": str(uuid.uuid4()), "bo.b": str(uuid.uuid4())}
    entries = [
        (_at(8, 5), "anna.a", "sync-pull", "server"),
        (_at(9, 40), "anna.a", "open", "device"),
        (_at(10, 2), "anna.a", "print", "device"),
        (_at(13, 30), "bo.b", "open", "device"),
        (_at(21, 17), "anna.a", "open", "device"),
    ]
    with write_session(engine) as s:
        team = s.exec(select(Team.id).where(Team.name == "BVC Norrmalm")).one()
        s.add(Device(id=laptops["anna.a"], nurse_id=anna, name="Annas laptop",
                     token_hash=uuid.uuid4().hex))
        s.add(Device(id=laptops["bo.b"], nurse_id=bo, name="Bos laptop",
                     token_hash=uuid.uuid4().hex))
        s.add(FamilyScope(family_id=family, team_id=int(team or 0)))
        for n, (at, who, action, source) in enumerate(entries):
            s.add(AccessLog(id=f"{family[:8]}-{n}", source=source, family_id=family,
                            username=who, action=action, at=at, device_id=laptops[who]))
    return family, f"{family[:8]}-4"


def _keys() -> Any:
    from selenium.webdriver.common.keys import Keys

    return Keys


def _by() -> Any:
    from selenium.webdriver.common.by import By

    return By


def _wait(driver: Any, condition: Any) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, 15).until(condition)


def _fits_the_window(driver: Any) -> bool:
    return bool(
        driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    )


def _tab_to(driver: Any, predicate: Any, limit: int = 40) -> Any:
    """Press Tab until the focused element satisfies ``predicate`` (keyboard use only)."""
    for _ in range(limit):
        focused = driver.switch_to.active_element
        if predicate(focused):
            return focused
        focused.send_keys(_keys().TAB)
    raise AssertionError("the element cannot be reached with Tab")


def test_open_a_family_extract_and_mark_a_flag_reviewed(
    browser: Any, console_server: ConsoleServer
) -> None:
    by, keys, base = _by(), _keys(), console_server.base_url
    family, evening = _region(console_server)
    reviewer = make_account(console_server.engine, Role.LOG_REVIEWER, full_name="Rut Granskare")

    browser.get(f"{base}/console/sign-in")
    browser.find_element(by.ID, "field-username").send_keys(reviewer.username)
    browser.find_element(by.ID, "field-password").send_keys(reviewer.password + keys.ENTER)
    code = _wait(browser, lambda d: d.find_elements(by.ID, "field-code"))[0]
    code.send_keys(reviewer.code() + keys.ENTER)
    _wait(browser, lambda d: d.current_url == f"{base}/console")

    browser.get(f"{base}/console/access-log")
    assert browser.find_element(by.TAG_NAME, "h1").text == "Granska åtkomstloggen"
    assert _fits_the_window(browser)
    save_screenshot(browser, "access_log_start")
    field = _tab_to(browser, lambda e: e.get_attribute("id") == "field-id")
    field.send_keys(family + keys.ENTER)
    _wait(browser, lambda d: d.title.startswith("Utdrag ur åtkomstloggen"))
    table = browser.find_element(by.CSS_SELECTOR, "table.log-table")
    assert "Anna Andersson" in table.text and "Annas laptop" in table.text
    assert "2025-03-12 21:17" in table.text and "Utanför arbetstid" in table.text
    assert "Utanför sköterskans team" in browser.find_element(by.ID, f"entry-{family[:8]}-3").text
    assert _fits_the_window(browser)
    save_screenshot(browser, "access_log_extract")

    note_id = f"note-{evening}-outside_hours"
    note = _tab_to(browser, lambda e: e.get_attribute("id") == note_id)
    note.send_keys(NOTE)
    note.send_keys(keys.TAB)
    button = browser.switch_to.active_element
    assert button.text == "Markera granskad"
    button.send_keys(keys.ENTER)
    row_css = f"#entry-{evening}"
    _wait(browser, lambda d: "av Rut Granskare" in d.find_element(by.CSS_SELECTOR, row_css).text)
    row = browser.find_element(by.CSS_SELECTOR, row_css)
    assert NOTE in row.text and not row.find_elements(by.TAG_NAME, "textarea")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
    save_screenshot(browser, "access_log_review")
    browser.get(f"{base}/console/access-log/user?username=anna.a")
    assert "Rut Granskare" in browser.find_element(by.ID, f"entry-{evening}").text
    assert _fits_the_window(browser)
    save_screenshot(browser, "access_log_user")
    with read_session(console_server.engine) as s:
        stored = [(r.access_log_id, r.flag_kind, r.note) for r in s.exec(select(AccessFlagReview))]
    assert stored == [(evening, "outside_hours", NOTE)]
