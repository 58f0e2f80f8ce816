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
A correct login clears its user name's failures (not its address's: an attacker's own account
must not reset the address it attacks from). Each failure also notes the pair of user name and
address (key ``from:NAME|IP``, no other effect), so ``hembesok-server admin unlock USER`` clears
the user name's state *and* that of every address the name failed from (a nurse locked out at
her clinic is usually locked out by her clinic's address too); ``--address IP`` clears further
addresses.

Password checks (Argon2id, 64 MiB each) run at most ``MAX_CONCURRENT_CHECKS`` at a time per
process; the throttle is checked again once a check's turn comes, so a burst of wrong attempts
for one name turns into cheap 429s instead of a queue of 64 MiB checks.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

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


def _pair_prefix(username: str) -> str:
    return f"from:{username[:100]}|"


def pair_key(username: str, address: str) -> str:
    """The note that ``username`` failed from ``address`` (for ``unlock``)."""
    return f"{_pair_prefix(username)}{address[:90]}"


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
                _note_pair(session, pair_key(username, address), now)
            return
        except IntegrityError:  # two processes created the same key at once
            if attempt == 2:
                raise


def _note_pair(session: Session, key: str, now: float) -> None:
    row = session.get(LoginThrottle, key)
    if row is None:
        row = LoginThrottle(key=key, failures=0, window_start=now, last_failure=now)
    row.failures += 1
    row.last_failure = now
    session.add(row)


@dataclass(frozen=True, slots=True)
class Unlocked:
    """What ``unlock`` cleared: the user name's state, and these addresses' states."""

    user: bool
    addresses: tuple[str, ...]


def unlock(engine: Engine, username: str, addresses: Iterable[str] = ()) -> Unlocked:
    """Clear a user name's failures and lockout, those of every address it failed from, and
    those of ``addresses``; the notes of which addresses the name failed from go too."""
    prefix = _pair_prefix(username)
    with write_session(engine) as session:
        pairs = session.exec(
            select(LoginThrottle).where(col(LoginThrottle.key).startswith(prefix, autoescape=True))
        ).all()
        failed_from = [pair.key[len(prefix) :] for pair in pairs]
        for pair in pairs:
            session.delete(pair)
        user = session.get(LoginThrottle, user_key(username))
        if user is not None:
            session.delete(user)
        cleared: list[str] = []
        for address in dict.fromkeys([*failed_from, *addresses]):
            row = session.get(LoginThrottle, addr_key(address))
            if row is not None:
                session.delete(row)
                cleared.append(address)
    return Unlocked(user is not None, tuple(cleared))


def clear(engine: Engine, username: str) -> bool:
    """Forget a user name's failures and lockout; False when there were none."""
    with write_session(engine) as session:
        row = session.get(LoginThrottle, user_key(username))
        if row is None:
            return False
        session.delete(row)
        return True
