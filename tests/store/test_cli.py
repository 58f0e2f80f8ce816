"""The command line as a script uses it: exit codes, one-sentence errors, no data changed."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hembesok_desktop.store.database import Store, database_path
from tests.conftest import CHEAP_KDF, PASSPHRASE
from tests.support.catalogue import CATALOGUE

ROOT = Path(__file__).parents[2]


def hembesok(
    *args: str, passphrase: str | None = PASSPHRASE, data_dir: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HEMBESOK_")}
    env["PYTHONPATH"] = str(ROOT)
    if passphrase is not None:
        env["HEMBESOK_PASSPHRASE"] = passphrase
    if data_dir is not None:
        env["HEMBESOK_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "hembesok_desktop.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def one_sentence(text: str) -> bool:
    lines = text.strip().splitlines()
    return len(lines) == 1 and "Traceback" not in text and lines[0].endswith(".")


@pytest.fixture
def made(tmp_path: Path) -> Path:
    data_dir = tmp_path / "store"
    Store.create(data_dir, passphrase=PASSPHRASE, kdf=CHEAP_KDF)[0].lock()
    return data_dir


def test_init_prints_the_recovery_key_once_and_check_passes(tmp_path: Path) -> None:
    data_dir = tmp_path / "new"
    result = hembesok("init", "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stderr
    assert "Recovery key" in result.stdout
    again = hembesok("init", "--data-dir", str(data_dir))
    assert again.returncode != 0 and one_sentence(again.stderr)
    check = hembesok("check", data_dir=data_dir)  # HEMBESOK_DATA_DIR works too
    assert check.returncode == 0, check.stderr


def test_stats_json_counts_every_noun(made: Path) -> None:
    result = hembesok("stats", "--json", "--data-dir", str(made))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "families": 0,
        "guardians": 0,
        "children": 0,
        "contacts": 0,
        "journal_entries": 0,
        "responses": 0,
        "pending_changes": 0,
        "conflicts": 0,
    }


def test_check_with_a_wrong_passphrase_fails_in_one_sentence_and_changes_nothing(
    made: Path,
) -> None:
    before = digests(made)
    result = hembesok("check", "--data-dir", str(made), passphrase="wrong passphrase")
    assert result.returncode != 0
    assert one_sentence(result.stderr), result.stderr
    assert "passphrase is not correct" in result.stderr
    assert digests(made) == before


def test_no_passphrase_without_a_terminal_is_a_clear_error(made: Path) -> None:
    result = hembesok("check", "--data-dir", str(made), passphrase=None)
    assert result.returncode != 0 and one_sentence(result.stderr)


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    result = hembesok("stats", "--data-dir", str(tmp_path / "nothing"))
    assert result.returncode != 0 and one_sentence(result.stderr)
    assert "hembesok init" in result.stderr


@pytest.mark.parametrize("where", ["first_page", "middle", "last_page"])
def test_a_flipped_byte_is_reported_by_check_and_unlock_does_not_crash(
    made: Path, where: str
) -> None:
    store = Store.unlock(made, passphrase=PASSPHRASE)
    from hembesok_desktop.store.services import families, journal

    for number in range(60):
        with store.write() as uow:
            family = families.create_family(uow, address=f"Demovägen {number}")
            journal.write_entry(uow, family_id=family.id, text="x" * 400)
    store.lock()
    path = database_path(made)
    data = bytearray(path.read_bytes())
    offset = {"first_page": 100, "middle": len(data) // 2, "last_page": len(data) - 200}[where]
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))

    result = hembesok("check", "--data-dir", str(made))
    assert result.returncode != 0
    assert one_sentence(result.stderr), result.stderr
    assert "hembesok.db" in result.stderr and "damaged or has been tampered with" in result.stderr

    stats = hembesok("stats", "--data-dir", str(made))
    assert "Traceback" not in stats.stderr
    if stats.returncode != 0:
        assert one_sentence(stats.stderr)


def test_bad_arguments_exit_non_zero(made: Path) -> None:
    result = hembesok("demo-data", "--families", "0", "--data-dir", str(made))
    assert result.returncode != 0 and one_sentence(result.stderr)


def test_export_figures_writes_csv_without_names_or_numbers(made: Path, tmp_path: Path) -> None:
    from hembesok_desktop.demo.caseload import fill_demo_caseload

    store = Store.unlock(made, passphrase=PASSPHRASE)
    fill_demo_caseload(store, catalogue=CATALOGUE, families=8, seed=3)
    with store.read() as session:
        from sqlmodel import select

        from hembesok_desktop.store.models import Child, Guardian

        people = [*session.exec(select(Guardian)).all(), *session.exec(select(Child)).all()]
    store.lock()
    out = tmp_path / "figures.csv"
    result = hembesok("export-figures", "--out", str(out), "--data-dir", str(made))
    assert result.returncode == 0, result.stderr
    text = out.read_text()
    assert len(text.splitlines()) > 8
    for person in people:
        assert person.given_name not in text and person.family_name not in text
        if person.identity_number:
            assert person.identity_number[2:] not in text
    again = hembesok("export-figures", "--out", str(out), "--data-dir", str(made))
    assert again.returncode != 0 and one_sentence(again.stderr)


def test_export_figures_writes_the_aggregate_and_per_child_files(
    made: Path, tmp_path: Path
) -> None:
    from hembesok_desktop.demo.caseload import fill_demo_caseload

    store = Store.unlock(made, passphrase=PASSPHRASE)
    fill_demo_caseload(store, catalogue=CATALOGUE, families=6, seed=4)
    store.lock()
    aggregate, per_child = tmp_path / "aggregate.csv", tmp_path / "children.csv"
    result = hembesok(
        "export-figures",
        "--aggregate",
        str(aggregate),
        "--per-child",
        str(per_child),
        "--data-dir",
        str(made),
    )
    assert result.returncode == 0, result.stderr
    assert aggregate.read_text().startswith("programme_id,team_id,age_point,measure")
    assert len(per_child.read_text().splitlines()) == 7  # header and six children
    nothing = hembesok("export-figures", "--data-dir", str(made))
    assert nothing.returncode != 0 and one_sentence(nothing.stderr)
