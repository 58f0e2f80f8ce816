"""Access-log review queries (server.access_review) on real SQLite and PostgreSQL databases,
migrated as ``hembesok-server migrate`` does: a family's extract, a user's log with filters, the
flags with their context, the unit manager's limits and flag reviews."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from hembesok_desktop.server import admin
from hembesok_desktop.server.access_flags import STOCKHOLM, BurstRule, FlagKind, ReviewRules
from hembesok_desktop.server.access_review import (
    ReviewError,
    UserFilter,
    family_extract,
    mark_reviewed,
    user_log,
)
from hembesok_desktop.server.admin import FAMILY_MOVE_ACTION
from hembesok_desktop.server.console.access import Visitor
from hembesok_desktop.server.db import make_engine, read_session, write_session
from hembesok_desktop.server.models import (
    AccessLog,
    ConsoleAccount,
    ConsoleAudit,
    Device,
    FamilyScope,
    Nurse,
    NurseTeam,
    Team,
)
from tests.support.server_harness import PostgresCluster, migrate_database

RULES = ReviewRules(burst=BurstRule(families=3, minutes=10))
#: a Wednesday, 10:00 Stockholm time (09:00 UTC)
MORNING = datetime(2025, 1, 15, 10, 0, tzinfo=STOCKHOLM).astimezone(UTC)


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('review')}/server.sqlite3"
    else:
        cluster: PostgresCluster = request.getfixturevalue("pg_cluster")
        url = cluster.create_database()
    migrate_database(url)
    db = make_engine(url)
    yield db
    db.dispose()


@dataclass
class Region:
    """Two teams; anna in north, bo in south; a reviewer account; fresh names per test."""

    north: int
    south: int
    anna: str
    bo: str
    device: str
    reviewer: int

    def family(self, session: Session, team: int) -> str:
        family_id = str(uuid.uuid4())
        session.add(FamilyScope(family_id=family_id, team_id=team))
        return family_id


def _team(session: Session, name: str) -> int:
    team = Team(name=f"{name} {uuid.uuid4().hex[:6]}")
    session.add(team)
    session.flush()
    assert team.id is not None
    return team.id


def _nurse(session: Session, name: str, team: int) -> str:
    nurse = Nurse(
        username=f"{name}-{uuid.uuid4().hex[:6]}",
        full_name=f"{name.title()} Testsköterska",
        title="BVC-sjuksköterska",
        password_hash="x",
    )
    session.add(nurse)
    session.flush()
    assert nurse.id is not None
    session.add(NurseTeam(nurse_id=nurse.id, team_id=team))
    return nurse.username


@pytest.fixture
def region(engine: Engine) -> Region:
    with write_session(engine) as session:
        north, south = _team(session, "BVC Norr"), _team(session, "BVC Söder")
        anna, bo = _nurse(session, "anna", north), _nurse(session, "bo", south)
        session.flush()
        anna_id = session.exec(select(Nurse.id).where(Nurse.username == anna)).one()
        device = str(uuid.uuid4())
        session.add(
            Device(
                id=device,
                nurse_id=int(anna_id or 0),
                name="Annas laptop",
                token_hash=device.replace("-", ""),
            )
        )
        reviewer = ConsoleAccount(
            username=f"rev-{uuid.uuid4().hex[:6]}",
            full_name="Rut Granskare",
            role="log_reviewer",
            password_hash="x",
            totp_secret="x",
        )
        session.add(reviewer)
        session.flush()
        assert reviewer.id is not None
        return Region(north, south, anna, bo, device, reviewer.id)


def log(
    session: Session,
    family: str,
    user: str,
    at: datetime,
    *,
    action: str = "open",
    source: str = "device",
    device: str | None = None,
) -> str:
    entry_id = str(uuid.uuid4())
    session.add(
        AccessLog(
            id=entry_id,
            source=source,
            family_id=family,
            username=user,
            action=action,
            at=at.astimezone(UTC).isoformat(timespec="seconds"),
            device_id=device,
        )
    )
    return entry_id


def test_family_extract_shows_who_what_when_and_from_which_device(
    engine: Engine, region: Region
) -> None:
    with write_session(engine) as s:
        family = region.family(s, region.north)
        opened = log(s, family, region.anna, MORNING, device=region.device)
        pulled = log(
            s,
            family,
            region.anna,
            MORNING - timedelta(hours=1),
            action="sync-pull",
            source="server",
            device=region.device,
        )
        log(s, region.family(s, region.north), region.anna, MORNING)  # another family
    with read_session(engine) as s:
        extract = family_extract(s, family, RULES)
    assert extract is not None
    assert [r.entry_id for r in extract.rows] == [pulled, opened]
    row = extract.rows[1]
    assert (row.nurse_name, row.nurse_title, row.action, row.device_name) == (
        "Anna Testsköterska",
        "BVC-sjuksköterska",
        "open",
        "Annas laptop",
    )
    assert row.at == MORNING and row.flags == ()
    assert extract.team_name is not None and extract.team_name.startswith("BVC Norr")


def test_unknown_family_and_a_managers_other_teams_give_none(
    engine: Engine, region: Region
) -> None:
    with write_session(engine) as s:
        family = region.family(s, region.north)
        log(s, family, region.anna, MORNING)
    with read_session(engine) as s:
        assert family_extract(s, str(uuid.uuid4()), RULES) is None
        assert family_extract(s, family, RULES, teams=[region.south]) is None
        assert family_extract(s, family, RULES, teams=[region.north]) is not None
        assert user_log(s, region.anna, UserFilter(), RULES, teams=[region.south]) is None
        assert user_log(s, region.anna, UserFilter(), RULES, teams=[region.north]) is not None
        assert user_log(s, "nobody-here", UserFilter(), RULES) is None


def test_flags_outside_teams_hours_and_bursts_with_context_from_other_families(
    engine: Engine, region: Region
) -> None:
    with write_session(engine) as s:
        south_family = region.family(s, region.south)
        elsewhere = log(s, south_family, region.anna, MORNING)
        night = log(s, south_family, region.bo, MORNING + timedelta(hours=12))
        fine = log(s, south_family, region.bo, MORNING)
        # bo opens three more families within ten minutes of 'fine': four distinct, a burst
        for minutes in (2, 4, 6):
            log(s, region.family(s, region.south), region.bo, MORNING + timedelta(minutes=minutes))
    with read_session(engine) as s:
        extract = family_extract(s, south_family, RULES)
    assert extract is not None
    flags = {r.entry_id: {f.kind for f in r.flags} for r in extract.rows}
    assert flags == {
        elsewhere: {FlagKind.OUTSIDE_TEAMS},
        night: {FlagKind.OUTSIDE_HOURS},
        fine: {FlagKind.BURST},
    }


def test_a_recorded_move_makes_earlier_accesses_of_unknown_team(
    engine: Engine, region: Region
) -> None:
    with write_session(engine) as s:
        family = region.family(s, region.north)
        before = log(s, family, region.anna, MORNING - timedelta(hours=1))
        after = log(s, family, region.anna, MORNING + timedelta(hours=1))
        s.add(
            ConsoleAudit(
                user_id=region.reviewer,
                action=FAMILY_MOVE_ACTION,
                target=family,
                at=MORNING,
                address="127.0.0.1",
            )
        )
    with read_session(engine) as s:
        extract = family_extract(s, family, RULES)
    assert extract is not None
    flags = {r.entry_id: {f.kind for f in r.flags} for r in extract.rows}
    assert flags == {before: {FlagKind.OUTSIDE_TEAMS}, after: set()}


def test_a_move_made_by_admin_move_family_is_the_one_review_reads(
    engine: Engine, region: Region
) -> None:
    with write_session(engine) as s:
        family = region.family(s, region.north)
        south = s.get(Team, region.south)
        assert south is not None
        south_name = south.name
    reviewer = Visitor(region.reviewer, "127.0.0.1")
    assert admin.move_family(engine, family, south_name, actor=reviewer)
    assert not admin.move_family(engine, family, south_name, actor=reviewer)  # already there
    with read_session(engine) as s:
        moves = s.exec(
            select(ConsoleAudit).where(ConsoleAudit.action == FAMILY_MOVE_ACTION)
            .where(ConsoleAudit.target == family)
        ).all()
        assert [(m.user_id, m.address) for m in moves] == [(region.reviewer, "127.0.0.1")]
        moved_at = moves[0].at.replace(tzinfo=moves[0].at.tzinfo or UTC)
    with write_session(engine) as s:
        # anna (north) before the move: the team then is not recorded, so a reviewer judges it
        before = log(s, family, region.anna, moved_at - timedelta(hours=1))
        # bo (south) after it: his own team's family
        after = log(s, family, region.bo, moved_at + timedelta(minutes=1))
        # anna after it: no longer her team's family
        anna_after = log(s, family, region.anna, moved_at + timedelta(minutes=2))
    with read_session(engine) as s:
        extract = family_extract(s, family, RULES)
    assert extract is not None
    outside = {
        r.entry_id for r in extract.rows if FlagKind.OUTSIDE_TEAMS in {f.kind for f in r.flags}
    }
    assert outside == {before, anna_after}
    assert after not in outside


def test_user_log_filters_by_stockholm_days_action_family_and_flags(
    engine: Engine, region: Region
) -> None:
    # 00:30 Stockholm on the 16th is 23:30 UTC on the 15th: it belongs to the 16th
    just_after_midnight = datetime(2025, 1, 16, 0, 30, tzinfo=STOCKHOLM)
    with write_session(engine) as s:
        family = region.family(s, region.north)
        other = region.family(s, region.north)
        day = log(s, family, region.anna, MORNING)
        printed = log(s, other, region.anna, MORNING + timedelta(hours=1), action="print")
        late = log(s, family, region.anna, just_after_midnight)
    with read_session(engine) as s:

        def ids(**filters: object) -> list[str]:
            found = user_log(s, region.anna, UserFilter(**filters), RULES)  # type: ignore[arg-type]
            assert found is not None
            return [r.entry_id for r in found.rows]

        assert ids() == [late, printed, day]
        assert ids(since=date(2025, 1, 16)) == [late]
        assert ids(until=date(2025, 1, 15)) == [printed, day]
        assert ids(action="print") == [printed]
        assert ids(family_id=family) == [late, day]
        assert ids(flagged_only=True) == [late]


def test_marking_a_flag_reviewed_shows_who_and_when_and_refuses_twice(
    engine: Engine, region: Region
) -> None:
    with write_session(engine) as s:
        family = region.family(s, region.south)
        entry = log(s, family, region.anna, MORNING)
    with write_session(engine) as s:
        with pytest.raises(ReviewError, match="does not carry"):
            mark_reviewed(s, entry, "burst", region.reviewer, "ok", RULES)
        with pytest.raises(ReviewError, match="needs a note"):
            mark_reviewed(s, entry, "outside_teams", region.reviewer, "  ", RULES)
        with pytest.raises(ReviewError, match="no such"):
            mark_reviewed(s, entry, "outside_teams", region.reviewer, "ok", RULES, teams=[-1])
        with pytest.raises(ReviewError, match="no such"):
            mark_reviewed(s, "nope", "outside_teams", region.reviewer, "ok", RULES)
        mark_reviewed(s, entry, "outside_teams", region.reviewer, "Vikarierade i Söder.", RULES)
    with read_session(engine) as s:
        extract = family_extract(s, family, RULES)
    assert extract is not None
    (flag,) = extract.rows[0].flags
    assert flag.review is not None
    assert (flag.review.reviewer, flag.review.note) == ("Rut Granskare", "Vikarierade i Söder.")
    assert abs(flag.review.reviewed_at - datetime.now(UTC)) < timedelta(minutes=5)
    with write_session(engine) as s, pytest.raises(ReviewError, match="already"):
        mark_reviewed(s, entry, "outside_teams", region.reviewer, "igen", RULES)
