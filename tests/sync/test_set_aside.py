"""A pulled row the laptop cannot store (issue 12: ``family.area = {"a": 1}``, a boolean
``"yes"``, ``birth_date = "2026-02-30"``, ``created_at = "garbage"``) is set aside with its
reason, shown with the refused changes, and the rest of the page is applied."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest

from hembesok_desktop.store import replica
from hembesok_desktop.store.models import Family
from hembesok_desktop.store.read.conflicts import refused_items
from hembesok_desktop.store.read.sync_overview import read_overview

from .conftest import create_store

HLC = "001700000000000-00000-srv"


def _family(family_id: str, **values: Any) -> dict[str, Any]:
    fields = {"created_at": "2026-01-01T00:00:00+00:00", "area": "Norr", **values}
    return {
        "entity": "family",
        "row_id": family_id,
        "family_id": family_id,
        "fields": {k: {"value": v, "hlc": HLC, "base": None} for k, v in fields.items()},
    }


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"area": {"a": 1}}, "family.area"),
        ({"phone": [1, 2]}, "family.phone"),
        ({"interpreter_needed": "yes"}, "family.interpreter_needed"),
        ({"created_at": "garbage"}, "family.created_at"),
        ({"area": "x\x00"}, "family.area"),
    ],
)
def test_a_bad_pulled_row_is_set_aside_and_the_rest_applies(
    tmp_path: Path, values: dict[str, Any], field: str
) -> None:
    store = create_store(tmp_path / "laptop")
    try:
        bad, good = str(uuid.uuid4()), str(uuid.uuid4())
        summary = replica.apply_remote_rows(
            store, [_family(bad, **values), _family(good)], cursor="c"
        )
        assert summary.skipped == 1 and summary.inserted == 1
        with store.read() as session:
            assert session.get(Family, good) is not None and session.get(Family, bad) is None
            items = refused_items(session)
        (aside,) = replica.set_aside_rows(store)
        assert aside["row_id"] == bad and field in aside["reason"]
        assert [i.family_id for i in items] == [bad] and field in items[0].reason
        assert read_overview(store).quarantined == 1
        assert replica.sync_cursor(store) == "c"
        # a later good version of the row applies and leaves the list
        replica.apply_remote_rows(store, [_family(bad)])
        assert replica.set_aside_rows(store) == []
    finally:
        store.lock()
