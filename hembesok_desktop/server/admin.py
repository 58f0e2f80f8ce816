"""Administration of the central server: teams, nurses, families' teams, devices, access log.

Each function runs in one transaction and raises ``AdminError`` (one English sentence, no
personal data, and a ``code``) before changing anything when a request cannot be carried out.
The command line (``hembesok-server admin``) passes an ``Engine`` and each change commits on its
own; the console's administration pages pass the ``Session`` of their own write transaction, so
the console's audit entry commits together with the change it records. The console's read side
(lists, the family look-up, the move preview) is ``admin_views`` and ``admin_families``.

A nurse is never deleted (her name signs journal entries): ``deactivate_nurse`` marks her
deactivated and revokes every device of hers in the same transaction, and ``authenticate_nurse``
refuses her enrollment from then on.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, update
from sqlmodel import Session, col, select

from .auth import hash_password
from .console.audit import Actor, audit
from .db import lock_families, read_session, write_session
from .models import AccessLog, Device, FamilyScope, Nurse, NurseTeam, Team, utcnow

MIN_PASSWORD_LENGTH = 8
#: the console's audit action of a family's move, on the family's id: access-log review reads
#: it to know since when the family has been with its team (``access_review``)
FAMILY_MOVE_ACTION = "family.move"


@contextmanager
def transaction(db: Engine | Session) -> Iterator[Session]:
    """A write transaction on ``db``; or, given a ``Session``, that session (the caller's
    transaction, so the console commits its audit entry with the change, or neither)."""
    if isinstance(db, Session):
        yield db
        return
    with write_session(db) as session:
        yield session


class AdminError(Exception):
    """A request the administrator must correct; the message is one sentence.

    ``code`` names the problem for a caller that words it itself (the console's messages key
    their Swedish and English sentences, and the form field they belong to, by it);
    ``"refused"`` where no caller words it itself.
    """

    def __init__(self, message: str, code: str = "refused") -> None:
        super().__init__(message)
        self.code = code


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


def add_team(db: Engine | Session, name: str) -> int:
    name = name.strip()
    if not name:
        raise AdminError("A team needs a name.", "team_name_missing")
    with transaction(db) as session:
        if session.exec(select(Team).where(Team.name == name)).first() is not None:
            raise AdminError("A team with that name already exists.", "team_exists")
        team = Team(name=name)
        session.add(team)
        session.flush()
        assert team.id is not None
        return team.id


def add_nurse(
    db: Engine | Session,
    username: str,
    *,
    teams: list[str],
    full_name: str,
    title: str,
    password: str,
) -> int:
    username = username.strip()
    if not username:
        raise AdminError("A nurse needs a user name.", "username_missing")
    if not full_name.strip():
        raise AdminError("A nurse needs a full name and a title.", "full_name_missing")
    if not title.strip():
        raise AdminError("A nurse needs a full name and a title.", "title_missing")
    password_hash = _checked_password(password)
    if not teams:
        raise AdminError("A nurse needs at least one team.", "teams_missing")
    with transaction(db) as session:
        if session.exec(select(Nurse).where(Nurse.username == username)).first() is not None:
            raise AdminError("A nurse with that user name already exists.", "username_taken")
        team_ids: list[int] = []
        for team_name in dict.fromkeys(teams):
            team = session.exec(select(Team).where(Team.name == team_name)).first()
            if team is None or team.id is None:
                raise AdminError("There is no team with that name; add it first.", "no_such_team")
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


def _checked_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AdminError(
            f"The password must be at least {MIN_PASSWORD_LENGTH} characters long.",
            "password_short",
        )
    return hash_password(password)


def _nurse(session: Session, username: str) -> Nurse:
    nurse = session.exec(select(Nurse).where(Nurse.username == username)).first()
    if nurse is None or nurse.id is None:
        raise AdminError("There is no nurse with that user name.", "no_such_nurse")
    return nurse


def _team_id(session: Session, team_name: str) -> int:
    team = session.exec(select(Team).where(Team.name == team_name)).first()
    if team is None or team.id is None:
        raise AdminError("There is no team with that name.", "no_such_team")
    return team.id


def deactivate_nurse(db: Engine | Session, username: str) -> int:
    """Mark a nurse deactivated and revoke all her devices (one transaction); returns how many
    devices were revoked now. A nurse already deactivated is refused."""
    with transaction(db) as session:
        nurse = _nurse(session, username)
        if nurse.deactivated_at is not None:
            raise AdminError("That nurse is already deactivated.", "already_deactivated")
        now = utcnow()
        nurse.deactivated_at = now
        session.add(nurse)
        revoked = session.execute(
            update(Device)
            .where(col(Device.nurse_id) == nurse.id, col(Device.revoked_at).is_(None))
            .values(revoked_at=now)
        )
        return int(revoked.rowcount or 0)  # type: ignore[attr-defined]


def reset_password(db: Engine | Session, username: str, password: str) -> None:
    """Give a nurse a new password (her enrolled devices keep their tokens)."""
    password_hash = _checked_password(password)
    with transaction(db) as session:
        nurse = _nurse(session, username)
        nurse.password_hash = password_hash
        session.add(nurse)


def add_membership(db: Engine | Session, username: str, team_name: str) -> bool:
    """Add a nurse to a team; False when she already belongs to it."""
    with transaction(db) as session:
        nurse = _nurse(session, username)
        team_id = _team_id(session, team_name)
        exists = session.exec(
            select(NurseTeam.id).where(NurseTeam.nurse_id == nurse.id, NurseTeam.team_id == team_id)
        ).first()
        if exists is not None:
            return False
        assert nurse.id is not None
        session.add(NurseTeam(nurse_id=nurse.id, team_id=team_id))
        return True


def remove_membership(db: Engine | Session, username: str, team_name: str) -> bool:
    """Take a nurse out of a team; False when she does not belong to it. Her last team is
    refused (a nurse needs at least one team)."""
    with transaction(db) as session:
        nurse = _nurse(session, username)
        team_id = _team_id(session, team_name)
        memberships = session.exec(select(NurseTeam).where(NurseTeam.nurse_id == nurse.id)).all()
        mine = [m for m in memberships if m.team_id == team_id]
        if not mine:
            return False
        if len(memberships) == 1:
            raise AdminError(
                "A nurse needs at least one team; add her to another team first.", "last_team"
            )
        session.delete(mine[0])
        return True


def nurse_id(engine: Engine, username: str) -> int | None:
    """The id of the nurse with ``username``, or None when there is none."""
    with read_session(engine) as session:
        return session.exec(select(Nurse.id).where(Nurse.username == username)).first()


def move_family(
    db: Engine | Session, family_id: str, team_name: str, *, actor: Actor = COMMAND_LINE
) -> bool:
    """Reassign a family to a team; False when it already belongs to that team. A move is
    audited as ``FAMILY_MOVE_ACTION`` on the family's id by ``actor`` (a console user, or the
    command line) in the same transaction (``db``'s, when it is the caller's session)."""
    with transaction(db) as session:
        lock_families(session, [family_id])
        team = session.exec(select(Team).where(Team.name == team_name)).first()
        if team is None or team.id is None:
            raise AdminError("There is no team with that name.", "no_such_team")
        scope = session.get(FamilyScope, family_id)
        if scope is None:
            raise AdminError("There is no family with that id on this server.", "no_such_family")
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


def revoke_device(db: Engine | Session, device_id: str) -> bool:
    """Revoke a device; False when it was already revoked."""
    with transaction(db) as session:
        device = session.get(Device, device_id)
        if device is None:
            raise AdminError("There is no device with that id.", "no_such_device")
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
        raise AdminError("Give exactly one of a family id or a user name.", "family_or_user")
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
