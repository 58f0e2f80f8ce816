"""The central server's tables (SQLModel). API payloads are the separate ``protocol.wire`` classes.

Identity and authorization: ``team``, ``nurse``, ``nurse_team``, ``device``, ``family_scope``.
Sync state: ``field_state`` (the merged value of every field of every row), ``applied_change``
(idempotency), ``feed`` (the change feed pull reads), ``device_family`` (which families a device
holds, for ``removed_families`` and for back-filling families that enter its scope).
Review: ``access_log`` (entries uploaded by devices and the server's own record of pulls).

Only ids, hashes and clinical field values are stored; nothing here is written to logs.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

#: ``BIGINT`` on PostgreSQL; on SQLite only ``INTEGER PRIMARY KEY`` is the auto-incrementing rowid.
BigIntPK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
#: Timestamps are written timezone-aware in UTC (SQLite hands them back naive, still UTC).
TZDateTime = sa.DateTime(timezone=True)

ID_LEN = 64
HLC_LEN = 100


def utcnow() -> datetime:
    return datetime.now(UTC)


class ServerModel(SQLModel, registry=registry()):
    """Base of the server's tables: their own MetaData, apart from ``SQLModel.metadata`` that the
    laptop store's tables use, so both can live in one process (the demo's embedded server)
    without either's migrations seeing the other's tables."""


class Team(ServerModel, table=True):
    __tablename__ = "team"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)


class Nurse(ServerModel, table=True):
    __tablename__ = "nurse"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=100, unique=True)
    full_name: str = Field(max_length=200)
    title: str = Field(max_length=200)
    #: Argon2id PHC string (argon2-cffi)
    password_hash: str = Field(max_length=300)
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)


class NurseTeam(ServerModel, table=True):
    """Membership; the membership with the lowest ``id`` is the nurse's first team."""

    __tablename__ = "nurse_team"
    __table_args__ = (sa.UniqueConstraint("nurse_id", "team_id", name="uq_nurse_team"),)

    id: int | None = Field(default=None, primary_key=True)
    nurse_id: int = Field(foreign_key="nurse.id", index=True)
    team_id: int = Field(foreign_key="team.id", index=True)


class Device(ServerModel, table=True):
    __tablename__ = "device"

    id: str = Field(primary_key=True, max_length=36)
    nurse_id: int = Field(foreign_key="nurse.id", index=True)
    name: str = Field(max_length=200)
    #: hex SHA-256 of the bearer token; the token itself is never stored
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=TZDateTime)
    #: generation of the last pull answer; cursors carry it back as an acknowledgement
    pull_gen: int = Field(default=0)


class FamilyScope(ServerModel, table=True):
    __tablename__ = "family_scope"

    family_id: str = Field(primary_key=True, max_length=ID_LEN)
    team_id: int = Field(foreign_key="team.id", index=True)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)


class FieldState(ServerModel, table=True):
    """The merged (winning) version of one field of one synced row."""

    __tablename__ = "field_state"
    __table_args__ = (sa.Index("ix_field_state_family", "family_id"),)

    entity: str = Field(primary_key=True, max_length=ID_LEN)
    row_id: str = Field(primary_key=True, max_length=ID_LEN)
    field: str = Field(primary_key=True, max_length=ID_LEN)
    family_id: str = Field(max_length=ID_LEN)
    value: Any = Field(default=None, sa_type=sa.JSON, nullable=True)
    hlc: str = Field(max_length=HLC_LEN)
    base: str | None = Field(default=None, max_length=HLC_LEN)


class AppliedChange(ServerModel, table=True):
    __tablename__ = "applied_change"

    change_id: str = Field(primary_key=True, max_length=ID_LEN)
    device_id: str = Field(max_length=36)
    applied_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)


class FeedEntry(ServerModel, table=True):
    """One entry per changed row per push; ``seq`` order equals commit order (see ``feed``)."""

    __tablename__ = "feed"
    __table_args__ = (
        sa.Index("ix_feed_family_seq", "family_id", "seq"),
        {"sqlite_autoincrement": True},
    )

    seq: int | None = Field(
        default=None, sa_column=sa.Column("seq", BigIntPK, primary_key=True, autoincrement=True)
    )
    entity: str = Field(max_length=ID_LEN)
    row_id: str = Field(max_length=ID_LEN)
    family_id: str = Field(max_length=ID_LEN)


class DeviceFamily(ServerModel, table=True):
    """A family whose rows were sent to a device (see ``pull`` for the generation protocol)."""

    __tablename__ = "device_family"

    device_id: str = Field(foreign_key="device.id", primary_key=True, max_length=36)
    family_id: str = Field(primary_key=True, max_length=ID_LEN)
    #: generation of the pull answer that delivered the family
    delivered_gen: int
    #: generation of the pull answer that first reported the family removed, if any
    removed_gen: int | None = None


class AccessLog(ServerModel, table=True):
    """Reviewable access log: entries uploaded by devices and the server's own pull records."""

    __tablename__ = "access_log"

    id: str = Field(primary_key=True, max_length=ID_LEN)
    #: "device" (uploaded access_log_entry row) or "server" (recorded by the server)
    source: str = Field(max_length=16)
    family_id: str = Field(max_length=ID_LEN, index=True)
    username: str = Field(max_length=100, index=True)
    action: str = Field(max_length=200)
    #: ISO 8601 UTC time of the access
    at: str = Field(max_length=64)
    device_id: str | None = Field(default=None, max_length=36)
    received_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)


class LoginThrottle(ServerModel, table=True):
    """Failed enrollments per user name (``user:NAME``) or client address (``addr:IP``), shared
    by every server process (see ``throttle``)."""

    __tablename__ = "login_throttle"

    key: str = Field(primary_key=True, max_length=200)
    failures: int = Field(default=0)
    #: epoch seconds of the first failure counted in the current window, and of the last one
    window_start: float = Field(default=0.0)
    last_failure: float = Field(default=0.0)
    #: epoch seconds until which every attempt is refused (None: not locked)
    locked_until: float | None = None
