"""Credentials: Argon2id password hashes, device tokens, and the bearer-token dependency.

A device enrolls once with the nurse's user name and password and receives a random 256-bit
token. Only its SHA-256 is stored (a hash of a high-entropy secret needs no slow KDF); revoking
the device sets ``revoked_at`` and every later request with the token is refused with 401.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, text
from sqlmodel import Session, col, select

from .db import write_session
from .models import Device, Nurse, NurseTeam, Team

#: argon2-cffi's defaults are Argon2id, t=3, m=64 MiB, p=4 (RFC 9106 second recommendation).
_hasher = PasswordHasher()
#: verified against when the user name is unknown, so both failures cost the same time
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))

BAD_CREDENTIALS = "The user name or password is not correct."
MISSING_TOKEN = "This request needs a device token; enroll the device first."
BAD_TOKEN = "The device token is not valid or the device was revoked; enroll the device again."


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def check_password(password_hash: str | None, password: str) -> bool:
    """Verify ``password``; against a dummy hash when there is no account (``None``), so an
    unknown user name costs the same Argon2 time as a wrong password."""
    if password_hash is None:
        verify_password(_DUMMY_HASH, password)
        return False
    return verify_password(password_hash, password)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class DeviceContext:
    """Who is calling: the device, its nurse, and her teams (ids, in membership order)."""

    device_id: str
    nurse_id: int
    username: str
    team_ids: tuple[int, ...]
    pull_gen: int
    #: the nurse's name and title: what her signatures and records must carry
    full_name: str = ""
    title: str = ""


def nurse_team_ids(session: Session, nurse_id: int) -> tuple[int, ...]:
    rows = session.exec(
        select(NurseTeam.team_id)
        .where(NurseTeam.nurse_id == nurse_id)
        .order_by(col(NurseTeam.id))
    ).all()
    return tuple(rows)


def team_names(session: Session, team_ids: tuple[int, ...]) -> list[str]:
    if not team_ids:
        return []
    names = dict(
        session.exec(select(Team.id, Team.name).where(col(Team.id).in_(team_ids))).all()
    )
    return [names[team_id] for team_id in team_ids if team_id in names]


def authenticate_nurse(session: Session, username: str, password: str) -> Nurse | None:
    nurse = session.exec(select(Nurse).where(Nurse.username == username)).first()
    if nurse is None or nurse.deactivated_at is not None:
        verify_password(_DUMMY_HASH, password)  # the same cost and answer as an unknown user
        return None
    return nurse if verify_password(nurse.password_hash, password) else None


def enroll_device(engine: Engine, nurse_id: int, device_name: str) -> tuple[str, str]:
    """Create a device for the nurse; returns (device_id, token). The token is shown once."""
    token = new_token()
    device_id = str(uuid.uuid4())
    with write_session(engine) as session:
        session.add(
            Device(id=device_id, nurse_id=nurse_id, name=device_name, token_hash=token_hash(token))
        )
    return device_id, token


#: the device, its nurse and her teams in one statement (one row per membership, in membership
#: order; one row with a NULL team when she has none): every sync request asks this first
_DEVICE_FOR_TOKEN = text(
    "SELECT d.id, d.pull_gen, d.revoked_at, n.id, n.username, n.full_name, n.title, "
    "n.deactivated_at, t.team_id "
    "FROM device AS d JOIN nurse AS n ON n.id = d.nurse_id "
    "LEFT JOIN nurse_team AS t ON t.nurse_id = n.id "
    "WHERE d.token_hash = :token_hash ORDER BY t.id"
)


def device_for_token(session: Session, token: str) -> DeviceContext | None:
    """Who calls with ``token`` (None: unknown, revoked, or the nurse deactivated)."""
    return device_on_connection(session.connection(), token)


def device_on_connection(connection: Connection, token: str) -> DeviceContext | None:
    """``device_for_token`` on a plain connection: a single read, so it needs no transaction
    of its own and sees one consistent state of the device, nurse and memberships."""
    rows = connection.execute(_DEVICE_FOR_TOKEN, {"token_hash": token_hash(token)}).all()
    if not rows:
        return None
    device_id, pull_gen, revoked_at, nurse_id, username, full_name, title, deactivated, _ = rows[0]
    if revoked_at is not None or deactivated is not None or nurse_id is None:
        return None
    return DeviceContext(
        device_id=device_id,
        nurse_id=int(nurse_id),
        username=username,
        team_ids=tuple(int(row[8]) for row in rows if row[8] is not None),
        pull_gen=int(pull_gen),
        full_name=full_name,
        title=title,
    )
