"""Build the UI translations: ``python -m hembesok_desktop.ui.translations_build [--update]``.

- Without options: ``pyside6-lrelease`` turns each ``resources/translations/hembesok_*.ts``
  into its ``.qm`` (fast, offline; ``make translations`` runs this). The ``.qm`` files are
  committed, so that the wheel and the bundle carry them without PySide6's tools at build
  time: commit them together with the ``.ts`` they were built from.
- ``--update``: first runs ``pyside6-lupdate`` over every ``.py`` file under
  ``hembesok_desktop/ui`` to add new source strings to the ``.ts`` files (obsolete ones are
  dropped), then builds.
- ``--check``: lists source strings that have no finished Swedish translation; exit 1 if any.
- ``--check-built``: rebuilds every ``.qm`` in a temporary folder and lists the committed
  ones that differ from it (lrelease's output is byte-for-byte reproducible); exit 1 if any.
  ``tests/packaging/test_translations_built.py`` and ``packaging/build.py`` use it.

For everyone adding UI text (all of ``hembesok_desktop/ui``, including journal, visit, forms,
growth and printing): write the source string in English with ``self.tr("...")`` (or
``QCoreApplication.translate("Context", "...")`` outside a QObject; no f-strings inside
``tr``: use ``%1`` placeholders and ``.replace`` or ``%n`` plurals), then run
``python -m hembesok_desktop.ui.translations_build --update`` and fill in the Swedish text in
``resources/translations/hembesok_sv.ts`` (Qt Linguist, ``pyside6-linguist``, or any editor:
write the text in ``<translation>`` and remove ``type="unfinished"``; plural messages need both
``<numerusform>`` entries). ``tests/ui/test_translations.py`` fails while any string lacks a
finished Swedish translation. ``hembesok_en.ts`` needs no text: the source is English.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ..resources import resources_path

UI_DIR = Path(__file__).resolve().parent
LANGUAGES = ("sv", "en")


def translations_dir() -> Path:
    return resources_path() / "translations"


def ts_path(language: str, folder: Path | None = None) -> Path:
    return (folder or translations_dir()) / f"hembesok_{language}.ts"


def _tool(name: str) -> str:
    """A PySide6 tool next to this Python, else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} was not found; install PySide6-Essentials")
    return found


def source_files(ui_dir: Path = UI_DIR) -> list[Path]:
    return sorted(p for p in ui_dir.rglob("*.py") if "__pycache__" not in p.parts)


def update(ts_file: Path, *, ui_dir: Path = UI_DIR) -> None:
    """Merge every source string under ``ui_dir`` into ``ts_file`` (created if missing)."""
    ts_file.parent.mkdir(parents=True, exist_ok=True)
    files = [str(p) for p in source_files(ui_dir)]
    language = ts_file.stem.rpartition("_")[2]
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            *files,
            "-no-obsolete",
            "-locations",
            "relative",
            "-target-language",
            {"sv": "sv_SE", "en": "en_GB"}.get(language, language),
            "-ts",
            str(ts_file),
        ],
        check=True,
        capture_output=True,
    )


def release(ts_file: Path, out_dir: Path | None = None) -> Path:
    """Build ``ts_file`` into its ``.qm``, beside it or in ``out_dir``; returns the ``.qm``."""
    qm_file = (out_dir or ts_file.parent) / ts_file.with_suffix(".qm").name
    subprocess.run(
        [_tool("pyside6-lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)],
        check=True,
        capture_output=True,
    )
    return qm_file


def stale_built(folder: Path | None = None) -> list[Path]:
    """The ``.qm`` files in ``folder`` (default: the translations folder) that are missing or
    differ from a fresh build of their ``.ts``."""
    folder = folder or translations_dir()
    stale = []
    with tempfile.TemporaryDirectory() as scratch:
        for language in LANGUAGES:
            source = ts_path(language, folder)
            if not source.exists():
                continue
            fresh = release(source, Path(scratch))
            committed = folder / fresh.name
            if not committed.is_file() or committed.read_bytes() != fresh.read_bytes():
                stale.append(committed)
    return stale


@dataclass(frozen=True)
class Message:
    context: str
    source: str


def unfinished(ts_file: Path) -> list[Message]:
    """Messages of ``ts_file`` without a finished translation."""
    root = ET.parse(ts_file).getroot()
    missing = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None or translation.get("type") in (
                "unfinished",
                "obsolete",
                "vanished",
            ):
                if translation is None or translation.get("type") == "unfinished":
                    missing.append(Message(name, source))
                continue
            forms = translation.findall("numerusform")
            texts = [f.text or "" for f in forms] if forms else [translation.text or ""]
            if not all(text.strip() for text in texts):
                missing.append(Message(name, source))
    return missing


def check(ui_dir: Path = UI_DIR) -> list[Message]:
    """Update a temporary copy of the Swedish .ts from the sources; its unfinished messages."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "hembesok_sv.ts"
        if ts_path("sv").exists():
            shutil.copyfile(ts_path("sv"), copy)
        update(copy, ui_dir=ui_dir)
        return unfinished(copy)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="run lupdate over the UI first")
    parser.add_argument("--check", action="store_true", help="list untranslated strings")
    parser.add_argument(
        "--check-built", action="store_true", help="list .qm files not built from their .ts"
    )
    args = parser.parse_args(argv)
    if args.check_built:
        stale = stale_built()
        for path in stale:
            print(f"{path}: not the build of its .ts; run the translations build and commit it")
        return 1 if stale else 0
    if args.check:
        missing = check()
        for message in missing:
            print(f"{message.context}: {message.source}")
        print(f"{len(missing)} string(s) without a finished Swedish translation", file=sys.stderr)
        return 1 if missing else 0
    for language in LANGUAGES:
        if args.update:
            update(ts_path(language))
        if ts_path(language).exists():
            release(ts_path(language))
    return 0


if __name__ == "__main__":
    sys.exit(main())
