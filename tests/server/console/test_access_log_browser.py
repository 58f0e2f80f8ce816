"""In a real browser (Debian's chromium through Selenium) against a real ``hembesok-server
serve`` process: a log reviewer signs in with password and TOTP, opens a family's access-log
extract by keyboard, and marks its flag reviewed with a note. Screenshots of the extract and
of the review are saved (``HEMBESOK_SCREENSHOT_DIR``, default the test's temporary folder)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import select

from hembesok_desktop.server import admin
from hembesok_desktop.server.access_flags import STOCKHOLM
from hembesok_desktop.server.console.roles import Role
from hembesok_desktop.server.db import make_engine, write_session
from hembesok_desktop.server.models import AccessLog, Device, FamilyScope, Team
from tests.support.console import make_account
from tests.support.server_harness import start_server_process

CHROMIUM = Path("/usr/bin/chromium")
DRIVER = Path("/usr/bin/chromedriver")
pytest.importorskip("selenium")
if not (CHROMIUM.exists() and DRIVER.exists()):
    pytest.skip("chromium and chromium-driver are not installed", allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture
def browser() -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1366,768",
        "--lang=sv-SE",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=webdriver.ChromeService(str(DRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _at(hour: int, minute: int) -> str:
    moment = datetime(2025, 3, 12, hour, minute, tzinfo=STOCKHOLM)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def test_open_a_family_extract_and_mark_a_flag_reviewed(
    browser: webdriver.Chrome, tmp_path: Path
) -> None:
    shots = Path(os.environ.get("HEMBESOK_SCREENSHOT_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    db_dir = tmp_path / "db"
    db_dir.mkdir()
    url = f"sqlite:///{db_dir}/server.sqlite3"
    family = str(uuid.uuid4())
    with start_server_process(url) as server:
        engine = make_engine(url)
        admin.add_team(engine, "BVC Norrmalm")
        nurse = admin.add_nurse(
            engine,
            "anna.a",
            teams=["BVC Norrmalm"],
            full_name="Anna Andersson",
            title="Distriktssköterska",
            password="nurse password 1",
        )
        device = str(uuid.uuid4())
        with write_session(engine) as s:
            team = s.exec(select(Team.id).where(Team.name == "BVC Norrmalm")).one()
            s.add(
                Device(id=device, nurse_id=nurse, name="Annas laptop", token_hash=uuid.uuid4().hex)
            )
            s.add(FamilyScope(family_id=family, team_id=int(team or 0)))
            for n, (at, action, source) in enumerate(
                [
                    (_at(8, 5), "sync-pull", "server"),
                    (_at(9, 40), "open", "device"),
                    (_at(10, 2), "print", "device"),
                    (_at(21, 17), "open", "device"),
                ]
            ):
                s.add(
                    AccessLog(
                        id=f"{family[:8]}-{n}",
                        source=source,
                        family_id=family,
                        username="anna.a",
                        action=action,
                        at=at,
                        device_id=device,
                    )
                )
        reviewer = make_account(engine, Role.LOG_REVIEWER, full_name="Rut Granskare")
        engine.dispose()

        browser.get(f"{server.base_url}/console/sign-in")
        browser.find_element(By.ID, "field-username").send_keys(reviewer.username)
        browser.find_element(By.ID, "field-password").send_keys(reviewer.password + Keys.ENTER)
        code = WebDriverWait(browser, 10).until(
            ec.presence_of_element_located((By.ID, "field-code"))
        )
        code.send_keys(reviewer.code() + Keys.ENTER)
        WebDriverWait(browser, 10).until(ec.url_to_be(f"{server.base_url}/console"))

        browser.get(f"{server.base_url}/console/access-log")
        browser.find_element(By.ID, "field-id").send_keys(family + Keys.ENTER)
        WebDriverWait(browser, 10).until(ec.title_contains("Utdrag ur åtkomstloggen"))
        table = browser.find_element(By.CSS_SELECTOR, "table.log-table")
        assert "Anna Andersson" in table.text and "Annas laptop" in table.text
        assert "2025-03-12 21:17" in table.text and "Utanför arbetstid" in table.text
        flagged = browser.find_element(By.ID, f"entry-{family[:8]}-3")
        browser.execute_script("arguments[0].scrollIntoView({block: 'end'})", flagged)
        browser.save_screenshot(str(shots / "access_log_extract.png"))

        note = browser.find_element(By.CSS_SELECTOR, f"#entry-{family[:8]}-3 textarea")
        note.send_keys("Kvällsbesök enligt planering; kontrollerat med enhetschefen.")
        note.send_keys(Keys.TAB)
        focused = browser.switch_to.active_element
        assert focused.text == "Markera granskad"
        focused.send_keys(Keys.ENTER)
        WebDriverWait(browser, 10).until(
            ec.text_to_be_present_in_element(
                (By.CSS_SELECTOR, f"#entry-{family[:8]}-3"), "av Rut Granskare"
            )
        )
        row = browser.find_element(By.ID, f"entry-{family[:8]}-3")
        assert "Kvällsbesök enligt planering" in row.text
        assert not row.find_elements(By.TAG_NAME, "textarea")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
        browser.save_screenshot(str(shots / "access_log_review.png"))
