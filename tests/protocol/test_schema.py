"""The typed schema (``protocol.schema``) matches the laptop store's synced tables column by
column, so the two can never drift; and its value checks refuse what no laptop would send."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import inspect
from sqlalchemy import types as satypes

from hembesok_desktop.protocol import schema
from hembesok_desktop.store.models import MODEL_BY_ENTITY

_KINDS: dict[type[Any], set[str]] = {
    satypes.DateTime: {"datetime"},
    satypes.Date: {"date"},
    satypes.Float: {"float"},
    satypes.Boolean: {"bool"},
    satypes.Integer: {"int"},
    satypes.JSON: {"list", "object", "json"},
    satypes.String: {"text", "id"},
}


def _kinds_of(column_type: satypes.TypeEngine[Any]) -> set[str]:
    if isinstance(column_type, satypes.TypeDecorator):
        column_type = column_type.impl_instance
    for sql_type, kinds in _KINDS.items():
        if isinstance(column_type, sql_type):
            return kinds
    raise AssertionError(f"no schema kind for {column_type!r}")


def test_the_schema_has_exactly_the_stores_synced_entities() -> None:
    assert set(schema.ENTITIES) == set(MODEL_BY_ENTITY)


@pytest.mark.parametrize("entity", sorted(MODEL_BY_ENTITY))
def test_each_field_matches_its_column(entity: str) -> None:
    model = MODEL_BY_ENTITY[entity]
    columns = {c.key: c for c in inspect(model).columns if c.key not in model.local_columns}
    fields = schema.ENTITIES[entity]
    assert set(fields) == set(columns)
    for name, column in columns.items():
        spec = fields[name]
        assert spec.kind in _kinds_of(column.type), name
        if spec.kind != "json":  # JSON null is a value of a json field
            assert spec.nullable == bool(column.nullable), name
        assert spec.required == model.model_fields[name].is_required(), name
        annotation = str(model.model_fields[name].annotation)
        if spec.kind == "list":
            assert annotation.startswith("list"), name
        if spec.kind == "object":
            assert annotation.startswith("dict"), name
        length = getattr(column.type, "length", None)
        if length is not None:
            assert spec.limit <= length, name


@pytest.mark.parametrize(
    ("entity", "field", "value", "part"),
    [
        ("family", "area", [[["x"]]], "family.area must be a text"),
        ("family", "area", {"a": 1}, "family.area must be a text"),
        ("family", "phone", [1, 2], "family.phone must be a text"),
        ("family", "interpreter_needed", "yes", "true or false"),
        ("child", "birth_date", "2026-02-30", "not a real date"),
        ("family", "created_at", "garbage", "date and time"),
        ("family", "area", "a\x00b", "NUL"),
        ("family", "area", "\ud800", "Unicode"),
        ("family", "area", "x" * (schema.TEXT_LIMIT + 1), "longer than"),
        ("family", "languages", [[[[[[[[[[[[[[[[[["x"]]]]]]]]]]]]]]]]]], "nested"),
        ("family", "no_such_field", 1, "no field"),
        ("measurement", "weight_kg", True, "number"),
        ("measurement", "weight_kg", float("nan"), "range"),
        ("contact", "status", "lost", "not allowed"),
        ("no_such_kind", "x", 1, "not synced"),
    ],
)
def test_values_no_laptop_would_send_are_refused_naming_entity_and_field(
    entity: str, field: str, value: Any, part: str
) -> None:
    with pytest.raises(schema.SchemaError, match=part.replace("(", r"\(")):
        schema.check_value(entity, field, value)


def test_what_a_laptop_sends_passes() -> None:
    schema.check_fields(
        "journal_entry",
        {
            "text": "x" * schema.JOURNAL_TEXT_LIMIT,
            "signed_at": "2026-03-01T09:30:00+00:00",
            "child_id": None,
            "author_name": "Anna",
        },
    )
    schema.check_fields("questionnaire_response", {"answers": {"item": [{"a": 1}]}, "flags": []})
    with pytest.raises(schema.SchemaError, match="more fields"):
        schema.check_fields("family", {f"f{i}": 1 for i in range(40)})
