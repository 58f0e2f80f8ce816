"""Property: whatever three laptops do offline, in whatever order they sync, whatever breaks on
the way, after everyone syncs twice all replicas are identical and no edit was lost silently.

Each example is a random program of offline edits on three laptops (create families, edit family
fields, write, edit, sign and void journal entries) interleaved with syncs in random order, some
of them with a fault injected at the HTTP transport -- the connection dropped before the request
reaches the server, or after the server committed it (the answer lost), a request sent twice --
and server restarts (stop, a laptop syncs while it is down, start).

One server process, one team and three long-lived laptops serve the whole test; every example
works on fresh families, and compares only those. Afterwards:

* every laptop holds exactly the same rows of those families (every synced column and the
  per-field versions), and has nothing pending;
* every edit ever made is present: as the final value, or knowingly overwritten by a later edit
  that saw it, or kept as a Conflict, or refused by the server and kept in the laptop's
  quarantine with a reason -- or its value equals one of those (identical values do not conflict).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlmodel import col, select

from hembesok_desktop.server import admin
from hembesok_desktop.server.db import make_engine
from hembesok_desktop.store import derived, replica
from hembesok_desktop.store.errors import StoreError
from hembesok_desktop.store.models import Family, JournalEntry, PendingChange
from hembesok_desktop.store.services import families, journal
from hembesok_desktop.sync.client import SyncError
from tests.support.server_harness import free_port, start_server_process
from tests.sync.conftest import PASSWORD, FaultyTransport, Laptop, create_store, enroll_store
from tests.sync.conftest import snapshot as take_snapshot

pytestmark = pytest.mark.slow
EXAMPLES = {"sqlite": 200, "postgres": 40}
MAX_RESTARTS = 5
FIELD_VALUES = [
    ("phone", "070-000 00 01"),
    ("phone", "070-000 00 02"),
    ("area", "Norr"),
    ("area", "Söder"),
    ("interpreter_needed", True),
    ("interpreter_needed", False),
    ("address", "Påhittade gränd 2"),
]
TEXTS = ["Hembesök.", "Samtal om sömn.", "Amning går bra."]
FAULTS = [
    None,
    None,
    "before:/sync/push",
    "after:/sync/push",
    "twice:/sync/push",
    "before:/sync/pull",
    "after:/sync/pull",
    "twice:/sync/pull",
]
ALLOWED_REFUSALS = ("already voided",)


class RestartableServer:
    def __init__(self, database_url: str) -> None:
        self.database_url = database_url
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._stack = ExitStack()
        self.restarts = 0

    def start(self) -> None:
        self._stack.enter_context(start_server_process(self.database_url, port=self.port))

    def stop(self) -> None:
        self._stack.close()
        self._stack = ExitStack()


@dataclass
class World:
    server: RestartableServer
    engine: Engine
    laptops: list[Laptop]
    last_seq: list[int] = field(default_factory=lambda: [0, 0, 0])


@pytest.fixture(scope="module")
def world(
    database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[World, str]]:
    backend = "postgres" if database_url.startswith("postgresql") else "sqlite"
    stack = ExitStack()
    server = RestartableServer(database_url)
    server.start()
    engine = make_engine(database_url)
    suffix = uuid.uuid4().hex[:6]
    team = f"BVC Property {suffix}"
    admin.add_team(engine, team)
    laptops = []
    # memory-backed when the machine has it: each example commits hundreds of small
    # transactions, and what is tested here is their order, not the disk's fsync latency
    shm = Path("/dev/shm")
    directory = Path(
        tempfile.mkdtemp(prefix="hembesok-property-", dir=shm if shm.is_dir() else None)
    )
    stack.callback(shutil.rmtree, directory, True)
    for index in range(3):
        username = f"p{index}_{suffix}"
        admin.add_nurse(
            engine,
            username,
            teams=[team],
            full_name=f"Syster {index}",
            title="BVC-sjuksköterska",
            password=PASSWORD,
        )
        store = create_store(Path(directory) / f"laptop{index}")
        enroll_store(store, server.base_url, username)
        laptops.append(Laptop(store, server.base_url))
    try:
        yield World(server, engine, laptops), backend
    finally:
        for laptop in laptops:
            laptop.store.lock()
        engine.dispose()
        server.stop()
        stack.close()


device = st.integers(0, 2)
index = st.integers(0, 7)
operation = st.one_of(
    st.tuples(st.just("create"), device),
    st.tuples(st.just("edit"), device, index, st.sampled_from(FIELD_VALUES)),
    st.tuples(st.just("write"), device, index, st.sampled_from(TEXTS)),
    st.tuples(st.just("edit_entry"), device, index, st.sampled_from(TEXTS)),
    st.tuples(st.just("sign"), device, index),
    st.tuples(st.just("void"), device, index),
    st.tuples(st.just("sync"), device, st.sampled_from(FAULTS)),
    st.tuples(st.just("restart"), device),
)


@dataclass
class Example:
    world: World
    families: list[str] = field(default_factory=list)
    entries: list[tuple[str, int]] = field(default_factory=list)  # (entry id, author device)
    #: every field version any laptop wrote: (entity, row id, field, value, hlc, base)
    edits: list[tuple[str, str, str, Any, str, str | None]] = field(default_factory=list)

    def record(self, who: int) -> None:
        store = self.world.laptops[who].store
        with store.read() as session:
            changes = session.exec(
                select(PendingChange)
                .where(col(PendingChange.seq) > self.world.last_seq[who])
                .order_by(col(PendingChange.seq))
            ).all()
        for change in changes:
            assert change.seq is not None
            self.world.last_seq[who] = change.seq
            for name, version in change.fields.items():
                self.edits.append(
                    (
                        change.entity,
                        change.row_id,
                        name,
                        version["value"],
                        version["hlc"],
                        version["base"],
                    )
                )

    def sync(self, who: int, fault: str | None) -> None:
        laptop = self.world.laptops[who]
        transport = FaultyTransport(httpx.HTTPTransport(retries=0))
        if fault:
            kind, path = fault.split(":")
            transport.arm(kind, path)
        laptop.transport = transport
        try:
            laptop.sync(batch_size=4, page_size=6)
        except SyncError:
            assert fault is not None and fault.startswith(("before", "after")), fault
        finally:
            laptop.transport = None

    def run(self, op: tuple[Any, ...]) -> None:
        kind, who = op[0], op[1]
        store = self.world.laptops[who].store
        if kind == "sync":
            self.sync(who, op[2])
            return
        if kind == "restart":
            if self.world.server.restarts >= MAX_RESTARTS:
                return
            self.world.server.restarts += 1
            self.world.server.stop()
            laptop = self.world.laptops[who]
            with pytest.raises(SyncError, match="could not be reached"):
                laptop.sync()  # offline: the server is down
            self.world.server.start()
            return
        try:
            with store.write() as uow:
                if kind == "create":
                    family = families.create_family(uow, address="Låtsasgatan 1", area="Demo")
                    self.families.append(family.id)
                elif kind == "edit" and self.families:
                    family_id = self.families[op[2] % len(self.families)]
                    name, value = op[3]
                    families.update_family(uow, family_id, **{name: value})
                elif kind == "write" and self.families:
                    family_id = self.families[op[2] % len(self.families)]
                    if uow.session.get(Family, family_id) is None:
                        return  # the nurse cannot open a family her laptop does not hold
                    entry = journal.write_entry(uow, family_id=family_id, text=op[3])
                    self.entries.append((entry.id, who))
                elif kind in ("edit_entry", "sign", "void") and self.entries:
                    entry_id, author = self.entries[op[2] % len(self.entries)]
                    stored = uow.session.get(JournalEntry, entry_id)
                    if stored is None:
                        return
                    if kind == "edit_entry" and author == who and stored.signed_at is None:
                        journal.edit_entry(uow, entry_id, text=op[3])
                    elif kind == "sign" and author == who and stored.signed_at is None:
                        journal.sign_entry(
                            uow,
                            entry_id,
                            author_name=f"Syster {who}",
                            author_title="BVC-sjuksköterska",
                        )
                    elif kind == "void" and stored.signed_at and stored.voided_at is None:
                        journal.void_entry(
                            uow, entry_id, reason=f"Fel {who}", voided_by=f"Syster {who}"
                        )
        except StoreError:
            return  # e.g. the family is not on this laptop yet
        finally:
            self.record(who)


def _check(example: Example) -> None:
    laptops = example.world.laptops
    for _round in range(2):
        for laptop in laptops:
            laptop.sync(batch_size=4, page_size=6)
    ids = set(example.families)
    snapshots = [take_snapshot(laptop.store, ids) for laptop in laptops]
    assert snapshots[0] == snapshots[1] == snapshots[2]
    for laptop in laptops:
        assert replica.count_pending(laptop.store) == 0
        with laptop.store.read() as session:  # what the lists show follows what sync applied
            assert derived.stale_families(session) == []
    state = snapshots[0]
    refused: set[tuple[str, str, str, str]] = set()
    for laptop in laptops:
        for change in replica.quarantined_changes(laptop.store):
            if change["family_id"] not in ids:
                continue
            assert any(part in change["reason"] for part in ALLOWED_REFUSALS), change["reason"]
            for name, version in change["fields"].items():
                refused.add((change["entity"], change["row_id"], name, version["hlc"]))
    conflicts = {
        (row["row_entity"], row["row_id"], row["field"], row["losing_hlc"])
        for (entity, _id), row in state.items()
        if entity == "conflict"
    }
    bases = {(e, r, f, base) for e, r, f, _v, _h, base in example.edits}

    def kept(entity: str, row_id: str, name: str, hlc: str) -> bool:
        row = state.get((entity, row_id))
        return (
            (row is not None and row["versions"].get(name) == hlc)
            or (entity, row_id, name, hlc) in bases
            or (entity, row_id, name, hlc) in conflicts
            or (entity, row_id, name, hlc) in refused
        )

    for entity, row_id, name, value, hlc, _base in example.edits:
        if kept(entity, row_id, name, hlc):
            continue
        same_value = [
            other
            for other in example.edits
            if other[:3] == (entity, row_id, name)
            and other[3] == value
            and type(other[3]) is type(value)
            and kept(entity, row_id, name, other[4])
        ]
        assert same_value, f"edit lost: {entity} {row_id} {name} {hlc}"


def test_three_laptops_converge_whatever_happens(world: tuple[World, str]) -> None:
    shared, backend = world
    examples = int(os.environ.get("HEMBESOK_SYNC_EXAMPLES", EXAMPLES[backend]))

    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.lists(operation, min_size=1, max_size=12))
    def run(program: list[tuple[Any, ...]]) -> None:
        example = Example(shared)
        for op in program:
            example.run(op)
        _check(example)

    run()
