"""Scope: nurses see and change only their teams' families; move-family; families entering
and leaving a device's scope."""

from __future__ import annotations

import uuid

import pytest

from hembesok_desktop.domain.hlc import HybridLogicalClock
from hembesok_desktop.protocol.wire import PullResponse
from hembesok_desktop.server import admin
from hembesok_desktop.server.scope import NOT_IN_CASELOAD
from tests.support.server_harness import (
    SyncClient,
    World,
    make_change,
    push_new_family,
    rows_of,
    server_rows,
)


def _version(pages: list[PullResponse], row_id: str, field: str) -> str:
    return next(
        row.fields[field].hlc for page in pages for row in page.rows if row.row_id == row_id
    )


CREATED = "2025-01-15T09:00:00+00:00"


def _child(given_name: str) -> dict[str, str]:
    """A complete new child row (the server refuses a new row without its required fields)."""
    return {"given_name": given_name, "family_name": "Testsson", "birth_date": "2025-01-15"}


@pytest.fixture
def team_b_family(b1: SyncClient) -> tuple[str, str]:
    """A family of team B with one child; returns (family_id, child_id)."""
    clock = HybridLogicalClock(f"b{uuid.uuid4().hex[:6]}")
    family_id = push_new_family(b1, clock, area="Söder", created_at=CREATED)
    child_id = str(uuid.uuid4())
    change = make_change("child", child_id, family_id, _child("B"), clock)
    assert b1.push([change]).rejected == []
    return family_id, child_id


WRITES = {
    "update-family-row": lambda f, c, own, k: make_change("family", f, f, {"area": "X"}, k),
    "new-row-in-family": lambda f, c, own, k: make_change(
        "child", str(uuid.uuid4()), f, {"given_name": "N"}, k
    ),
    "update-row-in-family": lambda f, c, own, k: make_change("child", c, f, {"given_name": "X"}, k),
    "recreate-family": lambda f, c, own, k: make_change("family", f, f, {"area": "X"}, k),
    "steal-row-into-own-family": lambda f, c, own, k: make_change(
        "child", c, own, {"given_name": "X"}, k
    ),
}


@pytest.mark.parametrize("write", sorted(WRITES))
def test_a_nurse_cannot_write_another_teams_family(
    world: World,
    a1: SyncClient,
    team_b_family: tuple[str, str],
    clock: HybridLogicalClock,
    write: str,
) -> None:
    family_id, child_id = team_b_family
    own_family = push_new_family(a1, clock, area="Test", created_at=CREATED)
    change = WRITES[write](family_id, child_id, own_family, clock)
    response = a1.push([change])
    assert response.accepted == []
    assert response.rejected[0].reason in {
        NOT_IN_CASELOAD,
        "This record belongs to another family.",
    }
    assert server_rows(world.engine, family_id) == {
        ("family", family_id): {"area": "Söder", "created_at": CREATED},
        ("child", child_id): _child("B"),
    }
    assert server_rows(world.engine, own_family) == {
        ("family", own_family): {"area": "Test", "created_at": CREATED}
    }


def test_a_nurse_cannot_read_another_teams_family(
    world: World, team_b_family: tuple[str, str]
) -> None:
    family_id, child_id = team_b_family
    for who in ("a1", "a2"):
        fresh = world.enroll(who)  # a first pull reads the whole feed from the start
        pages, removed = fresh.pull_all(limit=5000)
        assert rows_of(pages, family_id) == {}
        assert family_id not in removed
    pages, _ = world.enroll("b1").pull_all(limit=5000)
    assert set(rows_of(pages, family_id)) == {("family", family_id), ("child", child_id)}


def test_family_creation_assigns_the_nurses_first_team(
    world: World, a1: SyncClient, clock: HybridLogicalClock
) -> None:
    family_id = push_new_family(a1, clock)
    assert admin.family_team_name(world.engine, family_id) == world.team_a


def test_move_family_removes_it_from_the_old_team_and_back_fills_the_new(
    world: World, clock: HybridLogicalClock
) -> None:
    old, new = world.enroll("a1"), world.enroll("b1")
    family_id = push_new_family(old, clock, area="Norr", created_at=CREATED)
    child_id = str(uuid.uuid4())
    old.push([make_change("child", child_id, family_id, _child("C"), clock)])
    assert rows_of(old.pull_all()[0], family_id)
    new.pull_all()  # team B's device is past the family's feed entries already
    before_move = old.cursor

    assert admin.move_family(world.engine, family_id, world.team_b)

    page = old.pull_page(old.cursor)
    assert page.removed_families == [family_id]
    assert rows_of([page], family_id) == {}
    # an answer lost on the way is repeated: the old cursor has not acknowledged the removal
    assert old.pull_page(before_move).removed_families == [family_id]
    # once a cursor acknowledges it, the removal is not reported again
    old.cursor = page.next_cursor
    assert old.pull_page(old.cursor).removed_families == []
    # her late push for the family is refused with a clear reason
    late = make_change("child", child_id, family_id, {"given_name": "late"}, clock)
    rejected = old.push([late]).rejected
    assert [r.reason for r in rejected] == ["This family is not in your teams' caseload."]

    # team B's device receives the whole family although its cursor is past the entries
    # (a family is back-filled whole even when it exceeds the page limit)
    pages, _ = new.pull_all(limit=1)
    rows = rows_of(pages, family_id)
    assert rows == {
        ("family", family_id): {"area": "Norr", "created_at": CREATED},
        ("child", child_id): _child("C"),
    }
    # and from then on its own edits flow to team B only
    area_seen = {"area": _version(pages, family_id, "area")}
    edit = make_change("family", family_id, family_id, {"area": "Söder"}, clock, base=area_seen)
    assert new.push([edit]).rejected == []
    assert rows_of(old.pull_all()[0], family_id) == {}
    assert rows_of(new.pull_all()[0], family_id) == {
        ("family", family_id): {"area": "Söder", "created_at": CREATED}
    }

    # moving back: the old nurse's device gets the family again, whole
    assert admin.move_family(world.engine, family_id, world.team_a)
    pages, removed = old.pull_all()
    assert family_id not in removed
    assert rows_of(pages, family_id) == {
        ("family", family_id): {"area": "Söder", "created_at": CREATED},
        ("child", child_id): _child("C"),
    }
    assert family_id in new.pull_all()[1]
    assert not admin.move_family(world.engine, family_id, world.team_a)  # already there


def test_a_move_before_the_client_saw_the_removal_needs_no_back_fill(
    world: World, clock: HybridLogicalClock
) -> None:
    device = world.enroll("a1")
    family_id = push_new_family(device, clock)
    device.pull_all()
    admin.move_family(world.engine, family_id, world.team_b)
    lost = device.pull_page(device.cursor)  # this answer never reaches the laptop
    assert lost.removed_families == [family_id]
    admin.move_family(world.engine, family_id, world.team_a)
    page = device.pull_page(device.cursor)
    assert page.removed_families == []
    assert rows_of([page], family_id) == {}  # it still holds the family: nothing to resend
