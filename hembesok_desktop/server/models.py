"""The central server's tables (SQLModel). API payloads are the separate ``protocol.wire`` classes.

Identity and authorization: ``team``, ``nurse``, ``nurse_team``, ``device``, ``family_scope``.
Sync state: ``record`` (one row per synced record: its merged fields as one document, and its
latest feed sequence number, so the record table is also the compacted change feed pull reads),
``applied_change`` (idempotency), ``device_family`` (which families a device
holds, for ``removed_families`` and for back-filling families that enter its scope).
Review: ``access_log`` (entries uploaded by devices and the server's own record of pulls).
The region's console (``server.console``): ``console_user`` (``ConsoleAccount``),
``console_user_team``, ``console_session``, ``console_audit``, ``access_flag_review``.

Only ids, hashes and clinical field values are stored; nothing here is written to logs.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

#: ``BIGINT`` on PostgreSQL; on SQLite only ``INTEGER PRIMARY KEY`` is the auto-incrementing rowid.
BigIntPK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
#: Timestamps are written timezone-aware in UTC (SQLite hands them back naive, still UTC).
TZDateTime = sa.DateTime(timezone=True)
#: a record's document: ``JSONB`` on PostgreSQL, JSON text on SQLite
JSONDoc = sa.JSON().with_variant(JSONB(), "postgresql")

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
    #: when the nurse was deactivated (None: active)
    deactivated_at: datetime | None = Field(default=None, sa_type=TZDateTime)

    @property
    def active(self) -> bool:
        return self.deactivated_at is None


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
    #: when the device last pushed and pulled (None: never); for the console's sync health
    last_push_at: datetime | None = Field(default=None, sa_type=TZDateTime)
    last_pull_at: datetime | None = Field(default=None, sa_type=TZDateTime)
    #: how many of its pushed changes the server refused, in all
    refused_changes: int = Field(default=0)


class FamilyScope(ServerModel, table=True):
    __tablename__ = "family_scope"

    family_id: str = Field(primary_key=True, max_length=ID_LEN)
    team_id: int = Field(foreign_key="team.id", index=True)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)


class Record(ServerModel, table=True):
    """One synced row: its current fields, each with its winning version, as one document.

    ``doc`` maps a field name to ``{"value": V, "hlc": H}`` plus ``"base": B`` when the version
    has one: the wire's ``fields`` of a ``RowState`` (``protocol.wire``), so a pull serialises it
    as it is. ``seq`` is the record's entry in the change feed: the feed sequence number of its
    latest change (unique; see ``feed``), so the feed holds one entry per record.
    """

    __tablename__ = "record"
    __table_args__ = (
        #: a family's records, and its lowest seq in one probe (``feed``)
        sa.Index("ix_record_family_seq", "family_id", "seq"),
        sa.Index("ix_record_seq", "seq", unique=True),
    )

    entity: str = Field(primary_key=True, max_length=ID_LEN)
    row_id: str = Field(primary_key=True, max_length=ID_LEN)
    family_id: str = Field(max_length=ID_LEN)
    #: NULL only inside the push that creates the record, until ``feed.append`` numbers it
    seq: int | None = Field(default=None, sa_column=sa.Column("seq", sa.BigInteger, nullable=True))
    doc: dict[str, Any] = Field(
        default_factory=dict, sa_column=sa.Column("doc", JSONDoc, nullable=False)
    )


class AppliedChange(ServerModel, table=True):
    __tablename__ = "applied_change"

    change_id: str = Field(primary_key=True, max_length=ID_LEN)
    device_id: str = Field(max_length=36)
    applied_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)


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


class ConsoleAccount(ServerModel, table=True):
    """An account of the region's console (``server.console``): never a nurse, never a device.

    ``role`` is one of ``console.roles.Role``'s values. The TOTP secret (base32, RFC 6238) is
    stored as it is: the server must compute codes from it. ``last_totp_step`` is the time step
    of the last code accepted, so a code is never accepted twice (replay).
    """

    __tablename__ = "console_user"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=100, unique=True)
    full_name: str = Field(max_length=200)
    role: str = Field(max_length=32)
    #: Argon2id PHC string (argon2-cffi), as the nurses'
    password_hash: str = Field(max_length=300)
    totp_secret: str = Field(max_length=64)
    totp_confirmed: bool = Field(default=False)
    active: bool = Field(default=True)
    last_totp_step: int | None = Field(
        default=None, sa_column=sa.Column("last_totp_step", sa.BigInteger, nullable=True)
    )
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)


class ConsoleAccountTeam(ServerModel, table=True):
    """The teams a unit manager's console account is limited to."""

    __tablename__ = "console_user_team"
    __table_args__ = (sa.UniqueConstraint("user_id", "team_id", name="uq_console_user_team"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="console_user.id", index=True)
    team_id: int = Field(foreign_key="team.id", index=True)


class ConsoleSession(ServerModel, table=True):
    """A console browser session. Only the SHA-256 of the cookie's token is stored.

    ``stage``: ``anonymous`` (the sign-in form's session, for its CSRF token), ``password``
    (password accepted, the TOTP code not yet) or ``signed_in``. Idle and absolute expiry are
    computed from ``last_seen_at`` and ``created_at`` on every request, so every worker
    process agrees.
    """

    __tablename__ = "console_session"

    token_hash: str = Field(primary_key=True, max_length=64)
    user_id: int | None = Field(default=None, foreign_key="console_user.id", index=True)
    stage: str = Field(max_length=16)
    csrf_token: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
    last_seen_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime, index=True)


class ConsoleAudit(ServerModel, table=True):
    """Every console action: who (account id), what, on which id, when, from where. Ids only:
    never a name or a personal number in ``target``."""

    __tablename__ = "console_audit"

    id: int | None = Field(default=None, sa_column=sa.Column("id", BigIntPK, primary_key=True))
    user_id: int | None = Field(default=None, foreign_key="console_user.id", index=True)
    action: str = Field(max_length=100)
    target: str | None = Field(default=None, max_length=200)
    at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime, index=True)
    address: str = Field(max_length=64)


class AccessFlagReview(ServerModel, table=True):
    """A reviewer's mark that a flagged access-log entry was reviewed, with a note."""

    __tablename__ = "access_flag_review"
    __table_args__ = (
        sa.UniqueConstraint("access_log_id", "flag_kind", name="uq_access_flag_review"),
    )

    id: int | None = Field(default=None, primary_key=True)
    access_log_id: str = Field(foreign_key="access_log.id", max_length=ID_LEN, index=True)
    flag_kind: str = Field(max_length=32)
    reviewer_id: int = Field(foreign_key="console_user.id", index=True)
    note: str = Field(max_length=2000)
    reviewed_at: datetime = Field(default_factory=utcnow, sa_type=TZDateTime)
