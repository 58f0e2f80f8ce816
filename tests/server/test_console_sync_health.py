"""Sync health (``server.sync_health``) on a migrated database: SQLite and PostgreSQL.

The devices' sync times and refused counts are set as the sync endpoints set them (columns of
migration 0004); the set-aside row is written as a row stored before the schema check.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from hembesok_desktop.server import admin
from hembesok_desktop.server.db import make_engine, upgrade
from hembesok_desktop.server.models import Device, Record
from hembesok_desktop.server.scope import assign_family
from hembesok_desktop.server.sync_health import sync_health
from tests.support.server_harness import TEST_PASSWORD, PostgresCluster

NOW = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('health')}/server.sqlite3"
    else:
        cluster: PostgresCluster = request.getfixturevalue("pg_cluster")
        url = cluster.create_database()
    db = make_engine(url)
    upgrade(db)
    yield db
    db.dispose()


def _device(session: Session, nurse: int, name: str, **values: object) -> str:
    device = Device(
        id=str(uuid.uuid4()),
        nurse_id=nurse,
        name=name,
        token_hash=uuid.uuid4().hex + uuid.uuid4().hex,
        created_at=NOW - dt.timedelta(days=60),
        **values,
    )
    session.add(device)
    return device.id


def test_quiet_devices_refused_changes_set_aside_rows_and_sizes(engine: Engine) -> None:
    norr, soder = f"Norr {uuid.uuid4().hex[:4]}", f"Söder {uuid.uuid4().hex[:4]}"
    ids = {norr: admin.add_team(engine, norr), soder: admin.add_team(engine, soder)}
    nurse_n = admin.add_nurse(
        engine, "n", teams=[norr], full_name="N N", title="BVC", password=TEST_PASSWORD
    )
    nurse_s = admin.add_nurse(
        engine, "s", teams=[soder], full_name="S S", title="BVC", password=TEST_PASSWORD
    )
    fam_n, fam_s = str(uuid.uuid4()), str(uuid.uuid4())
    with Session(engine) as session:
        fresh = _device(
            session,
            nurse_n,
            "fresh",
            last_push_at=NOW - dt.timedelta(days=1),
            last_pull_at=NOW - dt.timedelta(days=9),
            refused_changes=3,
        )
        quiet = _device(session, nurse_n, "quiet", last_pull_at=NOW - dt.timedelta(days=8))
        never = _device(session, nurse_s, "never")
        _device(session, nurse_s, "revoked", revoked_at=NOW - dt.timedelta(days=30))
        assign_family(session, fam_n, ids[norr])
        assign_family(session, fam_s, ids[soder])
        for family, count in ((fam_n, 2), (fam_s, 1)):
            for _ in range(count):
                session.add(
                    Record(
                        entity="referral",
                        row_id=str(uuid.uuid4()),
                        family_id=family,
                        seq=None,
                        doc={"referred_on": {"value": "not a date", "hlc": "x"}},
                    )
                )
        session.add(
            Record(
                entity="family",
                row_id=fam_n,
                family_id=fam_n,
                seq=None,
                doc={"area": {"value": "Fine", "hlc": "x"}},
            )
        )
        session.commit()

    health = sync_health(engine, days=7, now=NOW)
    # fresh pushed a day ago (its older pull does not matter); quiet pulled 8 days ago; never
    # synced since enrolment 60 days ago; the revoked device is not counted as quiet
    assert [(d.device_id, d.days_quiet) for d in health.quiet] == [(never, 60), (quiet, 8)]
    by_id = {d.device_id: d for d in health.devices}
    assert by_id[fresh].refused_changes == 3 and by_id[fresh].days_quiet == 1
    assert by_id[fresh].last_sync == NOW - dt.timedelta(days=1)
    assert len(health.devices) == 4
    assert {(s.family_id, s.team, s.rows) for s in health.set_aside} == {
        (fam_n, norr, 2),
        (fam_s, soder, 1),
    }
    assert health.sizes is not None and health.sizes.feed_entries == 4
    assert health.sizes.database_bytes is not None and health.sizes.database_bytes > 0
    if health.sizes.feed_bytes is not None:
        assert 0 < health.sizes.feed_bytes <= health.sizes.database_bytes

    assert [d.device_id for d in sync_health(engine, days=9, now=NOW).quiet] == [never]

    mine = sync_health(engine, days=7, now=NOW, team_ids=[ids[soder]], with_sizes=False)
    assert [d.device_id for d in mine.quiet] == [never]
    assert {d.name for d in mine.devices} == {"never", "revoked"}
    assert [(s.family_id, s.rows) for s in mine.set_aside] == [(fam_s, 1)]
    assert mine.sizes is None
