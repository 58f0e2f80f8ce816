"""An embedded central server for demo mode: uvicorn in a background thread on 127.0.0.1.

``start_embedded_server(data_dir)`` migrates a SQLite file in ``data_dir`` (``server.sqlite3``;
migrating is its own step, as with ``hembesok-server migrate``) and serves the reference server
on it on a free loopback port, with a demo team, a demo nurse and the demo console accounts
(``demo.console``; fictional), so the region's console is at ``console_url``. The nurse's
random password is kept beside the database (owner-only file) so a restarted demo finds it
again. ``enroll_demo_device(store, server)`` enrolls a store with it
in-process, the way the enroll endpoint does (a device row and a token whose hash the server
keeps), so preparing the demo makes no HTTP call. Plain http is fine here: the sync client
accepts it only on loopback.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import uvicorn

from ..protocol.wire import EnrollResponse, NurseInfo
from ..server import admin
from ..server.app import create_app
from ..server.auth import enroll_device
from ..server.db import make_engine, upgrade
from ..server.settings import ServerSettings
from ..store.database import Store
from ..store.sync_port import save_enrollment
from . import DEMO_NURSE, DEMO_TEAM
from .console import add_demo_console_accounts

DEMO_USER = DEMO_NURSE.username
_CREDENTIALS = "demo-credentials.json"


@dataclass
class EmbeddedServer:
    base_url: str
    database_url: str
    username: str
    password: str = field(repr=False)
    _server: uvicorn.Server = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    @property
    def console_url(self) -> str:
        return f"{self.base_url}/console"

    def stop(self, timeout: float = 10.0) -> None:
        self._server.should_exit = True
        self._thread.join(timeout)

    def __enter__(self) -> EmbeddedServer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def _demo_password(data_dir: Path) -> tuple[str, bool]:
    """(password, is_new) of the demo nurse."""
    path = data_dir / _CREDENTIALS
    if path.exists():
        return str(json.loads(path.read_text(encoding="utf-8"))["password"]), False
    password = secrets.token_urlsafe(18)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump({"username": DEMO_USER, "password": password}, handle)
    return password, True


def start_embedded_server(data_dir: Path, *, timeout: float = 30.0) -> EmbeddedServer:
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    database_url = f"sqlite:///{data_dir / 'server.sqlite3'}"
    engine = make_engine(database_url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    app = create_app(ServerSettings(database_url=database_url))
    password, new = _demo_password(data_dir)
    if new:
        engine = make_engine(database_url)
        try:
            admin.add_team(engine, DEMO_TEAM)
            admin.add_nurse(
                engine,
                DEMO_USER,
                teams=[DEMO_TEAM],
                full_name=DEMO_NURSE.full_name,
                title=DEMO_NURSE.title,
                password=password,
            )
        finally:
            engine.dispose()
    engine = make_engine(database_url)
    try:
        add_demo_console_accounts(engine)  # also on a demo server made before the console
    finally:
        engine.dispose()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = int(sock.getsockname()[1])
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="embedded-server", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            sock.close()
            raise RuntimeError("The embedded demo server did not start.")
        time.sleep(0.01)
    return EmbeddedServer(
        base_url=f"http://127.0.0.1:{port}",
        database_url=database_url,
        username=DEMO_USER,
        password=password,
        _server=server,
        _thread=thread,
    )


def enroll_demo_device(store: Store, server: EmbeddedServer) -> str:
    """Enroll ``store`` with the embedded server as the demo nurse; returns the device id."""
    engine = make_engine(server.database_url)
    try:
        nurse_id = admin.nurse_id(engine, server.username)
        if nurse_id is None:
            raise RuntimeError("The embedded demo server has no demo nurse.")
        device_id, token = enroll_device(engine, nurse_id, "demo laptop")
    finally:
        engine.dispose()
    answer = EnrollResponse(
        device_id=device_id,
        token=token,
        nurse=NurseInfo(
            username=DEMO_NURSE.username,
            full_name=DEMO_NURSE.full_name,
            title=DEMO_NURSE.title,
            teams=[DEMO_TEAM],
        ),
    )
    return save_enrollment(store, answer, server_url=server.base_url)
