"""Throttled enrollment: growing delays, then a temporary lockout, per user name and per address.

Every failed enrollment counts against two keys in the ``login_throttle`` table (so every server
process sees the same state): ``user:NAME`` and ``addr:IP``. Within a window of
``WINDOW_S`` (15 minutes) from the first failure:

* per user name: the first ``USER_FREE`` (3) failures cost nothing; after the 4th the next
  attempt must wait ``2 ** (failures - 3)`` seconds after the last failure; the
  ``USER_LOCK``-th (5th) locks the name for ``LOCK_S`` (15 minutes);
* per client address: ``ADDR_FREE`` (20) failures free, then growing delays, and a lockout at
  ``ADDR_LOCK`` (30).

An attempt that falls in a delay or a lockout is answered 429 with ``Retry-After`` before any
password is checked, and counts as a failure (so trying again too early leads to the lockout).
A correct login clears its user name's failures (not
its address's). ``hembesok-server admin unlock USER`` clears a user name's state.

Password checks (Argon2id, 64 MiB each) run at most ``MAX_CONCURRENT_CHECKS`` at a time per
process; the throttle is checked again once a check's turn comes, so a burst of wrong attempts
for one name turns into cheap 429s instead of a queue of 64 MiB checks.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from .db import read_session, write_session
from .models import LoginThrottle

WINDOW_S = 15 * 60
LOCK_S = 15 * 60
USER_FREE, USER_LOCK = 3, 5
ADDR_FREE, ADDR_LOCK = 20, 30
MAX_DELAY_S = 60
MAX_CONCURRENT_CHECKS = 2

password_checks = threading.BoundedSemaphore(MAX_CONCURRENT_CHECKS)

TOO_MANY = "Too many failed attempts; wait a while and try again."


@dataclass(frozen=True, slots=True)
class _Policy:
    free: int
    lock: int


_USER = _Policy(USER_FREE, USER_LOCK)
_ADDR = _Policy(ADDR_FREE, ADDR_LOCK)


def user_key(username: str) -> str:
    return f"user:{username[:150]}"


def addr_key(address: str) -> str:
    return f"addr:{address[:150]}"


def _wait(row: LoginThrottle | None, policy: _Policy, now: float) -> float:
    """Seconds until an attempt on this key is allowed (0: now)."""
    if row is None:
        return 0.0
    if row.locked_until is not None and row.locked_until > now:
        return row.locked_until - now
    if now - row.window_start > WINDOW_S or row.failures <= policy.free:
        return 0.0
    delay = min(2 ** (row.failures - policy.free), MAX_DELAY_S)
    return max(0.0, row.last_failure + delay - now)


def retry_after(engine: Engine, username: str, address: str) -> int:
    """Whole seconds the caller must wait before an attempt (0: go ahead)."""
    now = time.time()
    with read_session(engine) as session:
        waits = [
            _wait(session.get(LoginThrottle, user_key(username)), _USER, now),
            _wait(session.get(LoginThrottle, addr_key(address)), _ADDR, now),
        ]
    longest = max(waits)
    return 0 if longest <= 0 else int(longest) + 1


def _count(session: Session, key: str, policy: _Policy, now: float) -> None:
    row = session.get(LoginThrottle, key)
    if row is None:
        row = LoginThrottle(key=key, failures=0, window_start=now, last_failure=now)
    if now - row.window_start > WINDOW_S and (row.locked_until or 0) <= now:
        row.failures, row.window_start, row.locked_until = 0, now, None
    row.failures += 1
    row.last_failure = now
    if row.failures >= policy.lock:
        row.locked_until = now + LOCK_S
    session.add(row)


def record_failure(engine: Engine, username: str, address: str) -> None:
    for attempt in range(3):
        try:
            with write_session(engine) as session:
                now = time.time()
                _count(session, user_key(username), _USER, now)
                _count(session, addr_key(address), _ADDR, now)
            return
        except IntegrityError:  # two processes created the same key at once
            if attempt == 2:
                raise


def clear(engine: Engine, username: str) -> bool:
    """Forget a user name's failures and lockout; False when there were none."""
    with write_session(engine) as session:
        row = session.get(LoginThrottle, user_key(username))
        if row is None:
            return False
        session.delete(row)
        return True
