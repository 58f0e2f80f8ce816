"""Migrations run on unlock, after an encrypted backup, on stores of every earlier schema."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from hembesok_desktop.store import derived, schema, search
from hembesok_desktop.store.caseload import WORKLISTS, caseload_rows
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.engine import looks_like_plain_sqlite
from hembesok_desktop.store.errors import JournalRuleViolation
from hembesok_desktop.store.models import Child, FamilySearch, Guardian, JournalEntry
from hembesok_desktop.store.services import contacts, journal

FIXTURES = Path(__file__).with_name("fixtures")
FIXTURE_PASSPHRASE = "fixture passphrase"
DAY = date(2025, 3, 10)


@pytest.fixture
def v1_store(tmp_path: Path) -> Path:
    target = tmp_path / "store_v1"
    shutil.copytree(FIXTURES / "store_v1", target)
    return target


def test_the_fixture_really_is_at_the_first_schema(v1_store: Path) -> None:
    from hembesok_desktop.store.engine import make_engine
    from hembesok_desktop.store.vault import Vault

    key = Vault.load(v1_store / "vault.json").unlock(FIXTURE_PASSPHRASE)
    engine = make_engine(v1_store / "hembesok.db", key=key)
    try:
        assert schema.current_revision(engine) == "0001"
    finally:
        engine.dispose()
    assert schema.head_revision() != "0001"


def test_unlock_backs_up_then_upgrades_a_first_schema_store(v1_store: Path) -> None:
    original = (v1_store / "hembesok.db").read_bytes()
    store = Store.unlock(v1_store, passphrase=FIXTURE_PASSPHRASE)
    try:
        assert store.check() is None
        assert schema.current_revision(store.engine) == schema.head_revision()
        with store.read() as session:
            guardian = session.exec(select(Guardian)).one()
            child = session.exec(select(Child)).one()
            entry = session.exec(select(JournalEntry)).one()
            indexed = session.exec(select(FamilySearch)).one()
            assert search.matching_family_ids(session, "exempelsson pahittad") == [child.family_id]
        assert guardian.identity_kind == "reserve" and guardian.identity_number == "DEMO-R000042"
        assert child.birth_date.isoformat() == "2024-12-18"
        assert entry.signed_at is not None and entry.text == "Hembesök HB1. Fiktiv anteckning."
        assert "demo-r000042" in indexed.text and "2412189871" in indexed.text
        # the journal rules of the first schema still hold after the upgrade
        with pytest.raises(JournalRuleViolation), store.write() as uow:
            journal.edit_entry(uow, entry.id, text="changed")
    finally:
        store.lock()

    backups = list((v1_store / "backups").iterdir())
    assert len(backups) == 1
    assert "from-0001" in backups[0].name
    assert backups[0].read_bytes() == original
    assert not looks_like_plain_sqlite(backups[0])

    # a second unlock migrates nothing and makes no second backup
    Store.unlock(v1_store, passphrase=FIXTURE_PASSPHRASE).lock()
    assert len(list((v1_store / "backups").iterdir())) == 1


def test_a_first_schema_store_gets_its_caseload_index_on_unlock(v1_store: Path) -> None:
    store = Store.unlock(v1_store, passphrase=FIXTURE_PASSPHRASE)
    try:
        with store.read() as session:
            assert derived.stale_families(session) == []
            [row] = caseload_rows(session, today=date(2025, 1, 10))
        assert row.display_name == "Fiktiva Exempelsson"
        assert row.children == "Påhittad (3 v)"
        assert (row.next_due_date, row.interpreter_language) == (None, "so")
    finally:
        store.lock()


@pytest.fixture
def v3_store(tmp_path: Path) -> Path:
    target = tmp_path / "store_v3"
    shutil.copytree(FIXTURES / "store_v3", target)
    return target


def test_a_store_before_the_caseload_index_is_backed_up_upgraded_and_indexed(
    v3_store: Path,
) -> None:
    original = (v3_store / "hembesok.db").read_bytes()
    store = Store.unlock(v3_store, passphrase=FIXTURE_PASSPHRASE)
    try:
        assert store.check() is None
        with store.read() as session:
            assert derived.stale_families(session) == []
            lists = {
                name: [row.family_id for row in caseload_rows(session, worklist=name, today=DAY)]
                for name in WORKLISTS
            }
            [row] = caseload_rows(session, today=DAY)
        family = row.family_id
        assert lists == {
            "all": [family],
            "today": [],
            "week": [],
            "overdue": [family],  # HB2's window closed on 4 March 2025
            "followup": [family],  # a positive screening without a follow-up
        }
        assert (row.next_due_date, row.next_due_code) == (date(2025, 2, 18), "HB2")
        assert (row.overdue, row.flagged_screenings, row.open_follow_ups) == (1, 1, 0)
        # the index follows writes after the upgrade
        with store.write() as uow:
            contacts.record_contact(
                uow, "77777777-7777-4777-8777-777777777777", status="missed", reason="Ej hemma"
            )
        with store.read() as session:
            assert caseload_rows(session, worklist="overdue", today=DAY) == []
            assert derived.stale_families(session) == []
    finally:
        store.lock()
    [backup] = list((v3_store / "backups").iterdir())
    assert "from-0003" in backup.name and backup.read_bytes() == original


@pytest.fixture
def v4_store(tmp_path: Path) -> Path:
    target = tmp_path / "store_v4"
    shutil.copytree(FIXTURES / "store_v4", target)
    return target


def test_the_v4_fixture_is_at_revision_0004(v4_store: Path) -> None:
    from hembesok_desktop.store.engine import make_engine
    from hembesok_desktop.store.vault import Vault

    key = Vault.load(v4_store / "vault.json").unlock(FIXTURE_PASSPHRASE)
    engine = make_engine(v4_store / "hembesok.db", key=key)
    try:
        assert schema.current_revision(engine) == "0004"
    finally:
        engine.dispose()


def test_a_v4_store_gets_the_child_health_records(v4_store: Path) -> None:
    """0005: old rows read as "not known"; every new record can be written, synced (outbox)
    and is never deleted; the old triggers of child and contact still hold."""
    from sqlalchemy import text

    from hembesok_desktop.store.models import Contact
    from hembesok_desktop.store.services import child_health as ch
    from tests.support.catalogue import CATALOGUE

    original = (v4_store / "hembesok.db").read_bytes()
    store = Store.unlock(v4_store, passphrase=FIXTURE_PASSPHRASE)
    try:
        assert store.check() is None
        assert schema.current_revision(store.engine) == "0005" == schema.head_revision()
        with store.read() as session:
            child = session.exec(select(Child)).one()
            contact = session.get(Contact, "66666666-6666-4666-8666-666666666666")
        assert child.gestational_age_days is None
        assert (child.bcg_indicated, child.mother_hbsag_positive) == (False, False)
        assert child.rotavirus_three_dose is False
        assert contact is not None and (contact.interpreter_language, contact.interpreter_form) == (
            "",
            "",
        )
        with store.write() as uow:
            ch.set_child_details(uow, child.id, gestational_age_days=32 * 7 + 3)
            ch.record_feeding(
                uow, child_id=child.id, recorded_on=date(2025, 1, 2), status="exclusive"
            )
            ch.record_vaccination(
                uow,
                child_id=child.id,
                vaccine="rotavirus",
                dose_number=1,
                given_on=date(2025, 1, 30),
                schedule_code="V6W",
                batch_number="AB123",
                catalogue=CATALOGUE,
            )
            ch.record_language(
                uow,
                child_id=child.id,
                recorded_on=date(2025, 1, 2),
                kind="observation",
                note="Jollrar",
            )
            ch.record_tobacco(
                uow,
                child_id=child.id,
                recorded_on=date(2025, 1, 16),
                age_point="4w",
                exposure="none",
            )
            ch.record_sensory(
                uow,
                child_id=child.id,
                screened_on=date(2025, 1, 16),
                test="hearing",
                result="no_deviation",
            )
            ch.record_referral(
                uow,
                child_id=child.id,
                referred_on=date(2025, 1, 16),
                to_whom="audiology",
                reason="hearing",
            )
            changed = uow.changed()
        new_tables = {
            "feeding_record",
            "vaccination",
            "language_record",
            "tobacco_exposure",
            "sensory_screening",
            "referral",
        }
        assert new_tables | {"child"} <= changed.entities
        with store.engine.connect() as conn:
            for table in new_tables:
                assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() == 1
                pending = conn.execute(
                    text("SELECT count(*) FROM pending_change WHERE entity = :e"), {"e": table}
                ).scalar_one()
                assert pending == 1
                with pytest.raises(Exception, match="never deleted"):
                    conn.execute(text(f"DELETE FROM {table}"))
                conn.rollback()
            for table in ("child", "contact"):  # migration 0001's triggers survived 0005
                with pytest.raises(Exception, match="never deleted"):
                    conn.execute(text(f"DELETE FROM {table}"))
                conn.rollback()
        with store.read() as session:
            assert session.exec(select(Child)).one().gestational_age_days == 227
            assert derived.stale_families(session) == []
    finally:
        store.lock()
    [backup] = list((v4_store / "backups").iterdir())
    assert "from-0004" in backup.name and backup.read_bytes() == original
