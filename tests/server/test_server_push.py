"""Push: idempotency, quarantine of bad changes, validation, per-field merge and conflicts."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import Engine, func, text
from sqlmodel import Session, select

from hembesok_desktop.domain.hlc import HybridLogicalClock
from hembesok_desktop.protocol.field_merge import conflict_fields, conflict_row_id
from hembesok_desktop.protocol.wire import Change, FieldValue
from hembesok_desktop.server.models import Record
from tests.support.server_harness import (
    SyncClient,
    make_change,
    new_row,
    push_new_family,
    rows_of,
)


def _feed_count(engine: Engine) -> int:
    """The feed's position: its highest seq (the feed holds one entry per record)."""
    with Session(engine) as session:
        return int(session.exec(select(func.coalesce(func.max(Record.seq), 0))).one())


def _states(engine: Engine, family_id: str) -> list[tuple[str, str, str, Any, str]]:
    with Session(engine) as session:
        rows = session.exec(select(Record).where(Record.family_id == family_id)).all()
        return sorted(
            (s.entity, s.row_id, name, version.get("value"), version["hlc"])
            for s in rows
            for name, version in s.doc.items()
        )


def test_same_batch_twice_changes_nothing(
    a1: SyncClient, engine: Engine, clock: HybridLogicalClock
) -> None:
    family_id = str(uuid.uuid4())
    child_id = str(uuid.uuid4())
    batch = [
        new_row("family", family_id, family_id, {"area": "Norr", "phone": "1"}, clock),
        new_row("child", child_id, family_id, {"given_name": "Fictional"}, clock),
        make_change("child", child_id, family_id, {"given_name": "Renamed"}, clock),
    ]
    first = a1.push(batch, batch_id="batch-1")
    assert first.accepted == [c.change_id for c in batch] and not first.rejected
    feed_before, states_before = _feed_count(engine), _states(engine, family_id)
    a1.pull_all()
    cursor = a1.cursor

    again = a1.push(batch, batch_id="batch-1")

    assert again.accepted == first.accepted and not again.rejected
    assert _feed_count(engine) == feed_before
    assert _states(engine, family_id) == states_before
    assert rows_of(a1.pull_all()[0], family_id) == {}  # nothing new in the feed
    assert a1.cursor is not None and cursor is not None


def test_resending_the_same_versions_under_new_change_ids_is_a_no_op(
    a1: SyncClient, engine: Engine, clock: HybridLogicalClock
) -> None:
    family_id = push_new_family(a1, clock, area="Norr")
    original = new_row("guardian", str(uuid.uuid4()), family_id, {"role": "mother"}, clock)
    a1.push([original])
    feed_before = _feed_count(engine)
    copy = original.model_copy(update={"change_id": str(uuid.uuid4())})
    response = a1.push([copy])
    assert response.accepted == [copy.change_id]
    assert _feed_count(engine) == feed_before
    # the change is still remembered as applied (for this device), though it changed nothing
    with engine.connect() as connection:
        applied = connection.execute(
            text("SELECT device_id FROM applied_change WHERE change_id = :c"),
            {"c": copy.change_id},
        ).all()
    assert [device for (device,) in applied] == [a1.device_id]


def test_a_bad_change_is_rejected_with_a_reason_and_the_rest_applied(
    a1: SyncClient, a2: SyncClient, clock: HybridLogicalClock
) -> None:
    family_id = push_new_family(a1, clock)
    good_before = new_row("child", str(uuid.uuid4()), family_id, {"given_name": "N"}, clock)
    bad = make_change("no_such_table", str(uuid.uuid4()), family_id, {"n": 2}, clock)
    good_after = new_row("contact", str(uuid.uuid4()), family_id, {"kind": "home"}, clock)
    response = a1.push([good_before, bad, good_after])
    assert response.accepted == [good_before.change_id, good_after.change_id]
    assert [r.change_id for r in response.rejected] == [bad.change_id]
    assert "not synced" in response.rejected[0].reason
    pulled = rows_of(a2.pull_all()[0], family_id)
    assert ("child", good_before.row_id) in pulled and ("contact", good_after.row_id) in pulled


def _raw_change(family_id: str, **fields: FieldValue) -> Change:
    return Change(
        change_id=str(uuid.uuid4()),
        entity="child",
        row_id=str(uuid.uuid4()),
        family_id=family_id,
        fields=dict(fields),
    )


@pytest.mark.parametrize(
    ("make", "reason_part"),
    [
        (lambda f, c: _raw_change(f), "at least one field"),
        (lambda f, c: _raw_change(f, name=FieldValue(value=1, hlc="yesterday")), "clock"),
        (
            lambda f, c: _raw_change(f, name=FieldValue(value=1, hlc="009999999999999-00000-x")),
            "future",
        ),
        (lambda f, c: _raw_change(f, **{"bad name!": FieldValue(value=1, hlc=c.now())}), "field"),
        (
            lambda f, c: make_change("family", str(uuid.uuid4()), f, {"a": 1}, c),
            "family_id",
        ),
        (
            lambda f, c: make_change(
                "child", str(uuid.uuid4()), str(uuid.uuid4()), {"given_name": "A"}, c
            ),
            "caseload",
        ),
    ],
    ids=[
        "no-fields",
        "bad-hlc",
        "far-future",
        "bad-field-name",
        "family-id-mismatch",
        "unknown-family",
    ],
)
def test_invalid_changes_are_rejected_with_a_reason(
    a1: SyncClient, clock: HybridLogicalClock, make: Any, reason_part: str
) -> None:
    family_id = push_new_family(a1, clock)
    change = make(family_id, clock)
    response = a1.push([change])
    assert response.accepted == []
    assert response.rejected[0].change_id == change.change_id
    assert reason_part in response.rejected[0].reason


def _conflicts(rows: dict[tuple[str, str], dict[str, Any]]) -> list[dict[str, Any]]:
    return [fields for (entity, _), fields in rows.items() if entity == "conflict"]


def _hlc(engine: Engine, family_id: str, entity: str, row_id: str, field: str) -> str:
    return next(
        state[4] for state in _states(engine, family_id) if state[:3] == (entity, row_id, field)
    )


@pytest.mark.parametrize("loser_pushes_first", [True, False])
def test_concurrent_divergent_edits_keep_a_conflict_visible_to_every_device(
    a1: SyncClient, a2: SyncClient, b1: SyncClient, engine: Engine, loser_pushes_first: bool
) -> None:
    clock_1 = HybridLogicalClock(f"d1{uuid.uuid4().hex[:6]}")
    clock_2 = HybridLogicalClock(f"d2{uuid.uuid4().hex[:6]}")
    family_id = push_new_family(a1, clock_1, phone="070-000 00 00", area="Norr")
    # both devices saw the same version of the phone number, then edit it offline
    seen = {"phone": _hlc(engine, family_id, "family", family_id, "phone")}
    edit_1 = make_change("family", family_id, family_id, {"phone": "111"}, clock_1, base=seen)
    edit_2 = make_change("family", family_id, family_id, {"phone": "222"}, clock_2, base=seen)
    loser, winner = sorted((edit_1, edit_2), key=lambda change: change.fields["phone"].hlc)
    pushers = {edit_1.change_id: a1, edit_2.change_id: a2}
    for change in (loser, winner) if loser_pushes_first else (winner, loser):
        assert pushers[change.change_id].push([change]).rejected == []

    expected = conflict_fields(
        entity="family",
        row_id=family_id,
        field="phone",
        winner=winner.fields["phone"],
        loser=loser.fields["phone"],
    )
    expected_id = conflict_row_id(
        entity="family", row_id=family_id, field="phone", losing_hlc=loser.fields["phone"].hlc
    )
    for device in (a1, a2):
        rows = rows_of(device.pull_all()[0], family_id)
        assert rows[("family", family_id)]["phone"] == winner.fields["phone"].value
        assert _conflicts(rows) == [expected]
        assert ("conflict", expected_id) in rows
    conflict_hlc = _hlc(engine, family_id, "conflict", expected_id, "status")
    assert conflict_hlc > winner.fields["phone"].hlc  # the server clock observed the edits
    assert rows_of(b1.pull_all()[0], family_id) == {}  # the other team sees neither


def test_sequential_edits_and_equal_concurrent_values_make_no_conflict(
    a1: SyncClient, a2: SyncClient, engine: Engine
) -> None:
    clock_1 = HybridLogicalClock(f"s1{uuid.uuid4().hex[:6]}")
    clock_2 = HybridLogicalClock(f"s2{uuid.uuid4().hex[:6]}")
    family_id = push_new_family(a1, clock_1, phone="1")
    first_hlc = next(s[4] for s in _states(engine, family_id) if s[2] == "phone")
    # a2 saw the first value and overwrites it: an ordinary update
    seen = make_change(
        "family", family_id, family_id, {"phone": "2"}, clock_2, base={"phone": first_hlc}
    )
    a2.push([seen])
    # two concurrent writes of the same value: nothing to settle
    same_1 = make_change("family", family_id, family_id, {"area": "X"}, clock_1)
    same_2 = make_change("family", family_id, family_id, {"area": "X"}, clock_2)
    a1.push([same_1])
    a2.push([same_2])
    rows = rows_of(a1.pull_all()[0], family_id)
    assert rows[("family", family_id)]["phone"] == "2"
    assert _conflicts(rows) == []


def test_a_recorded_conflict_is_not_reopened_by_the_same_losing_write(
    a1: SyncClient, a2: SyncClient, engine: Engine
) -> None:
    clock_1 = HybridLogicalClock(f"r1{uuid.uuid4().hex[:6]}")
    clock_2 = HybridLogicalClock(f"r2{uuid.uuid4().hex[:6]}")
    family_id = push_new_family(a1, clock_1, address="a")
    seen = {"address": _hlc(engine, family_id, "family", family_id, "address")}
    loser = make_change("family", family_id, family_id, {"address": "b"}, clock_1, base=seen)
    winner = make_change("family", family_id, family_id, {"address": "c"}, clock_2, base=seen)
    assert loser.fields["address"].hlc < winner.fields["address"].hlc
    a2.push([winner])
    a1.push([loser])
    rows = rows_of(a1.pull_all()[0], family_id)
    ((conflict_key, _),) = [(k, v) for k, v in rows.items() if k[0] == "conflict"]
    # a nurse settles it
    status_seen = {"status": _hlc(engine, family_id, "conflict", conflict_key[1], "status")}
    clock_1.observe(status_seen["status"])  # as a client does for every pulled version
    settle = make_change(
        "conflict", conflict_key[1], family_id, {"status": "settled"}, clock_1, base=status_seen
    )
    assert a1.push([settle]).rejected == []
    # the same losing write arrives again under a new change id (e.g. from a restored laptop)
    a1.push([loser.model_copy(update={"change_id": str(uuid.uuid4())})])
    rows = rows_of(a2.pull_all()[0], family_id)
    conflicts = _conflicts(rows)
    assert len(conflicts) == 1 and conflicts[0]["status"] == "settled"
    assert rows[("family", family_id)]["address"] == "c"


#: where the database refuses the poisoned change: its applied-change id (written with the rest
#: of the batch) or its record (on PostgreSQL written with its feed number, in the pipeline that
#: holds the feed lock and commits)
_POISONED = {
    "applied_change": ("NEW.change_id LIKE 'poison-%'", "NEW.change_id LIKE 'poison-%'"),
    "record": (
        "NEW.doc->'given_name'->>'value' = 'Poison'",
        "json_extract(NEW.doc, '$.given_name.value') = 'Poison'",
    ),
}


@pytest.mark.parametrize("table", sorted(_POISONED))
def test_a_change_the_database_refuses_is_set_aside_and_the_rest_of_the_batch_applied(
    a1: SyncClient, a2: SyncClient, engine: Engine, clock: HybridLogicalClock, table: str
) -> None:
    """The batch is written in bulk; when the database refuses part of it, the batch is written
    again change by change, each on its own SAVEPOINT, and only the refused change is set aside."""
    family_id = push_new_family(a1, clock)
    good = [
        new_row("child", str(uuid.uuid4()), family_id, {"given_name": f"G{n}"}, clock)
        for n in range(3)
    ]
    poison = new_row("child", str(uuid.uuid4()), family_id, {"given_name": "Poison"}, clock)
    poison = poison.model_copy(update={"change_id": f"poison-{uuid.uuid4()}"})
    postgres = engine.dialect.name == "postgresql"
    on_postgres, on_sqlite = _POISONED[table]
    with engine.begin() as connection:
        if postgres:
            connection.execute(
                text(
                    "CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS "
                    "$$ BEGIN RAISE EXCEPTION 'refused'; END $$"
                )
            )
            connection.execute(
                text(
                    f"CREATE TRIGGER poison BEFORE INSERT OR UPDATE ON {table} FOR EACH ROW "
                    f"WHEN ({on_postgres}) EXECUTE FUNCTION refuse_poison()"
                )
            )
        else:
            connection.execute(
                text(
                    f"CREATE TRIGGER poison BEFORE INSERT ON {table} "
                    f"WHEN {on_sqlite} BEGIN SELECT RAISE(ABORT, 'refused'); END"
                )
            )
    try:
        answer = a1.push([good[0], poison, *good[1:]])
    finally:
        with engine.begin() as connection:
            connection.execute(text("DROP TRIGGER poison" + (f" ON {table}" if postgres else "")))
            if postgres:
                connection.execute(text("DROP FUNCTION refuse_poison()"))
    assert answer.accepted == [c.change_id for c in good]
    assert [(r.change_id, r.reason) for r in answer.rejected] == [
        (poison.change_id, "The server could not store this change; it was set aside.")
    ]
    rows = rows_of(a2.pull_all()[0], family_id)
    assert {("child", c.row_id) for c in good} <= set(rows)
    assert ("child", poison.row_id) not in rows
