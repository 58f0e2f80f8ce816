"""The frozen one-folder bundle (``dist/hembesok/``) starts and its store works.

The module builds the bundle with ``packaging/build.py`` (about a minute on two cores, plus a
one-time ``pip install pyinstaller``), or reuses ``dist/hembesok`` when its executable is newer
than every source file that goes into it. Every command runs from a temporary working folder
with a temporary HOME and data folder, so nothing can come from the source tree or the user's
own store: it proves the frozen SQLCipher, Argon2id, Alembic migrations (read from files),
resources, Qt platform plugins, uvicorn and the lazily imported rcpchgrowth/SciPy all work.

Only the Linux build is checked here; Windows and macOS bundles are built on those systems
(see packaging/README.md).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "hembesok"
EXECUTABLE = BUNDLE / "hembesok"
INTERNAL = BUNDLE / "_internal"
BUILD_SCRIPT = ROOT / "packaging" / "build.py"
PASSPHRASE = "korrekt häst batteri häftstift"

pytestmark = [
    pytest.mark.skipif(
        not sys.platform.startswith("linux"), reason="only the Linux bundle is built in tests"
    ),
    # the first test waits for the build (about a minute here, longer on a cold cache)
    pytest.mark.timeout(1200),
]


def _source_files() -> Iterator[Path]:
    """Everything whose change makes an existing bundle stale."""
    for folder, pattern in (
        ("hembesok_desktop", "*.py"),
        ("hembesok_desktop", "*.mako"),
        ("resources", "*"),
        ("packaging", "*"),
    ):
        for path in (ROOT / folder).rglob(pattern):
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            yield path
    yield ROOT / "pyproject.toml"
    stamp = ROOT / ".venv" / ".installed"  # the Makefile's install stamp: dependencies changed
    if stamp.exists():
        yield stamp


def _bundle_is_fresh() -> bool:
    if not EXECUTABLE.is_file():
        return False
    built = EXECUTABLE.stat().st_mtime
    return all(path.stat().st_mtime < built for path in _source_files())


@pytest.fixture(scope="module")
def bundle() -> Path:
    # One build at a time in this working tree (two test runs must not share PyInstaller's
    # work folder); whoever waited finds the other's fresh bundle and reuses it.
    import fcntl

    lock_path = ROOT / "build" / "bundle-test.lock"
    lock_path.parent.mkdir(exist_ok=True)
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not _bundle_is_fresh():
            result = subprocess.run(
                [sys.executable, str(BUILD_SCRIPT)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=1100,
            )
            assert result.returncode == 0, (
                f"bundle build failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
            )
    assert EXECUTABLE.is_file(), "the build made no dist/hembesok/hembesok"
    return EXECUTABLE


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A clean environment: temp HOME and data folder, offscreen Qt, no passphrase."""
    home = tmp_path / "home"
    runtime = tmp_path / "runtime"
    home.mkdir()
    runtime.mkdir(mode=0o700)
    kept = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("HEMBESOK_", "PYTHON", "QT_", "XDG_"))
    }
    kept.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_RUNTIME_DIR=str(runtime),
        HEMBESOK_DATA_DIR=str(tmp_path / "data"),
        QT_QPA_PLATFORM="offscreen",
        LC_ALL="C.UTF-8",
    )
    return kept


def run(
    executable: Path, *args: str, env: dict[str, str], cwd: Path, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(executable), *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def assert_clean(result: subprocess.CompletedProcess[str], *, code: int = 0) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == code, f"exit {result.returncode}, expected {code}:\n{output}"
    assert "Traceback" not in output, output


def test_smoke_on_a_throwaway_store(bundle: Path, env: dict[str, str], tmp_path: Path) -> None:
    result = run(bundle, "--smoke", env=env, cwd=tmp_path)
    assert_clean(result)
    assert "smoke test passed" in result.stderr


def test_help(bundle: Path, env: dict[str, str], tmp_path: Path) -> None:
    result = run(bundle, "--help", env=env, cwd=tmp_path)
    assert_clean(result)
    assert result.stdout.startswith("usage: hembesok")
    for command in ("init", "check", "stats", "demo-data"):
        assert command in result.stdout


def test_store_commands_encrypt_migrate_and_count(
    bundle: Path, env: dict[str, str], tmp_path: Path
) -> None:
    env = {**env, "HEMBESOK_PASSPHRASE": PASSPHRASE}
    data = Path(env["HEMBESOK_DATA_DIR"])

    created = run(bundle, "init", env=env, cwd=tmp_path)
    assert_clean(created)
    assert "Recovery key" in created.stdout
    vault = json.loads((data / "vault.json").read_text("utf-8"))
    assert "argon2id" in json.dumps(vault).lower(), "the vault does not name Argon2id"
    database = data / "hembesok.db"
    assert not database.read_bytes().startswith(b"SQLite format 3"), "database is not encrypted"

    assert_clean(run(bundle, "check", env=env, cwd=tmp_path))

    empty = run(bundle, "stats", "--json", env=env, cwd=tmp_path)
    assert_clean(empty)
    counts = json.loads(empty.stdout)
    assert counts["families"] == 0 and counts["pending_changes"] == 0

    assert_clean(run(bundle, "demo-data", "--families", "2", env=env, cwd=tmp_path))
    filled = run(bundle, "stats", "--json", env=env, cwd=tmp_path)
    assert_clean(filled)
    assert json.loads(filled.stdout)["families"] == 2

    # the GUI opens this very store with the passphrase
    smoke = run(bundle, "--smoke", env=env, cwd=tmp_path)
    assert_clean(smoke)

    wrong = run(bundle, "check", env={**env, "HEMBESOK_PASSPHRASE": "fel"}, cwd=tmp_path)
    assert_clean(wrong, code=1)
    assert wrong.stderr.startswith("hembesok: ") and wrong.stderr.count("\n") == 1


def test_parts_not_reached_by_the_cli(bundle: Path, env: dict[str, str], tmp_path: Path) -> None:
    """Server migrations, the embedded uvicorn server, SQLCipher's version, the WHO growth
    reference (rcpchgrowth + SciPy + data tables) and the translations, frozen."""
    result = run(bundle, "--bundle-selftest", env=env, cwd=tmp_path)
    report = json.loads(result.stdout)
    assert report["frozen"] is True
    failed = {name: check for name, check in report["checks"].items() if not check["ok"]}
    assert not failed, json.dumps(failed, indent=2)
    assert result.returncode == 0


def test_contents(bundle: Path) -> None:
    """What the spec promises to carry, and some of what it keeps out."""
    resources = INTERNAL / "resources"
    for name in ("forms/epds.json", "programmes/extended_home_visits.json"):
        assert (resources / name).is_file(), name
    assert list((resources / "translations").glob("*.qm")), "no built translations bundled"
    for package in ("store", "server"):
        migrations = INTERNAL / "hembesok_desktop" / package / "migrations"
        assert (migrations / "env.py").is_file(), package
        assert list((migrations / "versions").glob("0*.py")), package
    assert list((INTERNAL / "rcpchgrowth" / "data_tables").rglob("*.json"))
    assert list((INTERNAL / "sqlcipher3").glob("_sqlite3*.so"))

    files = {path.relative_to(INTERNAL).as_posix() for path in INTERNAL.rglob("*")}
    for unwanted in ("WebEngine", "Qt63D", "Qt6Quick", "Qt6Qml", "_tkinter", "matplotlib"):
        assert not [name for name in files if unwanted in name], unwanted
    qt_translations = [name for name in files if name.startswith("PySide6/Qt/translations/")]
    assert all(name.endswith(("_sv.qm", "_en.qm")) for name in qt_translations)


def test_compiled_modules(bundle: Path) -> None:
    """The Python modules compiled into the executable's archive."""
    readers = pytest.importorskip("PyInstaller.archive.readers")
    modules = set(readers.CArchiveReader(str(bundle)).open_embedded_archive("PYZ.pyz").toc)
    top_level = {name.split(".")[0] for name in modules}
    for unwanted in ("tkinter", "matplotlib", "pandas", "IPython", "pytest", "mypy", "psycopg"):
        assert unwanted not in top_level, unwanted
    for wanted in ("hembesok_desktop.domain.growth", "rcpchgrowth.who", "uvicorn"):
        assert wanted in modules, wanted
