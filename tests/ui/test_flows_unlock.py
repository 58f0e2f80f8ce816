"""The unlock flow with its growing wait, without Qt, against a real store."""

from __future__ import annotations

from pathlib import Path

import pytest

from hembesok_desktop.store.database import Store
from hembesok_desktop.store.errors import DatabaseDamaged, WrongPassphrase
from hembesok_desktop.ui.flows.unlock import UnlockFailure, UnlockFlow, UnlockState, classify
from tests.conftest import PASSPHRASE


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def attempt(flow: UnlockFlow, data_dir: Path, secret: str) -> Store | None:
    flow.begin(secret)
    assert flow.state is UnlockState.WORKING
    try:
        opened = Store.unlock(data_dir, passphrase=secret, throttle=flow.throttle)
    except Exception as error:
        flow.failed(error)
        return None
    flow.succeeded()
    return opened


def test_waits_grow_and_block_attempts(store: Store, data_dir: Path) -> None:
    store.lock()
    clock = FakeClock()
    flow = UnlockFlow(clock=clock, sleep=clock.sleep, base_seconds=1, cap_seconds=8)
    assert flow.state is UnlockState.READY
    assert not flow.can_attempt("   ")
    waits = []
    for _ in range(5):
        assert attempt(flow, data_dir, "wrong passphrase") is None
        assert flow.failure is UnlockFailure.WRONG_PASSPHRASE
        assert flow.state is UnlockState.WAITING
        assert not flow.can_attempt("anything")
        with pytest.raises(RuntimeError):
            flow.begin("anything")
        waits.append(flow.seconds_left())
        clock.now += flow.seconds_left()
        assert flow.state is UnlockState.READY
    assert waits == [1, 2, 4, 8, 8]
    assert clock.slept == []  # the countdown was over before each store call
    opened = attempt(flow, data_dir, PASSPHRASE)
    assert opened is not None
    assert flow.state is UnlockState.UNLOCKED and flow.failures == 0
    opened.lock()
    flow.relock()
    assert flow.state is UnlockState.READY


def test_store_call_during_countdown_waits_the_rest(store: Store, data_dir: Path) -> None:
    store.lock()
    clock = FakeClock()
    flow = UnlockFlow(clock=clock, sleep=clock.sleep, base_seconds=4)
    attempt(flow, data_dir, "wrong passphrase")
    clock.now += 1.5
    # a caller bypassing the widget still waits what is left of the countdown
    with pytest.raises(WrongPassphrase):
        Store.unlock(data_dir, passphrase="wrong again", throttle=flow.throttle)
    assert clock.slept == [2.5]


def test_classify() -> None:
    assert classify(DatabaseDamaged("x")) is UnlockFailure.DAMAGED
    assert classify(OSError("x")) is UnlockFailure.OTHER
