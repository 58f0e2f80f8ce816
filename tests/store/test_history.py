"""A family's change history on the real encrypted store: this laptop's edits newest first with
the fields each one set, and the current versions of rows that came from the server."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime

from sqlmodel import select

from hembesok_desktop.domain.hlc import Timestamp
from hembesok_desktop.store import replica
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.history import family_history, short_text
from hembesok_desktop.store.models import PendingChange
from hembesok_desktop.store.services import families
from hembesok_desktop.store.services.access_log import log_access


def make_family(store: Store) -> tuple[str, str]:
    with store.write() as uow:
        family = families.create_family(uow, address="Påhittade gatan 1", phone="08-123")
        guardian = families.add_guardian(
            uow, family_id=family.id, given_name="Amina", family_name="Testsson"
        )
    return family.id, guardian.id


def test_edits_newest_first_with_their_fields(store: Store) -> None:
    family_id, guardian_id = make_family(store)
    time.sleep(0.002)
    with store.write() as uow:
        families.update_family(uow, family_id, address="Nya vägen 2")
    time.sleep(0.002)
    with store.write() as uow:
        families.update_family(uow, family_id, phone="070-000", interpreter_needed=True)

    with store.read() as session:
        history = family_history(session, family_id)

    assert [(e.entity, e.fields) for e in history[:2]] == [
        ("family", ("phone", "interpreter_needed")),
        ("family", ("address",)),
    ]
    newest, address = history[0], history[1]
    assert [c.text for c in newest.changes] == ["070-000", "yes"]
    assert address.changes[0].value == "Nya vägen 2" and not address.created
    assert newest.when >= address.when >= history[-1].when
    assert all(e.origin == "local" and e.state == "pending" for e in history)
    assert newest.who == "Anna Testsköterska"
    # the registrations are the oldest entries, marked as made (not changed)
    made = {e.entity: e for e in history if e.created}
    assert set(made) == {"family", "guardian"}
    assert made["guardian"].row_id == guardian_id
    assert made["guardian"].subject == "Amina Testsson"
    assert "family_id" not in made["guardian"].fields


def test_other_families_and_limit(store: Store) -> None:
    family_id, _ = make_family(store)
    other_id, _ = make_family(store)
    for number in range(5):
        with store.write() as uow:
            families.update_family(uow, family_id, area=f"Område {number}")
    with store.read() as session:
        history = family_history(session, family_id, limit=3)
        others = family_history(session, other_id)
    assert [e.changes[0].value for e in history] == ["Område 4", "Område 3", "Område 2"]
    assert {e.row_id for e in others}.isdisjoint({e.row_id for e in history})


def test_sent_rows_stay_and_access_log_is_left_out(store: Store) -> None:
    family_id, _ = make_family(store)
    with store.read() as session:
        ids = list(session.exec(select(PendingChange.change_id)).all())
    replica.mark_sent(store, ids)
    with store.write() as uow:
        log_access(uow, family_id=family_id, action="open")
    with store.read() as session:
        history = family_history(session, family_id)
    assert {e.state for e in history} == {"sent"}
    assert "access_log_entry" not in {e.entity for e in history}


def test_rows_from_the_server_show_their_current_versions(store: Store) -> None:
    family_id, _ = make_family(store)
    wall = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
    stamp = Timestamp(int(wall.timestamp() * 1000), 0, "server").encode()
    replica.apply_remote_rows(
        store,
        [
            {
                "entity": "child",
                "row_id": "c0ffee00-0000-4000-8000-000000000001",
                "family_id": family_id,
                "fields": {
                    name: {"value": value, "hlc": stamp, "base": None}
                    for name, value in {
                        "given_name": "Sara",
                        "family_name": "Testsson",
                        "birth_date": date(2025, 1, 2).isoformat(),
                        "identity_kind": "none",
                        "identity_number": "",
                        "linked_identity_number": "",
                        "sex": "female",
                    }.items()
                },
            }
        ],
    )
    with store.read() as session:
        history = family_history(session, family_id)
    [remote] = [e for e in history if e.origin == "remote"]
    assert remote.entity == "child" and remote.who == "server" and remote.state == ""
    assert remote.when == wall and remote.created
    assert dict((c.name, c.text) for c in remote.changes)["given_name"] == "Sara"
    assert history[-1] is remote  # oldest: the server wrote it before this laptop's edits


def test_short_text() -> None:
    assert short_text(None) == ""
    assert short_text(["sv", "ar"]) == "sv, ar"
    assert short_text(False) == "no"
    assert short_text("a\n  b") == "a b"
    long = short_text("x" * 100)
    assert len(long) == 60 and long.endswith("…")
