"""The committed ``.qm`` translations are the build of their ``.ts`` sources.

The wheel and the bundle ship ``resources/translations/*.qm`` as committed (nothing builds
them at install time), so an edited ``.ts`` whose ``.qm`` was not rebuilt and committed would
ship the old Swedish UI. lrelease's output is reproducible byte for byte, so the check
rebuilds into a temporary folder and compares.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hembesok_desktop.ui.translations_build import LANGUAGES, stale_built

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"


def test_committed_translations_are_built_from_their_sources() -> None:
    for language in LANGUAGES:
        assert (TRANSLATIONS / f"hembesok_{language}.qm").is_file(), language
    stale = stale_built(TRANSLATIONS)
    assert stale == [], (
        f"{[path.name for path in stale]} differ from their .ts: run `make translations` "
        "and commit the .qm files"
    )


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    folder = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS, folder)
    return folder


def test_an_edited_ts_makes_its_qm_stale(copy: Path) -> None:
    source = copy / "hembesok_sv.ts"
    text = source.read_text("utf-8")
    translation = "<translation>"
    first = text.index(translation) + len(translation)
    source.write_text(text[:first] + "Ändrad " + text[first:], "utf-8")
    assert stale_built(copy) == [copy / "hembesok_sv.qm"]


def test_a_missing_qm_is_stale(copy: Path) -> None:
    (copy / "hembesok_en.qm").unlink()
    assert stale_built(copy) == [copy / "hembesok_en.qm"]
