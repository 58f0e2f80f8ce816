"""Each defect of issue 12, reproduced against a real server process: what no laptop would send
is refused per change with a reason naming entity and field, and no client input gets a 5xx."""

from __future__ import annotations

import base64
import json
import os
import stat
import time
import uuid
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from hembesok_desktop.domain.hlc import HybridLogicalClock
from hembesok_desktop.protocol.schema import MAX_BODY_BYTES
from hembesok_desktop.protocol.wire import PushResponse
from hembesok_desktop.server.db import make_engine
from hembesok_desktop.server.models import Record
from tests.support.server_harness import (
    ServerProcess,
    SyncClient,
    World,
    make_change,
    new_row,
    push_new_family,
    rows_of,
    run_admin,
)

#: a complete new child row (the server refuses a new row without its required fields)
OK_CHILD = {"given_name": "Ok", "family_name": "Testsson", "birth_date": "2025-01-15"}


def _log_size(server: ServerProcess) -> int:
    return server.log_path.stat().st_size


def _assert_log_clean(server: ServerProcess, since: int) -> None:
    """What the server logged since ``since`` holds no traceback and no SQL parameters."""
    with server.log_path.open("rb") as log:
        log.seek(since)
        added = log.read().decode("utf-8", "replace")
    assert "Traceback" not in added and "[parameters" not in added, added[-2000:]


def _deep(levels: int) -> object:
    value: object = "x"
    for _ in range(levels):
        value = [value]
    return value


@pytest.mark.parametrize(
    ("entity", "values", "field"),
    [
        ("family", {"area": _deep(400)}, "family.area"),
        ("family", {"area": {"a": 1}}, "family.area"),
        ("family", {"phone": [1, 2]}, "family.phone"),
        ("family", {"interpreter_needed": "yes"}, "family.interpreter_needed"),
        ("child", {"birth_date": "2026-02-30"}, "child.birth_date"),
        ("family", {"created_at": "garbage"}, "family.created_at"),
        ("family", {"area": "x" * (3 * 1024 * 1024)}, "family.area"),
        ("family", {"area": "a\x00b"}, "family.area"),
        ("family", {"unknown_field": "x"}, "unknown_field"),
    ],
    ids=[
        "nested-400",
        "object",
        "list",
        "bool-text",
        "impossible-date",
        "garbage-datetime",
        "3MiB",
        "nul",
        "unknown-field",
    ],
)
def test_a_value_no_laptop_would_send_is_refused_and_the_rest_applies(
    a1: SyncClient,
    a2: SyncClient,
    clock: HybridLogicalClock,
    entity: str,
    values: dict[str, object],
    field: str,
) -> None:
    family_id = push_new_family(a1, clock)
    row_id = family_id if entity == "family" else str(uuid.uuid4())
    bad = make_change(entity, row_id, family_id, values, clock)
    good = new_row("child", str(uuid.uuid4()), family_id, OK_CHILD, clock)
    # as raw JSON: pydantic itself would not serialise 400 levels
    body = {"batch_id": "b", "changes": [c.model_dump() for c in (bad, good)]}
    raw = a1.http.post(
        "/api/v1/sync/push", content=json.dumps(body), headers={"Content-Type": "application/json"}
    )
    assert raw.status_code == 200
    response = PushResponse.model_validate(raw.json())
    assert response.accepted == [good.change_id]
    assert [r.change_id for r in response.rejected] == [bad.change_id]
    assert field in response.rejected[0].reason
    pulled = a2.pull_raw()
    assert pulled.status_code == 200
    rows = rows_of(a2.pull_all()[0], family_id)
    assert rows[("child", good.row_id)] == OK_CHILD


def test_a_new_row_without_its_required_fields_is_refused_an_edit_need_not_carry_them(
    a1: SyncClient, a2: SyncClient, clock: HybridLogicalClock
) -> None:
    family_id = push_new_family(a1, clock)
    lone = make_change("child", str(uuid.uuid4()), family_id, {"given_name": "Ok"}, clock)
    no_family = str(uuid.uuid4())
    bare_family = make_change("family", no_family, no_family, {"area": "Norr"}, clock)
    child = new_row("child", str(uuid.uuid4()), family_id, OK_CHILD, clock)
    edit = make_change("child", child.row_id, family_id, {"given_name": "Renamed"}, clock)
    response = a1.push([lone, bare_family, child, edit])
    assert response.accepted == [child.change_id, edit.change_id]
    assert {r.change_id: r.reason for r in response.rejected} == {
        lone.change_id: "A new child record needs the fields birth_date, family_name; "
        "this change lacks them.",
        bare_family.change_id: "A new family record needs the fields created_at; "
        "this change lacks them.",
    }
    rows = rows_of(a2.pull_all()[0], family_id)
    assert rows[("child", child.row_id)] == {**OK_CHILD, "given_name": "Renamed"}
    assert ("child", lone.row_id) not in rows
    assert rows_of(a2.pull_all()[0], no_family) == {}


def test_three_thousand_unknown_fields_are_refused(
    a1: SyncClient, clock: HybridLogicalClock
) -> None:
    family_id = push_new_family(a1, clock)
    values = {f"f{i}": "x" * 1024 for i in range(3000)}
    response = a1.push([make_change("family", family_id, family_id, values, clock)])
    assert response.accepted == [] and "more fields" in response.rejected[0].reason


def test_a_body_over_the_limit_is_answered_413(a1: SyncClient) -> None:
    body = b'{"batch_id": "b", "changes": [], "pad": "' + b"x" * (MAX_BODY_BYTES + 1) + b'"}'
    response = a1.http.post(
        "/api/v1/sync/push", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413 and response.json()["detail"].endswith(".")


def test_authorship_must_be_the_pushing_nurse(
    a1: SyncClient, world: World, clock: HybridLogicalClock
) -> None:
    family_id = push_new_family(a1, clock)
    forged = {
        "text": "x",
        "author_name": "Doktor Someone Else",
        "author_title": "Överläkare",
        "signed_at": "2020-01-01T00:00:00+00:00",
        "created_at": "2020-01-01T00:00:00+00:00",
    }
    own = {**forged, "author_name": "Test Nurse", "author_title": "BVC nurse"}
    changes = [
        make_change("journal_entry", str(uuid.uuid4()), family_id, forged, clock),
        make_change("journal_entry", str(uuid.uuid4()), family_id, own, clock),
        make_change("measurement", str(uuid.uuid4()), family_id, {"recorded_by": "eve"}, clock),
        make_change(
            "access_log_entry",
            str(uuid.uuid4()),
            family_id,
            {"user": "eve", "action": "open", "at": "2026-01-01T00:00:00+00:00"},
            clock,
        ),
    ]
    response = a1.push(changes)
    assert response.accepted == [changes[1].change_id]
    reasons = {r.change_id: r.reason for r in response.rejected}
    assert "journal_entry.author_name" in reasons[changes[0].change_id]
    assert "measurement.recorded_by" in reasons[changes[2].change_id]
    assert "access_log_entry.user" in reasons[changes[3].change_id]


def test_a_clock_ahead_of_the_server_is_refused(a1: SyncClient, clock: HybridLogicalClock) -> None:
    family_id = push_new_family(a1, clock)
    ahead = HybridLogicalClock("ahead", now_ms=lambda: int(time.time() * 1000) + 23 * 3600 * 1000)
    change = make_change("family", family_id, family_id, {"area": "Norr"}, ahead)
    signed_later = make_change(
        "journal_entry",
        str(uuid.uuid4()),
        family_id,
        {"signed_at": "2099-01-01T00:00:00+00:00"},
        clock,
    )
    response = a1.push([change, signed_later])
    assert response.accepted == []
    assert "clock" in response.rejected[0].reason
    assert "journal_entry.signed_at" in response.rejected[1].reason


def test_change_ids_are_deduplicated_per_device(
    a1: SyncClient, b1: SyncClient, clock: HybridLogicalClock
) -> None:
    family_id = push_new_family(a1, clock)
    change = make_change("family", family_id, family_id, {"area": "Norr"}, clock)
    assert a1.push([change]).accepted == [change.change_id]
    assert a1.push([change]).accepted == [change.change_id]  # the same device: idempotent
    own = push_new_family(b1, clock)
    copy = make_change("family", own, own, {"area": "B"}, clock, change_id=change.change_id)
    response = b1.push([copy])
    assert response.accepted == [] and "another device" in response.rejected[0].reason


@pytest.mark.parametrize(
    "cursor",
    [
        base64.urlsafe_b64encode(f"c1.{2**63}.0".encode()).decode().rstrip("="),
        base64.urlsafe_b64encode(f"c1.{10**30}.0".encode()).decode().rstrip("="),
        base64.urlsafe_b64encode("c1.٣.0".encode()).decode().rstrip("="),
        "!!!",
    ],
)
def test_bad_cursors_are_answered_400(a1: SyncClient, server: ServerProcess, cursor: str) -> None:
    before = _log_size(server)
    response = a1.pull_raw(cursor)
    assert response.status_code == 400 and response.json()["detail"].endswith(".")
    _assert_log_clean(server, before)


def test_a_lone_surrogate_in_enroll_is_422_without_echo(server: ServerProcess) -> None:
    before = _log_size(server)
    body = b'{"username": "\\ud800x", "password": "p"}'
    response = httpx.post(
        f"{server.base_url}/api/v1/enroll",
        content=body,
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert "input" not in response.text and "ud800" not in response.text
    _assert_log_clean(server, before)


@pytest.mark.parametrize("where", ["change_id", "row_id", "family_id", "batch_id"])
def test_a_nul_byte_in_an_id_is_422(
    a1: SyncClient, server: ServerProcess, where: str, clock: HybridLogicalClock
) -> None:
    family_id = push_new_family(a1, clock)
    before = _log_size(server)
    change = {
        "change_id": str(uuid.uuid4()),
        "entity": "family",
        "row_id": family_id,
        "family_id": family_id,
        "fields": {"area": {"value": "x", "hlc": clock.now()}},
    }
    body: dict[str, object] = {"batch_id": "b", "changes": [change]}
    if where == "batch_id":
        body["batch_id"] = "b\x00"
    else:
        change[where] = f"{change[where]}\x00"
    response = a1.http.post("/api/v1/sync/push", json=body)
    assert response.status_code == 422
    _assert_log_clean(server, before)


def test_a_bad_stored_row_is_left_out_of_pulls_and_listed_by_admin_check(
    a1: SyncClient, world: World, engine: Engine, database_url: str, clock: HybridLogicalClock
) -> None:
    family_id = push_new_family(a1, clock)
    child_id = str(uuid.uuid4())
    a1.push([new_row("child", child_id, family_id, OK_CHILD, clock)])
    with Session(engine) as session:  # a row left from before the schema
        record = session.get(Record, ("family", family_id))
        assert record is not None
        record.doc = {**record.doc, "phone": {"value": _deep(400), "hlc": clock.now()}}
        session.add(record)
        session.commit()
    try:
        fresh_pages = world.enroll("a2").pull_all()[0]
        rows = rows_of(fresh_pages, family_id)
        assert ("child", child_id) in rows and ("family", family_id) not in rows
        check = run_admin(database_url, "check")
        assert check.returncode == 1
        assert f"family\t{family_id}\t{family_id}\tThe field family.phone" in check.stdout
    finally:
        with Session(engine) as session:
            record = session.get(Record, ("family", family_id))
            assert record is not None
            record.doc = {name: v for name, v in record.doc.items() if name != "phone"}
            session.add(record)
            session.commit()


def test_the_sqlite_database_is_private_and_synchronous_full(tmp_path: Path) -> None:
    path = tmp_path / "new" / "server.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    engine.dispose()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
