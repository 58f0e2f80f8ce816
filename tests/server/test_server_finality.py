"""The server's push refuses exactly what the finality table (``domain.finality``) makes final.

For every entity of the table, each of its states (draft, final, voided, voided while not
final) and every field a laptop sends for it (the store's synced columns), a record is created
in that state and a change of that one field is pushed; it must be refused, with the table's
reason text, exactly when ``final_fields`` (which the laptop's replica also reads) lists the
field, or the change voids without a reason. ``tests/store/test_finality_triggers.py`` checks
the store's triggers against the same table.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from sqlalchemy import inspect
from sqlalchemy import types as satypes

from hembesok_desktop.domain import finality
from hembesok_desktop.domain.hlc import HybridLogicalClock
from hembesok_desktop.protocol import schema
from hembesok_desktop.store.models import MODEL_BY_ENTITY
from tests.support.server_harness import SyncClient, World, make_change, push_new_family

SIGNED = "2026-03-01T09:30:00+00:00"
LATER = "2026-03-02T10:00:00+00:00"
#: the nurse of device a1 (``tests.support.server_harness.build_world``): authorship fields
#: must name her (``server.authorship``)
NURSE = {"author_name": "Test Nurse", "author_title": "BVC nurse", "voided_by": "Test Nurse"}
VOIDED = {"voided_reason": "Fel barn.", "voided_by": "Test Nurse"}

STATES: dict[str, dict[str, dict[str, Any]]] = {
    "journal_entry": {
        "draft": {},
        "final": {"signed_at": SIGNED},
        "voided": {"signed_at": SIGNED, "voided_at": SIGNED, **VOIDED},
        "voided_draft": {"voided_at": SIGNED, **VOIDED},
    },
    "questionnaire_response": {
        "draft": {"status": "in-progress"},
        "final": {"status": "completed", "completed_at": SIGNED},
        "voided": {"status": "completed", "completed_at": SIGNED, "voided_reason": "Fel barn."},
        "voided_draft": {"status": "in-progress", "voided_reason": "Fel barn."},
    },
    "access_log_entry": {"final": {}},
}


def _kinds(entity: str) -> dict[str, satypes.TypeEngine[Any]]:
    """The fields a laptop sends for ``entity`` and their column types."""
    model = MODEL_BY_ENTITY[entity]
    kinds: dict[str, satypes.TypeEngine[Any]] = {}
    for column in inspect(model).columns:
        kind = column.type
        if column.key not in model.local_columns:
            decorated = isinstance(kind, satypes.TypeDecorator)
            kinds[column.key] = kind.impl_instance if decorated else kind
    return kinds


def _sample(kind: satypes.TypeEngine[Any], name: str, entity: str = "") -> Any:
    if name in NURSE and entity == "journal_entry":
        return "" if name == "voided_by" else NURSE[name]
    if entity == "access_log_entry" and name in ("action", "user"):
        return "open" if name == "action" else None  # the user: filled in by the test
    if isinstance(kind, satypes.DateTime):
        return None if name in ("signed_at", "voided_at", "completed_at") else SIGNED
    if isinstance(kind, satypes.Date):
        return "2026-02-01"
    if isinstance(kind, satypes.Float):
        return 1.0
    if isinstance(kind, satypes.Boolean):
        return False
    if isinstance(kind, satypes.JSON):
        return [] if schema.ENTITIES[entity][name].kind == "list" else {}
    return "" if name in ("voided_reason", "voided_by") else "x"


def _other(kind: satypes.TypeEngine[Any], current: Any, name: str = "", entity: str = "") -> Any:
    if name in NURSE and entity == "journal_entry":
        return NURSE[name]  # another version of her own name: only finality may refuse it
    if entity == "access_log_entry" and name in ("action", "user"):
        return "print" if name == "action" else current
    allowed = schema.ENTITIES[entity][name].allowed if entity else None
    if allowed:
        return sorted(allowed - {current})[0]
    if isinstance(kind, satypes.DateTime):
        return LATER if current != LATER else SIGNED
    if isinstance(kind, satypes.Date):
        return "2026-01-01"
    if isinstance(kind, satypes.Float):
        return 2.5
    if isinstance(kind, satypes.Boolean):
        return not current
    if isinstance(kind, satypes.JSON):
        if schema.ENTITIES[entity][name].kind == "list":
            return ["changed"]
        return {"changed": True}
    return f"{current}-changed"


def _expected(entity: str, state: Mapping[str, Any], name: str, new: Any) -> str | None:
    """The table's answer, read from its fields (not from ``refusal``, which the server uses)."""
    rule = finality.TABLE[entity]
    void = rule.void
    voids = void is not None and void.reason_required and name == void.marker.field and new
    if void is not None and voids and not str(state.get(void.reason_field) or "").strip():
        return void.missing_reason
    if name not in finality.final_fields(entity, state, _kinds(entity)):
        return None
    return rule.voided_reason if name in rule.mutable_once_final else rule.final_reason


def _cases() -> Iterator[Any]:
    for entity, states in sorted(STATES.items()):
        for state in states:
            for name in sorted(_kinds(entity)):
                yield pytest.param(entity, state, name, id=f"{entity}-{state}-{name}")


def test_every_entity_of_the_table_is_checked() -> None:
    assert set(STATES) == set(finality.TABLE)


@pytest.mark.parametrize(("entity", "state", "name"), list(_cases()))
def test_push_refuses_a_change_exactly_when_the_table_says_the_field_is_final(
    a1: SyncClient, world: World, clock: HybridLogicalClock, entity: str, state: str, name: str
) -> None:
    family_id = push_new_family(a1, clock)
    kinds = _kinds(entity)
    values = {field: _sample(kind, field, entity) for field, kind in kinds.items()}
    if entity == "access_log_entry":
        values["user"] = world.usernames["a1"]
    values.update(STATES[entity][state])
    row_id = str(uuid.uuid4())
    created = a1.push([make_change(entity, row_id, family_id, values, clock)])
    assert created.rejected == []

    new = _other(kinds[name], values[name], name, entity)
    change = make_change(entity, row_id, family_id, {name: new}, clock)
    response = a1.push([change])
    assert [r.reason for r in response.rejected] == (
        [] if (reason := _expected(entity, values, name, new)) is None else [reason]
    )
