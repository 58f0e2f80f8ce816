"""Shared set-up of the store.read tests: a demo caseload, and a check that a result holds
frozen views only (no table-model row anywhere inside it)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlmodel import SQLModel, func, select

from hembesok_desktop.demo.caseload import fill_demo_caseload
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.models import FollowUpAction, QuestionnaireResponse
from tests.support.catalogue import CATALOGUE

TODAY = date(2026, 11, 25)


def fill(store: Store) -> None:
    fill_demo_caseload(store, catalogue=CATALOGUE, families=8, seed=3, today=TODAY)


def busiest_family(store: Store) -> str:
    """The demo family with the most responses and follow-ups."""
    with store.read() as session:
        counts: dict[str, int] = {}
        for model in (QuestionnaireResponse, FollowUpAction):
            statement = select(model.family_id, func.count()).group_by(model.family_id)
            for family_id, n in session.exec(statement):
                counts[family_id] = counts.get(family_id, 0) + n
    return max(sorted(counts), key=lambda family_id: counts[family_id])


def assert_views_only(value: Any) -> None:
    """``value`` holds frozen dataclasses, tuples and plain values, never a table-model row."""
    assert not isinstance(value, SQLModel), type(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        params = type(value).__dataclass_params__
        assert params.frozen, f"{type(value).__name__} is not frozen"
        for field in dataclasses.fields(value):
            assert_views_only(getattr(value, field.name))
    elif isinstance(value, Mapping):
        for key, item in value.items():
            assert_views_only(key)
            assert_views_only(item)
    elif isinstance(value, (tuple, list, set, frozenset)):
        assert not isinstance(value, list) or all(not isinstance(item, SQLModel) for item in value)
        for item in value:
            assert_views_only(item)
