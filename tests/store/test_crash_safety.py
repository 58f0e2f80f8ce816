"""A process killed with SIGKILL in the middle of writes loses nothing it reported committed."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

from sqlmodel import select

from hembesok_desktop.store.database import Store
from hembesok_desktop.store.models import Family, JournalEntry, PendingChange
from tests.conftest import CHEAP_KDF, PASSPHRASE

WRITER = Path(__file__).with_name("crash_writer.py")
ROOT = Path(__file__).parents[2]


def run_and_kill(data_dir: Path, *, kill_after: int) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, str(WRITER), str(data_dir), PASSPHRASE, "1000"],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    reported: list[str] = []
    try:
        assert process.stdout.readline().strip() == "ready"
        for line in process.stdout:
            reported.append(line.strip())
            if len(reported) >= kill_after:
                process.send_signal(signal.SIGKILL)
                break
    finally:
        process.kill()
        process.wait(timeout=30)
        process.stdout.close()
    # Lines already in the pipe were committed too; the kill may land after a few more commits.
    return reported


def test_sigkill_mid_writes_loses_nothing_reported(tmp_path: Path) -> None:
    data_dir = tmp_path / "store"
    Store.create(data_dir, passphrase=PASSPHRASE, kdf=CHEAP_KDF)[0].lock()
    rng = random.Random(20261125)
    everything_reported: set[str] = set()
    for _round in range(20):
        everything_reported.update(run_and_kill(data_dir, kill_after=rng.randint(1, 999)))
        store = Store.unlock(data_dir, passphrase=PASSPHRASE)
        try:
            assert store.check() is None
            with store.read() as session:
                family_ids = set(session.exec(select(Family.id)).all())
                entry_families = set(session.exec(select(JournalEntry.family_id)).all())
                outbox = set(session.exec(select(PendingChange.row_id)).all())
        finally:
            store.lock()
        assert everything_reported <= family_ids
        # each transaction was whole: a family never without its entry and change records
        assert family_ids == entry_families
        assert family_ids <= outbox
