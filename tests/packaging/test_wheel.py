"""The wheel works when installed: built from the checkout, installed into fresh venvs.

What a new user does: ``pip install '.[desktop]'`` on a laptop, ``pip install '.[server]'`` on
the region's server. The module copies the files a clean clone has (``git ls-files``, plus
files not yet committed) to a temporary folder, builds the wheel there with
``pip wheel --no-deps``, installs it with each extra into its own new venv (no access to the
development venv's site-packages, where the project is installed editable) and runs the
installed commands from another folder with a temporary HOME and data folder, so nothing can
come from the source tree. About a minute here; pip takes the dependencies from its cache.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "korrekt häst batteri häftstift"
BIN = "Scripts" if os.name == "nt" else "bin"
#: what only the laptop needs; none of it may come with a server install
DESKTOP_ONLY = {"pyside6-essentials", "pyside6", "shiboken6", "sqlcipher3", "rcpchgrowth"}
IGNORED_WITHOUT_GIT = (".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache")

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


def _pip_env() -> dict[str, str]:
    """The test's environment (pip's configuration and cache) without anything that would
    point an interpreter at the checkout or the development venv."""
    return {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "VIRTUAL_ENV", "HEMBESOK_"))
    }


def _check(
    command: list[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        command, capture_output=True, text=True, cwd=cwd, env=env, timeout=timeout
    )
    assert result.returncode == 0, (
        f"{' '.join(command)} exited {result.returncode}:\n{result.stdout[-3000:]}\n"
        f"{result.stderr[-3000:]}"
    )
    return result


def _copy_checkout(target: Path) -> None:
    """The files a clone of the checkout would have, with their uncommitted changes."""
    if shutil.which("git") and (ROOT / ".git").exists():
        listed = _check(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT
        ).stdout
        for name in filter(None, listed.split("\0")):
            source = ROOT / name
            if source.is_file():  # a tracked file deleted in the work tree is not copied
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / name)
    else:
        shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(*IGNORED_WITHOUT_GIT))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("source")
    _copy_checkout(source)
    out = tmp_path_factory.mktemp("wheels")
    _check(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), "."],
        cwd=source,
        env=_pip_env(),
        timeout=300,
    )
    built = sorted(out.glob("hembesok_desktop-*.whl"))
    assert len(built) == 1, built
    return built[0]


def _venv_with(wheel: Path, extra: str, folder: Path) -> Path:
    """A new venv in ``folder`` with the wheel and ``extra`` installed; its bin folder."""
    _check([sys.executable, "-m", "venv", str(folder)], env=_pip_env(), timeout=120)
    python = folder / BIN / "python"
    _check(
        [str(python), "-m", "pip", "install", "--quiet", f"{wheel}[{extra}]"],
        env=_pip_env(),
        cwd=folder,
        timeout=600,
    )
    return folder / BIN


def _installed(bin_dir: Path) -> set[str]:
    listed = _check(
        [str(bin_dir / "python"), "-m", "pip", "list", "--format", "json"], env=_pip_env()
    )
    return {entry["name"].lower().replace("_", "-") for entry in json.loads(listed.stdout)}


@pytest.fixture(scope="module")
def desktop(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _venv_with(wheel, "desktop", tmp_path_factory.mktemp("desktop") / "venv")


@pytest.fixture(scope="module")
def server(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _venv_with(wheel, "server", tmp_path_factory.mktemp("server") / "venv")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A user's environment: temp HOME (so default settings: Swedish UI) and data folder."""
    home = tmp_path / "home"
    runtime = tmp_path / "runtime"
    home.mkdir()
    runtime.mkdir(mode=0o700)
    kept = {key: value for key, value in _pip_env().items() if not key.startswith(("QT_", "XDG_"))}
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
    program: Path, *args: str, env: dict[str, str], cwd: Path, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(program), *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def assert_clean(result: subprocess.CompletedProcess[str]) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"exit {result.returncode}:\n{output}"
    assert "Traceback" not in output, output
    assert "no built translation" not in result.stderr, result.stderr


def test_wheel_carries_the_resources_and_built_translations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        name.removeprefix("hembesok_desktop/_resources/")
        for name in names
        if name.startswith("hembesok_desktop/_resources/")
    }
    expected = {
        path.relative_to(ROOT / "resources").as_posix()
        for path in (ROOT / "resources").rglob("*")
        if path.is_file() and path.suffix != ".ts" and "__pycache__" not in path.parts
    }
    assert shipped == expected
    assert {"translations/hembesok_sv.qm", "translations/hembesok_en.qm"} <= shipped
    assert "hembesok_desktop/store/migrations/script.py.mako" in names
    assert not [name for name in names if name.startswith(("resources/", "tests/"))]


def test_desktop_install_runs_init_demo_data_and_smoke(
    desktop: Path, env: dict[str, str], tmp_path: Path
) -> None:
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    where = run(
        desktop / "python",
        "-c",
        "import hembesok_desktop.resources as r; print(r.__file__); print(r.resources_path())",
        env=env,
        cwd=cwd,
    )
    assert_clean(where)
    module, resources = where.stdout.splitlines()
    assert Path(module).is_relative_to(desktop.parent), "the project came from outside the venv"
    assert Path(resources) == Path(module).parent / "_resources"

    env = {**env, "HEMBESOK_PASSPHRASE": PASSPHRASE}
    hembesok = desktop / "hembesok"
    created = run(hembesok, "init", env=env, cwd=cwd)
    assert_clean(created)
    assert "Recovery key" in created.stdout
    assert_clean(run(hembesok, "demo-data", "--families", "3", env=env, cwd=cwd))
    smoke = run(hembesok, "--smoke", env=env, cwd=cwd)
    assert_clean(smoke)
    assert "smoke test passed" in smoke.stderr


def test_desktop_install_has_the_demo_server_growth_and_swedish(
    desktop: Path, env: dict[str, str], tmp_path: Path
) -> None:
    """The bundle's self-test, run by the venv's Python on the installed package: migrations,
    the embedded demo server (`hembesok --demo`), SQLCipher, rcpchgrowth, our Swedish .qm."""
    result = run(
        desktop / "python", str(ROOT / "packaging" / "bundle_selftest.py"), env=env, cwd=tmp_path
    )
    report = json.loads(result.stdout)
    failed = {name: check for name, check in report["checks"].items() if not check["ok"]}
    assert not failed, json.dumps(failed, indent=2)
    assert result.returncode == 0
    assert "psycopg" not in _installed(desktop), "a laptop install pulled the PostgreSQL driver"


def test_server_install_has_no_qt_and_runs(
    server: Path, env: dict[str, str], tmp_path: Path
) -> None:
    pulled = DESKTOP_ONLY & _installed(server)
    assert not pulled, f"a server install pulled {sorted(pulled)}"
    assert_clean(run(server / "hembesok-server", "--help", env=env, cwd=tmp_path))
    database = f"sqlite:///{(tmp_path / 'server.db').as_posix()}"
    migrated = run(  # its own step: admin and serve refuse an unmigrated database
        server / "hembesok-server", "--db", database, "migrate", env=env, cwd=tmp_path
    )
    assert_clean(migrated)
    added = run(
        server / "hembesok-server", "--db", database, "admin", "add-team", "BVC Test",
        env=env, cwd=tmp_path,
    )  # fmt: skip
    assert_clean(added)
    assert "Team 1 added." in added.stdout
    imports = run(
        server / "python",
        "-c",
        "import sys, hembesok_desktop.server.app, hembesok_desktop.server.cli; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'sqlcipher3'}))",
        env=env,
        cwd=tmp_path,
    )
    assert_clean(imports)
    assert imports.stdout.strip() == "[]"
