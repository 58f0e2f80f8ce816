"""What the console's administration pages list: teams, nurses and devices, within a scope.

A ``TeamScope`` is the set of team ids a console user may administer, or ``None`` for the whole
region (an administrator). A unit manager's scope is her teams: she sees those teams, the nurses
who belong to at least one of them, and those nurses' devices. ``*_in_scope`` answer whether one
nurse, device or team may be acted on; callers refuse with the same answer as "not found", so a
scope never reveals what lies outside it.

Plain functions over an ``Engine`` returning frozen dataclasses; one query per list (counts by
``GROUP BY``, memberships in one more), whatever the number of rows. No personal data of
families: only staff names, ids and counts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Engine, func, true
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from .db import read_session
from .models import Device, FamilyScope, Nurse, NurseTeam, Team

#: team ids a console user may administer; None: every team of the region
TeamScope = frozenset[int] | None


@dataclass(frozen=True, slots=True)
class TeamView:
    id: int
    name: str
    nurses: int
    families: int


@dataclass(frozen=True, slots=True)
class NurseView:
    id: int
    username: str
    full_name: str
    title: str
    #: her teams' names, in membership order
    teams: tuple[str, ...]
    active_devices: int
    deactivated_at: datetime | None


def _in(scope: TeamScope, column: int | None) -> ColumnElement[bool]:
    return col(column).in_(sorted(scope)) if scope is not None else true()


def list_teams(engine: Engine, scope: TeamScope = None) -> list[TeamView]:
    """The teams in ``scope`` with how many active nurses and families each has, by name."""
    with read_session(engine) as session:
        teams = session.exec(
            select(Team.id, Team.name).where(_in(scope, Team.id)).order_by(col(Team.name))
        ).all()
        nurses = dict(
            session.exec(
                select(NurseTeam.team_id, func.count())
                .join(Nurse, col(Nurse.id) == col(NurseTeam.nurse_id))
                .where(col(Nurse.deactivated_at).is_(None))
                .group_by(col(NurseTeam.team_id))
            ).all()
        )
        families = dict(
            session.exec(
                select(FamilyScope.team_id, func.count()).group_by(col(FamilyScope.team_id))
            ).all()
        )
    return [
        TeamView(team_id, name, nurses.get(team_id, 0), families.get(team_id, 0))
        for team_id, name in teams
        if team_id is not None
    ]


def team_names(engine: Engine, scope: TeamScope = None) -> list[str]:
    """The names of the teams in ``scope``, sorted (for a form's choices)."""
    return [team.name for team in list_teams(engine, scope)]


def _memberships(session: Session, nurse_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    found: dict[int, list[tuple[int, str]]] = defaultdict(list)
    if not nurse_ids:
        return found
    rows = session.exec(
        select(NurseTeam.nurse_id, Team.id, Team.name)
        .join(Team, col(Team.id) == col(NurseTeam.team_id))
        .where(col(NurseTeam.nurse_id).in_(nurse_ids))
        .order_by(col(NurseTeam.id))
    ).all()
    for nurse_id, team_id, name in rows:
        assert team_id is not None
        found[nurse_id].append((team_id, name))
    return found


def _nurse_views(session: Session, query: SelectOfScalar[Nurse]) -> list[NurseView]:
    nurses = session.exec(query.order_by(col(Nurse.username))).all()
    ids = [n.id for n in nurses if n.id is not None]
    memberships = _memberships(session, ids)
    active = dict(
        session.exec(
            select(Device.nurse_id, func.count())
            .where(col(Device.nurse_id).in_(ids), col(Device.revoked_at).is_(None))
            .group_by(col(Device.nurse_id))
        ).all()
    )
    return [
        NurseView(
            id=n.id,
            username=n.username,
            full_name=n.full_name,
            title=n.title,
            teams=tuple(name for _id, name in memberships[n.id]),
            active_devices=active.get(n.id, 0),
            deactivated_at=n.deactivated_at,
        )
        for n in nurses
        if n.id is not None
    ]


def _members_of(scope: TeamScope) -> SelectOfScalar[int]:
    return select(NurseTeam.nurse_id).where(_in(scope, NurseTeam.team_id))


def list_nurses(
    engine: Engine, scope: TeamScope = None, *, team_id: int | None = None
) -> list[NurseView]:
    """Nurses of the teams in ``scope`` (of one team with ``team_id``), by user name."""
    teams = scope
    if team_id is not None:
        teams = frozenset({team_id}) if scope is None else scope & {team_id}
    with read_session(engine) as session:
        return _nurse_views(session, select(Nurse).where(col(Nurse.id).in_(_members_of(teams))))


def find_nurse(engine: Engine, username: str, scope: TeamScope = None) -> NurseView | None:
    """One nurse by user name, or None when there is none in ``scope``."""
    with read_session(engine) as session:
        found = _nurse_views(
            session,
            select(Nurse).where(Nurse.username == username, col(Nurse.id).in_(_members_of(scope))),
        )
    return found[0] if found else None


def team_in_scope(engine: Engine, team_name: str, scope: TeamScope = None) -> bool:
    with read_session(engine) as session:
        team_id = session.exec(select(Team.id).where(Team.name == team_name)).first()
    return team_id is not None and (scope is None or team_id in scope)


def nurse_in_scope(engine: Engine, username: str, scope: TeamScope = None) -> bool:
    """True when the nurse exists and (for a scope) belongs to at least one of its teams."""
    with read_session(engine) as session:
        query = select(Nurse.id).where(
            Nurse.username == username, col(Nurse.id).in_(_members_of(scope))
        )
        return session.exec(query).first() is not None


def device_in_scope(engine: Engine, device_id: str, scope: TeamScope = None) -> bool:
    """True when the device exists and (for a scope) its nurse belongs to one of its teams."""
    with read_session(engine) as session:
        query = select(Device.id).where(
            Device.id == device_id, col(Device.nurse_id).in_(_members_of(scope))
        )
        return session.exec(query).first() is not None


@dataclass(frozen=True, slots=True)
class DeviceView:
    device_id: str
    name: str
    nurse_id: int
    username: str
    full_name: str
    created_at: datetime
    revoked_at: datetime | None
    last_push_at: datetime | None
    last_pull_at: datetime | None
    #: changes of its pushes the server refused, in all
    refused_changes: int

    @property
    def last_sync_at(self) -> datetime | None:
        times = [t for t in (self.last_push_at, self.last_pull_at) if t is not None]
        return max(times) if times else None


def _device_views(session: Session, query: SelectOfScalar[Device]) -> list[DeviceView]:
    devices = session.exec(query).all()
    nurses = {
        n.id: (n.username, n.full_name)
        for n in session.exec(
            select(Nurse).where(col(Nurse.id).in_(sorted({d.nurse_id for d in devices})))
        ).all()
    }
    return [
        DeviceView(
            device_id=d.id,
            name=d.name,
            nurse_id=d.nurse_id,
            username=nurses[d.nurse_id][0],
            full_name=nurses[d.nurse_id][1],
            created_at=d.created_at,
            revoked_at=d.revoked_at,
            last_push_at=d.last_push_at,
            last_pull_at=d.last_pull_at,
            refused_changes=d.refused_changes,
        )
        for d in devices
    ]


def list_devices(
    engine: Engine, scope: TeamScope = None, *, nurse_id: int | None = None
) -> list[DeviceView]:
    """Devices of the nurses in ``scope`` (of one nurse with ``nurse_id``): active first, then
    by nurse and enrollment time."""
    query = select(Device).where(col(Device.nurse_id).in_(_members_of(scope)))
    if nurse_id is not None:
        query = query.where(Device.nurse_id == nurse_id)
    query = query.order_by(
        col(Device.revoked_at).is_not(None), col(Device.nurse_id), col(Device.created_at)
    )
    with read_session(engine) as session:
        return _device_views(session, query)


def find_device(engine: Engine, device_id: str, scope: TeamScope = None) -> DeviceView | None:
    """One device, or None when there is none in ``scope``."""
    query = select(Device).where(
        Device.id == device_id, col(Device.nurse_id).in_(_members_of(scope))
    )
    with read_session(engine) as session:
        found = _device_views(session, query)
    return found[0] if found else None


def nurse_by_id(engine: Engine, nurse_id: int, scope: TeamScope = None) -> NurseView | None:
    """One nurse by id, or None when there is none in ``scope``."""
    with read_session(engine) as session:
        found = _nurse_views(
            session,
            select(Nurse).where(Nurse.id == nurse_id, col(Nurse.id).in_(_members_of(scope))),
        )
    return found[0] if found else None
