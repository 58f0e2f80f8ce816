"""Applying the server's rows and removing families return a ``Changed`` (as a local write does)
naming exactly the families, kinds and rows they changed, so the window refreshes only those."""

from __future__ import annotations

import time
from typing import Any

from sqlmodel import select

from hembesok_desktop.domain.hlc import Timestamp
from hembesok_desktop.store import replica
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.models import PendingChange
from hembesok_desktop.store.services import families
from hembesok_desktop.store.unit_of_work import Changed

NEW_CHILD = "c0ffee00-0000-4000-8000-000000000002"


def make_family(store: Store, address: str) -> tuple[str, str]:
    with store.write() as uow:
        family = families.create_family(uow, address=address, phone="08-123")
        guardian = families.add_guardian(
            uow, family_id=family.id, given_name="Amina", family_name="Testsson"
        )
    return family.id, guardian.id


def server_stamp() -> str:
    """A server version a second newer than anything written here."""
    return Timestamp(int(time.time() * 1000) + 1000, 0, "server").encode()


def row(entity: str, row_id: str, family_id: str, values: dict[str, Any]) -> dict[str, Any]:
    stamp = server_stamp()
    return {
        "entity": entity,
        "row_id": row_id,
        "family_id": family_id,
        "fields": {name: {"value": v, "hlc": stamp, "base": None} for name, v in values.items()},
    }


def pulled_rows(family_id: str) -> list[dict[str, Any]]:
    child = {
        "given_name": "Sara",
        "family_name": "Testsson",
        "birth_date": "2025-01-02",
        "identity_kind": "none",
        "identity_number": "",
        "linked_identity_number": "",
        "sex": "female",
    }
    return [
        row("family", family_id, family_id, {"phone": "070-111 11 11"}),
        row("child", NEW_CHILD, family_id, child),
    ]


def test_pulled_rows_of_one_family_change_just_that_family(store: Store) -> None:
    changed_family, _ = make_family(store, "Påhittade gatan 1")
    make_family(store, "Påhittade gatan 2")

    summary = replica.apply_remote_rows(store, pulled_rows(changed_family))

    assert (summary.updated, summary.inserted) == (1, 1)
    assert summary.changed == Changed(
        entities=frozenset({"family", "child"}),
        row_ids=frozenset({changed_family, NEW_CHILD}),
        family_ids=frozenset({changed_family}),
    )


def test_rows_already_here_change_nothing(store: Store) -> None:
    family_id, _ = make_family(store, "Påhittade gatan 1")
    rows = pulled_rows(family_id)
    replica.apply_remote_rows(store, rows)

    again = replica.apply_remote_rows(store, rows)

    assert again.unchanged == 2
    assert again.changed == Changed() and again.changed.empty


def test_removing_a_family_names_its_rows(store: Store) -> None:
    leaving, guardian_id = make_family(store, "Påhittade gatan 1")
    staying, _ = make_family(store, "Påhittade gatan 2")
    with store.read() as session:
        replica.mark_sent(store, list(session.exec(select(PendingChange.change_id)).all()))

    removed = replica.remove_families(store, [leaving])

    assert removed == Changed(
        entities=frozenset({"family", "guardian"}),
        row_ids=frozenset({leaving, guardian_id}),
        family_ids=frozenset({leaving}),
    )
    later = replica.remove_families(store, [staying])  # the other family was left whole
    assert later.family_ids == {staying} and later.entities == {"family", "guardian"}
