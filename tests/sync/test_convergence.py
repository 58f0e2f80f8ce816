"""Three laptops (three encrypted stores) sync through a real server and converge."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import select

from hembesok_desktop.store import replica
from hembesok_desktop.store.models import Conflict, Family, JournalEntry
from hembesok_desktop.store.services import families, journal
from tests.sync.conftest import Laptop, new_family, outbox, snapshot


def _family(laptop: Laptop, family_id: str) -> Family:
    with laptop.store.read() as session:
        row = session.get(Family, family_id)
        assert row is not None
        return row


def _conflicts(laptop: Laptop) -> list[Conflict]:
    with laptop.store.read() as session:
        return list(session.exec(select(Conflict)).all())


def test_edits_of_different_fields_merge_and_replicas_converge(
    laptop_factory: Callable[[str], Laptop],
) -> None:
    one, two, three = laptop_factory("a1"), laptop_factory("a2"), laptop_factory("a3")
    family_id = new_family(one)
    first = one.sync()
    assert first.pushed == 2 and first.rejected == 0
    two.sync()
    three.sync()
    assert _family(two, family_id).address == "Påhittade gränd 1"

    with one.store.write() as uow:
        families.update_family(uow, family_id, phone="070-000 00 01")
    with two.store.write() as uow:
        families.update_family(uow, family_id, area="Norr")
    with three.store.write() as uow:
        families.update_family(uow, family_id, interpreter_needed=True, languages=["so", "sv"])
    for laptop in (one, two, three, one, two, three):
        laptop.sync()

    merged = _family(three, family_id)
    assert (merged.phone, merged.area, merged.interpreter_needed, merged.languages) == (
        "070-000 00 01",
        "Norr",
        True,
        ["so", "sv"],
    )
    assert snapshot(one.store) == snapshot(two.store) == snapshot(three.store)
    assert not _conflicts(one)
    for laptop in (one, two, three):
        assert not outbox(laptop.store, "pending")
        # applied remote values made no outbox records: every record is a sent local write
        assert len(outbox(laptop.store)) == len(outbox(laptop.store, "sent"))


def test_concurrent_edits_keep_the_loser_as_a_conflict_everywhere_and_settling_syncs(
    laptop_factory: Callable[[str], Laptop],
) -> None:
    one, two, three = laptop_factory("a1"), laptop_factory("a2"), laptop_factory("a3")
    family_id = new_family(one)
    for laptop in (one, two, three):
        laptop.sync()
    with one.store.write() as uow:
        families.update_family(uow, family_id, phone="070-111 11 11")
    with two.store.write() as uow:
        families.update_family(uow, family_id, phone="070-222 22 22")  # later: wins
    one.sync()
    summary = two.sync()
    assert summary.new_conflicts == 1 and summary.open_conflicts == 1
    for laptop in (one, three, two):
        laptop.sync()

    for laptop in (one, two, three):
        assert _family(laptop, family_id).phone == "070-222 22 22"
        (conflict,) = _conflicts(laptop)
        assert (conflict.row_entity, conflict.row_id, conflict.field) == (
            "family",
            family_id,
            "phone",
        )
        assert (conflict.losing_value, conflict.winning_value, conflict.status) == (
            "070-111 11 11",
            "070-222 22 22",
            "open",
        )
    assert snapshot(one.store) == snapshot(two.store) == snapshot(three.store)

    # the nurse on laptop three keeps the losing value; the choice syncs everywhere
    with three.store.write() as uow:
        replica.settle_conflict(uow, conflict.id, keep="losing")
    three.sync()
    one.sync()
    two.sync()
    for laptop in (one, two, three):
        assert _family(laptop, family_id).phone == "070-111 11 11"
        (settled,) = _conflicts(laptop)
        assert settled.status == "settled" and settled.settled_value == "070-111 11 11"
        assert settled.losing_value == "070-111 11 11"  # history kept
        assert settled.winning_value == "070-222 22 22"
    assert snapshot(one.store) == snapshot(two.store) == snapshot(three.store)


def test_signed_entries_sync_and_a_void_reaches_every_laptop(
    laptop_factory: Callable[[str], Laptop],
) -> None:
    one, two = laptop_factory("a1"), laptop_factory("a2")
    family_id = new_family(one)
    with one.store.write() as uow:
        entry = journal.write_entry(uow, family_id=family_id, text="Hembesök 1 genomfört.")
        journal.sign_entry(uow, entry.id, author_name="Syster a1", author_title="BVC-sjuksköterska")
    one.sync()
    two.sync()
    with two.store.write() as uow:
        journal.void_entry(uow, entry.id, reason="Fel familj", voided_by="Syster a2")
    two.sync()
    one.sync()
    with one.store.read() as session:
        stored = session.get(JournalEntry, entry.id)
        assert stored is not None
        assert stored.voided_reason == "Fel familj" and stored.text == "Hembesök 1 genomfört."
    assert snapshot(one.store) == snapshot(two.store)


def test_concurrent_voids_the_second_is_quarantined_and_replicas_still_converge(
    laptop_factory: Callable[[str], Laptop],
) -> None:
    one, two = laptop_factory("a1"), laptop_factory("a2")
    family_id = new_family(one)
    with one.store.write() as uow:
        entry = journal.write_entry(uow, family_id=family_id, text="Samtal om sömn.")
        journal.sign_entry(uow, entry.id, author_name="Syster a1", author_title="BVC-sjuksköterska")
    one.sync()
    two.sync()
    with one.store.write() as uow:
        journal.void_entry(uow, entry.id, reason="Fel barn", voided_by="Syster a1")
    with two.store.write() as uow:
        journal.void_entry(uow, entry.id, reason="Dubblett", voided_by="Syster a2")
    one.sync()
    summary = two.sync()
    assert summary.rejected == 1 and summary.quarantined == 1
    (refused,) = replica.quarantined_changes(two.store)
    assert "already voided" in refused["reason"]
    assert refused["fields"]["voided_reason"]["value"] == "Dubblett"  # kept, visible
    one.sync()
    assert snapshot(one.store) == snapshot(two.store)
    with two.store.read() as session:
        stored = session.get(JournalEntry, entry.id)
        assert stored is not None and stored.voided_reason == "Fel barn"
