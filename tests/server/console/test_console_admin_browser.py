"""The administration pages in a real browser (Selenium, Debian's chromium, 1366×768) against a
real ``hembesok-server serve`` process: add a nurse; revoke a device, whose next ``hembesok
sync`` (the real command line, on an encrypted store enrolled with that server) is refused;
move a family after its preview. Keyboard only where a person would type, the pages' own
buttons for the rest. Each test saves a screenshot (``SCREENSHOTS``).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select
from sqlalchemy import Engine

from hembesok_desktop.domain.hlc import HybridLogicalClock
from hembesok_desktop.server import admin
from hembesok_desktop.server.console.access import SESSION_COOKIE
from hembesok_desktop.server.console.roles import Role
from hembesok_desktop.server.console.sessions import SIGNED_IN, SessionPolicy, start_session
from hembesok_desktop.server.db import make_engine
from tests.conftest import PASSPHRASE
from tests.support.browser import save_screenshot, wait_for
from tests.support.console import Account, make_account
from tests.support.server_harness import (
    ServerProcess,
    SyncClient,
    push_new_family,
    start_server_process,
)
from tests.sync.conftest import PASSWORD, create_store, enroll_store

ROOT = Path(__file__).resolve().parents[3]


@dataclass
class Region:
    server: ServerProcess
    engine: Engine
    north: str
    south: str
    admin: Account


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Region]:
    url = f"sqlite:///{tmp_path_factory.mktemp('console-browser')}/server.sqlite3"
    with start_server_process(url) as server:
        engine = make_engine(url)
        north, south = "BVC Norr", "BVC Söder"
        admin.add_team(engine, north)
        admin.add_team(engine, south)
        account = make_account(engine, Role.ADMIN, full_name="Ada Administratör")
        yield Region(server, engine, north, south, account)
        engine.dispose()


pytestmark = pytest.mark.browser  # ``browser``: one headless chromium per test (conftest)


def _sign_in(driver: WebDriver, region: Region) -> WebDriver:
    """A signed-in session of the administrator in the browser's cookie jar (signing in
    through the pages, password and TOTP, is the sign-in pages' own browser test)."""
    policy = SessionPolicy(idle=timedelta(minutes=15), absolute=timedelta(hours=10))
    token, _state = start_session(region.engine, policy, SIGNED_IN, region.admin.user_id)
    driver.get(f"{region.server.base_url}/console/sign-in")
    driver.add_cookie(
        {
            "name": SESSION_COOKIE,
            "value": token,
            "path": "/console",
            "httpOnly": True,
            "sameSite": "Strict",
        }
    )
    return driver


def _nurse(region: Region, team: str, full_name: str) -> str:
    username = f"n_{uuid.uuid4().hex[:6]}"
    admin.add_nurse(
        region.engine,
        username,
        teams=[team],
        full_name=full_name,
        title="BVC-sjuksköterska",
        password=PASSWORD,
    )
    return username


def _sync(data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env.update(HEMBESOK_DATA_DIR=str(data_dir), HEMBESOK_PASSPHRASE=PASSPHRASE)
    return subprocess.run(
        [sys.executable, "-m", "hembesok_desktop.cli", "sync"],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )


def test_an_administrator_adds_a_nurse(browser: WebDriver, region: Region) -> None:
    driver = _sign_in(browser, region)
    driver.get(f"{region.server.base_url}/console/nurses")
    driver.find_element(By.LINK_TEXT, "Lägg till en sjuksköterska").click()
    username = f"nora_{uuid.uuid4().hex[:4]}"
    driver.find_element(By.ID, "field-full_name").send_keys("Nora Fiktiv")
    driver.find_element(By.ID, "field-title").send_keys("Distriktssköterska")
    driver.find_element(By.ID, "field-username").send_keys(username)
    driver.find_element(By.XPATH, f"//label[text()='{region.north}']").click()
    driver.find_element(By.ID, "field-password").send_keys("kort")
    driver.find_element(By.CSS_SELECTOR, "form.form button[type=submit]").click()
    error = wait_for(driver, "id", "error-password")
    assert error.text == "Lösenordet måste ha minst 8 tecken."
    assert admin.nurse_id(region.engine, username) is None
    save_screenshot(driver, "admin_add_nurse_error")

    password = driver.find_element(By.ID, "field-password")
    password.send_keys("ett bra lösenord")
    password.submit()

    assert driver.find_element(By.TAG_NAME, "h1").text == "Nora Fiktiv"
    notice = wait_for(driver, "css", "[role=status]").text
    assert notice.startswith("Sjuksköterskan är tillagd.")
    assert admin.nurse_id(region.engine, username) is not None
    save_screenshot(driver, "admin_add_nurse")
    with SyncClient.enroll(region.server.base_url, username, "ett bra lösenord") as laptop:
        assert laptop.pull_raw().status_code == 200


def test_a_revoked_device_is_refused_at_its_next_hembesok_sync(
    browser: WebDriver, region: Region, tmp_path: Path
) -> None:
    username = _nurse(region, region.north, "Rut Fiktiv")
    data_dir = tmp_path / "laptop"
    store = create_store(data_dir)
    enroll_store(store, region.server.base_url, username)
    store.lock()
    first = _sync(data_dir)
    assert first.returncode == 0, first.stderr[-2000:]

    driver = _sign_in(browser, region)
    driver.get(f"{region.server.base_url}/console/devices")
    row = driver.find_element(By.XPATH, "//tr[.//a[text()='Rut Fiktiv']]")
    last_pull = row.find_elements(By.TAG_NAME, "td")[2].text
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", last_pull)  # the first sync's pull
    row.find_element(By.PARTIAL_LINK_TEXT, "Återkalla").click()
    assert driver.find_element(By.TAG_NAME, "h1").text.startswith("Återkalla")
    save_screenshot(driver, "admin_revoke_confirm")
    driver.find_element(By.XPATH, "//button[text()='Återkalla datorn']").click()
    notice = wait_for(driver, "css", "[role=status]").text
    assert notice == "Datorn är återkallad och nekas vid nästa synk."
    assert "Återkallad" in driver.find_element(By.XPATH, "//tr[.//a[text()='Rut Fiktiv']]").text
    save_screenshot(driver, "admin_revoked_device")

    refused = _sync(data_dir)
    assert refused.returncode != 0
    lines = refused.stderr.strip().splitlines()
    assert lines and "revoked" in lines[-1] and "Traceback" not in refused.stderr


def test_an_administrator_moves_a_family_after_seeing_what_it_does(
    browser: WebDriver, region: Region
) -> None:
    north_nurse = _nurse(region, region.north, "Nadja Norr")
    south_nurse = _nurse(region, region.south, "Sara Söder")
    clock = HybridLogicalClock(f"b{uuid.uuid4().hex[:6]}")
    with SyncClient.enroll(region.server.base_url, north_nurse, PASSWORD, "Nadjas dator") as a:
        family_id = push_new_family(a, clock, area="Norr")
    SyncClient.enroll(region.server.base_url, south_nurse, PASSWORD, "Saras dator").close()

    driver = _sign_in(browser, region)
    driver.get(f"{region.server.base_url}/console/families")
    field = driver.find_element(By.ID, "field-family_id")
    field.send_keys(family_id)
    field.submit()
    assert driver.find_element(By.TAG_NAME, "h1").text == "Familj"
    Select(driver.find_element(By.ID, "field-team")).select_by_visible_text(region.south)
    driver.find_element(By.XPATH, "//button[text()='Visa vad flytten gör']").click()

    losing = driver.find_element(By.XPATH, "//section[h2[@id='losing']]").text
    gaining = driver.find_element(By.XPATH, "//section[h2[@id='gaining']]").text
    assert "Nadjas dator" in losing and "Sara" not in losing
    assert "Saras dator" in gaining
    assert admin.family_team_name(region.engine, family_id) == region.north
    save_screenshot(driver, "admin_move_family_preview")

    driver.find_element(By.XPATH, f"//button[text()='Flytta till {region.south}']").click()
    assert wait_for(driver, "css", "[role=status]").text == "Familjen är flyttad."
    assert admin.family_team_name(region.engine, family_id) == region.south
    save_screenshot(driver, "admin_move_family_done")
