"""PostgreSQL: the pull cursor never skips a change, even when pushes commit out of order."""

from __future__ import annotations

import threading
import time
import uuid

import pytest
from sqlalchemy import Engine

from hembesok_desktop.domain.hlc import HybridLogicalClock
from hembesok_desktop.protocol.wire import PushRequest
from hembesok_desktop.server.auth import device_for_token
from hembesok_desktop.server.db import read_session, write_session
from hembesok_desktop.server.push import apply_push
from tests.support.server_harness import (
    SyncClient,
    World,
    make_change,
    new_row,
    push_new_family,
    rows_of,
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.parametrize("database_url", ["postgres"], indirect=True),
]


def test_a_push_that_commits_late_is_not_skipped_by_a_pull_in_between(
    world: World, engine: Engine, a1: SyncClient
) -> None:
    clock = HybridLogicalClock(f"c{uuid.uuid4().hex[:6]}")
    slow_family, fast_family = push_new_family(a1, clock), push_new_family(a1, clock)
    puller = world.enroll("a2")
    puller.pull_all()
    assert a1.token is not None
    with read_session(engine) as session:
        ctx = device_for_token(session, a1.token)
    assert ctx is not None

    slow = new_row("child", str(uuid.uuid4()), slow_family, {"given_name": "1"}, clock)
    fast = new_row("child", str(uuid.uuid4()), fast_family, {"given_name": "2"}, clock)
    fast_done = threading.Event()

    def push_fast() -> None:
        with SyncClient(world.base_url, a1.token) as client:
            assert client.push([fast]).rejected == []
        fast_done.set()

    with write_session(engine) as session:
        # the slow push has taken its feed seq and not yet committed ...
        assert (
            apply_push(
                session,
                ctx,
                PushRequest(batch_id="slow", changes=[slow]),
                HybridLogicalClock("srvtest"),
            ).rejected
            == []
        )
        thread = threading.Thread(target=push_fast)
        thread.start()
        # ... while a later push runs (it waits for the feed lock; without that lock it would
        # commit a higher seq first) and a pull reads in between and moves its cursor
        fast_done.wait(1.0)
        between = puller.pull_page(puller.cursor)
        assert rows_of([between], slow_family) == {}
        puller.cursor = between.next_cursor
    thread.join(10)
    assert fast_done.is_set()
    pages, _ = puller.pull_all()
    seen = {**rows_of([between], fast_family), **rows_of(pages, fast_family)}
    assert ("child", fast.row_id) in seen
    assert ("child", slow.row_id) in rows_of(pages, slow_family), "the pull cursor skipped it"


def test_a_late_commit_that_moves_a_record_forward_in_the_compacted_feed_is_not_skipped(
    world: World, engine: Engine, a1: SyncClient
) -> None:
    """The feed holds one entry per record: a change moves the record to a new, higher seq. A
    push that moves an already-read record forward and commits late is still seen, and a first
    download meets that record exactly once, in its latest state."""
    clock = HybridLogicalClock(f"m{uuid.uuid4().hex[:6]}")
    slow_family, fast_family = push_new_family(a1, clock), push_new_family(a1, clock)
    child_id = str(uuid.uuid4())
    assert (
        a1.push(
            [new_row("child", child_id, slow_family, {"given_name": "old"}, clock)]
        ).rejected
        == []
    )
    puller = world.enroll("a2")
    puller.pull_all()  # the cursor is past the child's first seq
    assert a1.token is not None
    with read_session(engine) as session:
        ctx = device_for_token(session, a1.token)
    assert ctx is not None
    slow = make_change("child", child_id, slow_family, {"given_name": "new"}, clock)
    fast = new_row("child", str(uuid.uuid4()), fast_family, {"given_name": "2"}, clock)
    fast_done = threading.Event()

    def push_fast() -> None:
        with SyncClient(world.base_url, a1.token) as client:
            assert client.push([fast]).rejected == []
        fast_done.set()

    with write_session(engine) as session:
        request = PushRequest(batch_id="slow-move", changes=[slow])
        assert apply_push(session, ctx, request, HybridLogicalClock("srvtest")).rejected == []
        thread = threading.Thread(target=push_fast)
        thread.start()
        fast_done.wait(1.0)
        between = puller.pull_page(puller.cursor)
        assert rows_of([between], slow_family) == {}
        puller.cursor = between.next_cursor
    thread.join(10)
    assert fast_done.is_set()
    pages, _ = puller.pull_all()
    assert rows_of(pages, slow_family)[("child", child_id)]["given_name"] == "new", (
        "the pull cursor skipped the record that moved forward"
    )
    first, _ = world.enroll("a2").pull_all(limit=7)
    delivered = [row.row_id for page in first for row in page.rows if row.row_id == child_id]
    assert delivered == [child_id]
    assert rows_of(first, slow_family)[("child", child_id)]["given_name"] == "new"


def test_concurrent_pushes_and_pulls_every_puller_sees_every_committed_change(
    world: World, a1: SyncClient
) -> None:
    clock = HybridLogicalClock(f"k{uuid.uuid4().hex[:6]}")
    families = [push_new_family(a1, clock) for _ in range(4)]
    pullers = [world.enroll("a2") for _ in range(3)]
    for puller in pullers:
        puller.pull_all()
    stop = threading.Event()
    committed: set[str] = set()
    committed_lock = threading.Lock()
    seen: list[set[str]] = [set() for _ in pullers]
    pulls = [0 for _ in pullers]
    errors: list[BaseException] = []

    def pusher(index: int) -> None:
        node = HybridLogicalClock(f"p{index}{uuid.uuid4().hex[:4]}")
        try:
            with SyncClient(world.base_url, a1.token) as client:
                for batch in range(15):
                    family = families[(index + batch) % len(families)]
                    changes = [
                        new_row(
                            "measurement", str(uuid.uuid4()), family,
                            {"weight_kg": float(batch)}, node,
                        )
                        for _ in range(3)
                    ]
                    response = client.push(changes)
                    assert response.rejected == []
                    with committed_lock:
                        committed.update(c.row_id for c in changes)
        except BaseException as exc:  # reported below
            errors.append(exc)

    def puller_loop(index: int) -> None:
        client = pullers[index]
        try:
            while True:
                finished = stop.is_set()
                pages, _ = client.pull_all(limit=7)
                pulls[index] += len(pages)
                for page in pages:
                    seen[index].update(
                        row.row_id for row in page.rows if row.entity == "measurement"
                    )
                if finished:
                    return
        except BaseException as exc:
            errors.append(exc)

    pushers = [threading.Thread(target=pusher, args=(i,)) for i in range(5)]
    readers = [threading.Thread(target=puller_loop, args=(i,)) for i in range(len(pullers))]
    started = time.monotonic()
    for thread in [*readers, *pushers]:
        thread.start()
    for thread in pushers:
        thread.join(120)
    stop.set()
    for thread in readers:
        thread.join(120)
    assert not errors, errors
    assert len(committed) == 5 * 15 * 3
    assert all(count > 10 for count in pulls), pulls  # pulls really ran alongside the pushes
    for index, rows in enumerate(seen):
        missed = committed - rows
        assert not missed, f"puller {index} missed {len(missed)} committed changes"
    assert time.monotonic() - started < 60
