"""``hembesok-server migrate`` and ``serve --workers 2`` as an operator runs them: real
processes on 127.0.0.1, a throwaway PostgreSQL cluster.

* ``serve`` and ``admin`` refuse a database that is not migrated, partly migrated, or of a
  newer schema, with one sentence and exit 1, creating nothing; ``migrate`` then ``serve`` works;
* with two workers both processes accept connections (seen from outside: which worker process
  owns each TCP connection, read from ``/proc``); a push through one worker is pulled through the
  other; the enrollment throttle counts failures made through both workers and locks the name;
* ``/api/v1/ready`` answers 200, and 503 with one sentence once the database is stopped, while
  ``/api/v1/health`` still answers (and the 503 is in the OpenAPI document);
* pull pages compressed with zstd (the laptop's client) or gzip decode to the same pages as
  uncompressed ones, and bytes on the wire per record of a first download of a demo caseload
  are measured for each coding.
"""

from __future__ import annotations

import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from alembic import command
from sqlalchemy import Engine, text

from hembesok_desktop.domain.hlc import HybridLogicalClock
from hembesok_desktop.protocol.wire import PullResponse, PushRequest, RowState
from hembesok_desktop.server import admin
from hembesok_desktop.server.compression import choose_encoding
from hembesok_desktop.server.db import (
    NEWER_SCHEMA,
    NOT_MIGRATED,
    alembic_config,
    make_engine,
)
from hembesok_desktop.sync import client as laptop
from tests.support.server_harness import (
    TEST_PASSWORD,
    PostgresCluster,
    ServerProcess,
    free_port,
    new_row,
    postgres_unavailable_reason,
    run_admin,
    run_cli,
    start_postgres,
    start_server_process,
)

pytestmark = pytest.mark.skipif(
    not Path("/proc/net/tcp").exists(), reason="reads worker processes and sockets from /proc"
)

WORKERS = 2


# --- processes and sockets, seen from outside -------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def worker_pids(server: ServerProcess) -> list[int]:
    """The serve process's worker processes (uvicorn spawns them with multiprocessing)."""
    workers = []
    for pid in _children(server.process.pid):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in cmdline:
            workers.append(pid)
    return sorted(workers)


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = fd.readlink().name
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    return inodes


def _peer_ports(pid: int, port: int) -> set[int]:
    """Client ports of the established connections to ``port`` that process ``pid`` holds."""
    inodes = _socket_inodes(pid)
    peers = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            cols = line.split()
            local, remote, state, inode = cols[1], cols[2], cols[3], cols[9]
            if state == "01" and inode in inodes and int(local.rsplit(":", 1)[1], 16) == port:
                peers.add(int(remote.rsplit(":", 1)[1], 16))
    return peers


def _local_port(response: httpx.Response) -> int:
    stream = response.extensions["network_stream"]
    return int(stream.get_extra_info("client_addr")[1])


@dataclass
class Pinned:
    """An httpx client whose one keep-alive connection is served by one known worker."""

    worker: int
    http: httpx.Client
    port: int

    def request(self, method: str, path: str, **kwargs: object) -> httpx.Response:
        response = self.http.request(method, path, **kwargs)  # type: ignore[arg-type]
        assert _local_port(response) == self.port, "the connection moved to another socket"
        return response


def pin_one_client_per_worker(server: ServerProcess, timeout: float = 30) -> dict[int, Pinned]:
    """Open connections until every worker process owns one; the others are closed."""
    port = int(server.base_url.rsplit(":", 1)[1])
    pinned: dict[int, Pinned] = {}
    spare: list[httpx.Client] = []
    deadline = time.monotonic() + timeout
    try:
        while len(pinned) < WORKERS:
            assert time.monotonic() < deadline, f"workers {worker_pids(server)}, pinned {pinned}"
            http = httpx.Client(
                base_url=server.base_url,
                timeout=30,
                # both ends keep the idle connection long (httpx's own default drops it after 5 s),
                # so a loaded machine's pauses never move a pinned client to another socket
                limits=httpx.Limits(
                    max_connections=1, max_keepalive_connections=1, keepalive_expiry=600
                ),
            )
            client_port = _local_port(http.get("/api/v1/health"))
            owner = next(
                (pid for pid in worker_pids(server) if client_port in _peer_ports(pid, port)),
                None,
            )
            if owner is None or owner in pinned:
                spare.append(http)
            else:
                pinned[owner] = Pinned(owner, http, client_port)
    finally:
        for http in spare:
            http.close()
    return pinned


# --- the two-worker server on PostgreSQL -------------------------------------------------------


@dataclass
class Region:
    server: ServerProcess
    engine: Engine
    team: str
    nurses: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def region(pg_cluster: PostgresCluster) -> Iterator[Region]:
    """``migrate``, then ``serve --workers 2``, on a fresh PostgreSQL database."""
    url = pg_cluster.create_database()
    migrated = run_cli("migrate", "--db", url)
    assert migrated.returncode == 0, migrated.stderr
    assert "newest schema" in migrated.stdout
    # pinned clients keep one connection each: a long keep-alive, so a loaded machine's pauses
    # between requests never close it (uvicorn's default is 5 s)
    extra = ["--workers", str(WORKERS), "--keep-alive", "600"]
    with start_server_process(url, migrate=False, extra_args=extra, timeout=60) as server:
        deadline = time.monotonic() + 60
        while len(worker_pids(server)) < WORKERS and time.monotonic() < deadline:
            time.sleep(0.1)
        engine = make_engine(url)
        suffix = uuid.uuid4().hex[:6]
        team = f"BVC Flera {suffix}"
        admin.add_team(engine, team)
        region = Region(server, engine, team)
        for who in ("w1", "w2"):
            username = f"{who}_{suffix}"
            admin.add_nurse(
                engine, username, teams=[team], full_name="Test Nurse", title="BVC",
                password=TEST_PASSWORD,
            )
            region.nurses.append(username)
        try:
            yield region
        finally:
            engine.dispose()


def _token(base_url: str, username: str) -> str:
    answer = laptop.enroll(base_url, username, TEST_PASSWORD, "test laptop")
    return answer.token


@pytest.mark.postgres
def test_two_worker_processes_serve(region: Region) -> None:
    assert len(worker_pids(region.server)) == WORKERS
    pinned = pin_one_client_per_worker(region.server)
    assert sorted(pinned) == worker_pids(region.server)
    for client in pinned.values():
        assert client.request("GET", "/api/v1/ready").json() == {"status": "ready"}
        client.http.close()


@pytest.mark.postgres
def test_a_push_through_one_worker_is_pulled_through_the_other(region: Region) -> None:
    writer, reader = pin_one_client_per_worker(region.server).values()
    assert writer.worker != reader.worker
    tokens = [_token(region.server.base_url, nurse) for nurse in region.nurses]
    clock = HybridLogicalClock("workers")
    family_id = str(uuid.uuid4())
    body = PushRequest(
        batch_id=str(uuid.uuid4()),
        changes=[new_row("family", family_id, family_id, {"area": "Flera"}, clock)],
    )
    pushed = writer.request(
        "POST", "/api/v1/sync/push", content=body.model_dump_json(),
        headers={"Authorization": f"Bearer {tokens[0]}", "Content-Type": "application/json"},
    )
    assert pushed.status_code == 200 and pushed.json()["rejected"] == []
    seen: dict[str, object] = {}
    cursor: str | None = None
    while True:
        params = {"cursor": cursor} if cursor else {}
        answer = reader.request(
            "GET", "/api/v1/sync/pull", params=params,
            headers={"Authorization": f"Bearer {tokens[1]}"},
        )
        assert answer.status_code == 200
        page = PullResponse.model_validate_json(answer.content)
        seen.update({r.row_id: r.fields["area"].value for r in page.rows if r.entity == "family"})
        cursor = page.next_cursor
        if not page.has_more:
            break
    assert seen[family_id] == "Flera"
    writer.http.close()
    reader.http.close()


@pytest.mark.postgres
def test_the_enrollment_throttle_counts_failures_through_both_workers(region: Region) -> None:
    username = f"thr_{uuid.uuid4().hex[:6]}"
    admin.add_nurse(
        region.engine, username, teams=[region.team], full_name="T", title="BVC",
        password=TEST_PASSWORD,
    )
    one, other = pin_one_client_per_worker(region.server).values()

    def attempt(client: Pinned, password: str) -> httpx.Response:
        return client.request(
            "POST", "/api/v1/enroll",
            json={"username": username, "password": password, "device_name": "x"},
        )

    # three free failures through one worker, the fourth through the other
    assert [attempt(one, "wrong").status_code for _ in range(3)] == [401, 401, 401]
    assert attempt(other, "wrong").status_code == 401
    # four failures in all: the first worker makes the right password wait (a per-process
    # count would have seen three and let it in) ...
    early = attempt(one, TEST_PASSWORD)
    assert early.status_code == 429 and int(early.headers["Retry-After"]) >= 1
    # ... and that early attempt was the fifth failure: the name is locked on the other too
    locked = attempt(other, TEST_PASSWORD)
    assert locked.status_code == 429 and int(locked.headers["Retry-After"]) > 60
    one.http.close()
    other.http.close()


# --- readiness -------------------------------------------------------------------------------


@pytest.mark.postgres
def test_ready_is_503_while_the_database_is_down_and_health_stays_200() -> None:
    reason = postgres_unavailable_reason()
    if reason:
        pytest.skip(reason)
    with start_postgres() as cluster:
        url = cluster.create_database()
        with start_server_process(url, extra_args=["--workers", str(WORKERS)]) as server:
            ready = httpx.get(f"{server.base_url}/api/v1/ready", timeout=10)
            assert ready.status_code == 200
            spec = httpx.get(f"{server.base_url}/openapi.json", timeout=10).json()
            assert "503" in spec["paths"]["/api/v1/ready"]["get"]["responses"]
            cluster.stop()
            for _ in range(4):  # both workers, whichever answers
                down = httpx.get(f"{server.base_url}/api/v1/ready", timeout=20)
                assert down.status_code == 503
                detail = down.json()["detail"]
                assert detail.endswith(".") and detail.count(".") == 1, detail
            assert httpx.get(f"{server.base_url}/api/v1/health", timeout=10).status_code == 200


# --- refusing an unmigrated database ---------------------------------------------------------


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def fresh_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/server.sqlite3"
    cluster: PostgresCluster = request.getfixturevalue("pg_cluster")
    return cluster.create_database()


def _serve(url: str) -> tuple[int, str]:
    finished = run_cli("serve", "--db", url, "--port", str(free_port()), "--workers", "2")
    return finished.returncode, finished.stderr.strip()


def _one_sentence(message: str, expected: str) -> None:
    assert message == f"hembesok-server: {expected}", message
    assert "Traceback" not in message and len(message.splitlines()) == 1


def _migrate_to(url: str, revision: str) -> None:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            command.upgrade(alembic_config(connection), revision)
            connection.commit()
    finally:
        engine.dispose()


def test_serve_and_admin_refuse_a_database_that_was_never_migrated(fresh_url: str) -> None:
    code, err = _serve(fresh_url)
    assert code == 1
    _one_sentence(err, NOT_MIGRATED)
    refused = run_admin(fresh_url, "add-team", "BVC Ny", migrate=False)
    assert refused.returncode == 1
    _one_sentence(refused.stderr.strip(), NOT_MIGRATED)
    if fresh_url.startswith("sqlite:///"):  # a mistyped path does not become a new database
        assert not Path(fresh_url.removeprefix("sqlite:///")).exists()
    else:
        engine = make_engine(fresh_url)
        with engine.connect() as connection:
            tables = connection.execute(
                text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
            ).scalar()
        engine.dispose()
        assert tables == 0


def test_serve_refuses_a_partly_migrated_or_newer_database_and_migrate_fixes_the_first(
    fresh_url: str,
) -> None:
    _migrate_to(fresh_url, "0001_initial")
    code, err = _serve(fresh_url)
    assert code == 1
    _one_sentence(err, NOT_MIGRATED)

    migrated = run_cli("migrate", "--db", fresh_url)
    assert migrated.returncode == 0, migrated.stderr
    with start_server_process(fresh_url, migrate=False) as server:
        assert httpx.get(f"{server.base_url}/api/v1/ready", timeout=10).status_code == 200

    engine = make_engine(fresh_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    code, err = _serve(fresh_url)
    assert code == 1
    _one_sentence(err, NEWER_SCHEMA)


# --- compression -------------------------------------------------------------------------------


class RecordingTransport(httpx.HTTPTransport):
    """The real transport; remembers each response's Content-Encoding and bytes on the wire."""

    def __init__(self) -> None:
        super().__init__(retries=0)
        self.encodings: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        self.encodings.append(response.headers.get("content-encoding", "identity"))
        return response


def _pages_raw(http: httpx.Client, encoding: str, limit: int) -> tuple[list[PullResponse], int]:
    """Every pull page asked for with ``Accept-Encoding: encoding``; and the body bytes on the
    wire (compressed, as they came)."""
    pages: list[PullResponse] = []
    wire = 0
    cursor: str | None = None
    while True:
        params: dict[str, str | int] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        response = http.get(
            "/api/v1/sync/pull", params=params, headers={"Accept-Encoding": encoding}
        )
        assert response.status_code == 200
        assert response.headers.get("content-encoding", "identity") == encoding
        wire += response.num_bytes_downloaded
        pages.append(PullResponse.model_validate_json(response.content))
        cursor = pages[-1].next_cursor
        if not pages[-1].has_more:
            return pages, wire


def test_compressed_pull_pages_decode_to_the_same_pages(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/server.sqlite3"
    with start_server_process(url) as server:
        engine = make_engine(url)
        admin.add_team(engine, "BVC Z")
        admin.add_nurse(
            engine, "zelda", teams=["BVC Z"], full_name="Z", title="BVC", password=TEST_PASSWORD
        )
        engine.dispose()
        token = _token(server.base_url, "zelda")
        clock = HybridLogicalClock("zip")
        changes = []
        for _ in range(60):
            family_id = str(uuid.uuid4())
            changes.append(
                new_row("family", family_id, family_id, {"area": f"Zstd {len(changes)}"}, clock)
            )
        transport = RecordingTransport()
        with laptop.SyncClient(server.base_url, token, transport=transport) as client:
            assert client.push(changes).rejected == []
            laptop_pages = []
            cursor = None
            while True:
                page = client.pull(cursor, 20)
                laptop_pages.append(page)
                cursor = page.next_cursor
                if not page.has_more:
                    break
        assert set(transport.encodings[1:]) == {"zstd"}  # the push answer may be small
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=server.base_url, headers=headers, timeout=30) as http:
            plain, plain_bytes = _pages_raw(http, "identity", 20)
            gzipped, gzip_bytes = _pages_raw(http, "gzip", 20)
            zstd_pages, zstd_bytes = _pages_raw(http, "zstd", 20)
        rows = [[r.model_dump() for r in p.rows] for p in plain]
        assert sum(map(len, rows)) == 60
        # the laptop's pages hold plain dicts (no pydantic object per row): read as the model
        as_read = [[RowState.model_validate(r).model_dump() for r in p.rows] for p in laptop_pages]
        assert as_read == rows
        for pages in (gzipped, zstd_pages):
            assert [[r.model_dump() for r in p.rows] for p in pages] == rows
        assert gzip_bytes < plain_bytes / 2 and zstd_bytes < plain_bytes / 2


@pytest.mark.slow
def test_bytes_on_the_wire_per_record_of_a_first_download(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A demo caseload uploaded by one laptop, downloaded by a fresh device in the laptop's
    page size; prints bytes per record for each coding (the issue's goal: at most 250)."""
    from hembesok_desktop.demo.caseload import fill_demo_caseload
    from hembesok_desktop.sync.engine import DEFAULT_PAGE_SIZE
    from tests.support.catalogue import CATALOGUE
    from tests.support.sync import sync_store
    from tests.sync.conftest import PASSWORD, create_store, enroll_store

    url = f"sqlite:///{tmp_path}/server.sqlite3"
    families = 50
    with start_server_process(url) as server:
        engine = make_engine(url)
        admin.add_team(engine, "BVC Bytes")
        admin.add_nurse(
            engine, "bytes", teams=["BVC Bytes"], full_name="B", title="BVC", password=PASSWORD
        )
        engine.dispose()
        source = create_store(tmp_path / "source")
        enroll_store(source, server.base_url, "bytes")
        fill_demo_caseload(source, catalogue=CATALOGUE, families=families, seed=3)
        sync_store(source, batch_size=1000)
        source.lock()
        token = laptop.enroll(server.base_url, "bytes", PASSWORD, "fresh laptop").token
        headers = {"Authorization": f"Bearer {token}"}
        figures: dict[str, float] = {}
        with httpx.Client(base_url=server.base_url, headers=headers, timeout=60) as http:
            for encoding in ("identity", "gzip", "zstd"):
                pages, wire = _pages_raw(http, encoding, DEFAULT_PAGE_SIZE)
                records = sum(len(p.rows) for p in pages)
                figures[encoding] = wire / records
    with capsys.disabled():
        print(
            f"\nfirst download of {families} demo families, {records} records, bytes on the "
            "wire per record: "
            + ", ".join(f"{name} {value:.0f}" for name, value in figures.items()),
            file=sys.stderr,
        )
    assert figures["zstd"] <= 250 and figures["gzip"] <= 250  # the goal
    assert figures["zstd"] < figures["identity"] / 5


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [
        ("zstd, gzip", "zstd"),
        ("gzip, deflate, br, zstd", "zstd"),
        ("gzip, deflate", "gzip"),
        ("zstd;q=0, gzip;q=0.5", "gzip"),
        ("GZIP", "gzip"),
        ("*", "zstd"),
        ("br, deflate", None),
        ("identity", None),
        ("", None),
        ("gzip;q=nonsense", None),
    ],
)
def test_the_coding_follows_accept_encoding(accept: str, chosen: str | None) -> None:
    assert choose_encoding(accept) == chosen


@pytest.mark.parametrize("value", ["0", "abc", "3601"])
def test_serve_refuses_a_keep_alive_that_is_not_1_to_3600_seconds(value: str) -> None:
    refused = run_cli("serve", "--db", "sqlite:///unused.sqlite3", "--keep-alive", value)
    assert refused.returncode == 2
    assert "--keep-alive must be a whole number of seconds, 1-3600" in refused.stderr
    assert "Traceback" not in refused.stderr
