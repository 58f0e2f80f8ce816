"""Journal rules hold in the store itself: signed entries are final, nothing is deleted."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from hembesok_desktop.store.database import Store
from hembesok_desktop.store.errors import InvalidInput, JournalRuleViolation
from hembesok_desktop.store.models import JournalEntry, PendingChange
from hembesok_desktop.store.services import clinical, families, journal
from tests.support.catalogue import CATALOGUE


def signed_entry(store: Store) -> tuple[str, str]:
    with store.write() as uow:
        family = families.create_family(uow, address="Demovägen 2")
        entry = journal.write_entry(uow, family_id=family.id, text="Hembesök HB2. Mår bra.")
        journal.sign_entry(uow, entry.id, author_name="Anna Test", author_title="BVC-sjuksköterska")
    return family.id, entry.id


def test_a_signed_entry_cannot_be_edited_through_the_services(store: Store) -> None:
    _family_id, entry_id = signed_entry(store)
    with pytest.raises(JournalRuleViolation), store.write() as uow:
        journal.edit_entry(uow, entry_id, text="Changed afterwards")
    with store.read() as session:
        assert session.get(JournalEntry, entry_id).text == "Hembesök HB2. Mår bra."


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE journal_entry SET text = 'rewritten' WHERE id = :id",
        "UPDATE journal_entry SET author_name = 'Someone Else' WHERE id = :id",
        "UPDATE journal_entry SET signed_at = NULL WHERE id = :id",
        "DELETE FROM journal_entry WHERE id = :id",
    ],
)
def test_the_database_itself_refuses_changing_a_signed_entry(store: Store, statement: str) -> None:
    _family_id, entry_id = signed_entry(store)
    with (
        pytest.raises(IntegrityError, match=r"cannot be changed|never deleted"),
        store.engine.begin() as conn,
    ):
        conn.execute(text(statement), {"id": entry_id})
    with store.read() as session:
        entry = session.get(JournalEntry, entry_id)
        assert entry is not None and entry.text == "Hembesök HB2. Mår bra."
        assert entry.signed_at is not None


def test_an_amendment_keeps_both_texts_visible(store: Store) -> None:
    _family_id, entry_id = signed_entry(store)
    with store.write() as uow:
        amendment = journal.amend_entry(
            uow,
            entry_id,
            text="Rättelse: besöket var HB3.",
            author_name="Anna Test",
            author_title="BVC-sjuksköterska",
        )
    with store.read() as session:
        original = session.get(JournalEntry, entry_id)
        amended = session.get(JournalEntry, amendment.id)
    assert original.text == "Hembesök HB2. Mår bra."
    assert amended.text == "Rättelse: besöket var HB3."
    assert amended.amends == entry_id
    assert amended.signed_at is not None


def test_void_needs_a_reason_and_happens_once(store: Store) -> None:
    _family_id, entry_id = signed_entry(store)
    with pytest.raises(InvalidInput), store.write() as uow:
        journal.void_entry(uow, entry_id, reason="  ", voided_by="anna")
    with store.write() as uow:
        journal.void_entry(uow, entry_id, reason="Fel familj", voided_by="anna")
    with pytest.raises(JournalRuleViolation), store.write() as uow:
        journal.void_entry(uow, entry_id, reason="again", voided_by="anna")
    with pytest.raises(IntegrityError), store.engine.begin() as conn:
        conn.execute(
            text("UPDATE journal_entry SET voided_reason = 'other' WHERE id = :id"),
            {"id": entry_id},
        )
    with store.read() as session:
        entry = session.get(JournalEntry, entry_id)
    assert entry.voided_reason == "Fel familj" and entry.text == "Hembesök HB2. Mår bra."


def test_an_unsigned_entry_may_be_edited_then_signed(store: Store) -> None:
    with store.write() as uow:
        family = families.create_family(uow)
        entry = journal.write_entry(uow, family_id=family.id, text="utkast")
    with store.write() as uow:
        journal.edit_entry(uow, entry.id, text="färdig text")
        journal.sign_entry(uow, entry.id, author_name="A B", author_title="BVC-sjuksköterska")
    with pytest.raises(JournalRuleViolation), store.write() as uow:
        journal.sign_entry(uow, entry.id, author_name="A B", author_title="x")


@pytest.mark.parametrize(
    "table", ["family", "guardian", "child", "contact", "measurement", "access_log_entry"]
)
def test_clinical_rows_are_never_deleted(store: Store, table: str) -> None:
    with store.write() as uow:
        family = families.create_family(uow)
        families.add_guardian(uow, family_id=family.id, given_name="Test", family_name="Testsson")
        child = families.add_child(
            uow,
            family_id=family.id,
            given_name="Liten",
            family_name="Testsson",
            birth_date=date(2026, 1, 2),
        )
        clinical.record_measurement(
            uow, child_id=child.id, measured_on=date(2026, 2, 1), weight_kg=4.1
        )
        from hembesok_desktop.store.services import access_log, contacts

        contacts.plan_contact(
            uow, family_id=family.id, child_id=child.id, planned_date=date(2026, 3, 1)
        )
        access_log.log_access(uow, family_id=family.id, action="open")
    with pytest.raises(IntegrityError, match="never deleted"), store.engine.begin() as conn:
        conn.execute(text(f"DELETE FROM {table}"))


def test_a_completed_response_is_final(store: Store) -> None:
    with store.write() as uow:
        family = families.create_family(uow)
        response = clinical.save_response(
            uow, family_id=family.id, form_id="epds", form_version="1", answers={"epds-1": 0}
        )
        clinical.complete_response(
            uow, response.id, score=0, subscores={}, flags=[], catalogue=CATALOGUE
        )
    with pytest.raises(JournalRuleViolation), store.write() as uow:
        clinical.save_response(
            uow,
            family_id=family.id,
            form_id="epds",
            form_version="1",
            answers={"epds-1": 3},
            response_id=response.id,
        )
    with pytest.raises(IntegrityError), store.engine.begin() as conn:
        conn.execute(text("UPDATE questionnaire_response SET score = 30"))


def test_each_write_records_its_change_in_the_same_transaction(store: Store) -> None:
    with store.write() as uow:
        family = families.create_family(uow, address="Demovägen 3")
    with pytest.raises(InvalidInput), store.write() as uow:
        families.update_family(uow, family.id, address="Ny adress")
        raise InvalidInput("abort after the write")
    with store.read() as session:
        changes = session.exec(select(PendingChange)).all()
    assert [c.entity for c in changes] == ["family"]
    assert changes[0].fields["address"]["value"] == "Demovägen 3"
    assert changes[0].fields["address"]["base"] is None

    with store.write() as uow:
        families.update_family(uow, family.id, address="Ny adress")
    with store.read() as session:
        changes = session.exec(select(PendingChange).order_by(PendingChange.seq)).all()
    assert [sorted(c.fields) for c in changes][1] == ["address"]
    assert changes[1].fields["address"]["base"] == changes[0].fields["address"]["hlc"]
    assert changes[1].fields["address"]["hlc"] > changes[0].fields["address"]["hlc"]
