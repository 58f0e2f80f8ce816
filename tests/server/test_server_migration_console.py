"""Migration 0004 adds the console's tables and columns to a database of revision 0003 without
touching its data (nurses stay active, devices start with no sync times and no refusals), and
runs back down to 0003 with the data intact."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from hembesok_desktop.server.db import alembic_config, current_revision, make_engine, upgrade
from hembesok_desktop.server.models import ServerModel
from tests.server.fixtures import make_server_v3 as v3
from tests.support.server_harness import PostgresCluster

FIXTURE = Path(__file__).parent / "fixtures" / "server_v3.sqlite3"
CONSOLE_TABLES = {
    "console_user",
    "console_user_team",
    "console_session",
    "console_audit",
    "access_flag_review",
}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def old_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        path = tmp_path / "server.sqlite3"
        shutil.copy(FIXTURE, path)
        url = f"sqlite:///{path}"
    else:
        cluster: PostgresCluster = request.getfixturevalue("pg_cluster")
        url = cluster.create_database()
        v3.build(url)
    engine = make_engine(url)
    yield engine
    engine.dispose()


def _columns(engine: Engine, table: str) -> set[str]:
    return {column["name"] for column in inspect(engine).get_columns(table)}


def test_the_fixture_is_at_revision_0003() -> None:
    engine = make_engine(f"sqlite:///{FIXTURE}")
    assert current_revision(engine) == v3.REVISION
    assert not CONSOLE_TABLES & set(inspect(engine).get_table_names())
    engine.dispose()


def test_upgrade_adds_the_console_and_keeps_the_data(old_database: Engine) -> None:
    upgrade(old_database)
    assert current_revision(old_database) == "0004_console"
    assert set(inspect(old_database).get_table_names()) >= CONSOLE_TABLES
    with old_database.connect() as connection:
        nurses = connection.execute(text("SELECT username, deactivated_at FROM nurse")).all()
        devices = connection.execute(
            text(
                "SELECT id, revoked_at IS NOT NULL, last_push_at, last_pull_at, refused_changes "
                "FROM device ORDER BY id"
            )
        ).all()
        assert connection.execute(text("SELECT id FROM access_log")).scalars().all() == [
            v3.ACCESS
        ]
        assert connection.execute(text("SELECT COUNT(*) FROM record")).scalar() == 1
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, ServerModel.metadata) == []
    assert nurses == [("anna", None)]
    assert [tuple(d) for d in devices] == [
        (v3.DEVICE, False, None, None, 0),
        (v3.REVOKED, True, None, None, 0),
    ]


def test_a_review_must_name_an_access_log_entry_and_a_console_user(old_database: Engine) -> None:
    upgrade(old_database)
    with old_database.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO console_user (id, username, full_name, role, password_hash, "
                "totp_secret, totp_confirmed, active, created_at) VALUES (1, 'greta', 'G', "
                "'log_reviewer', 'x', 'S', true, true, CURRENT_TIMESTAMP)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO access_flag_review (access_log_id, flag_kind, reviewer_id, note, "
                "reviewed_at) VALUES (:a, 'outside_team', 1, 'ok', CURRENT_TIMESTAMP)"
            ),
            {"a": v3.ACCESS},
        )
    with pytest.raises(Exception, match=r"(?i)foreign key|violates"), old_database.begin() as c:
        c.execute(
            text(
                "INSERT INTO access_flag_review (access_log_id, flag_kind, reviewer_id, note, "
                "reviewed_at) VALUES ('no-such-entry', 'night', 1, 'x', CURRENT_TIMESTAMP)"
            )
        )


def test_downgrade_removes_the_console_and_keeps_the_rest(old_database: Engine) -> None:
    with old_database.connect() as connection:
        before = connection.execute(text("SELECT * FROM device ORDER BY id")).all()
    upgrade(old_database)
    with old_database.connect() as connection:
        command.downgrade(alembic_config(connection), v3.REVISION)
        connection.commit()
    assert current_revision(old_database) == v3.REVISION
    assert not CONSOLE_TABLES & set(inspect(old_database).get_table_names())
    assert "deactivated_at" not in _columns(old_database, "nurse")
    assert not {"last_push_at", "last_pull_at", "refused_changes"} & _columns(
        old_database, "device"
    )
    with old_database.connect() as connection:
        assert connection.execute(text("SELECT * FROM device ORDER BY id")).all() == before
        assert connection.execute(text("SELECT COUNT(*) FROM access_log")).scalar() == 1
