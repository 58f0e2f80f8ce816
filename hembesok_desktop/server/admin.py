"""Administration of the central server: teams, nurses, families' teams, devices, access log.

Each function runs in one transaction and raises ``AdminError`` (one English sentence, no
personal data) before changing anything when a request cannot be carried out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import col, select

from .auth import hash_password
from .console.audit import Actor, audit
from .db import lock_families, read_session, write_session
from .models import AccessLog, Device, FamilyScope, Nurse, NurseTeam, Team, utcnow

MIN_PASSWORD_LENGTH = 8
#: the console's audit action of a family's move, on the family's id: access-log review reads
#: it to know since when the family has been with its team (``access_review``)
FAMILY_MOVE_ACTION = "family.move"


class AdminError(Exception):
    """A request the administrator must correct; the message is one sentence."""


@dataclass(frozen=True, slots=True)
class CommandLine:
    """``hembesok-server admin`` as the actor in the console's audit log (no console account)."""

    user_id: int | None = None
    address: str = "command-line"


COMMAND_LINE = CommandLine()


@dataclass(frozen=True, slots=True)
class DeviceRow:
    device_id: str
    username: str
    name: str
    created_at: datetime
    revoked_at: datetime | None


@dataclass(frozen=True, slots=True)
class AccessRow:
    at: str
    family_id: str
    username: str
    action: str
    source: str
    device_id: str | None


def add_team(engine: Engine, name: str) -> int:
    name = name.strip()
    if not name:
        raise AdminError("A team needs a name.")
    with write_session(engine) as session:
        if session.exec(select(Team).where(Team.name == name)).first() is not None:
            raise AdminError("A team with that name already exists.")
        team = Team(name=name)
        session.add(team)
        session.flush()
        assert team.id is not None
        return team.id


def add_nurse(
    engine: Engine,
    username: str,
    *,
    teams: list[str],
    full_name: str,
    title: str,
    password: str,
) -> int:
    username = username.strip()
    if not username:
        raise AdminError("A nurse needs a user name.")
    if not full_name.strip() or not title.strip():
        raise AdminError("A nurse needs a full name and a title.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AdminError(f"The password must be at least {MIN_PASSWORD_LENGTH} characters long.")
    if not teams:
        raise AdminError("A nurse needs at least one team.")
    password_hash = hash_password(password)
    with write_session(engine) as session:
        if session.exec(select(Nurse).where(Nurse.username == username)).first() is not None:
            raise AdminError("A nurse with that user name already exists.")
        team_ids: list[int] = []
        for team_name in dict.fromkeys(teams):
            team = session.exec(select(Team).where(Team.name == team_name)).first()
            if team is None or team.id is None:
                raise AdminError("There is no team with that name; add it first.")
            team_ids.append(team.id)
        nurse = Nurse(
            username=username,
            full_name=full_name.strip(),
            title=title.strip(),
            password_hash=password_hash,
        )
        session.add(nurse)
        session.flush()
        assert nurse.id is not None
        for team_id in team_ids:
            session.add(NurseTeam(nurse_id=nurse.id, team_id=team_id))
            session.flush()
        return nurse.id


def nurse_id(engine: Engine, username: str) -> int | None:
    """The id of the nurse with ``username``, or None when there is none."""
    with read_session(engine) as session:
        return session.exec(select(Nurse.id).where(Nurse.username == username)).first()


def move_family(
    engine: Engine, family_id: str, team_name: str, *, actor: Actor = COMMAND_LINE
) -> bool:
    """Reassign a family to a team; False when it already belongs to that team. A move is
    audited as ``FAMILY_MOVE_ACTION`` on the family's id by ``actor`` (a console user, or the
    command line) in the same transaction."""
    with write_session(engine) as session:
        lock_families(session, [family_id])
        team = session.exec(select(Team).where(Team.name == team_name)).first()
        if team is None or team.id is None:
            raise AdminError("There is no team with that name.")
        scope = session.get(FamilyScope, family_id)
        if scope is None:
            raise AdminError("There is no family with that id on this server.")
        if scope.team_id == team.id:
            return False
        scope.team_id = team.id
        scope.updated_at = utcnow()
        session.add(scope)
        audit(session, actor, FAMILY_MOVE_ACTION, family_id)
        return True


def family_team_name(engine: Engine, family_id: str) -> str | None:
    """The name of the team a family belongs to, or None when the server has no such family."""
    with read_session(engine) as session:
        row = session.exec(
            select(Team.name)
            .join(FamilyScope, col(FamilyScope.team_id) == col(Team.id))
            .where(FamilyScope.family_id == family_id)
        ).first()
        return row


def revoke_device(engine: Engine, device_id: str) -> bool:
    """Revoke a device; False when it was already revoked."""
    with write_session(engine) as session:
        device = session.get(Device, device_id)
        if device is None:
            raise AdminError("There is no device with that id.")
        if device.revoked_at is not None:
            return False
        device.revoked_at = utcnow()
        session.add(device)
        return True


def list_devices(engine: Engine) -> list[DeviceRow]:
    with read_session(engine) as session:
        rows = session.exec(
            select(Device, Nurse.username)
            .join(Nurse, col(Nurse.id) == col(Device.nurse_id))
            .order_by(col(Device.created_at), col(Device.id))
        ).all()
        return [
            DeviceRow(d.id, username, d.name, d.created_at, d.revoked_at) for d, username in rows
        ]


def access_log(
    engine: Engine, *, family_id: str | None = None, username: str | None = None
) -> list[AccessRow]:
    """Access-log entries of one family or one user, oldest first (newest last)."""
    if (family_id is None) == (username is None):
        raise AdminError("Give exactly one of a family id or a user name.")
    with read_session(engine) as session:
        query = select(AccessLog)
        if family_id is not None:
            query = query.where(AccessLog.family_id == family_id)
        else:
            query = query.where(AccessLog.username == username)
        entries = session.exec(
            query.order_by(col(AccessLog.at), col(AccessLog.received_at), col(AccessLog.id))
        ).all()
        return [
            AccessRow(e.at, e.family_id, e.username, e.action, e.source, e.device_id)
            for e in entries
        ]
