"""The console in a real browser (Debian's chromium, Selenium) against a real server process:
signing in with password and TOTP lands on the start page; the first sign-in of a new
account enrolls the authenticator from the QR page. Each test saves screenshots under
tests/output/screenshots/ (looked at by hand: calm, Swedish, readable at 1366×768)."""

from __future__ import annotations

from typing import Any

import pytest

from hembesok_desktop.server.console.roles import Role
from tests.support.browser import ConsoleServer, save_screenshot
from tests.support.console import Account, make_account, make_team

pytestmark = pytest.mark.browser


def _by(kind: str) -> Any:
    from selenium.webdriver.common.by import By

    return {"id": By.ID, "css": By.CSS_SELECTOR, "tag": By.TAG_NAME}[kind]


def _wait_for_path(driver: Any, path: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 15).until(lambda d: d.current_url.split("?")[0].endswith(path))


def _type(driver: Any, field_id: str, text: str) -> None:
    field = driver.find_element(_by("id"), field_id)
    field.clear()
    field.send_keys(text)


def _password_step(driver: Any, server: ConsoleServer, account: Account) -> None:
    driver.get(f"{server.base_url}/console")
    _wait_for_path(driver, "/console/sign-in")
    _type(driver, "field-username", account.username)
    _type(driver, "field-password", account.password)
    driver.find_element(_by("css"), "form.form button[type=submit]").click()


def _fits_the_window(driver: Any) -> bool:
    return bool(
        driver.execute_script(
            "return document.documentElement.scrollWidth <= window.innerWidth"
        )
    )


def test_sign_in_with_password_and_totp_lands_on_the_start_page(
    browser: Any, console_server: ConsoleServer
) -> None:
    team = make_team(console_server.engine, "BVC Björkhagen")
    account = make_account(
        console_server.engine, Role.UNIT_MANAGER, teams=[team], full_name="Karin Lindqvist"
    )
    browser.get(f"{console_server.base_url}/console")
    _wait_for_path(browser, "/console/sign-in")
    assert browser.find_element(_by("tag"), "h1").text == "Logga in"
    assert browser.find_element(_by("tag"), "html").get_attribute("lang") == "sv"
    from selenium.webdriver.common.keys import Keys

    browser.find_element(_by("tag"), "body").send_keys(Keys.TAB)
    focused = browser.switch_to.active_element
    assert focused.get_attribute("class") == "skip-link" and focused.is_displayed()
    save_screenshot(browser, "console_sign_in")

    _password_step(browser, console_server, account)
    _wait_for_path(browser, "/console/sign-in/code")
    _type(browser, "field-code", account.code())
    save_screenshot(browser, "console_sign_in_code")
    browser.find_element(_by("css"), "form.form button[type=submit]").click()
    _wait_for_path(browser, "/console")

    assert browser.find_element(_by("tag"), "h1").text == "Välkommen, Karin Lindqvist"
    header = browser.find_element(_by("css"), ".site-header").text
    assert "Karin Lindqvist" in header and "Enhetschef" in header and "Logga ut" in header
    assert "BVC Björkhagen" in browser.find_element(_by("tag"), "main").text
    assert _fits_the_window(browser)
    save_screenshot(browser, "console_start_unit_manager")

    browser.find_element(_by("css"), "form.sign-out button").click()
    _wait_for_path(browser, "/console/sign-in")
    browser.get(f"{console_server.base_url}/console")
    _wait_for_path(browser, "/console/sign-in")  # signed out: the start page is closed


def test_first_sign_in_enrolls_the_authenticator_from_the_qr_page(
    browser: Any, console_server: ConsoleServer
) -> None:
    account = make_account(
        console_server.engine, Role.ADMIN, full_name="Per Holm", confirmed=False
    )
    _password_step(browser, console_server, account)
    _wait_for_path(browser, "/console/sign-in/enroll")
    qr = browser.find_element(_by("css"), ".qr-code svg")
    assert qr.size["width"] >= 200 and qr.size["height"] >= 200
    secret = browser.find_element(_by("css"), ".secret code").text.replace(" ", "")
    assert secret == account.totp_secret
    assert _fits_the_window(browser)
    save_screenshot(browser, "console_enroll")
    _type(browser, "field-code", account.code())
    browser.find_element(_by("css"), "form.form button[type=submit]").click()
    _wait_for_path(browser, "/console")
    assert "Administratör" in browser.find_element(_by("css"), ".who-role").text
