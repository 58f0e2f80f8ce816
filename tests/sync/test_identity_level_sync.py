"""A coordination number's identity level (styrkt, sannolik, osäker, stored as a code) is kept
on guardian and child, refused for any other kind of number, and syncs through a real server."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlmodel import select

from hembesok_desktop.domain.identity import personal_identity_from_parts
from hembesok_desktop.protocol import schema
from hembesok_desktop.store.errors import InvalidInput
from hembesok_desktop.store.models import Child, Guardian
from hembesok_desktop.store.services import families
from tests.sync.conftest import Laptop, outbox

CHILD_NUMBER = personal_identity_from_parts(
    birth_date=date(2024, 1, 10), serial=238, coordination=True
).value
PARENT_NUMBER = personal_identity_from_parts(
    birth_date=date(1994, 5, 3), serial=417, coordination=True
).value


def test_identity_level_is_stored_and_synced(laptop_factory: Callable[[str], Laptop]) -> None:
    one, two = laptop_factory("a1"), laptop_factory("a2")
    with one.store.write() as uow:
        family = families.create_family(uow, address="Påhittade gränd 9", area="Demo")
        guardian = families.add_guardian(
            uow,
            family_id=family.id,
            given_name="Testa",
            family_name="Föräldersson",
            identity_number=PARENT_NUMBER,
            identity_level="probable",
        )
        child = families.add_child(
            uow,
            family_id=family.id,
            given_name="Testa",
            family_name="Barnsson",
            identity_number=CHILD_NUMBER,
            identity_level="uncertain",
            birth_date=date(2024, 1, 10),
        )
    assert (guardian.identity_kind, child.identity_kind) == ("samordningsnummer",) * 2
    sent = {c.entity: c.fields for c in outbox(one.store, "pending")}
    assert sent["guardian"]["identity_level"]["value"] == "probable"
    assert sent["child"]["identity_level"]["value"] == "uncertain"
    summary = one.sync()
    assert summary.rejected == 0
    two.sync()
    with two.store.read() as session:
        assert session.get(Guardian, guardian.id).identity_level == "probable"  # type: ignore[union-attr]
        assert session.get(Child, child.id).identity_level == "uncertain"  # type: ignore[union-attr]


def test_identity_level_only_for_a_coordination_number(
    laptop_factory: Callable[[str], Laptop],
) -> None:
    laptop = laptop_factory("a1")
    with laptop.store.write() as uow:
        family = families.create_family(uow, address="Påhittade gränd 9", area="Demo")
    for number, level, message in (
        ("", "confirmed", "Only a coordination number"),
        (CHILD_NUMBER, "styrkt", "is not known"),
    ):
        with pytest.raises(InvalidInput, match=message), laptop.store.write() as uow:
            families.add_child(
                uow,
                family_id=family.id,
                given_name="Testa",
                family_name="Barnsson",
                identity_number=number,
                identity_level=level,
                birth_date=date(2024, 1, 10),
            )
    with laptop.store.read() as session:
        assert session.exec(select(Child)).all() == []
    with pytest.raises(schema.SchemaError, match="identity_level"):
        schema.check_value("guardian", "identity_level", "osäker")
    schema.check_value("child", "identity_level", "confirmed")
