"""Checks of the parts of a frozen bundle that ``--smoke`` and the CLI do not reach.

Run as ``dist/hembesok/hembesok --bundle-selftest`` (the bundle's entry script dispatches here
before the normal command line; a source checkout can run ``python packaging/bundle_selftest.py``).
It prints one JSON object and exits 0 when every check passed, 1 otherwise. Everything happens
in a temporary folder and on 127.0.0.1; no personal data is involved.

Checks:
* ``store_migrations``: the store's Alembic scripts are present as files where
  ``store/schema.py`` looks for them, and Alembic reads their head revision.
* ``server_migrations``: the reference server's migrations run on a temporary SQLite file.
* ``embedded_server``: uvicorn serves the server app on loopback (its lazily imported loop and
  protocol modules are in the bundle) and ``/api/v1/health`` answers through httpx.
* ``sqlcipher``: the bundled SQLCipher reports its version.
* ``growth_reference``: rcpchgrowth (imported lazily by the growth charts) with SciPy and its
  WHO tables computes a z-score.
* ``translations``: Qt's own Swedish strings load, and so does ours (committed ``.qm``).
"""

from __future__ import annotations

import json
import socket
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path

FLAG = "--bundle-selftest"


def check_store_migrations() -> str:
    from hembesok_desktop.store import schema

    versions = sorted(p.name for p in (schema.MIGRATIONS_DIR / "versions").glob("0*.py"))
    if not (schema.MIGRATIONS_DIR / "env.py").is_file() or not versions:
        raise RuntimeError(f"no migration scripts in {schema.MIGRATIONS_DIR}")
    return f"head {schema.head_revision()} from {len(versions)} scripts"


def check_server_migrations(folder: Path) -> str:
    from sqlalchemy import text

    from hembesok_desktop.server.db import make_engine, upgrade

    engine = make_engine(f"sqlite:///{folder / 'server.sqlite3'}")
    try:
        upgrade(engine)
        with engine.connect() as conn:
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        engine.dispose()
    return f"head {revision}"


def check_embedded_server(folder: Path) -> str:
    import httpx
    import uvicorn

    from hembesok_desktop.server.app import create_app
    from hembesok_desktop.server.db import make_engine, upgrade
    from hembesok_desktop.server.settings import ServerSettings

    url = f"sqlite:///{folder / 'embedded.sqlite3'}"
    engine = make_engine(url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    app = create_app(ServerSettings(database_url=url))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", access_log=False, lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        reply = httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=10)
        reply.raise_for_status()
        body = reply.json()
        # the console: a page from its templates, and its style sheet from its static folder
        page = httpx.get(f"http://127.0.0.1:{port}/console/sign-in", timeout=10)
        page.raise_for_status()
        style = httpx.get(f"http://127.0.0.1:{port}/console/static/console.css", timeout=10)
        style.raise_for_status()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    if body.get("status") != "ok":
        raise RuntimeError(f"unexpected health answer {body!r}")
    if "<form" not in page.text or not style.text:
        raise RuntimeError("the console's sign-in page or style sheet is empty")
    return f"health and console ok on port {port}"


def check_sqlcipher() -> str:
    import sqlcipher3

    conn = sqlcipher3.connect(":memory:")
    try:
        version = conn.execute("PRAGMA cipher_version").fetchone()
    finally:
        conn.close()
    if not version or not version[0]:
        raise RuntimeError("PRAGMA cipher_version returned nothing: not SQLCipher")
    return f"SQLCipher {version[0]}"


def check_growth_reference() -> str:
    from hembesok_desktop.domain.growth import WhoReference

    z = WhoReference().sds("weight", "female", 1.0, 9.0)
    if z is None or not -1.0 < z < 1.0:
        raise RuntimeError(f"unexpected z-score {z!r} for 9.0 kg at 1 year")
    return f"z={z:.3f} for a girl of 9.0 kg at 1 year"


def check_translations() -> str:
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

    from hembesok_desktop.ui.i18n import translations_dir

    app = QCoreApplication.instance() or QCoreApplication([sys.argv[0]])
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if not qt.load("qtbase_sv", qt_dir):
        raise RuntimeError(f"qtbase_sv.qm does not load from {qt_dir}")
    built = sorted(p.name for p in translations_dir().glob("*.qm"))
    ours = QTranslator(app)
    if not ours.load("hembesok_sv", str(translations_dir())):
        raise RuntimeError(f"hembesok_sv.qm does not load from {translations_dir()}")
    return f"qtbase_sv loads; ours: {', '.join(built)}"


def run() -> int:
    results: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory(prefix="hembesok-selftest-") as temp:
        folder = Path(temp)
        checks: dict[str, Callable[[], str]] = {
            "store_migrations": check_store_migrations,
            "server_migrations": lambda: check_server_migrations(folder),
            "embedded_server": lambda: check_embedded_server(folder),
            "sqlcipher": check_sqlcipher,
            "growth_reference": check_growth_reference,
            "translations": check_translations,
        }
        for name, check in checks.items():
            try:
                results[name] = {"ok": True, "detail": check()}
            except Exception as error:
                results[name] = {
                    "ok": False,
                    "detail": f"{type(error).__name__}: {error}",
                    "traceback": traceback.format_exc(),
                }
    results_ok = all(result["ok"] for result in results.values())
    print(json.dumps({"frozen": bool(getattr(sys, "frozen", False)), "checks": results}))
    return 0 if results_ok else 1


if __name__ == "__main__":
    sys.exit(run())
