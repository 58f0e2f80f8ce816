"""After a demo caseload is written, nothing readable is left on disk."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlmodel import select

from hembesok_desktop.store.database import Store
from hembesok_desktop.store.models import Child, Guardian, JournalEntry
from tests.conftest import PASSPHRASE
from tests.store.test_cli import hembesok

#: Ciphertext is random: a given 4-byte string turns up in a 5 MB file with probability ~1e-3,
#: and there are hundreds of short names, so 4-byte names would fail the test by chance now and
#: then. From 6 bytes the chance for all secrets together is ~1e-5; short names are still covered
#: inside the given+family name strings a plaintext record would hold.
MIN_SECRET_BYTES = 6

SCHEMA_WORDS = [b"CREATE TABLE", b"journal_entry", b"family_id", b"SQLite format 3", b"sqlite_"]


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("encrypted") / "store"
    assert hembesok("init", "--data-dir", str(data_dir)).returncode == 0
    result = hembesok("demo-data", "--families", "300", "--seed", "7", "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stderr
    # leave a -wal and -shm behind as a running app would, and make a backup copy too
    return data_dir


def secrets_of(data_dir: Path) -> list[bytes]:
    store = Store.unlock(data_dir, passphrase=PASSPHRASE)
    try:
        with store.read() as session:
            people = [*session.exec(select(Guardian)).all(), *session.exec(select(Child)).all()]
            texts = [e.text for e in session.exec(select(JournalEntry).limit(50)).all()]
    finally:
        store.lock()
    found: list[bytes] = []
    for person in people:
        given, family = person.given_name.encode(), person.family_name.encode()
        # SQLite stores a record's text columns back to back: a plaintext row holds given
        # name and family name side by side, whatever their length.
        found += [given, family, given + family, given + b" " + family]
        if person.identity_kind in {"personnummer", "samordningsnummer"}:
            number = person.identity_number
            found += [number.encode(), number[2:].encode(), f"{number[2:8]}-{number[8:]}".encode()]
    found += [text.encode() for text in texts]
    return sorted({value for value in found if len(value) >= MIN_SECRET_BYTES})


def every_file(data_dir: Path) -> list[Path]:
    return [path for path in data_dir.rglob("*") if path.is_file()]


def test_no_file_holds_names_numbers_or_schema_text(demo_dir: Path) -> None:
    secrets = secrets_of(demo_dir)
    assert len(secrets) > 1000
    # open and write once more so WAL/SHM files exist while we look
    store = Store.unlock(demo_dir, passphrase=PASSPHRASE)
    from hembesok_desktop.store.services import families

    with store.write() as uow:
        families.create_family(uow, address="Påhittade gränd 99")
    files = every_file(demo_dir)
    names = {path.name for path in files}
    assert "hembesok.db" in names and "vault.json" in names
    assert "hembesok.db-wal" in names
    try:
        for path in files:
            content = path.read_bytes()
            for word in SCHEMA_WORDS:
                assert word not in content, f"{path.name} holds {word!r}"
            leaked = [secret for secret in secrets if secret in content]
            assert leaked == [], f"{path.name} holds personal data"
            assert b"P\xc3\xa5hittade gr\xc3\xa4nd 99" not in content
    finally:
        store.lock()


def test_python_sqlite3_cannot_read_the_database(demo_dir: Path) -> None:
    conn = sqlite3.connect(demo_dir / "hembesok.db")
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()


def test_stats_after_demo_data(demo_dir: Path) -> None:
    import json

    counts = json.loads(hembesok("stats", "--json", "--data-dir", str(demo_dir)).stdout)
    assert counts["families"] >= 300
    assert counts["guardians"] >= 300 and counts["children"] >= 300
    assert counts["contacts"] > counts["families"]
    assert counts["journal_entries"] > 0 and counts["responses"] > 0
    assert counts["pending_changes"] > 0
