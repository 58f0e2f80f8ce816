"""Throttled enrollment against its own real server process: 30 wrong passwords give 429s with
Retry-After, 32 concurrent wrong attempts keep the server under 400 MiB (its RSS, read from
/proc), another nurse's correct login (from another address) still succeeds at once, and
``admin unlock`` clears a lockout."""

from __future__ import annotations

import threading
import time
import uuid
from pathlib import Path

import httpx
import pytest

from hembesok_desktop.server import admin
from hembesok_desktop.server.db import make_engine
from tests.support.server_harness import run_admin, start_server_process

PASSWORD = "correct horse battery"
LIMIT_MIB = 400


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc for RSS")
def test_enrollment_is_throttled_bounded_and_spares_other_nurses(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/server.sqlite3"
    with start_server_process(url) as server:
        engine = make_engine(url)
        admin.add_team(engine, "BVC T")
        for user in ("anna", "berit"):
            admin.add_nurse(
                engine, user, teams=["BVC T"], full_name=user, title="BVC", password=PASSWORD
            )
        enroll = f"{server.base_url}/api/v1/enroll"
        codes = [
            httpx.post(enroll, json={"username": "anna", "password": f"wrong {i}"}).status_code
            for i in range(30)
        ]
        assert codes[:3] == [401, 401, 401] and codes.count(429) >= 20
        locked = httpx.post(enroll, json={"username": "anna", "password": PASSWORD})
        assert locked.status_code == 429 and int(locked.headers["Retry-After"]) > 0

        peak = [0.0]
        done = threading.Event()

        def watch() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], _rss_mib(server.process.pid))
                time.sleep(0.01)

        def wrong() -> None:
            httpx.post(
                enroll, json={"username": f"x{uuid.uuid4().hex}", "password": "no"}, timeout=60
            )

        watcher = threading.Thread(target=watch)
        watcher.start()
        attempts = [threading.Thread(target=wrong) for _ in range(32)]
        for attempt in attempts:
            attempt.start()
        # meanwhile another nurse, from another address, logs in at once
        other = httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.2"))
        started = time.perf_counter()
        berit = other.post(enroll, json={"username": "berit", "password": PASSWORD}, timeout=60)
        berit_s = time.perf_counter() - started
        for attempt in attempts:
            attempt.join()
        done.set()
        watcher.join()
        other.close()
        unlocked_before = run_admin(url, "unlock", "nobody")
        assert "nothing changed" in unlocked_before.stdout
        assert berit.status_code == 200, berit.text
        assert berit_s < 3.0
        assert peak[0] < LIMIT_MIB, f"server RSS peaked at {peak[0]:.0f} MiB"

        unlocked = run_admin(url, "unlock", "anna")
        assert unlocked.returncode == 0 and "cleared" in unlocked.stdout
        # from an address the burst did not lock (127.0.0.1 is locked by now, and stays so)
        with httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.2")) as client:
            again = client.post(enroll, json={"username": "anna", "password": PASSWORD})
        assert again.status_code == 200
        print(f"peak RSS {peak[0]:.0f} MiB, other nurse's login {berit_s:.2f} s")
        engine.dispose()
