"""Pull: pages, cursors, de-duplication, current state, invalid input."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hembesok_desktop.domain.hlc import HybridLogicalClock
from hembesok_desktop.server.feed import Cursor, CursorError
from tests.support.server_harness import (
    SyncClient,
    make_change,
    new_row,
    push_new_family,
    rows_of,
)

BORN = "2025-01-15"


def test_pages_deliver_every_row_once_per_page_in_feed_order(
    a1: SyncClient, a2: SyncClient, clock: HybridLogicalClock
) -> None:
    a2.pull_all()
    family_id = push_new_family(a1, clock)
    children = [str(uuid.uuid4()) for _ in range(12)]
    a1.push([
        new_row(
            "child", c, family_id,
            {"given_name": str(i), "family_name": "a", "birth_date": BORN}, clock,
        )
        for i, c in enumerate(children)
    ])
    # the same row changed in three later batches appears once per page, with its latest state
    for value in ("x", "y", "z"):
        a1.push([make_change("child", children[0], family_id, {"family_name": value}, clock)])

    pages, _ = a2.pull_all(limit=5)
    # the feed is compacted (issue 13): 13 records, one entry each, make at least 3 pages of 5
    assert len(pages) >= 3 and all(p.has_more for p in pages[:-1]) and not pages[-1].has_more
    seen = [(row.entity, row.row_id) for page in pages for row in page.rows]
    for page in pages:
        keys = [(row.entity, row.row_id) for row in page.rows]
        assert len(keys) == len(set(keys))
    # feed order, each record at its latest change: the family first, then the children in the
    # order they were written, the child changed three more times last; each exactly once
    ours = [key for key in seen if key[1] in {family_id, *children}]
    assert ours == [
        ("family", family_id),
        *[("child", c) for c in children[1:]],
        ("child", children[0]),
    ]
    rows = rows_of(pages, family_id)
    assert rows[("child", children[0])] == {
        "given_name": "0", "family_name": "z", "birth_date": BORN
    }
    # nothing new: another pull returns no rows of this family and does not move backwards
    again = a2.pull_page(a2.cursor)
    assert rows_of([again], family_id) == {} and not again.has_more


def test_rows_carry_every_field_with_its_winning_version(
    a1: SyncClient, a2: SyncClient, clock: HybridLogicalClock
) -> None:
    family_id = push_new_family(
        a1, clock, area="Norr", phone="1", created_at="2025-01-15T09:00:00+00:00"
    )
    (before,) = [r for p in a2.pull_all()[0] for r in p.rows if r.row_id == family_id]
    seen = {"phone": before.fields["phone"].hlc}
    edit = make_change("family", family_id, family_id, {"phone": "2"}, clock, base=seen)
    a1.push([edit])
    pages, _ = a2.pull_all()
    (row,) = [r for p in pages for r in p.rows if r.row_id == family_id]
    assert set(row.fields) == {"area", "phone", "created_at"}  # unchanged fields travel too
    assert row.fields["phone"] == edit.fields["phone"]
    assert row.fields["area"] == before.fields["area"]
    assert row.fields["created_at"] == before.fields["created_at"]


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"cursor": "not-a-cursor"}, 400),
        ({"cursor": Cursor(-1, 0).encode()}, 400),
        ({"limit": 0}, 422),
        ({"limit": 100000}, 422),
    ],
)
def test_invalid_cursor_or_limit_is_refused(
    a1: SyncClient, params: dict[str, object], status: int
) -> None:
    response = a1.http.get("/api/v1/sync/pull", params=params)
    assert response.status_code == status


@given(st.integers(0, 2**62), st.integers(0, 2**31))
def test_cursor_round_trips(seq: int, gen: int) -> None:
    cursor = Cursor(seq, gen)
    assert Cursor.decode(cursor.encode()) == cursor


@given(st.text(max_size=40))
def test_a_random_string_is_no_cursor_or_a_valid_one(text: str) -> None:
    try:
        cursor = Cursor.decode(text)
    except CursorError:
        return
    assert cursor.seq >= 0 and cursor.gen >= 0


def test_a_free_form_value_beyond_64_bits_is_stored_and_pulled_exactly(
    a1: SyncClient, a2: SyncClient, clock: HybridLogicalClock
) -> None:
    """Stored documents go through orjson, which refuses integers beyond 64 bits on the way in
    and turns them into floats on the way out: those values take the exact json path."""
    family_id = push_new_family(a1, clock)
    conflict_id = str(uuid.uuid4())
    big = {"values": [2**70 + 1, -(2**65) - 3], "note": "pårättad"}
    answer = a1.push([
        make_change(
            "conflict",
            conflict_id,
            family_id,
            {"row_entity": "child", "row_id": "x", "field": "given_name", "settled_value": big},
            clock,
        )
    ])
    assert not answer.rejected
    rows = rows_of(a2.pull_all()[0], family_id)
    assert rows[("conflict", conflict_id)]["settled_value"] == big
