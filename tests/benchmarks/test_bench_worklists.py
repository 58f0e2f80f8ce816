"""Work lists, search, one-row refresh and a timeline on a 10,000-family store (goal < 50 ms).

Skipped in the normal run (``--benchmark-skip``); run with ``make bench`` or
``.venv/bin/pytest tests/benchmarks/test_bench_worklists.py --benchmark-only --benchmark-enable``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import pytest
from pytest_benchmark.fixture import BenchmarkFixture
from sqlalchemy import text

from hembesok_desktop.store.caseload import WORKLISTS, caseload_row, caseload_rows
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.family_record import family_timeline
from hembesok_desktop.store.search import matching_family_ids
from tests.benchmarks.figures import Figure
from tests.support.catalogue import CATALOGUE

T = TypeVar("T")


def scalar(store: Store, sql: str) -> Any:
    """One value, read in a short session of its own (a held session would block writers)."""
    with store.read() as session:
        return session.connection().execute(text(sql)).scalar_one()


def fresh(store: Store, function: Callable[..., T]) -> Callable[..., T]:
    def call(*args: Any, **kwargs: Any) -> T:
        with store.read() as session:
            return function(session, *args, **kwargs)

    return call


REPORT_FIGURES = {
    "test_worklist": Figure("Work list query, 10,000 families", goal_ms=50.0),
    "test_search_keystroke": Figure(
        "Caseload query with a search (not on the keystroke path)", goal_ms=50.0
    ),
    "test_search_keystroke_ids": Figure("Search ids only (what a keystroke runs)", goal_ms=50.0),
    "test_caseload_row": Figure("One caseload row after a write", goal_ms=50.0),
    "test_family_timeline": Figure("Family timeline, busiest family", goal_ms=50.0),
}


@pytest.mark.parametrize("worklist", WORKLISTS)
def test_worklist(
    benchmark: BenchmarkFixture, big_store: Store, big_today: date, worklist: str
) -> None:
    rows = benchmark(fresh(big_store, caseload_rows), worklist=worklist, today=big_today)
    if worklist == "all":
        assert len(rows) == 10_000


@pytest.mark.parametrize("query", ["a", "påh", "ahm", "19"])
def test_search_keystroke(
    benchmark: BenchmarkFixture, big_store: Store, big_today: date, query: str
) -> None:
    """One keystroke of a search typed into the whole caseload."""
    benchmark(fresh(big_store, caseload_rows), query=query, today=big_today)


@pytest.mark.parametrize("query", ["a", "påh", "ahm", "19"])
def test_search_keystroke_ids(benchmark: BenchmarkFixture, big_store: Store, query: str) -> None:
    """A keystroke as the caseload view can serve it: the matching ids, to filter loaded rows."""
    benchmark(fresh(big_store, matching_family_ids), query)


def test_caseload_row(benchmark: BenchmarkFixture, big_store: Store, big_today: date) -> None:
    family_id = scalar(big_store, "SELECT id FROM family LIMIT 1 OFFSET 5000")
    row = benchmark(fresh(big_store, caseload_row), family_id, today=big_today)
    assert row is not None


BUSIEST_FAMILY = """
SELECT family_id FROM (
    SELECT family_id FROM contact UNION ALL SELECT family_id FROM journal_entry
    UNION ALL SELECT family_id FROM measurement
    UNION ALL SELECT family_id FROM questionnaire_response
) GROUP BY family_id ORDER BY count(*) DESC LIMIT 1
"""


def test_family_timeline(benchmark: BenchmarkFixture, big_store: Store, big_today: date) -> None:
    """The family with the most rows (contacts, entries, measurements, screenings)."""
    busiest = scalar(big_store, BUSIEST_FAMILY)
    items = benchmark(
        fresh(big_store, family_timeline), busiest, today=big_today, catalogue=CATALOGUE
    )
    assert len(items) > 20
