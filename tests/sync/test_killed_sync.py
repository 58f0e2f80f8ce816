"""``hembesok sync`` SIGKILLed at random points, 20 times: the next run completes the sync with
nothing duplicated and nothing lost (the laptop holds exactly the server's rows, every local
change was applied by the server exactly once)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from hembesok_desktop.demo.caseload import fill_demo_caseload
from hembesok_desktop.server import admin
from hembesok_desktop.server.models import AppliedChange, FamilyScope, Record
from hembesok_desktop.store import replica
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.models import SYNCED_MODELS, Conflict
from tests.conftest import PASSPHRASE
from tests.support.catalogue import CATALOGUE
from tests.support.server_harness import ServerProcess
from tests.sync.conftest import PASSWORD, Laptop, create_store, enroll_store, outbox

pytestmark = pytest.mark.slow
KILLS = 20
ROOT = Path(__file__).resolve().parents[2]


def _sync_process(data_dir: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, HEMBESOK_PASSPHRASE=PASSPHRASE, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from hembesok_desktop.cli import main; sys.exit(main())",
            "--data-dir",
            str(data_dir),
            "sync",
            "--json",
            "--batch-size",
            "40",
            "--page-size",
            "60",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


def _server_rows(engine: Engine, team_id: int) -> int:
    with Session(engine) as session:
        keys = (
            select(Record.entity, Record.row_id)
            .join(FamilyScope, col(FamilyScope.family_id) == col(Record.family_id))
            .where(FamilyScope.team_id == team_id)
            .distinct()
            .subquery()
        )
        return int(session.exec(select(func.count()).select_from(keys)).one())


def _local_rows(store: Store) -> int:
    with store.read() as session:
        return sum(
            int(session.exec(select(func.count()).select_from(model)).one())
            for model in SYNCED_MODELS
        )


def test_sync_killed_twenty_times_completes_without_duplicates(
    tmp_path: Path, server: ServerProcess, server_engine: Engine
) -> None:
    suffix = uuid.uuid4().hex[:6]
    team_id = admin.add_team(server_engine, f"BVC Kill {suffix}")
    for who in ("k1", "k2"):
        admin.add_nurse(
            server_engine,
            f"{who}_{suffix}",
            teams=[f"BVC Kill {suffix}"],
            full_name="Syster K",
            title="BVC-sjuksköterska",
            password=PASSWORD,
        )
    data_dir = tmp_path / "laptop"
    store = create_store(data_dir)
    enroll_store(store, server.base_url, f"k1_{suffix}")
    fill_demo_caseload(store, catalogue=CATALOGUE, families=8, seed=1)
    store.lock()
    colleague = Laptop(create_store(tmp_path / "colleague"), server.base_url)
    enroll_store(colleague.store, server.base_url, f"k2_{suffix}")

    rng = random.Random(20261125)
    killed_in: list[str] = []
    for round_ in range(KILLS):
        # fresh work in both directions: local writes to push, the colleague's rows to pull
        local = Store.unlock(data_dir, passphrase=PASSPHRASE)
        fill_demo_caseload(local, catalogue=CATALOGUE, families=1, seed=100 + round_)
        local.lock()
        fill_demo_caseload(colleague.store, catalogue=CATALOGUE, families=1, seed=200 + round_)
        colleague.sync()

        process = _sync_process(data_dir)
        assert process.stderr is not None
        phase = rng.choice(["push:", "pull:"])
        seen = ""
        while True:
            line = process.stderr.readline()
            if not line or line.startswith(phase):
                seen = line.split(":")[0]
                break
        if seen:
            delay = rng.uniform(0.0, 0.12)
            try:
                process.wait(delay)
            except subprocess.TimeoutExpired:
                process.send_signal(signal.SIGKILL)
        process.wait(30)
        killed_in.append(f"{seen or 'end'}:{process.returncode}")
        process.stdout.close()  # type: ignore[union-attr]
        process.stderr.close()

    kills = [entry for entry in killed_in if entry.endswith(f":{-signal.SIGKILL}")]
    assert len(kills) >= KILLS // 2, killed_in  # most runs really died mid-sync

    final = _sync_process(data_dir)
    out, err = final.communicate(timeout=120)
    assert final.returncode == 0, err
    summary = json.loads(out)
    assert summary["rejected"] == 0 and summary["quarantined"] == 0
    colleague.sync()

    store = Store.unlock(data_dir, passphrase=PASSPHRASE)
    try:
        assert replica.count_pending(store) == 0
        sent = {change.change_id for change in outbox(store, "sent")}
        device_id = replica.sync_state(store).device_id
        with Session(server_engine) as session:
            applied = set(
                session.exec(
                    select(AppliedChange.change_id).where(AppliedChange.device_id == device_id)
                ).all()
            )
        assert applied == sent  # every change applied, each once (change_id is the key)
        server_count = _server_rows(server_engine, team_id)
        assert _local_rows(store) == server_count
        assert _local_rows(colleague.store) == server_count
        with store.read() as session:
            assert (
                session.exec(
                    select(func.count()).select_from(Conflict)  # no conflicts appeared
                ).one()
                == 0
            )
    finally:
        store.lock()
        colleague.store.lock()
