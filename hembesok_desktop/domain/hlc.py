"""Hybrid logical clock (Kulkarni et al., 2014) for per-field versions.

A timestamp is encoded as a fixed-width string ``WWWWWWWWWWWWWWW-CCCCC-NODE`` where W is the
physical time in milliseconds since the epoch (15 digits), C a logical counter (5 digits) and
NODE the id of the replica that made it. Fixed width makes string order equal to clock order, so
the database can compare versions with plain text comparison and ties between replicas break
deterministically by node id. The same ordering is used on every laptop and on the server, so
last-writer-wins merges converge.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

_WALL_DIGITS = 15
_COUNTER_DIGITS = 5
_MAX_COUNTER = 10**_COUNTER_DIGITS - 1
#: How far ahead of our own wall clock a remote timestamp may be before we refuse it (ms).
MAX_DRIFT_MS = 24 * 3600 * 1000


class ClockDriftError(ValueError):
    """A received timestamp lies implausibly far in the future."""


@dataclass(frozen=True, order=True, slots=True)
class Timestamp:
    wall_ms: int
    counter: int
    node: str

    def encode(self) -> str:
        return f"{self.wall_ms:0{_WALL_DIGITS}d}-{self.counter:0{_COUNTER_DIGITS}d}-{self.node}"

    @classmethod
    def decode(cls, text: str) -> Timestamp:
        try:
            wall, counter, node = text.split("-", 2)
            if len(wall) != _WALL_DIGITS or len(counter) != _COUNTER_DIGITS or not node:
                raise ValueError
            return cls(int(wall), int(counter), node)
        except ValueError:
            raise ValueError("not a hybrid logical clock timestamp") from None

    def __str__(self) -> str:
        return self.encode()


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


class HybridLogicalClock:
    """Thread-safe HLC for one replica (a device or the server)."""

    def __init__(self, node: str, *, now_ms: Callable[[], int] = _now_ms) -> None:
        if not node or "-" in node:
            raise ValueError("a clock node id must be non-empty and contain no '-'")
        self.node = node
        self._now_ms = now_ms
        self._last = Timestamp(0, 0, node)
        self._lock = threading.Lock()

    def now(self) -> str:
        """A new timestamp, strictly greater than every one this clock made or saw."""
        with self._lock:
            wall = max(self._now_ms(), self._last.wall_ms)
            counter = self._last.counter + 1 if wall == self._last.wall_ms else 0
            if counter > _MAX_COUNTER:
                wall, counter = wall + 1, 0
            self._last = Timestamp(wall, counter, self.node)
            return self._last.encode()

    def observe(self, remote: str) -> None:
        """Move this clock past a timestamp received from another replica."""
        stamp = Timestamp.decode(remote)
        with self._lock:
            physical = self._now_ms()
            if stamp.wall_ms - physical > MAX_DRIFT_MS:
                raise ClockDriftError("a received version lies more than a day in the future")
            if (stamp.wall_ms, stamp.counter) > (self._last.wall_ms, self._last.counter):
                self._last = Timestamp(stamp.wall_ms, stamp.counter, self.node)

    def last(self) -> str:
        with self._lock:
            return self._last.encode()
