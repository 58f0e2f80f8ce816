"""The session: locked or unlocked, why it locked, and where the nurse was.

``SessionFlow`` remembers the open family and tab while unlocked; ``lock`` keeps that place,
``unlocked`` hands it back so the window returns to the same family and tab. ``IdleClock``
decides when auto-lock is due (minutes without user input; 0 turns auto-lock off).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum


class SessionState(StrEnum):
    FIRST_RUN = "first_run"
    LOCKED = "locked"
    UNLOCKED = "unlocked"


class LockReason(StrEnum):
    NURSE = "nurse"  # the lock button or Ctrl+L
    IDLE = "idle"
    SUSPEND = "suspend"  # the system suspended the application or locked the screen


@dataclass(frozen=True)
class Place:
    family_id: str | None = None
    tab: int = 0


class SessionFlow:
    def __init__(self, *, store_exists: bool) -> None:
        self.state = SessionState.LOCKED if store_exists else SessionState.FIRST_RUN
        self.place = Place()
        self.lock_reason: LockReason | None = None

    def created(self) -> None:
        if self.state is not SessionState.FIRST_RUN:
            raise RuntimeError("the store already exists")
        self.state = SessionState.UNLOCKED

    def unlocked(self) -> Place:
        if self.state is SessionState.FIRST_RUN:
            raise RuntimeError("there is no store to unlock yet")
        self.state = SessionState.UNLOCKED
        self.lock_reason = None
        return self.place

    def navigated(self, *, family_id: str | None, tab: int) -> None:
        if self.state is SessionState.UNLOCKED:
            self.place = Place(family_id, tab)

    def lock(self, reason: LockReason) -> bool:
        """Lock if unlocked; False when there was nothing to lock."""
        if self.state is not SessionState.UNLOCKED:
            return False
        self.state = SessionState.LOCKED
        self.lock_reason = reason
        return True


class IdleClock:
    def __init__(self, minutes: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self.minutes = minutes
        self._last = clock()

    def touch(self) -> None:
        self._last = self._clock()

    def idle_seconds(self) -> float:
        return self._clock() - self._last

    def should_lock(self) -> bool:
        return self.minutes > 0 and self.idle_seconds() >= self.minutes * 60

    def seconds_until_lock(self) -> float:
        return max(0.0, self.minutes * 60 - self.idle_seconds())
