"""The console's programme follow-up figures (``server.followup``) on a hand-worked region.

The region (``tests.support.followup_region``) is pushed through a real server process on a
fresh database (SQLite, and PostgreSQL where its binaries exist); a laptop store of a nurse in
both teams pulls it with the real sync client and runs the laptop's evaluation export. The
console's figures must equal both the hand-worked numbers and the laptop's.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from hembesok_desktop.domain.evaluation import AggregateRow
from hembesok_desktop.server import admin
from hembesok_desktop.server.db import make_engine
from hembesok_desktop.server.followup import FollowUpFigures, aggregate_csv, followup_figures
from hembesok_desktop.server.models import Record
from hembesok_desktop.store.evaluation_export import export_aggregate_csv
from tests.support.catalogue import CATALOGUE
from tests.support.followup_region import TODAY, Region, build_region
from tests.support.server_harness import (
    TEST_PASSWORD,
    PostgresCluster,
    SyncClient,
    start_server_process,
)
from tests.support.sync import sync_store
from tests.sync.conftest import create_store


@dataclass
class Built:
    engine: Engine
    region: Region
    base_url: str
    username: str
    team_ids: dict[str, int]


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Built]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('followup')}/server.sqlite3"
    else:
        cluster: PostgresCluster = request.getfixturevalue("pg_cluster")
        url = cluster.create_database()
    with start_server_process(url) as server:
        engine = make_engine(url)
        suffix = uuid.uuid4().hex[:6]
        norr, soder = f"BVC Norr {suffix}", f"BVC Söder {suffix}"
        ids = {norr: admin.add_team(engine, norr), soder: admin.add_team(engine, soder)}
        username = f"both_{suffix}"
        admin.add_nurse(
            engine,
            username,
            teams=[norr, soder],
            full_name="Test Nurse",
            title="BVC nurse",
            password=TEST_PASSWORD,
        )
        with SyncClient.enroll(server.base_url, username, TEST_PASSWORD) as client:
            region = build_region(client, engine, norr, soder)
        # a row stored before the schema check (the server refuses it on push today)
        with Session(engine) as session:
            fam = region.children["n3"][0]
            session.add(
                Record(
                    entity="vaccination",
                    row_id=str(uuid.uuid4()),
                    family_id=fam,
                    seq=None,
                    doc={"child_id": {"value": 7, "hlc": "x"}},
                )
            )
            session.commit()
        yield Built(engine, region, server.base_url, username, ids)
        engine.dispose()


@pytest.fixture(scope="module")
def figures(built: Built) -> FollowUpFigures:
    return followup_figures(built.engine, catalogue=CATALOGUE, today=TODAY)


def _cells(
    rows: tuple[AggregateRow, ...], team: str
) -> dict[tuple[str, str, str], tuple[int, int]]:
    return {
        (r.age_point, r.measure, r.category): (r.count, r.denominator)
        for r in rows
        if r.team_id == team
    }


def test_participation_and_epds_equal_the_hand_worked_figures(
    built: Built, figures: FollowUpFigures
) -> None:
    """Worked by hand from the region's docstring (today 2 March 2026):

    HB1 (window 8-15 Dec): Norr planned 6 (all six windows ended), made 5 (n1..n5), on time 5;
    Söder planned 2, made 1 (s1), on time 1; region 8 / 6 / 6.
    HB2 (window around 1 Feb, ended by 15 Feb at the latest): Norr planned 6, made 4 (n1..n4),
    on time 3 (n4's on 20 Feb is late); Söder planned 2, made 0; region 8 / 4 / 3.
    No other contact counts: HB3's window opens in March and none was done.
    EPDS at 6-8 weeks (days 42-62, reached by 2 Feb): Norr eligible 6, done 5 (n6's is
    voided), positive 2 of the 5 (n1's flag, n2's urgent flag); Söder 2 / 1 / 0 of 1; region
    8 / 6 / 2 of 6.
    Interpreter: Norr needed 1 of 6 families' children; n1's done contacts 2, with an
    interpreter 1, by phone 1. Inclusion reason first_child: Norr 6 of 6, Söder 2 of 2.
    """
    norr, soder = built.region.norr, built.region.soder
    n, s, r = (
        _cells(figures.aggregate, norr),
        _cells(figures.aggregate, soder),
        _cells(figures.region_aggregate, "region"),
    )
    expected = {
        ("HB1", "contacts_made", ""): ((5, 6), (1, 2), (6, 8)),
        ("HB1", "contacts_on_time", ""): ((5, 6), (1, 2), (6, 8)),
        ("HB2", "contacts_made", ""): ((4, 6), (0, 2), (4, 8)),
        ("HB2", "contacts_on_time", ""): ((3, 6), (0, 2), (3, 8)),
        ("6-8w", "epds", "done"): ((5, 6), (1, 2), (6, 8)),
        ("6-8w", "epds", "positive"): ((2, 5), (0, 1), (2, 6)),
        ("all", "interpreter", "needed"): ((1, 6), (0, 2), (1, 8)),
        ("all", "interpreter", "used_at_contacts"): ((1, 2), (0, 0), (1, 2)),
        ("all", "interpreter", "form_phone"): ((1, 1), (0, 0), (1, 1)),
        ("all", "inclusion_reason", "first_child"): ((6, 6), (2, 2), (8, 8)),
    }
    for key, (in_norr, in_soder, in_region) in expected.items():
        assert (n[key], s[key], r[key]) == (in_norr, in_soder, in_region), key
    codes = {k[0] for k in n if k[1] == "contacts_made"} | {
        k[0] for k in r if k[1] == "contacts_made"
    }
    assert codes == {"HB1", "HB2"}


def test_screenings_offers_and_overdue_equal_the_hand_worked_figures(
    built: Built, figures: FollowUpFigures
) -> None:
    """Screenings (completed, not voided, by today): Norr EPDS 5 done, 2 positive, 1 urgent,
    0 without follow-up (both positives have an action); BarnSäkert-style 1 done (n2's is in
    progress), 1 positive, 0 urgent, 1 without follow-up. Söder EPDS 1 done, nothing positive.
    Offers: Norr bvc-conversation accepted 1, done 1, with outcome 1; home-visit declined 1;
    Söder written-information offered 1. Overdue (window ended, nothing done): Norr HB1 1 (n6),
    HB2 2 (n5, n6); Söder HB1 1 (s2), HB2 2; region HB1 2, HB2 4.
    """
    norr, soder = built.region.norr, built.region.soder
    over = figures.overviews
    assert set(over) == {norr, soder, "region"}
    screened = {
        team: {
            (x.form_id, x.done, x.positive, x.urgent, x.without_follow_up)
            for x in over[team].screenings
        }
        for team in over
    }
    assert screened[norr] == {("epds", 5, 2, 1, 0), ("barnsakert-style", 1, 1, 0, 1)}
    assert screened[soder] == {("epds", 1, 0, 0, 0)}
    assert screened["region"] == {("epds", 6, 2, 1, 0), ("barnsakert-style", 1, 1, 0, 1)}
    offers = {
        team: {
            (o.offer_id, o.offered, o.accepted, o.declined, o.done, o.with_outcome)
            for o in over[team].offers
        }
        for team in over
    }
    assert offers[norr] == {("bvc-conversation", 0, 1, 0, 1, 1), ("home-visit", 0, 0, 1, 0, 0)}
    assert offers[soder] == {("written-information", 1, 0, 0, 0, 0)}
    overdue = {team: {(o.code, o.count) for o in over[team].overdue} for team in over}
    assert overdue == {
        norr: {("HB1", 1), ("HB2", 2)},
        soder: {("HB1", 1), ("HB2", 2)},
        "region": {("HB1", 2), ("HB2", 4)},
    }
    assert (over[norr].children, over[soder].children, over["region"].children) == (6, 2, 8)
    assert figures.set_aside == 1  # the vaccination row stored with a number as its child


def test_the_console_csv_equals_the_laptop_export_of_the_pulled_region(
    built: Built, figures: FollowUpFigures, tmp_path: Path
) -> None:
    from tests.sync.conftest import enroll_store

    store = create_store(tmp_path / "laptop")
    try:
        enroll_store(store, built.base_url, built.username)
        sync_store(store)
        out = io.StringIO()
        with store.read() as session:
            export_aggregate_csv(session, out, today=TODAY, catalogue=CATALOGUE)
    finally:
        store.lock()
    laptop = out.getvalue()
    assert aggregate_csv(figures) == laptop
    rows = list(csv.reader(io.StringIO(laptop)))
    hb2 = [
        r
        for r in rows
        if r[0] == "extended_home_visits"
        and r[1] == built.region.norr
        and r[2] == "HB2"
        and r[3] == "contacts_on_time"
    ]
    assert hb2 == [
        [
            "extended_home_visits",
            built.region.norr,
            "HB2",
            "contacts_on_time",
            "",
            "<5",
            "6",
            hb2[0][7],
        ]
    ]


def test_a_unit_managers_teams_narrow_every_figure(built: Built) -> None:
    soder = built.region.soder
    only = followup_figures(
        built.engine, catalogue=CATALOGUE, today=TODAY, team_ids=[built.team_ids[soder]]
    )
    assert only.teams == (soder,)
    assert set(only.overviews) == {soder, "region"}
    assert {r.team_id for r in only.aggregate} == {soder}
    assert only.overviews["region"].children == 2
    assert only.set_aside == 0  # the bad row is a Norr family's
