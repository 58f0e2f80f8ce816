"""Build the one-folder bundle ``dist/hembesok/`` with PyInstaller.

Run it with the project's virtual environment (the one ``make`` creates), from anywhere:

    .venv/bin/python packaging/build.py            # Linux, macOS
    .venv\\Scripts\\python packaging\\build.py     # Windows

Steps:
1. installs PyInstaller into this interpreter's environment if it is missing;
2. checks that the committed Qt translations (``resources/translations/*.qm``) are the build
   of their ``.ts`` sources (``python -m hembesok_desktop.ui.translations_build
   --check-built``); a stale or missing one stops the build, so a bundle never ships without
   its current Swedish UI (``make translations`` rebuilds them; commit the result);
3. runs PyInstaller on ``packaging/hembesok.spec`` into ``dist/`` (work files in
   ``build/pyinstaller/``), without UPX, reusing PyInstaller's cache unless ``--clean``;
4. prints how long it took and how big the bundle is.

Exit status 0 on success; otherwise the failing step's status.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "hembesok.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
BUNDLE = DIST / "hembesok"
#: the PyInstaller line this spec was written for (6.x: ``_internal/`` layout, ``optimize=``)
PYINSTALLER_REQUIREMENT = "pyinstaller>=6.10,<7"
TRANSLATIONS_MODULE = "hembesok_desktop.ui.translations_build"


def step(message: str) -> None:
    print(f"[build] {message}", flush=True)


def run(command: list[str]) -> None:
    step(" ".join(command))
    subprocess.run(command, cwd=ROOT, check=True)


def ensure_pyinstaller() -> None:
    if importlib.util.find_spec("PyInstaller") is not None:
        return
    if sys.prefix == sys.base_prefix:
        step("warning: not running in a virtual environment; PyInstaller goes to this Python")
    run([sys.executable, "-m", "pip", "install", "--quiet", PYINSTALLER_REQUIREMENT])


def check_translations() -> None:
    if importlib.util.find_spec(TRANSLATIONS_MODULE) is None:
        raise SystemExit(f"[build] {TRANSLATIONS_MODULE} is missing: cannot check translations")
    run([sys.executable, "-m", TRANSLATIONS_MODULE, "--check-built"])
    built = sorted((ROOT / "resources" / "translations").glob("*.qm"))
    if not built:
        raise SystemExit("[build] resources/translations holds no .qm files")
    step("translations: " + ", ".join(path.name for path in built))


def folder_size(folder: Path) -> int:
    total = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument(
        "--skip-translations",
        action="store_true",
        help="bundle the .qm files as they are, without checking them against the .ts",
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        ensure_pyinstaller()
        if not args.skip_translations:
            check_translations()
        command = [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(WORK),
        ]
        if args.clean:
            command.append("--clean")
        run([*command, str(SPEC)])
    except subprocess.CalledProcessError as error:
        step(f"failed: {' '.join(map(str, error.cmd))} exited {error.returncode}")
        return error.returncode or 1
    seconds = time.monotonic() - started
    size = folder_size(BUNDLE) / 2**20
    executable = BUNDLE / ("hembesok.exe" if os.name == "nt" else "hembesok")
    step(f"built {executable} in {seconds:.0f} s; the folder holds {size:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
