"""Property: hostile pushes against a real server process never get a 5xx, never stop a second
device of the same team from pulling every legitimate row, and never stop a laptop's sync.

Each example pushes, as raw JSON from an enrolled device, a batch of one hostile change (wrong
types, deep nesting, big values, NUL and lone surrogates, unknown entities and fields, forged
authorship, far-future clocks) and one legitimate change; the laptop of a second nurse of the
team runs ``hembesok sync`` after each (in-process, ``cli.main``: ~50 ms more CPU than the
engine alone): exit 0, only one-line messages on stderr, every legitimate row held, nothing
set aside.
``test_cli_after_hostile_pushes`` runs ``hembesok sync`` as a subprocess. 200 examples
(``HEMBESOK_HOSTILE_EXAMPLES`` overrides).
"""

from __future__ import annotations

import json
import os
import re
import time
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from hembesok_desktop import cli
from hembesok_desktop.domain.hlc import HybridLogicalClock
from hembesok_desktop.protocol.schema import ENTITIES
from hembesok_desktop.store import replica
from hembesok_desktop.store.models import Child
from tests.conftest import PASSPHRASE
from tests.support.server_harness import SyncClient, push_new_family

from .conftest import PASSWORD, Laptop, Teams

EXAMPLES = int(os.environ.get("HEMBESOK_HOSTILE_EXAMPLES", "200"))
PROGRESS = re.compile(r"^[a-z_ ]+: \d+/(\d+|\?)$")
WARNING = re.compile(r"^hembesok: warning: [^\n]+\.$")

_text = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["\x00", "a\x00b", "\ud800", "x\udfff", "", "Doktor Someone Else"]),
    st.integers(0, 3).map(lambda n: "x" * (10 ** (n + 3))),
)
_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False),
    _text,
    st.sampled_from(["2026-02-30", "garbage", "2026-03-01T09:30:00+00:00", "2099-01-01"]),
)
_json = st.recursive(
    _scalar,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=8,
)


def _deep(levels: int) -> Any:
    value: Any = "x"
    for _ in range(levels):
        value = [value]
    return value


_value = st.one_of(_json, st.integers(16, 400).map(_deep))
_entity = st.one_of(st.sampled_from(sorted(ENTITIES)), st.text(max_size=10))


@st.composite
def _hostile(draw: st.DrawFn, family_id: str, clock: HybridLogicalClock) -> dict[str, Any]:
    entity = draw(_entity)
    known = sorted(ENTITIES.get(entity, {})) or ["x"]
    names = draw(
        st.lists(st.one_of(st.sampled_from(known), st.text(max_size=8)), min_size=1, max_size=4)
    )
    ahead_ms = draw(st.sampled_from([0, 0, 11 * 60 * 1000, 23 * 3600 * 1000]))
    wall = int(time.time() * 1000) + ahead_ms
    stamp = draw(
        st.one_of(st.just(clock.now()), st.just(f"{wall:015d}-00000-evil"), st.text(max_size=30))
    )
    row_id = family_id if entity == "family" else str(uuid.uuid4())
    return {
        "change_id": str(uuid.uuid4()),
        "entity": entity,
        "row_id": row_id,
        "family_id": family_id,
        "fields": {name: {"value": draw(_value), "hlc": stamp} for name in names},
    }


def _cli_sync(laptop: Laptop, capsys: pytest.CaptureFixture[str]) -> None:
    """``hembesok sync`` (in-process): exit 0, stderr only progress lines and one-line warnings."""
    capsys.readouterr()
    code = cli.main(["--data-dir", str(laptop.store.data_dir), "sync", "--json"])
    err = capsys.readouterr().err
    assert code == 0, err[-2000:]
    lines = err.splitlines()
    assert all(PROGRESS.match(line) or WARNING.match(line) for line in lines), lines
    assert len([line for line in lines if WARNING.match(line)]) <= 1, lines


def test_hostile_pushes_stop_no_one(
    laptop_factory: Callable[[str], Laptop],
    teams: Teams,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HEMBESOK_PASSPHRASE", PASSPHRASE)
    laptop = laptop_factory("a2")
    base_url = laptop.base_url
    pusher = SyncClient.enroll(base_url, teams.usernames["a1"], PASSWORD)
    reader = SyncClient.enroll(base_url, teams.usernames["a3"], PASSWORD)
    clock = HybridLogicalClock(f"h{uuid.uuid4().hex[:6]}")
    family_id = push_new_family(pusher, clock)
    legitimate: set[str] = set()
    seen: set[str] = set()

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def example(data: st.DataObject) -> None:
        hostile = data.draw(_hostile(family_id, clock))
        good_id = str(uuid.uuid4())
        good = {
            "change_id": str(uuid.uuid4()),
            "entity": "child",
            "row_id": good_id,
            "family_id": family_id,
            "fields": {
                "given_name": {"value": "Barn", "hlc": clock.now()},
                "family_name": {"value": "Test", "hlc": clock.now()},
                "birth_date": {"value": "2026-01-01", "hlc": clock.now()},
            },
        }
        body = json.dumps({"batch_id": str(uuid.uuid4()), "changes": [hostile, good]})
        response = pusher.http.post(
            "/api/v1/sync/push", content=body, headers={"Content-Type": "application/json"}
        )
        assert response.status_code < 500, response.text[:300]
        if response.status_code == 200:
            assert good["change_id"] in response.json()["accepted"]
            legitimate.add(good_id)
        pages, _ = reader.pull_all()
        seen.update(row.row_id for page in pages for row in page.rows)
        assert legitimate <= seen
        # the laptop's sync completes (``hembesok sync``: exit 0, one-line messages), holds every
        # legitimate row and sets aside nothing: the server refuses what a laptop cannot store
        # (e.g. a new record without its required fields), so whatever it took is storable
        _cli_sync(laptop, capsys)
        with laptop.store.read() as session:
            held = {c.id for c in session.exec(select(Child)).all()}
        assert legitimate <= held
        aside = replica.set_aside_rows(laptop.store)
        assert not legitimate & {row["row_id"] for row in aside}
        assert aside == [], [(row["entity"], row["reason"]) for row in aside]

    try:
        example()
    finally:
        pusher.close()
        reader.close()
    assert legitimate
