"""Append-only rules: access-log entries, signed journal entries, completed questionnaires."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import Engine

from hembesok_desktop.domain.hlc import HybridLogicalClock
from hembesok_desktop.server import admin
from tests.support.server_harness import (
    SyncClient,
    World,
    make_change,
    new_row,
    push_new_family,
    rows_of,
)

AT = "2026-03-01T09:30:00+01:00"


def test_access_log_entries_cannot_change_and_are_kept_reviewable(
    world: World, a1: SyncClient, clock: HybridLogicalClock
) -> None:
    family_id = push_new_family(a1, clock)
    entry_id = str(uuid.uuid4())
    create = new_row(
        "access_log_entry",
        entry_id,
        family_id,
        {"at": AT, "user": world.usernames["a1"], "action": "open", "detail": ""},
        clock,
    )
    assert a1.push([create]).rejected == []
    edit = make_change("access_log_entry", entry_id, family_id, {"action": "print"}, clock)
    response = a1.push([edit])
    assert response.accepted == []
    assert response.rejected[0].reason == (
        "Access-log entries cannot be changed after they are created."
    )
    # the same versions again (e.g. a re-sent outbox entry under a new id) are not a change
    again = create.model_copy(update={"change_id": str(uuid.uuid4())})
    assert a1.push([again]).accepted == [again.change_id]

    log = admin.access_log(world.engine, family_id=family_id)
    uploaded = [e for e in log if e.source == "device"]
    assert [(e.at, e.username, e.action, e.device_id) for e in uploaded] == [
        ("2026-03-01T08:30:00+00:00", world.usernames["a1"], "open", a1.device_id)
    ]
    assert uploaded[0] in admin.access_log(world.engine, username=world.usernames["a1"])


def _journal(
    a1: SyncClient, clock: HybridLogicalClock, family_id: str, **values: object
) -> tuple[str, list[str]]:
    entry_id = str(uuid.uuid4())
    fields = {
        "text": "Home visit, all well.",
        "author_name": "Test Nurse",
        "author_title": "BVC nurse",
        "signed_at": None,
        "voided_at": None,
        "voided_reason": "",
        "voided_by": "",
        **values,
    }
    response = a1.push([new_row("journal_entry", entry_id, family_id, fields, clock)])
    return entry_id, [r.reason for r in response.rejected]


def test_unsigned_journal_entries_can_be_edited_and_signed(
    a1: SyncClient, clock: HybridLogicalClock
) -> None:
    family_id = push_new_family(a1, clock)
    entry_id, rejected = _journal(a1, clock, family_id)
    assert rejected == []
    edit = make_change("journal_entry", entry_id, family_id, {"text": "Corrected."}, clock)
    sign = make_change("journal_entry", entry_id, family_id, {"signed_at": AT}, clock)
    assert a1.push([edit, sign]).rejected == []


def test_signed_journal_entry_accepts_only_one_void_with_a_reason(
    a1: SyncClient, a2: SyncClient, clock: HybridLogicalClock
) -> None:
    family_id = push_new_family(a1, clock)
    entry_id, rejected = _journal(a1, clock, family_id, signed_at=AT)
    assert rejected == []

    def push(values: dict[str, object]) -> list[str]:
        change = make_change("journal_entry", entry_id, family_id, values, clock)
        return [r.reason for r in a1.push([change]).rejected]

    signed = "This journal entry is signed; it can only be voided with a reason, not changed."
    assert push({"text": "rewritten"}) == [signed]
    assert push({"signed_at": "2026-03-02T10:00:00+00:00"}) == [signed]
    assert push({"voided_at": AT, "voided_reason": "r", "text": "x"}) == [signed]
    assert push({"voided_at": AT}) == ["A journal entry is voided only with a reason."]
    assert push({"voided_at": AT, "voided_reason": "Wrong child.", "voided_by": "Test Nurse"}) == []
    assert push({"voided_reason": "Another reason."}) == [
        "This journal entry is already voided; the void cannot be changed."
    ]
    rows = rows_of(a2.pull_all()[0], family_id)
    entry = rows[("journal_entry", entry_id)]
    assert entry["text"] == "Home visit, all well."  # the original stays readable
    assert entry["voided_reason"] == "Wrong child."


def test_completed_questionnaire_response_accepts_only_one_void(
    a1: SyncClient, clock: HybridLogicalClock
) -> None:
    family_id = push_new_family(a1, clock)
    response_id = str(uuid.uuid4())

    def push(values: dict[str, object], *, create: bool = False) -> list[str]:
        make = new_row if create else make_change
        change = make("questionnaire_response", response_id, family_id, values, clock)
        return [r.reason for r in a1.push([change]).rejected]

    created = {"status": "in-progress", "answers": {"q1": 1}, "voided_reason": ""}
    assert push(created, create=True) == []
    assert push({"answers": {"q1": 2}}) == []  # still a draft
    assert push({"status": "completed", "score": 3}) == []
    final = (
        "This questionnaire response is completed; it can only be voided with a reason, "
        "not changed."
    )
    assert push({"answers": {"q1": 0}}) == [final]
    assert push({"status": "in-progress"}) == [final]
    assert push({"voided_reason": "Answered for the wrong child."}) == []
    assert push({"voided_reason": "Changed my mind."}) == [
        "This questionnaire response is already voided; the void cannot be changed."
    ]


@pytest.mark.parametrize("entity", ["journal_entry", "access_log_entry"])
def test_a_rule_breaking_change_does_not_block_the_rest_of_its_batch(
    a1: SyncClient, a2: SyncClient, engine: Engine, clock: HybridLogicalClock, entity: str
) -> None:
    family_id = push_new_family(a1, clock)
    row_id = str(uuid.uuid4())
    own = {
        "journal_entry": {"signed_at": AT, "text": "t"},
        "access_log_entry": {"action": "open", "at": AT},
    }
    first = new_row(entity, row_id, family_id, own[entity], clock)
    assert a1.push([first]).rejected == []
    child_1, child_2 = str(uuid.uuid4()), str(uuid.uuid4())
    batch = [
        new_row("child", child_1, family_id, {"given_name": "A"}, clock),
        make_change(
            entity,
            row_id,
            family_id,
            {"journal_entry": {"text": "changed"}, "access_log_entry": {"action": "print"}}[entity],
            clock,
        ),
        new_row("child", child_2, family_id, {"given_name": "B"}, clock),
    ]
    response = a1.push(batch)
    assert response.accepted == [batch[0].change_id, batch[2].change_id]
    assert [r.change_id for r in response.rejected] == [batch[1].change_id]
    rows = rows_of(a2.pull_all()[0], family_id)
    assert ("child", child_1) in rows and ("child", child_2) in rows
