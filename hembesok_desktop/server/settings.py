"""The server's settings: one frozen object, read from the environment in each worker process.

``hembesok-server serve`` builds a ``ServerSettings`` from its options, exports it with
``to_environ`` and starts uvicorn with the app factory (``app.app_factory``); every worker
process reads it back with ``from_environ``. Nothing below the app reads the environment: the
engine and the push clock bound come from this object (held on ``app.state``).

Variables (all optional except where ``serve`` sets them):

* ``HEMBESOK_SERVER_DB``: the database URL (default: a SQLite file in the user data directory)
* ``HEMBESOK_SERVER_MAX_CLOCK_AHEAD_S`` (600): how far ahead of the server's clock a change may
  be stamped
* ``HEMBESOK_SERVER_POOL_SIZE`` (10) and ``HEMBESOK_SERVER_MAX_OVERFLOW`` (20): the database
  connections one worker keeps and may open beyond them (PostgreSQL; a worker never holds more
  than their sum)
* ``HEMBESOK_SERVER_LOG_LEVEL`` (info): the workers' log level
* ``HEMBESOK_SERVER_CONSOLE_IDLE_MIN`` (15) and ``HEMBESOK_SERVER_CONSOLE_MAX_HOURS`` (10): a
  console session ends after this many idle minutes, and in any case this many hours after
  sign-in (checked in the database on every request, so every worker agrees)
* ``HEMBESOK_SERVER_CONSOLE_SECURE_COOKIE`` (0): 1 marks the console's cookie ``Secure`` even
  when the request reached the server as plain HTTP (behind a TLS-terminating proxy without
  proxy headers); over TLS it is always ``Secure``

TLS, the address and the number of workers are uvicorn's own configuration (the listening
socket and the TLS context are set up by uvicorn in each worker from the same options).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from .db import default_database_url

ENV_DB = "HEMBESOK_SERVER_DB"
ENV_MAX_CLOCK_AHEAD = "HEMBESOK_SERVER_MAX_CLOCK_AHEAD_S"
ENV_POOL_SIZE = "HEMBESOK_SERVER_POOL_SIZE"
ENV_MAX_OVERFLOW = "HEMBESOK_SERVER_MAX_OVERFLOW"
ENV_LOG_LEVEL = "HEMBESOK_SERVER_LOG_LEVEL"
ENV_CONSOLE_IDLE = "HEMBESOK_SERVER_CONSOLE_IDLE_MIN"
ENV_CONSOLE_MAX = "HEMBESOK_SERVER_CONSOLE_MAX_HOURS"
ENV_CONSOLE_SECURE = "HEMBESOK_SERVER_CONSOLE_SECURE_COOKIE"

LOG_LEVELS = ("debug", "info", "warning")
DEFAULT_MAX_CLOCK_AHEAD_S = 600
DEFAULT_POOL_SIZE = 10
DEFAULT_MAX_OVERFLOW = 20
DEFAULT_CONSOLE_IDLE_MIN = 15
DEFAULT_CONSOLE_MAX_HOURS = 10


class SettingsError(ValueError):
    """A setting with a value the server cannot use (one sentence naming the variable)."""


@dataclass(frozen=True, slots=True)
class ServerSettings:
    database_url: str
    max_clock_ahead_s: int = DEFAULT_MAX_CLOCK_AHEAD_S
    pool_size: int = DEFAULT_POOL_SIZE
    max_overflow: int = DEFAULT_MAX_OVERFLOW
    log_level: str = "info"
    console_idle_min: int = DEFAULT_CONSOLE_IDLE_MIN
    console_max_hours: int = DEFAULT_CONSOLE_MAX_HOURS
    console_secure_cookie: bool = False

    def __post_init__(self) -> None:
        if self.max_clock_ahead_s < 0:
            raise SettingsError(f"{ENV_MAX_CLOCK_AHEAD} must be a whole number of seconds.")
        if self.pool_size < 1 or self.max_overflow < 0:
            raise SettingsError(
                f"{ENV_POOL_SIZE} must be at least 1 and {ENV_MAX_OVERFLOW} at least 0."
            )
        if self.log_level not in LOG_LEVELS:
            raise SettingsError(f"{ENV_LOG_LEVEL} must be one of {', '.join(LOG_LEVELS)}.")
        if self.console_idle_min < 1 or self.console_max_hours < 1:
            raise SettingsError(f"{ENV_CONSOLE_IDLE} and {ENV_CONSOLE_MAX} must be at least 1.")

    @property
    def max_ahead_ms(self) -> int:
        return self.max_clock_ahead_s * 1000

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> ServerSettings:
        """The settings in ``environ`` (default ``os.environ``); ``SettingsError`` if one is bad."""
        env = os.environ if environ is None else environ
        return cls(
            database_url=env.get(ENV_DB) or default_database_url(),
            max_clock_ahead_s=_whole(env, ENV_MAX_CLOCK_AHEAD, DEFAULT_MAX_CLOCK_AHEAD_S),
            pool_size=_whole(env, ENV_POOL_SIZE, DEFAULT_POOL_SIZE),
            max_overflow=_whole(env, ENV_MAX_OVERFLOW, DEFAULT_MAX_OVERFLOW),
            log_level=env.get(ENV_LOG_LEVEL) or "info",
            console_idle_min=_whole(env, ENV_CONSOLE_IDLE, DEFAULT_CONSOLE_IDLE_MIN),
            console_max_hours=_whole(env, ENV_CONSOLE_MAX, DEFAULT_CONSOLE_MAX_HOURS),
            console_secure_cookie=_flag(env, ENV_CONSOLE_SECURE),
        )

    def to_environ(self) -> dict[str, str]:
        """The variables that make ``from_environ`` return these settings."""
        return {
            ENV_DB: self.database_url,
            ENV_MAX_CLOCK_AHEAD: str(self.max_clock_ahead_s),
            ENV_POOL_SIZE: str(self.pool_size),
            ENV_MAX_OVERFLOW: str(self.max_overflow),
            ENV_LOG_LEVEL: self.log_level,
            ENV_CONSOLE_IDLE: str(self.console_idle_min),
            ENV_CONSOLE_MAX: str(self.console_max_hours),
            ENV_CONSOLE_SECURE: "1" if self.console_secure_cookie else "0",
        }


def _whole(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit():
        raise SettingsError(f"{name} must be a whole number.")
    return int(raw)


def _flag(env: Mapping[str, str], name: str) -> bool:
    raw = env.get(name, "").strip()
    if raw not in ("", "0", "1"):
        raise SettingsError(f"{name} must be 0 or 1.")
    return raw == "1"
