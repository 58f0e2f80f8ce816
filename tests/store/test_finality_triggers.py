"""The store's triggers (migration 0001) enforce exactly the finality table of
``domain.finality``: no more, no less.

The migration is frozen history and never imports the table, so this test keeps the two in
step. For every synced entity, every column of its table and each of its states (draft, final,
voided, voided while not final), one UPDATE of that one column to a different value is tried
on a real encrypted store; it must be refused by a trigger exactly when the table says so
(``store_guarded_fields``, or a void without a reason). Deletes of clinical rows are refused,
except under a ``scope_removal`` permit.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, delete, insert, inspect, select, update
from sqlalchemy import types as satypes
from sqlalchemy.exc import IntegrityError

from hembesok_desktop.domain import finality
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.models import MODEL_BY_ENTITY, ScopeRemoval, SyncedRow
from tests.conftest import CHEAP_KDF, PASSPHRASE

TRIGGER_MESSAGE = r"cannot be changed|voided only with a reason|never deleted"
SIGNED = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
VOIDED = {"voided_reason": "Fel barn.", "voided_by": "anna"}

#: the values that put a row of each entity into each of its states
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


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One store for the module: every case works on a row of its own."""
    directory: Path = tmp_path_factory.mktemp("finality") / "store"
    store, _recovery = Store.create(directory, passphrase=PASSPHRASE, kdf=CHEAP_KDF)
    yield store
    store.lock()


def _kind(column: Column[Any]) -> satypes.TypeEngine[Any]:
    kind = column.type
    return kind.impl_instance if isinstance(kind, satypes.TypeDecorator) else kind


def _sample(column: Column[Any]) -> Any:
    """A valid value for a required column."""
    kind = _kind(column)
    if isinstance(kind, satypes.DateTime):
        return SIGNED - timedelta(days=3)
    if isinstance(kind, satypes.Date):
        return date(2026, 2, 1)
    if isinstance(kind, satypes.Float):
        return 1.0
    if isinstance(kind, satypes.Boolean):
        return False
    if isinstance(kind, satypes.JSON):
        return {}
    return "x"


def _other(column: Column[Any], current: Any) -> Any:
    """A valid value for ``column`` that differs from ``current``."""
    kind = _kind(column)
    if column.key in ("id", "family_id") or column.key.endswith("_id") or column.key == "amends":
        return str(uuid.uuid4())
    if isinstance(kind, satypes.DateTime):
        return SIGNED + timedelta(days=1) if current is None else current + timedelta(days=1)
    if isinstance(kind, satypes.Date):
        return date(2026, 1, 1) if current is None else current + timedelta(days=1)
    if isinstance(kind, satypes.Float):
        return 2.5 if current is None else current + 1.5
    if isinstance(kind, satypes.Boolean):
        return not current
    if isinstance(kind, satypes.JSON):
        return {"changed": True} if current != {"changed": True} else [1]
    return f"{current or ''}-changed"


def _columns(model: type[SyncedRow]) -> dict[str, Column[Any]]:
    return {column.key: column for column in inspect(model).columns}


def _new_row(store: Store, entity: str, state: Mapping[str, Any]) -> dict[str, Any]:
    """Insert a row of ``entity`` in ``state``; its stored values by column."""
    model = MODEL_BY_ENTITY[entity]
    columns = _columns(model)
    values = {
        name: _sample(columns[name])
        for name, info in model.model_fields.items()
        if name in columns and info.is_required()
    }
    values.update(family_id=str(uuid.uuid4()), **state)
    row = model(**values)
    with store.write_session() as session:
        session.add(row)
        session.flush()
        stored = {name: getattr(row, name) for name in columns}
    return stored


def _try(store: Store, statement: Any, check: Any = None) -> str | None:
    """Run ``statement`` in a transaction that is rolled back; the trigger's refusal or None."""
    with store.engine.connect() as conn:
        transaction = conn.begin()
        try:
            result = conn.execute(statement)
            assert result.rowcount == 1
            if check is not None:
                check(conn)
        except IntegrityError as refused:
            return str(refused.orig)
        finally:
            transaction.rollback()
    return None


def _void_without_reason(entity: str, before: Mapping[str, Any], column: str, new: Any) -> bool:
    rule = finality.finality(entity)
    if rule is None or rule.void is None or not rule.void.reason_required:
        return False
    after = {**before, column: new}
    return finality.refusal(entity, {}, after, {column}) == rule.void.missing_reason


def _cases() -> Iterator[Any]:
    for entity, model in sorted(MODEL_BY_ENTITY.items()):
        for state in STATES.get(entity, {"draft": {}}):
            for column in _columns(model):
                yield pytest.param(entity, state, column, id=f"{entity}-{state}-{column}")


def test_every_entity_of_the_table_has_its_states_here() -> None:
    assert set(finality.TABLE) == set(STATES)
    for entity, states in STATES.items():
        for name, state in states.items():
            assert finality.is_final(entity, state) == (name in ("final", "voided"))
            assert finality.is_voided(entity, state) == name.startswith("voided")


@pytest.mark.parametrize(("entity", "state", "column"), list(_cases()))
def test_a_trigger_refuses_an_update_exactly_when_the_table_says_the_field_is_final(
    store: Store, entity: str, state: str, column: str
) -> None:
    model = MODEL_BY_ENTITY[entity]
    columns = _columns(model)
    before = _new_row(store, entity, STATES.get(entity, {"draft": {}})[state])
    new = _other(columns[column], before[column])
    guarded = finality.store_guarded_fields(entity, before, columns)
    expected = column in guarded or _void_without_reason(entity, before, column, new)

    def changed(conn: Any) -> None:
        key = new if column == "id" else before["id"]
        stored = conn.execute(select(columns[column]).where(columns["id"] == key)).scalar_one()
        assert stored != before[column]

    statement = update(model).where(columns["id"] == before["id"]).values({column: new})
    refused = _try(store, statement, changed)
    if expected:
        assert refused is not None, f"{entity}.{column} ({state}) was not refused"
        assert re.search(TRIGGER_MESSAGE, refused), refused
    else:
        assert refused is None, f"{entity}.{column} ({state}) was refused: {refused}"


def test_the_store_gaps_are_final_fields_of_their_entity() -> None:
    """A gap names a field the table makes final, so the trigger test above checks it."""
    for entity, rule in finality.TABLE.items():
        columns = _columns(MODEL_BY_ENTITY[entity])
        assert rule.unguarded_by_store <= set(columns) - rule.mutable_once_final


@pytest.mark.parametrize("entity", sorted(MODEL_BY_ENTITY))
def test_a_row_is_deleted_only_under_a_scope_removal_permit(store: Store, entity: str) -> None:
    assert entity in finality.NEVER_DELETED
    model = MODEL_BY_ENTITY[entity]
    columns = _columns(model)
    for state in STATES.get(entity, {"draft": {}}).values():
        row = _new_row(store, entity, state)
        statement = delete(model).where(columns["id"] == row["id"])
        refused = _try(store, statement)
        assert refused is not None and "never deleted" in refused
        with store.engine.connect() as conn:
            transaction = conn.begin()
            conn.execute(insert(ScopeRemoval).values(family_id=row["family_id"]))
            assert conn.execute(statement).rowcount == 1
            transaction.rollback()


def test_every_clinical_entity_is_never_deleted() -> None:
    assert set(MODEL_BY_ENTITY) == finality.NEVER_DELETED
