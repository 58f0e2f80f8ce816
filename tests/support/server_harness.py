"""Helpers for tests anywhere in the project: a throwaway PostgreSQL 15 cluster, a real server
process on 127.0.0.1, and a tiny sync client. Plain functions and context managers, no pytest.

    with start_postgres() as pg:                       # PostgresUnavailable if no binaries
        url = pg.create_database("t1")                 # postgresql+psycopg://...
        with start_server_process(url) as server:      # or a sqlite:///... URL
            client = SyncClient.enroll(server.base_url, "user", "password")
            client.push([new_row("family", fid, fid, {"area": "x"}, clock)])

``run_admin(url, "add-team", "BVC Norr")`` runs ``hembesok-server admin`` as a subprocess.
Both migrate the database first (``migrate_database``), as an operator runs
``hembesok-server migrate`` before ``serve`` (which refuses an unmigrated database); pass
``migrate=False`` to see that refusal.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine

from hembesok_desktop.domain.hlc import HybridLogicalClock
from hembesok_desktop.protocol import schema
from hembesok_desktop.protocol.wire import (
    Change,
    EnrollResponse,
    FieldValue,
    PullResponse,
    PushRequest,
    PushResponse,
)

PG_BIN = Path(os.environ.get("HEMBESOK_PG_BIN", "/usr/lib/postgresql/15/bin"))


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL binaries on this machine (tests should skip with this reason)."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def postgres_unavailable_reason() -> str | None:
    if not (PG_BIN / "initdb").exists() or not (PG_BIN / "pg_ctl").exists():
        return f"PostgreSQL binaries not found in {PG_BIN}"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run PostgreSQL as"
    return None


@dataclass
class PostgresCluster:
    directory: Path
    port: int
    superuser: str
    _run_as: dict[str, Any] = field(default_factory=dict)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.superuser}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str | None = None) -> str:
        """Create an empty database and return its SQLAlchemy URL."""
        name = name or f"t_{uuid.uuid4().hex[:12]}"
        self._run(
            [str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
             "-U", self.superuser, name]
        )
        return self.url(name)

    def _run(self, argv: list[str]) -> None:
        subprocess.run(
            argv, check=True, capture_output=True, cwd=self.directory, **self._run_as
        )

    def stop(self) -> None:
        """Stop the cluster (fast shutdown) while its owner still holds it: for tests of a
        server whose database goes away."""
        self._run(
            [str(PG_BIN / "pg_ctl"), "-w", "-D", str(self.directory / "data"), "-m", "fast",
             "stop"]
        )


@contextmanager
def start_postgres() -> Iterator[PostgresCluster]:
    """A fresh PostgreSQL cluster on a free 127.0.0.1 port, destroyed afterwards (~1 s)."""
    reason = postgres_unavailable_reason()
    if reason:
        raise PostgresUnavailable(reason)
    directory = Path(tempfile.mkdtemp(prefix="hembesok-pg-"))
    run_as: dict[str, Any] = {}
    superuser = pwd.getpwuid(os.geteuid()).pw_name
    if os.geteuid() == 0:
        entry = pwd.getpwnam("postgres")
        os.chown(directory, entry.pw_uid, entry.pw_gid)
        run_as = {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}
        superuser = "postgres"
    data = directory / "data"
    port = free_port()
    cluster = PostgresCluster(directory, port, superuser, run_as)
    try:
        cluster._run(
            [str(PG_BIN / "initdb"), "-A", "trust", "--no-sync", "-U", superuser,
             "-E", "UTF8", "-D", str(data)]
        )
        cluster._run(
            [str(PG_BIN / "pg_ctl"), "-w", "-D", str(data), "-l", str(directory / "log"),
             "-o", f"-h 127.0.0.1 -p {port} -k {directory} -F -c max_connections=200",
             "start"]
        )
        try:
            yield cluster
        finally:
            subprocess.run(
                [str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                capture_output=True, cwd=directory, check=False, **run_as,
            )
    finally:
        shutil.rmtree(directory, ignore_errors=True)


@dataclass
class ServerProcess:
    base_url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


def migrate_database(database_url: str) -> None:
    """What ``hembesok-server migrate --db URL`` does, in this process (no interpreter start)."""
    from hembesok_desktop.server.db import make_engine, upgrade

    engine = make_engine(database_url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()


def _server_env(extra: Mapping[str, str] | None) -> dict[str, str]:
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    env.pop("HEMBESOK_SERVER_DB", None)
    if extra:
        env.update(extra)
    return env


@contextmanager
def start_server_process(
    database_url: str,
    *,
    port: int | None = None,
    timeout: float = 30.0,
    extra_args: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    tls: tuple[Path, Path] | None = None,
    migrate: bool = True,
) -> Iterator[ServerProcess]:
    """Run ``python -m hembesok_desktop.server.cli serve`` on 127.0.0.1 until the block ends.

    The database is migrated first unless ``migrate=False``. ``tls=(cert, key)`` serves HTTPS
    (the health check trusts ``cert``). Waits until ``/api/v1/health`` answers; raises
    RuntimeError (with the server's log tail) if it does not within ``timeout`` seconds.
    """
    if migrate:
        migrate_database(database_url)
    log_dir = Path(tempfile.mkdtemp(prefix="hembesok-server-"))
    log_path = log_dir / "server.log"
    port = port or free_port()
    tls_args = ["--tls-cert", str(tls[0]), "--tls-key", str(tls[1])] if tls else []
    argv = [
        sys.executable, "-m", "hembesok_desktop.server.cli", "serve",
        "--db", database_url, "--host", "127.0.0.1", "--port", str(port),
        "--log-level", "warning", *tls_args, *extra_args,
    ]
    verify: ssl.SSLContext | bool = (
        ssl.create_default_context(cafile=str(tls[0])) if tls else True
    )
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(
            argv, stdout=log_file, stderr=subprocess.STDOUT, env=_server_env(env)
        )
    scheme = "https" if tls else "http"
    server = ServerProcess(f"{scheme}://127.0.0.1:{port}", process, log_path)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the server exited early:\n{server.log_tail()}")
            try:
                health = httpx.get(f"{server.base_url}/api/v1/health", timeout=1, verify=verify)
                if health.status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start:\n{server.log_tail()}")
            time.sleep(0.05)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
        shutil.rmtree(log_dir, ignore_errors=True)


def run_cli(
    *args: str, env: Mapping[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run ``hembesok-server ARGS`` (no password in the environment, no standard input)."""
    full_env = _server_env(env)
    if not env or "HEMBESOK_SERVER_PASSWORD" not in env:
        full_env.pop("HEMBESOK_SERVER_PASSWORD", None)
    return subprocess.run(
        [sys.executable, "-m", "hembesok_desktop.server.cli", *args],
        capture_output=True,
        text=True,
        env=full_env,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
        check=False,
    )


def run_admin(
    database_url: str | None,
    *args: str,
    password: str | None = None,
    env: Mapping[str, str] | None = None,
    migrate: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Run ``hembesok-server admin [--db URL] ARGS`` and return the finished process (the
    database, ``database_url`` or ``HEMBESOK_SERVER_DB`` in ``env``, migrated first unless
    ``migrate=False``)."""
    extra = dict(env or {})
    target = database_url or extra.get("HEMBESOK_SERVER_DB")
    if migrate and target:
        migrate_database(target)
    if password is not None:
        extra["HEMBESOK_SERVER_PASSWORD"] = password
    db = ["--db", database_url] if database_url else []
    return run_cli("admin", *db, *args, env=extra)


def make_change(
    entity: str,
    row_id: str,
    family_id: str,
    values: Mapping[str, Any],
    clock: HybridLogicalClock,
    *,
    base: Mapping[str, str | None] | None = None,
    change_id: str | None = None,
) -> Change:
    """A change setting ``values``, each stamped ``clock.now()`` (``base`` per field if given)."""
    bases = base or {}
    return Change(
        change_id=change_id or str(uuid.uuid4()),
        entity=entity,
        row_id=row_id,
        family_id=family_id,
        fields={
            name: FieldValue(value=value, hlc=clock.now(), base=bases.get(name))
            for name, value in values.items()
        },
    )


#: the full name ``build_world`` gives every nurse (authorship fields may name her)
NURSE_NAME = "Test Nurse"
_SAMPLE: dict[str, Any] = {
    "text": "x",
    "int": 1,
    "float": 1.0,
    "bool": False,
    "date": "2025-01-15",
    "datetime": "2025-01-15T09:00:00+00:00",
    "list": [],
    "object": {},
    "json": None,
}
#: required fields whose sample must be a particular value (the nurse, a row reference)
_REQUIRED_SAMPLES: dict[tuple[str, str], Any] = {
    ("access_log_entry", "user"): NURSE_NAME,
    ("conflict", "row_entity"): "family",
}


def complete(entity: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` plus a plain value for every field a new ``entity`` row needs and lacks.

    The server refuses a change that creates a row without its ``required`` fields (as a
    laptop, which always sends a new row whole, never would); tests that create rows use this.
    """
    filled: dict[str, Any] = {}
    for name in schema.missing_required(entity, frozenset(values)):
        spec = schema.ENTITIES[entity][name]
        if (entity, name) in _REQUIRED_SAMPLES:
            filled[name] = _REQUIRED_SAMPLES[(entity, name)]
        elif spec.kind == "id":
            filled[name] = str(uuid.uuid5(uuid.NAMESPACE_URL, f"hembesok-test/{name}"))
        elif spec.allowed is not None:
            filled[name] = sorted(spec.allowed - {""})[0]
        else:
            filled[name] = _SAMPLE[spec.kind]
    return {**filled, **values}


def new_row(
    entity: str,
    row_id: str,
    family_id: str,
    values: Mapping[str, Any],
    clock: HybridLogicalClock,
    *,
    change_id: str | None = None,
) -> Change:
    """A change creating a row: ``values`` made ``complete`` (see ``make_change``)."""
    return make_change(
        entity, row_id, family_id, complete(entity, values), clock, change_id=change_id
    )


class SyncClient:
    """A minimal protocol-v1 client over httpx (for tests; the real one lives in ``sync``)."""

    def __init__(self, base_url: str, token: str | None, device_id: str = "") -> None:
        self.base_url = base_url
        self.token = token
        self.device_id = device_id
        self.cursor: str | None = None
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.http = httpx.Client(base_url=base_url, headers=headers, timeout=30)

    @classmethod
    def enroll(
        cls, base_url: str, username: str, password: str, device_name: str = "test laptop"
    ) -> SyncClient:
        response = httpx.post(
            f"{base_url}/api/v1/enroll",
            json={"username": username, "password": password, "device_name": device_name},
            timeout=30,
        )
        response.raise_for_status()
        enrolled = EnrollResponse.model_validate(response.json())
        return cls(base_url, enrolled.token, enrolled.device_id)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def push_raw(self, changes: Sequence[Change], batch_id: str | None = None) -> httpx.Response:
        body = PushRequest(batch_id=batch_id or str(uuid.uuid4()), changes=list(changes))
        return self.http.post("/api/v1/sync/push", content=body.model_dump_json(),
                              headers={"Content-Type": "application/json"})

    def push(self, changes: Sequence[Change], batch_id: str | None = None) -> PushResponse:
        response = self.push_raw(changes, batch_id)
        response.raise_for_status()
        return PushResponse.model_validate(response.json())

    def pull_raw(self, cursor: str | None = None, limit: int | None = None) -> httpx.Response:
        params: dict[str, str | int] = {}
        if cursor:
            params["cursor"] = cursor
        if limit:
            params["limit"] = limit
        return self.http.get("/api/v1/sync/pull", params=params)

    def pull_page(self, cursor: str | None = None, limit: int | None = None) -> PullResponse:
        response = self.pull_raw(cursor, limit)
        response.raise_for_status()
        return PullResponse.model_validate(response.json())

    def pull_all(self, limit: int | None = None) -> tuple[list[PullResponse], set[str]]:
        """Pull pages from ``self.cursor`` until ``has_more`` is false; advances the cursor."""
        pages: list[PullResponse] = []
        removed: set[str] = set()
        while True:
            page = self.pull_page(self.cursor, limit)
            pages.append(page)
            removed.update(page.removed_families)
            self.cursor = page.next_cursor
            if not page.has_more:
                return pages, removed


def push_new_family(client: SyncClient, clock: HybridLogicalClock, **values: Any) -> str:
    """Create a family row (``row_id == family_id``) through ``client``; returns its id."""
    family_id = str(uuid.uuid4())
    values = values or {"area": "Test"}
    response = client.push([new_row("family", family_id, family_id, values, clock)])
    if response.rejected:
        raise AssertionError(f"family creation rejected: {response.rejected[0].reason}")
    return family_id


def rows_of(pages: Sequence[PullResponse], family_id: str) -> dict[tuple[str, str], dict[str, Any]]:
    """{(entity, row_id): {field: value}} of one family's rows in pulled pages (last wins)."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for page in pages:
        for row in page.rows:
            if row.family_id == family_id:
                found[(row.entity, row.row_id)] = {k: v.value for k, v in row.fields.items()}
    return found


TEST_PASSWORD = "correct horse battery"


@dataclass
class World:
    """Two teams, nurses a1 and a2 in team A and b1 in team B, and an enrolled device each."""

    base_url: str
    engine: Engine
    team_a: str
    team_b: str
    password: str = TEST_PASSWORD
    usernames: dict[str, str] = field(default_factory=dict)
    devices: dict[str, SyncClient] = field(default_factory=dict)
    _extra: list[SyncClient] = field(default_factory=list)

    def enroll(self, who: str) -> SyncClient:
        """A freshly enrolled device of nurse ``who`` ("a1", "a2" or "b1")."""
        client = SyncClient.enroll(self.base_url, self.usernames[who], self.password)
        self._extra.append(client)
        return client

    def close(self) -> None:
        for client in [*self.devices.values(), *self._extra]:
            client.close()


def build_world(base_url: str, engine: Engine) -> World:
    """Create uniquely named teams and nurses (fictional) on a running server's database."""
    from hembesok_desktop.server import admin

    suffix = uuid.uuid4().hex[:6]
    world = World(base_url, engine, f"BVC Norr {suffix}", f"BVC Söder {suffix}")
    admin.add_team(engine, world.team_a)
    admin.add_team(engine, world.team_b)
    for who, team in (("a1", world.team_a), ("a2", world.team_a), ("b1", world.team_b)):
        username = f"{who}_{suffix}"
        admin.add_nurse(
            engine, username, teams=[team], full_name=NURSE_NAME, title="BVC nurse",
            password=world.password,
        )
        world.usernames[who] = username
        world.devices[who] = SyncClient.enroll(base_url, username, world.password)
    return world


def server_rows(engine: Engine, family_id: str) -> dict[tuple[str, str], dict[str, Any]]:
    """The server's stored state of one family, in the shape ``rows_of`` returns."""
    from sqlmodel import Session, select

    from hembesok_desktop.server.models import Record

    found: dict[tuple[str, str], dict[str, Any]] = {}
    with Session(engine) as session:
        for record in session.exec(select(Record).where(Record.family_id == family_id)):
            found[(record.entity, record.row_id)] = {
                name: version.get("value") for name, version in record.doc.items()
            }
    return found


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    """A throwaway certificate and key for 127.0.0.1 (PEM files in ``directory``)."""
    import datetime as dt
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "server.pem", directory / "server.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)
    return cert_path, key_path
