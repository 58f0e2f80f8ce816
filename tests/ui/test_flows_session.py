"""The session flow (lock and return to the same place) and the idle clock, without Qt."""

from __future__ import annotations

import pytest

from hembesok_desktop.ui.flows.session import (
    IdleClock,
    LockReason,
    Place,
    SessionFlow,
    SessionState,
)


def test_first_run_then_lock_returns_to_place() -> None:
    flow = SessionFlow(store_exists=False)
    assert flow.state is SessionState.FIRST_RUN
    with pytest.raises(RuntimeError):
        flow.unlocked()
    flow.created()
    flow.navigated(family_id="f1", tab=2)
    assert flow.lock(LockReason.IDLE)
    assert flow.state is SessionState.LOCKED and flow.lock_reason is LockReason.IDLE
    flow.navigated(family_id="other", tab=0)  # ignored while locked
    assert not flow.lock(LockReason.NURSE)
    assert flow.unlocked() == Place("f1", 2)
    assert flow.lock_reason is None


def test_existing_store_starts_locked() -> None:
    flow = SessionFlow(store_exists=True)
    assert flow.state is SessionState.LOCKED
    with pytest.raises(RuntimeError):
        flow.created()
    assert flow.unlocked() == Place()


def test_idle_clock() -> None:
    now = [0.0]
    idle = IdleClock(5, clock=lambda: now[0])
    now[0] = 299
    assert not idle.should_lock()
    assert idle.seconds_until_lock() == pytest.approx(1)
    idle.touch()
    now[0] = 598
    assert not idle.should_lock()
    now[0] = 599
    assert idle.should_lock()
    idle.minutes = 0  # auto-lock off
    assert not idle.should_lock()
