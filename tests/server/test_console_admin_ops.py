"""The console's administration operations on real databases (SQLite and PostgreSQL): nurses
deactivated with their devices, passwords reset, team memberships, lists within a unit manager's
teams, a family found by its child's personal number, and a move's preview checked against
what the next pull of each device really does."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import orjson
import pytest
from sqlalchemy import Engine
from sqlmodel import select

from hembesok_desktop.domain.identity import personal_identity_from_parts
from hembesok_desktop.server import admin, admin_families, admin_views, feed, pull
from hembesok_desktop.server.auth import authenticate_nurse, device_for_token, enroll_device
from hembesok_desktop.server.db import make_engine, read_session, write_session
from hembesok_desktop.server.models import Device, Nurse
from hembesok_desktop.server.records import Stored, upsert
from hembesok_desktop.server.scope import assign_family
from tests.support.server_harness import PostgresCluster, complete, migrate_database

PASSWORD = "a fine password"
CHILD_NUMBER = personal_identity_from_parts(birth_date=date(2025, 3, 14), serial=238)
LINKED_NUMBER = personal_identity_from_parts(birth_date=date(2025, 6, 2), serial=457)


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('admin-ops')}/server.sqlite3"
    else:
        cluster: PostgresCluster = request.getfixturevalue("pg_cluster")
        url = cluster.create_database()
    migrate_database(url)
    db = make_engine(url)
    yield db
    db.dispose()


@dataclass
class Region:
    """Teams north and south (unique names); nurses n1 (north), s1 (south), ns (both)."""

    engine: Engine
    north: str
    south: str
    team_ids: dict[str, int] = field(default_factory=dict)
    users: dict[str, str] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    devices: dict[str, str] = field(default_factory=dict)


def _region(engine: Engine) -> Region:
    suffix = uuid.uuid4().hex[:6]
    region = Region(engine, f"BVC Norr {suffix}", f"BVC Söder {suffix}")
    region.team_ids["north"] = admin.add_team(engine, region.north)
    region.team_ids["south"] = admin.add_team(engine, region.south)
    for who, teams in (
        ("n1", [region.north]),
        ("s1", [region.south]),
        ("ns", [region.north, region.south]),
    ):
        username = f"{who}_{suffix}"
        nurse_id = admin.add_nurse(
            engine,
            username,
            teams=teams,
            full_name=f"Syster {who}",
            title="BVC-sjuksköterska",
            password=PASSWORD,
        )
        region.users[who] = username
        region.devices[who], region.tokens[who] = enroll_device(engine, nurse_id, f"Laptop {who}")
    return region


@pytest.fixture
def region(engine: Engine) -> Region:
    return _region(engine)


def _family(engine: Engine, team_id: int, children: list[dict[str, str]]) -> str:
    """A family with ``children`` (child fields), stored as a push would leave it."""
    family_id = str(uuid.uuid4())
    hlc = "000000000000001-00000-test"
    rows = {("family", family_id): Stored(family_id, {"area": {"value": "Norr", "hlc": hlc}})}
    for values in children:
        doc = {k: {"value": v, "hlc": hlc} for k, v in complete("child", values).items()}
        rows[("child", str(uuid.uuid4()))] = Stored(family_id, doc)
    with write_session(engine) as session:
        assign_family(session, family_id, team_id)
        upsert(session, rows)
        feed.append(session, list(rows))
    return family_id


def _enrolls(engine: Engine, username: str, password: str = PASSWORD) -> bool:
    with read_session(engine) as session:
        return authenticate_nurse(session, username, password) is not None


def _token_works(engine: Engine, token: str) -> bool:
    with read_session(engine) as session:
        return device_for_token(session, token) is not None


def test_deactivating_a_nurse_revokes_every_device_of_hers_and_refuses_her_enrollment(
    region: Region,
) -> None:
    engine, user = region.engine, region.users["n1"]
    with read_session(engine) as session:
        nurse_id = session.exec(select(Nurse.id).where(Nurse.username == user)).one()
    second, second_token = enroll_device(engine, nurse_id, "Second laptop")
    admin.revoke_device(engine, second)  # already revoked: stays as it was
    third, third_token = enroll_device(engine, nurse_id, "Third laptop")
    assert _enrolls(engine, user)

    assert admin.deactivate_nurse(engine, user) == 2  # the first and the third

    assert not _enrolls(engine, user)
    for token in (region.tokens["n1"], second_token, third_token):
        assert not _token_works(engine, token)
    with read_session(engine) as session:
        devices = session.exec(
            select(Device.id, Device.revoked_at).where(Device.nurse_id == nurse_id)
        ).all()
        deactivated = session.exec(select(Nurse.deactivated_at).where(Nurse.id == nurse_id)).one()
    assert deactivated is not None
    assert {d for d, _at in devices} == {region.devices["n1"], second, third}
    assert all(at is not None for _d, at in devices)
    assert _token_works(engine, region.tokens["s1"])  # nobody else's

    with pytest.raises(admin.AdminError) as again:
        admin.deactivate_nurse(engine, user)
    assert again.value.code == "already_deactivated"
    with pytest.raises(admin.AdminError) as unknown:
        admin.deactivate_nurse(engine, "nobody_" + uuid.uuid4().hex)
    assert unknown.value.code == "no_such_nurse"
    shown = admin_views.find_nurse(engine, user)
    assert shown is not None and shown.deactivated_at is not None and shown.active_devices == 0


def test_a_reset_password_replaces_the_old_one_and_a_short_one_changes_nothing(
    region: Region,
) -> None:
    engine, user = region.engine, region.users["s1"]
    admin.reset_password(engine, user, "another fine password")
    assert _enrolls(engine, user, "another fine password")
    assert not _enrolls(engine, user, PASSWORD)
    assert _token_works(engine, region.tokens["s1"])  # enrolled devices keep working

    with pytest.raises(admin.AdminError) as short:
        admin.reset_password(engine, user, "short")
    assert short.value.code == "password_short"
    assert _enrolls(engine, user, "another fine password")


def test_team_membership_is_added_and_removed_but_never_the_last_team(region: Region) -> None:
    engine, user = region.engine, region.users["n1"]
    assert admin.add_membership(engine, user, region.south) is True
    assert admin.add_membership(engine, user, region.south) is False
    shown = admin_views.find_nurse(engine, user)
    assert shown is not None and shown.teams == (region.north, region.south)

    assert admin.remove_membership(engine, user, region.north) is True
    assert admin.remove_membership(engine, user, region.north) is False
    with pytest.raises(admin.AdminError) as last:
        admin.remove_membership(engine, user, region.south)
    assert last.value.code == "last_team"
    shown = admin_views.find_nurse(engine, user)
    assert shown is not None and shown.teams == (region.south,)
    with pytest.raises(admin.AdminError) as no_team:
        admin.add_membership(engine, user, "No such team " + uuid.uuid4().hex)
    assert no_team.value.code == "no_such_team"


def test_a_unit_manager_sees_only_her_teams_and_their_nurses_and_devices(region: Region) -> None:
    engine = region.engine
    north = frozenset({region.team_ids["north"]})
    _family(engine, region.team_ids["north"], [])
    _family(engine, region.team_ids["north"], [])

    teams = admin_views.list_teams(engine, north)
    assert [(t.name, t.nurses, t.families) for t in teams] == [(region.north, 2, 2)]
    everyone = {t.name for t in admin_views.list_teams(engine)}
    assert {region.north, region.south} <= everyone

    seen = [n.username for n in admin_views.list_nurses(engine, north)]
    assert seen == sorted([region.users["n1"], region.users["ns"]])
    by_team = admin_views.list_nurses(engine, None, team_id=region.team_ids["south"])
    assert [n.username for n in by_team] == sorted([region.users["s1"], region.users["ns"]])
    assert admin_views.list_nurses(engine, north, team_id=region.team_ids["south"]) == []
    assert admin_views.find_nurse(engine, region.users["s1"], north) is None
    assert not admin_views.nurse_in_scope(engine, region.users["s1"], north)
    assert admin_views.nurse_in_scope(engine, region.users["ns"], north)
    assert admin_views.device_in_scope(engine, region.devices["n1"], north)
    assert not admin_views.device_in_scope(engine, region.devices["s1"], north)
    assert admin_views.device_in_scope(engine, region.devices["s1"])
    assert admin_views.team_in_scope(engine, region.north, north)
    assert not admin_views.team_in_scope(engine, region.south, north)
    assert admin_views.list_teams(engine, frozenset()) == []


def test_a_family_is_found_by_its_childs_personal_number_in_any_written_form(
    region: Region,
) -> None:
    engine = region.engine
    family = _family(
        engine,
        region.team_ids["north"],
        [
            {"identity_kind": "personnummer", "identity_number": CHILD_NUMBER.value},
            {
                "identity_kind": "reserve",
                "identity_number": "R-1",
                "linked_identity_number": LINKED_NUMBER.value,
            },
        ],
    )
    other = _family(engine, region.team_ids["south"], [{"identity_number": "191212121212"}])

    for written in (CHILD_NUMBER.value, CHILD_NUMBER.display, CHILD_NUMBER.short_display()):
        assert admin_families.find_by_personal_number(engine, written) == [family]
    assert admin_families.find_by_personal_number(engine, LINKED_NUMBER.display) == [family]
    assert admin_families.find_by_personal_number(engine, "19121212-1212") == [other]
    south = frozenset({region.team_ids["south"]})
    assert admin_families.find_by_personal_number(engine, CHILD_NUMBER.display, south) == []
    unused = personal_identity_from_parts(birth_date=date(2025, 1, 2), serial=999)
    assert admin_families.find_by_personal_number(engine, unused.display) == []

    with pytest.raises(admin.AdminError) as bad:
        admin_families.find_by_personal_number(engine, "20250314-2380")  # wrong check digit
    assert bad.value.code == "bad_personal_number"
    assert not any(ch.isdigit() for ch in str(bad.value))

    shown = admin_families.family_view(engine, family)
    assert shown is not None
    assert (shown.team_name, shown.records, shown.total) == (
        region.north,
        (("child", 2), ("family", 1)),
        3,
    )
    assert admin_families.family_view(engine, family, south) is None
    assert admin_families.family_view(engine, "no-such-family") is None
    assert admin_families.family_view(engine, "x" * 500) is None


def _pull(engine: Engine, token: str, cursor: str | None) -> dict[str, object]:
    with read_session(engine) as session:
        ctx = device_for_token(session, token)
    assert ctx is not None
    answer: dict[str, object] = orjson.loads(pull.pull(engine, ctx, cursor, 500))
    return answer


def _holds(answer: dict[str, object], family_id: str) -> bool:
    rows = answer["rows"]
    assert isinstance(rows, list)
    return any(row["family_id"] == family_id for row in rows)


def test_the_move_preview_names_the_devices_whose_next_pull_loses_or_gains_the_family(
    region: Region,
) -> None:
    engine = region.engine
    family = _family(engine, region.team_ids["north"], [{"identity_number": "191212121212"}])
    cursors = {who: _pull(engine, region.tokens[who], None)["next_cursor"] for who in region.tokens}
    cursors = {  # a second pull acknowledges the first (the device holds what it got)
        who: _pull(engine, region.tokens[who], str(c))["next_cursor"] for who, c in cursors.items()
    }

    preview = admin_families.move_preview(engine, family, region.south)

    assert (preview.from_team, preview.to_team, preview.records) == (region.north, region.south, 2)
    assert [d.device_id for d in preview.losing] == [region.devices["n1"]]
    assert [d.device_id for d in preview.gaining] == [region.devices["s1"]]
    assert preview.losing[0].username == region.users["n1"]
    assert admin_families.family_view(engine, family) is not None  # nothing changed yet
    assert admin.family_team_name(engine, family) == region.north

    assert admin.move_family(engine, family, region.south) is True
    after = {who: _pull(engine, region.tokens[who], str(c)) for who, c in cursors.items()}
    assert after["n1"]["removed_families"] == [family]
    assert _holds(after["s1"], family) and after["s1"]["removed_families"] == []
    assert not _holds(after["ns"], family) and after["ns"]["removed_families"] == []  # kept

    same = admin_families.move_preview(engine, family, region.south)
    assert same.changes_nothing and same.losing == () and same.gaining == ()
    north = frozenset({region.team_ids["north"]})
    with pytest.raises(admin.AdminError) as outside:
        admin_families.move_preview(engine, family, region.north, north)
    assert outside.value.code == "no_such_family"
    with pytest.raises(admin.AdminError) as no_team:
        admin_families.move_preview(engine, family, "No such team " + uuid.uuid4().hex)
    assert no_team.value.code == "no_such_team"


def test_deactivated_nurses_devices_are_left_out_of_the_move_preview(region: Region) -> None:
    engine = region.engine
    family = _family(engine, region.team_ids["north"], [])
    admin.deactivate_nurse(engine, region.users["s1"])
    preview = admin_families.move_preview(engine, family, region.south)
    assert preview.gaining == ()
    assert [d.device_id for d in preview.losing] == [region.devices["n1"]]


def test_lists_are_one_query_each_whatever_the_number_of_nurses(
    engine: Engine, tmp_path: Path
) -> None:
    """Not a timing: the number of statements a list issues does not grow with its rows."""
    from sqlalchemy import event

    _region(engine)
    statements: list[str] = []

    def count(*_args: object) -> None:
        statements.append("x")

    event.listen(engine, "before_cursor_execute", count)
    try:
        admin_views.list_nurses(engine)
        few = len(statements)
        _region(engine)
        _region(engine)
        statements.clear()
        admin_views.list_nurses(engine)
        many = len(statements)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert many == few
