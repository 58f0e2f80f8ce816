"""Fixtures of the console's tests: a real chromium (``browser``) and a real server process
(``console_server``), from ``tests.support.browser``."""

from tests.support.browser import browser, console_server

__all__ = ["browser", "console_server"]
