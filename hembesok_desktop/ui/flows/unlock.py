"""Unlocking with a passphrase (or the recovery key), waiting longer after each failure.

The flow owns the application's ``UnlockThrottle``. After a failed attempt the widget shows a
countdown (``seconds_left``) and refuses new attempts until it reaches zero, without blocking
the GUI thread. The store call itself (``Store.unlock(throttle=flow.throttle)``) runs on a
worker; the throttle's ``sleep`` there waits only for what is left of the countdown, so the
throttle also holds for a caller that bypasses the widget, and the wait is never doubled.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from enum import StrEnum

from ...store.errors import (
    DatabaseDamaged,
    StoreError,
    VaultDamaged,
    WrongPassphrase,
    WrongRecoveryKey,
)
from ...store.vault import UnlockThrottle


class UnlockState(StrEnum):
    READY = "ready"
    WAITING = "waiting"
    WORKING = "working"
    UNLOCKED = "unlocked"


class UnlockFailure(StrEnum):
    WRONG_PASSPHRASE = "wrong_passphrase"
    WRONG_RECOVERY_KEY = "wrong_recovery_key"
    DAMAGED = "damaged"
    OTHER = "other"


def classify(error: BaseException) -> UnlockFailure:
    if isinstance(error, WrongPassphrase):
        return UnlockFailure.WRONG_PASSPHRASE
    if isinstance(error, WrongRecoveryKey):
        return UnlockFailure.WRONG_RECOVERY_KEY
    if isinstance(error, DatabaseDamaged | VaultDamaged):
        return UnlockFailure.DAMAGED
    return UnlockFailure.OTHER


class UnlockFlow:
    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        base_seconds: float = 1.0,
        cap_seconds: float = 30.0,
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self.throttle = UnlockThrottle(
            base_seconds=base_seconds, cap_seconds=cap_seconds, sleep=self._sleep_remaining
        )
        self._ready_at = 0.0
        self._working = False
        self._unlocked = False
        self.failure: UnlockFailure | None = None
        #: the store's own sentence for an unexpected failure (no personal data)
        self.failure_detail: str = ""
        self.use_recovery_key = False

    @property
    def state(self) -> UnlockState:
        if self._unlocked:
            return UnlockState.UNLOCKED
        if self._working:
            return UnlockState.WORKING
        if self._clock() < self._ready_at:
            return UnlockState.WAITING
        return UnlockState.READY

    @property
    def failures(self) -> int:
        return self.throttle.failures

    def seconds_left(self) -> int:
        return max(0, math.ceil(self._ready_at - self._clock()))

    def seconds_left_exact(self) -> float:
        return max(0.0, self._ready_at - self._clock())

    def can_attempt(self, secret: str) -> bool:
        return self.state is UnlockState.READY and bool(secret.strip())

    def begin(self, secret: str) -> None:
        if not self.can_attempt(secret):
            raise RuntimeError(f"cannot attempt to unlock in state {self.state}")
        self._working = True

    def failed(self, error: BaseException) -> None:
        """An attempt failed; ``Store.unlock`` has already counted it on the throttle."""
        self._working = False
        self.failure = classify(error)
        self.failure_detail = str(error) if isinstance(error, StoreError) else ""
        self._ready_at = self._clock() + self.throttle.delay()

    def succeeded(self) -> None:
        self._working = False
        self._unlocked = True
        self.failure = None
        self.failure_detail = ""

    def relock(self) -> None:
        """The store was locked again: ready for a new attempt (failures are kept)."""
        self._unlocked = False
        self._working = False
        self.failure = None

    def _sleep_remaining(self, _requested: float) -> None:
        left = self._ready_at - self._clock()
        if left > 0:
            self._sleep(left)
