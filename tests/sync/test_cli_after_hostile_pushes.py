"""``hembesok sync`` as a subprocess, against a real server process, after another device of the
same team pushed what no laptop would send (issue 12): it exits 0 and its stderr holds only
one-line messages (progress lines, at most one warning): no traceback, no SQL, no personal data.

The hostile batch repeats the issue's defects one by one (deep nesting, wrong types, impossible
dates, NUL, lone surrogates, 3 MiB, forged authorship, a clock far ahead, a new record without
its required fields), each carrying a name and a personal number where it can. One row left in
the server's database from before the schema (a child without its required fields) makes the
laptop set it aside, which is the one warning line.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from hembesok_desktop.domain.hlc import HybridLogicalClock
from hembesok_desktop.server import admin, feed
from hembesok_desktop.server.db import write_session
from hembesok_desktop.server.records import Stored, upsert
from hembesok_desktop.store import replica
from hembesok_desktop.store.database import Store
from tests.conftest import PASSPHRASE
from tests.support.server_harness import (
    ServerProcess,
    SyncClient,
    complete,
    new_row,
    push_new_family,
)

from .conftest import PASSWORD, create_store, enroll_store

ROOT = Path(__file__).resolve().parents[2]
#: personal data in the pushed changes; none of it may reach the laptop's stderr
SECRETS = ("Hemligsdotter", "Lönnqvistsson", "19121212-1212", "20240229-0000")
PROGRESS = re.compile(r"^[a-z_ ]+: \d+/(\d+|\?)$")
WARNING = re.compile(r"^hembesok: warning: [^\n]+\.$")


def _deep(levels: int) -> Any:
    value: Any = "x"
    for _ in range(levels):
        value = [value]
    return value


def _change(
    entity: str, row_id: str, family_id: str, fields: dict[str, Any], hlc: str
) -> dict[str, Any]:
    return {
        "change_id": str(uuid.uuid4()),
        "entity": entity,
        "row_id": row_id,
        "family_id": family_id,
        "fields": {name: {"value": value, "hlc": hlc} for name, value in fields.items()},
    }


def _hostile(family_id: str, clock: HybridLogicalClock) -> list[dict[str, Any]]:
    now = clock.now()
    ahead = f"{int(time.time() * 1000) + 23 * 3600 * 1000:015d}-00000-evil"
    person = {"given_name": SECRETS[0], "family_name": SECRETS[1], "identity_number": SECRETS[2]}
    guardian = {**person, "identity_kind": "personnummer"}

    def row(entity: str, fields: dict[str, Any], hlc: str = now) -> dict[str, Any]:
        row_id = family_id if entity == "family" else str(uuid.uuid4())
        return _change(entity, row_id, family_id, fields, hlc)

    return [
        row("family", {"area": _deep(400)}),
        row("family", {"area": {"a": 1}, "phone": SECRETS[2]}),
        row("family", {"phone": [1, 2]}),
        row("family", {"interpreter_needed": "yes"}),
        row("family", {"created_at": "garbage"}),
        row("family", {"area": "x" * (3 * 1024 * 1024)}),
        row("guardian", {**guardian, "first_child_in_sweden": "yes"}),
        row("guardian", {**guardian, "birth_date": "2026-02-30"}),
        row("child", {**person, "birth_date": "2026-02-30"}),
        row("child", {**person, "identity_number": SECRETS[3] + "\x00"}),
        row("child", {**person, "birth_date": "2025-01-15", "family_name": "\ud800"}),
        row("child", {"given_name": SECRETS[0], "identity_number": SECRETS[2]}),  # incomplete
        row("child", complete("child", person), hlc=ahead),
        row(
            "journal_entry",
            {
                "text": f"{SECRETS[0]} {SECRETS[2]}",
                "author_name": "Doktor Someone Else",
                "author_title": "Överläkare",
                "signed_at": "2020-01-01T00:00:00+00:00",
                "created_at": "2020-01-01T00:00:00+00:00",
            },
        ),
        row("no_such_kind", {"x": SECRETS[2]}),
        row("family", {f"f{i}": "x" * 1024 for i in range(3000)}),
    ]


def _own_team(engine: Engine) -> tuple[str, str]:
    """Two nurses of a team of their own, so the row left below reaches no other test."""
    suffix = uuid.uuid4().hex[:6]
    admin.add_team(engine, f"BVC Hostile {suffix}")
    names = (f"h1_{suffix}", f"h2_{suffix}")
    for name in names:
        admin.add_nurse(
            engine, name, teams=[f"BVC Hostile {suffix}"], full_name=f"Syster {name}",
            title="BVC-sjuksköterska", password=PASSWORD,
        )
    return names


def _leave_incomplete_child(engine: Engine, family_id: str, hlc: str) -> str:
    """A child the server stored before it checked new rows: only a name, no birth date."""
    row_id = str(uuid.uuid4())
    with write_session(engine) as session:
        upsert(
            session,
            {
                ("child", row_id): Stored(
                    family_id, {"given_name": {"value": SECRETS[0], "hlc": hlc}}
                )
            },
        )
        feed.append(session, [("child", row_id)])
    return row_id


def _run_sync(data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env.update(HEMBESOK_DATA_DIR=str(data_dir), HEMBESOK_PASSPHRASE=PASSPHRASE)
    return subprocess.run(
        [sys.executable, "-m", "hembesok_desktop.cli", "sync", "--json"],
        capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=120,
        check=False,
    )


def test_hembesok_sync_after_hostile_pushes_exits_0_with_one_line_messages(
    tmp_path: Path, server: ServerProcess, server_engine: Engine
) -> None:
    pushing_nurse, laptop_nurse = _own_team(server_engine)
    data_dir = tmp_path / "laptop"
    store = create_store(data_dir)
    enroll_store(store, server.base_url, laptop_nurse)
    store.lock()
    clock = HybridLogicalClock(f"x{uuid.uuid4().hex[:6]}")
    with SyncClient.enroll(server.base_url, pushing_nurse, PASSWORD) as pusher:
        family_id = push_new_family(pusher, clock, area="Norr")
        legitimate = new_row(
            "guardian", str(uuid.uuid4()), family_id,
            {"given_name": SECRETS[0], "family_name": SECRETS[1], "identity_number": SECRETS[2],
             "identity_kind": "personnummer"},
            clock,
        ).model_dump()
        hostile = _hostile(family_id, clock)
        body = json.dumps({"batch_id": str(uuid.uuid4()), "changes": [*hostile, legitimate]})
        answer = pusher.http.post(
            "/api/v1/sync/push", content=body, headers={"Content-Type": "application/json"}
        )
    assert answer.status_code == 200, answer.text[:300]
    assert answer.json()["accepted"] == [legitimate["change_id"]]
    assert len(answer.json()["rejected"]) == len(hostile)
    left = _leave_incomplete_child(server_engine, family_id, clock.now())

    done = _run_sync(data_dir)

    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stderr.splitlines()
    assert lines and all(PROGRESS.match(line) or WARNING.match(line) for line in lines), lines
    assert len([line for line in lines if WARNING.match(line)]) == 1, lines
    for text in (done.stderr, done.stdout):
        assert not any(secret in text for secret in SECRETS)
        assert "Traceback" not in text and "SELECT" not in text and "[parameters" not in text
    assert json.loads(done.stdout)["pulled"] >= 2
    unlocked = Store.unlock(data_dir, passphrase=PASSPHRASE)
    try:
        assert [row["row_id"] for row in replica.set_aside_rows(unlocked)] == [left]
    finally:
        unlocked.lock()
