"""The console in a real browser (Debian's chromium, Selenium) against a real server process:
signing in with password and TOTP lands on the start page; the first sign-in of a new
account enrolls the authenticator from the QR page. Each test saves screenshots under
tests/output/screenshots/ (looked at by hand: calm, Swedish, readable at 1366×768)."""

from __future__ import annotations

from typing import Any

import pytest

from hembesok_desktop.server.console.roles import Role
from tests.support.browser import (
    ConsoleServer,
    by,
    fits_the_window,
    save_screenshot,
    type_into,
    wait_for_path,
)
from tests.support.console import Account, make_account, make_team

pytestmark = pytest.mark.browser


def _password_step(driver: Any, server: ConsoleServer, account: Account) -> None:
    driver.get(f"{server.base_url}/console")
    wait_for_path(driver, "/console/sign-in")
    type_into(driver, "field-username", account.username)
    type_into(driver, "field-password", account.password)
    driver.find_element(by("css"), "form.form button[type=submit]").click()


def test_sign_in_with_password_and_totp_lands_on_the_start_page(
    browser: Any, console_server: ConsoleServer
) -> None:
    team = make_team(console_server.engine, "BVC Björkhagen")
    account = make_account(
        console_server.engine, Role.UNIT_MANAGER, teams=[team], full_name="Karin Lindqvist"
    )
    browser.get(f"{console_server.base_url}/console")
    wait_for_path(browser, "/console/sign-in")
    assert browser.find_element(by("tag"), "h1").text == "Logga in"
    assert browser.find_element(by("tag"), "html").get_attribute("lang") == "sv"
    from selenium.webdriver.common.keys import Keys

    browser.find_element(by("tag"), "body").send_keys(Keys.TAB)
    focused = browser.switch_to.active_element
    assert focused.get_attribute("class") == "skip-link" and focused.is_displayed()
    save_screenshot(browser, "console_sign_in")

    _password_step(browser, console_server, account)
    wait_for_path(browser, "/console/sign-in/code")
    type_into(browser, "field-code", account.code())
    save_screenshot(browser, "console_sign_in_code")
    browser.find_element(by("css"), "form.form button[type=submit]").click()
    wait_for_path(browser, "/console")

    assert browser.find_element(by("tag"), "h1").text == "Välkommen, Karin Lindqvist"
    header = browser.find_element(by("css"), ".site-header").text
    assert "Karin Lindqvist" in header and "Enhetschef" in header and "Logga ut" in header
    assert "BVC Björkhagen" in browser.find_element(by("tag"), "main").text
    assert fits_the_window(browser)
    save_screenshot(browser, "console_start_unit_manager")

    browser.find_element(by("css"), "form.sign-out button").click()
    wait_for_path(browser, "/console/sign-in")
    browser.get(f"{console_server.base_url}/console")
    wait_for_path(browser, "/console/sign-in")  # signed out: the start page is closed


def test_first_sign_in_enrolls_the_authenticator_from_the_qr_page(
    browser: Any, console_server: ConsoleServer
) -> None:
    account = make_account(
        console_server.engine, Role.ADMIN, full_name="Per Holm", confirmed=False
    )
    _password_step(browser, console_server, account)
    wait_for_path(browser, "/console/sign-in/enroll")
    qr = browser.find_element(by("css"), ".qr-code svg")
    assert qr.size["width"] >= 200 and qr.size["height"] >= 200
    secret = browser.find_element(by("css"), ".secret code").text.replace(" ", "")
    assert secret == account.totp_secret
    assert fits_the_window(browser)
    save_screenshot(browser, "console_enroll")
    type_into(browser, "field-code", account.code())
    browser.find_element(by("css"), "form.form button[type=submit]").click()
    wait_for_path(browser, "/console")
    assert "Administratör" in browser.find_element(by("css"), ".who-role").text
