"""One store worker for the whole application: the thread that created the store serves every
session through lock and unlock, and a lock still lets the writes queued before it finish
(``TaskRunner.drain``) while work asked for during the teardown is dropped (``refusing``)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlmodel import select

from hembesok_desktop.store.database import Store
from hembesok_desktop.store.models import Family
from hembesok_desktop.store.services import families
from hembesok_desktop.ui.flows.session import LockReason
from hembesok_desktop.ui.tasks import TaskRunner

from .shell_support import PASSPHRASE, make_shell, settings_in, shells, stub_first_run

pytestmark = pytest.mark.usefixtures("shells")
__all__ = ["shells"]

CYCLES = 3


def store_workers() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name == "store-worker" and t.is_alive()}


def test_one_store_worker_serves_every_session_and_lock_drains_writes(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = store_workers()  # other tests' runners may still be alive
    stub_first_run(monkeypatch)
    shell = make_shell(qtbot, tmp_path / "data", settings_in(tmp_path))
    with qtbot.waitSignal(shell.unlocked, timeout=10_000):
        shell.start()  # the first run creates the store on the worker, then opens a session
    ours = store_workers() - before
    assert len(ours) == 1

    for number in range(CYCLES):
        ctx = shell.ctx
        assert ctx is not None and ctx.runner is shell.runner
        ctx.write(
            lambda uow, n=number: families.create_family(uow, address=f"Påhittad väg {n}"),
            name="queued-before-lock",
        )
        assert shell.lock(LockReason.NURSE)  # straight away: the write is still queued
        assert store_workers() - before == ours
        shell.unlock_screen.secret.setText(PASSPHRASE)
        with qtbot.waitSignal(shell.unlocked, timeout=10_000):
            shell.unlock_screen.unlock_button.click()
        assert store_workers() - before == ours

    shell.shutdown()
    assert not any(thread.is_alive() for thread in ours)
    store = Store.unlock(tmp_path / "data", passphrase=PASSPHRASE)
    try:
        with store.read() as session:
            addresses = set(session.exec(select(Family.address)).all())
    finally:
        store.lock()
    assert addresses == {f"Påhittad väg {n}" for n in range(CYCLES)}


def test_drain_waits_for_queued_work_and_keeps_the_worker(qtbot: QtBot) -> None:
    runner = TaskRunner()
    release = threading.Event()
    ran: list[str] = []
    runner.run(lambda: release.wait(5) and ran.append("first"))
    runner.run(lambda: ran.append("second"))
    assert not runner.drain(timeout=0.05)  # the first task still waits
    release.set()
    assert runner.drain(timeout=5) and ran == ["first", "second"]
    done: list[object] = []
    runner.run(lambda: "after", on_done=done.append)  # the worker still serves
    qtbot.waitUntil(lambda: done == ["after"], timeout=5000)
    runner.shutdown()


def test_work_asked_for_while_refusing_is_dropped(qtbot: QtBot) -> None:
    runner = TaskRunner()
    ran: list[str] = []
    with runner.refusing():
        runner.run(lambda: ran.append("during"))
        assert runner.pending == 0
    runner.run(lambda: ran.append("after"))
    assert runner.drain(timeout=5)
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=5000)
    assert ran == ["after"]
    runner.shutdown()
