"""Browser tests of the region's console: Debian's chromium driven by Selenium through
Debian's chromedriver (no browser or driver download; Selenium Manager is never asked).

    with start_browser() as driver:           # BrowserUnavailable if chromium is missing
        driver.get(f"{server.base_url}/console")
        save_screenshot(driver, "console_start")   # tests/output/screenshots/console_start.png

The pytest fixtures ``browser`` (one chromium per test) and ``console_server`` (a real
``hembesok-server serve`` process on 127.0.0.1 on a fresh SQLite file, with its engine for
making accounts) are exposed to tests by ``tests/server/console/conftest.py``. The
``browser`` fixture skips, with the reason, only when chromium or chromedriver is missing
(CI installs the ``chromium`` and ``chromium-driver`` packages). Mark browser tests
``@pytest.mark.browser``. Headless, 1366×768, a new temporary profile each time, and no
background networking, component updates, sync or first-run pages.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pytest
from sqlalchemy import Engine

from tests.support.server_harness import ServerProcess, start_server_process

CHROMIUM = Path(os.environ.get("HEMBESOK_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("HEMBESOK_CHROMEDRIVER", "/usr/bin/chromedriver"))
WINDOW = (1366, 768)
SCREENSHOTS = Path(__file__).resolve().parents[1] / "output" / "screenshots"


class BrowserUnavailable(RuntimeError):
    """No chromium or chromedriver on this machine (browser tests skip with this reason)."""


def browser_unavailable_reason() -> str | None:
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not path.exists():
            return f"{path} not found: install Debian's {package} package"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (the dev extra brings it)"
    return None


@contextmanager
def start_browser(*, width: int = WINDOW[0], height: int = WINDOW[1]) -> Iterator[object]:
    """A headless chromium (a ``selenium.webdriver.Chrome``), quit and its profile removed
    when the block ends."""
    reason = browser_unavailable_reason()
    if reason:
        raise BrowserUnavailable(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = Path(tempfile.mkdtemp(prefix="hembesok-chromium-"))
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-extensions",
        "--no-first-run",
        "--no-default-browser-check",
        "--lang=sv-SE",
        f"--user-data-dir={profile}",
        f"--window-size={width},{height}",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    try:
        driver.set_window_size(width, height)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def save_screenshot(driver: object, name: str) -> Path:
    """Save what the browser shows as ``tests/output/screenshots/<name>.png`` (git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    if not driver.save_screenshot(str(path)):  # type: ignore[attr-defined]
        raise RuntimeError(f"chromium could not save the screenshot {path.name}")
    return path


@pytest.fixture
def browser() -> Iterator[object]:
    reason = browser_unavailable_reason()
    if reason:
        pytest.skip(reason)
    with start_browser() as driver:
        yield driver


@dataclass
class ConsoleServer:
    """A real server process and its database (for making accounts and checking rows)."""

    process: ServerProcess
    engine: Engine

    @property
    def base_url(self) -> str:
        return self.process.base_url


@pytest.fixture
def console_server(tmp_path: Path) -> Iterator[ConsoleServer]:
    from hembesok_desktop.server.db import make_engine

    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    with start_server_process(url) as process:
        engine = make_engine(url)
        try:
            yield ConsoleServer(process, engine)
        finally:
            engine.dispose()


# --- driving the console's pages (one definition for every browser test) ----------------------


class SignsIn(Protocol):
    """A console account as the browser tests sign in with it (``tests.support.console``)."""

    @property
    def username(self) -> str: ...

    @property
    def password(self) -> str: ...

    def code(self) -> str: ...


def by(kind: str) -> Any:
    """Selenium's locator strategy: ``id``, ``css``, ``tag`` or ``xpath``."""
    from selenium.webdriver.common.by import By

    return {"id": By.ID, "css": By.CSS_SELECTOR, "tag": By.TAG_NAME, "xpath": By.XPATH}[kind]


def wait_for_path(driver: Any, path: str, timeout: float = 15) -> None:
    """Wait until the browser shows ``path`` (its query string aside)."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout).until(lambda d: d.current_url.split("?")[0].endswith(path))


def wait_for(driver: Any, kind: str, selector: str, timeout: float = 15) -> Any:
    """The element ``selector`` (of ``by(kind)``) once the page after a click shows it: a form's
    POST answers with a redirect, and the next page may not be there the moment ``click``
    returns (``find_element`` right away raced it on a loaded machine)."""
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(
        expected_conditions.presence_of_element_located((by(kind), selector))
    )


def type_into(driver: Any, field_id: str, text: str) -> None:
    field = driver.find_element(by("id"), field_id)
    field.clear()
    field.send_keys(text)


def sign_in(driver: Any, base_url: str, account: SignsIn) -> None:
    """Sign in through the real pages: user name and password, then the TOTP code."""
    driver.get(f"{base_url}/console")
    wait_for_path(driver, "/console/sign-in")
    type_into(driver, "field-username", account.username)
    type_into(driver, "field-password", account.password)
    driver.find_element(by("css"), "form.form button[type=submit]").click()
    wait_for_path(driver, "/console/sign-in/code")
    type_into(driver, "field-code", account.code())
    driver.find_element(by("css"), "form.form button[type=submit]").click()
    wait_for_path(driver, "/console")


def fits_the_window(driver: Any) -> bool:
    """No sideways scrolling at the window's width."""
    return bool(
        driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    )
