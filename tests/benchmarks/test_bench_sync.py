"""Speed of sync against a real server process on 127.0.0.1.

* first download of a 300-family caseload into an empty laptop, versus plain httpx GETs of the
  same pull pages (same bytes, nothing parsed or stored): the ratio is the client's overhead;
* an end-of-day sync of 500 changes (push + pull back), versus plain httpx carrying the same
  push bodies and pull pages;
* 200 nurses syncing at once against PostgreSQL (threads, one httpx client each): errors (goal
  none) and the 95th-percentile latency of one nurse's sync.

Run with ``make bench`` (or ``pytest tests/benchmarks/test_bench_sync.py --benchmark-only
--benchmark-enable``).
"""

from __future__ import annotations

import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from hembesok_desktop.demo.caseload import fill_demo_caseload
from hembesok_desktop.domain.hlc import HybridLogicalClock
from hembesok_desktop.protocol.wire import Change, PushRequest
from hembesok_desktop.server import admin
from hembesok_desktop.server.auth import enroll_device, hash_password
from hembesok_desktop.server.db import make_engine
from hembesok_desktop.server.models import Nurse, NurseTeam, Team
from hembesok_desktop.store import replica
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.services import families, journal
from hembesok_desktop.store.sync_port import StoreReplica
from tests.benchmarks.figures import Figure
from tests.support.catalogue import CATALOGUE
from tests.support.server_harness import (
    ServerProcess,
    make_change,
    postgres_unavailable_reason,
    start_postgres,
    start_server_process,
)
from tests.support.sync import sync_store
from tests.sync.conftest import PASSWORD, create_store, enroll_store

CASELOAD = 300
CHANGES = 500
NURSES = 200
TODAY = date(2026, 11, 25)

REPORT_FIGURES: dict[str, Figure] = {
    "test_bench_first_download_300_families": Figure(
        "Sync: first download, 300 families",
        versus="test_bench_first_download_plain_httpx",
        ratio_goal=3.0,
    ),
    "test_bench_first_download_plain_httpx": Figure("  plain httpx, same pull pages"),
    "test_bench_end_of_day_500_changes": Figure(
        "Sync: end of day, 500 changes",
        versus="test_bench_end_of_day_plain_httpx",
        ratio_goal=3.0,
    ),
    "test_bench_end_of_day_plain_httpx": Figure("  plain httpx, same push and pull bytes"),
    "test_bench_200_nurses_postgres_p95": Figure(
        "Sync: 200 nurses at once (PostgreSQL), p95", extra="p95_ms"
    ),
    "test_bench_200_nurses_postgres_errors": Figure(
        "  errors of those 200 syncs", extra="errors", unit="", goal_text="0"
    ),
}


@dataclass
class Region:
    server: ServerProcess
    engine: Engine
    workdir: Path
    nurse: str


@pytest.fixture(scope="module")
def region() -> Iterator[Region]:
    """A server with a 300-family caseload uploaded by one laptop."""
    workdir = Path(tempfile.mkdtemp(prefix="hembesok-bench-sync-"))
    url = f"sqlite:///{workdir}/server.sqlite3"
    with start_server_process(url) as server:
        engine = make_engine(url)
        admin.add_team(engine, "BVC Bänk")
        admin.add_nurse(
            engine,
            "bench",
            teams=["BVC Bänk"],
            full_name="Bänk Sköterska",
            title="BVC-sjuksköterska",
            password=PASSWORD,
        )
        source = create_store(workdir / "source")
        enroll_store(source, server.base_url, "bench")
        fill_demo_caseload(source, catalogue=CATALOGUE, families=CASELOAD, seed=3, today=TODAY)
        sync_store(source, batch_size=1000)
        source.lock()
        try:
            yield Region(server, engine, workdir, "bench")
        finally:
            engine.dispose()


_count = iter(range(10_000))


def _fresh_laptop(region: Region, *, download: bool = False) -> Store:
    store = create_store(region.workdir / f"laptop{next(_count)}")
    enroll_store(store, region.server.base_url, region.nurse)
    if download:
        sync_store(store)
    return store


def _raw_pull(http: httpx.Client, cursor: str | None, limit: int = 500) -> int:
    """GET every pull page with plain httpx (bytes only); returns the bytes received."""
    received = 0
    while True:
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        response = http.get("/api/v1/sync/pull", params=params)
        response.raise_for_status()
        received += len(response.content)
        page = response.json()  # only to follow the cursor, as any client must
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return received


def _http(region: Region, token: str) -> httpx.Client:
    return httpx.Client(
        base_url=region.server.base_url, timeout=120, headers={"Authorization": f"Bearer {token}"}
    )


@pytest.mark.benchmark(group="sync-first-download")
def test_bench_first_download_300_families(benchmark, region: Region) -> None:  # type: ignore[no-untyped-def]
    stores: list[Store] = []

    def setup() -> tuple[tuple[Store], dict[str, object]]:
        stores.append(_fresh_laptop(region))
        return (stores[-1],), {}

    benchmark.pedantic(lambda store: sync_store(store), setup=setup, rounds=3, iterations=1)
    with stores[-1].read() as session:
        from hembesok_desktop.store.queries import stats

        assert stats(session)["families"] >= CASELOAD
    for store in stores:
        store.lock()


@pytest.mark.benchmark(group="sync-first-download")
def test_bench_first_download_plain_httpx(benchmark, region: Region) -> None:  # type: ignore[no-untyped-def]
    stores: list[Store] = []

    def setup() -> tuple[tuple[httpx.Client], dict[str, object]]:
        stores.append(_fresh_laptop(region))
        token = replica.sync_state(stores[-1]).device_token
        assert token
        return (_http(region, token),), {}

    benchmark.pedantic(lambda http: _raw_pull(http, None), setup=setup, rounds=3, iterations=1)
    for store in stores:
        store.lock()


def _day_of_edits(store: Store) -> None:
    """500 changes: journal entries written and signed, and family fields edited."""
    with store.read() as session:
        from sqlmodel import select

        from hembesok_desktop.store.models import Family

        family_ids = list(session.exec(select(Family.id).limit(50)).all())
    made = 0
    while made < CHANGES:
        with store.write() as uow:
            for family_id in family_ids[:10]:
                if made + 3 > CHANGES:
                    families.update_family(uow, family_id, phone=f"bench-{uuid.uuid4().hex[:8]}")
                    made += 1
                    continue
                entry = journal.write_entry(uow, family_id=family_id, text="Hembesök genomfört.")
                uow.session.flush()
                journal.sign_entry(
                    uow, entry.id, author_name="Bänk Sköterska", author_title="BVC-sjuksköterska"
                )
                families.update_family(uow, family_id, area=f"Område {uuid.uuid4().hex[:8]}")
                made += 3
                if made >= CHANGES:
                    break
            family_ids = family_ids[10:] + family_ids[:10]
    assert replica.count_pending(store) >= CHANGES


@pytest.mark.benchmark(group="sync-end-of-day")
def test_bench_end_of_day_500_changes(benchmark, region: Region) -> None:  # type: ignore[no-untyped-def]
    stores: list[Store] = []

    def setup() -> tuple[tuple[Store], dict[str, object]]:
        stores.append(_fresh_laptop(region, download=True))
        _day_of_edits(stores[-1])
        return (stores[-1],), {}

    def run(store: Store) -> None:
        summary = sync_store(store)
        assert summary.pushed >= CHANGES and summary.rejected == 0

    benchmark.pedantic(run, setup=setup, rounds=3, iterations=1)
    for store in stores:
        store.lock()


@pytest.mark.benchmark(group="sync-end-of-day")
def test_bench_end_of_day_plain_httpx(benchmark, region: Region) -> None:  # type: ignore[no-untyped-def]
    stores: list[Store] = []

    def setup() -> tuple[tuple[httpx.Client, list[bytes], str | None], dict[str, object]]:
        store = _fresh_laptop(region, download=True)
        stores.append(store)
        _day_of_edits(store)
        changes = StoreReplica(store).pending_changes(10_000)
        bodies = [
            PushRequest(batch_id=str(uuid.uuid4()), changes=changes[i : i + 200])
            .model_dump_json()
            .encode()
            for i in range(0, len(changes), 200)
        ]
        token = replica.sync_state(store).device_token
        assert token
        return (_http(region, token), bodies, replica.sync_cursor(store)), {}

    def run(http: httpx.Client, bodies: list[bytes], cursor: str | None) -> None:
        for body in bodies:
            response = http.post(
                "/api/v1/sync/push", content=body, headers={"Content-Type": "application/json"}
            )
            response.raise_for_status()
            response.json()
        _raw_pull(http, cursor)

    benchmark.pedantic(run, setup=setup, rounds=3, iterations=1)
    for store in stores:
        store.lock()


# -- 200 nurses at once against PostgreSQL ---------------------------------------------------
def _nurse_changes(family_id: str, clock: HybridLogicalClock) -> list[Change]:
    changes = [
        make_change(
            "family",
            family_id,
            family_id,
            {
                "address": "Påhittade gränd 1",
                "area": "Demo",
                "phone": "",
                "created_at": "2026-01-05T08:00:00+00:00",
            },
            clock,
        )
    ]
    for number in range(24):
        changes.append(
            make_change(
                "contact",
                str(uuid.uuid4()),
                family_id,
                {
                    "kind": "home",
                    "status": "done",
                    "themes": ["sleep"],
                    "status_reason": f"{number}",
                },
                clock,
            )
        )
    return changes


def _one_nurse(base_url: str, token: str, start: threading.Barrier, results: list[Any]) -> None:
    clock = HybridLogicalClock(f"n{uuid.uuid4().hex[:8]}")
    body = PushRequest(
        batch_id=str(uuid.uuid4()), changes=_nurse_changes(str(uuid.uuid4()), clock)
    ).model_dump_json()
    with httpx.Client(
        base_url=base_url, timeout=120, headers={"Authorization": f"Bearer {token}"}
    ) as http:
        start.wait()
        began = time.perf_counter()
        try:
            response = http.post(
                "/api/v1/sync/push", content=body, headers={"Content-Type": "application/json"}
            )
            response.raise_for_status()
            assert not response.json()["rejected"]
            _raw_pull(http, None)
        except Exception as error:  # counted, not raised: the figure is the error count
            results.append(("error", type(error).__name__))
            return
        results.append(("ok", time.perf_counter() - began))


@pytest.mark.benchmark(group="sync-load")
def test_bench_200_nurses_postgres_p95(benchmark) -> None:  # type: ignore[no-untyped-def]
    reason = postgres_unavailable_reason()
    if reason:
        pytest.skip(reason)
    with start_postgres() as cluster:
        url = cluster.create_database("load")
        with start_server_process(url) as server:
            engine = make_engine(url)
            tokens = nurses_and_devices(engine)
            results: list[Any] = []

            def run() -> None:
                start = threading.Barrier(len(tokens))
                threads = [
                    threading.Thread(target=_one_nurse, args=(server.base_url, t, start, results))
                    for t in tokens
                ]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(300)

            benchmark.pedantic(run, rounds=1, iterations=1)
            engine.dispose()
    latencies = sorted(value for kind, value in results if kind == "ok")
    errors = [value for kind, value in results if kind == "error"]
    p95 = latencies[int(0.95 * (len(latencies) - 1))] * 1000 if latencies else float("nan")
    benchmark.extra_info.update(
        p95_ms=round(p95, 1),
        median_ms=round(statistics.median(latencies) * 1000, 1) if latencies else None,
        errors=len(errors),
        nurses=len(tokens),
    )
    _LOAD_RESULT.update(benchmark.extra_info)
    print(
        f"\n200 nurses: errors {len(errors)}, p95 {p95:.0f} ms, "
        f"median {benchmark.extra_info['median_ms']} ms"
    )
    assert len(results) == NURSES
    assert not errors, errors[:5]


_LOAD_RESULT: dict[str, Any] = {}


@pytest.mark.benchmark(group="sync-load")
def test_bench_200_nurses_postgres_errors(benchmark) -> None:  # type: ignore[no-untyped-def]
    """Reports the error count of the run above (its own timing is meaningless)."""
    if not _LOAD_RESULT:
        pytest.skip("the 200-nurse run did not happen")
    benchmark.pedantic(lambda: None, rounds=1, iterations=1)
    benchmark.extra_info.update(errors=_LOAD_RESULT["errors"])


def nurses_and_devices(engine: Engine, count: int = NURSES) -> list[str]:
    """``count`` nurses in teams of 10 (one password hash shared: creating them is not what is
    timed), each with an enrolled device; returns the device tokens."""
    password_hash = hash_password(PASSWORD)
    nurse_ids: list[int] = []
    with Session(engine) as session:
        for team_number in range(count // 10):
            team = Team(name=f"BVC Last {team_number}")
            session.add(team)
            session.flush()
            for member in range(10):
                nurse = Nurse(
                    username=f"last{team_number}_{member}",
                    full_name="Syster Last",
                    title="BVC-sjuksköterska",
                    password_hash=password_hash,
                )
                session.add(nurse)
                session.flush()
                assert nurse.id is not None and team.id is not None
                session.add(NurseTeam(nurse_id=nurse.id, team_id=team.id))
                nurse_ids.append(nurse.id)
        session.commit()
    return [enroll_device(engine, nurse_id, "load laptop")[1] for nurse_id in nurse_ids]
