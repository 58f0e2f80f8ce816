"""Parsing one push body of 1,000 changes (nine fields each, about 1.2 MB), as the server does
in the push endpoint's worker thread (``protocol.push_body.parse_push_body``), against
``orjson.loads`` of the same bytes (the reference: the JSON parse alone) and against what
FastAPI did before on the event loop (stdlib ``json`` and ``PushRequest`` validation).

Run with ``pytest tests/benchmarks/test_bench_push_parse.py --benchmark-only
--benchmark-enable``.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import orjson
import pytest
from pydantic import TypeAdapter
from pytest_benchmark.fixture import BenchmarkFixture

from hembesok_desktop.domain.hlc import HybridLogicalClock
from hembesok_desktop.protocol.push_body import parse_push_body
from hembesok_desktop.protocol.wire import PushRequest
from tests.benchmarks.figures import Figure

CHANGES = 1000
#: the parse may cost at most this many times the JSON parse alone
RATIO_GOAL = 3.0

REPORT_FIGURES = {
    "test_bench_push_parse_orjson": Figure("Server: orjson.loads of a 1,000-change push body"),
    "test_bench_push_parse": Figure(
        "Server: parse a 1,000-change push body (vs orjson.loads)",
        versus="test_bench_push_parse_orjson",
        ratio_goal=RATIO_GOAL,
    ),
    "test_bench_push_parse_pydantic": Figure(
        "Server: the same body as json.loads + PushRequest validation (before)",
        versus="test_bench_push_parse_orjson",
    ),
}


def _change(clock: HybridLogicalClock) -> dict[str, Any]:
    values = {
        "given_name": "Alva",
        "family_name": "Andersson",
        "identity_number": "20250115-1234",
        "birth_date": "2025-01-15",
        "sex": "female",
        "birth_weight_g": 3456,
        "birth_length_cm": 50.5,
        "created_at": "2026-01-05T08:00:00+00:00",
        "twins": False,
    }
    return {
        "change_id": str(uuid.uuid4()),
        "entity": "child",
        "row_id": str(uuid.uuid4()),
        "family_id": str(uuid.uuid4()),
        "fields": {
            name: {"value": value, "hlc": clock.now(), "base": clock.now()}
            for name, value in values.items()
        },
    }


@pytest.fixture(scope="module")
def body() -> bytes:
    clock = HybridLogicalClock("bench0001")
    changes = [_change(clock) for _ in range(CHANGES)]
    return orjson.dumps({"protocol": 1, "batch_id": str(uuid.uuid4()), "changes": changes})


@pytest.mark.benchmark(group="push-parse")
def test_bench_push_parse_orjson(benchmark: BenchmarkFixture, body: bytes) -> None:
    benchmark.pedantic(orjson.loads, args=(body,), rounds=30, warmup_rounds=2)


@pytest.mark.benchmark(group="push-parse")
def test_bench_push_parse(benchmark: BenchmarkFixture, body: bytes) -> None:
    batch = benchmark.pedantic(parse_push_body, args=(body,), rounds=30, warmup_rounds=2)
    assert len(batch.changes) == CHANGES
    benchmark.extra_info.update(body_kb=round(len(body) / 1000), ratio_goal=RATIO_GOAL)


@pytest.mark.benchmark(group="push-parse")
def test_bench_push_parse_pydantic(benchmark: BenchmarkFixture, body: bytes) -> None:
    adapter = TypeAdapter(PushRequest)
    benchmark.pedantic(
        lambda: adapter.validate_python(json.loads(body)), rounds=30, warmup_rounds=2
    )
