"""Migration 0003 turns a database of today's schema (per-field rows, uncompacted feed) into one
row per record, keeping every value and version, each record's latest feed seq (so cursors held
by devices stay valid), applied change ids and the access log; and it runs back down."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from hembesok_desktop.server import pull
from hembesok_desktop.server.auth import DeviceContext
from hembesok_desktop.server.db import alembic_config, make_engine, upgrade
from hembesok_desktop.server.feed import Cursor
from hembesok_desktop.server.models import ServerModel
from tests.server.fixtures import make_server_v2 as v2
from tests.support.server_harness import PostgresCluster

FIXTURE = Path(__file__).parent / "fixtures" / "server_v2.sqlite3"
CTX = DeviceContext(device_id=v2.DEVICE, nurse_id=1, username="anna", team_ids=(1,), pull_gen=2)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def old_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        path = tmp_path / "server.sqlite3"
        shutil.copy(FIXTURE, path)
        url = f"sqlite:///{path}"
    else:
        cluster: PostgresCluster = request.getfixturevalue("pg_cluster")
        url = cluster.create_database()
        v2.build(url)
    engine = make_engine(url)
    yield engine
    engine.dispose()


def _records(engine: Engine) -> dict[tuple[str, str], tuple[str, int, dict[str, object]]]:
    doc = "doc::text" if engine.dialect.name == "postgresql" else "doc"
    with engine.connect() as connection:
        rows = connection.execute(text(f"SELECT entity, row_id, family_id, seq, {doc} FROM record"))
        return {(e, r): (f, s, orjson.loads(d)) for e, r, f, s, d in rows}


def test_the_fixture_is_at_revision_0002() -> None:
    engine = make_engine(f"sqlite:///{FIXTURE}")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            "0002_login_throttle"
        )
        assert connection.execute(text("SELECT COUNT(*) FROM field_state")).scalar() == 10
    engine.dispose()


def test_upgrade_makes_one_row_per_record_with_versions_and_latest_seq(
    old_database: Engine,
) -> None:
    upgrade(old_database)

    records = _records(old_database)
    assert set(records) == {("family", v2.FAMILY), ("child", v2.CHILD), ("conflict", v2.CONFLICT)}
    assert records[("family", v2.FAMILY)] == (
        v2.FAMILY,
        1,
        {"area": {"value": "Norr", "hlc": v2.H1}, "phone": {"value": "070-0000000", "hlc": v2.H1}},
    )
    family, seq, child = records[("child", v2.CHILD)]
    assert family == v2.FAMILY
    assert seq == 5 and child == {
        "given_name": {"value": "Fiktiv", "hlc": v2.H1},
        "family_name": {"value": "Exempelsson", "hlc": v2.H3, "base": v2.H2},
    }
    assert records[("conflict", v2.CONFLICT)][1] == 4
    conflict = records[("conflict", v2.CONFLICT)][2]
    assert conflict["status"] == {"value": "open", "hlc": v2.H3}
    assert conflict["winning_value"] == {"value": None, "hlc": v2.H3}
    tables = set(inspect(old_database).get_table_names())
    assert "field_state" not in tables and "feed" not in tables
    with old_database.connect() as connection:
        assert connection.execute(text("SELECT change_id FROM applied_change")).all() == [
            ("change-1",)
        ]
        assert connection.execute(text("SELECT id FROM access_log")).all() == [(v2.ACCESS,)]
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, ServerModel.metadata) == []


def test_a_cursor_issued_before_the_migration_still_holds(old_database: Engine) -> None:
    upgrade(old_database)
    # a device that had read the feed up to seq 3 (the family and the child's first two entries)
    answer = orjson.loads(pull.pull(old_database, CTX, Cursor(seq=3, gen=2).encode(), 500))
    keys = [(row["entity"], row["row_id"]) for row in answer["rows"]]
    assert keys == [("conflict", v2.CONFLICT), ("child", v2.CHILD)]
    first = orjson.loads(pull.pull(old_database, CTX, None, 500))
    assert [(r["entity"], r["row_id"]) for r in first["rows"]] == [
        ("family", v2.FAMILY),
        ("conflict", v2.CONFLICT),
        ("child", v2.CHILD),
    ]
    assert Cursor.decode(first["next_cursor"]).seq == 5


def test_downgrade_restores_the_per_field_rows(old_database: Engine) -> None:
    with old_database.connect() as connection:
        before = sorted(tuple(r) for r in connection.execute(text("SELECT * FROM field_state")))
    upgrade(old_database)
    with old_database.connect() as connection:
        command.downgrade(alembic_config(connection), "0002_login_throttle")
        connection.commit()
        after = sorted(tuple(r) for r in connection.execute(text("SELECT * FROM field_state")))
        feed = connection.execute(text("SELECT seq, entity FROM feed ORDER BY seq")).all()
    assert after == before
    assert feed == [(1, "family"), (4, "conflict"), (5, "child")]
