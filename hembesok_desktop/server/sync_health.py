"""Sync health for the console: devices that have not synced for N days, changes refused per
device, rows set aside as invalid per family, and the size of the feed and the database.

* A device's last sync is the later of its last push and last pull (``device.last_push_at``,
  ``device.last_pull_at``, set by the sync endpoints); a device that never synced counts as
  not synced since it was enrolled. Revoked devices are listed apart: they cannot sync.
* Refused changes are ``device.refused_changes`` (changes the server answered with a reason).
* Set-aside rows are the stored rows that fail the typed schema (``integrity.bad_rows``),
  which pull leaves out. A stored record does not say which device wrote it, so they are
  counted per family (and its team), not per device.
* Sizes: on PostgreSQL ``pg_database_size`` and ``pg_total_relation_size`` of the ``record``
  table (the compacted change feed: one entry per record, with its indexes); on SQLite
  ``page_count * page_size`` of the file, and the feed's pages from ``dbstat`` where SQLite was
  built with it (else unknown).

``team_ids`` narrows devices to the nurses of those teams and set-aside rows to those teams'
families (a unit manager's); ``None`` is the whole region.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, func, select

from .db import is_postgres, read_session
from .integrity import bad_rows
from .models import Device, FamilyScope, Nurse, NurseTeam, Record, Team

DEFAULT_DAYS = 7
MAX_DAYS = 3650


@dataclass(frozen=True, slots=True)
class DeviceHealth:
    device_id: str
    name: str
    username: str
    last_sync: dt.datetime | None
    refused_changes: int
    revoked: bool
    #: whole days since the last sync (since enrollment when it never synced)
    days_quiet: int


@dataclass(frozen=True, slots=True)
class SetAside:
    family_id: str
    team: str
    rows: int


@dataclass(frozen=True, slots=True)
class Sizes:
    database_bytes: int | None
    feed_bytes: int | None
    feed_entries: int


@dataclass(frozen=True, slots=True)
class SyncHealth:
    days: int
    #: active devices quiet for ``days`` days or more, the quietest first
    quiet: tuple[DeviceHealth, ...]
    #: every device in scope, by nurse and device name
    devices: tuple[DeviceHealth, ...]
    set_aside: tuple[SetAside, ...]
    sizes: Sizes | None


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    if moment is None:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def _devices(
    session: Session, team_ids: Collection[int] | None, now: dt.datetime
) -> list[DeviceHealth]:
    statement = select(Device, Nurse.username).join(Nurse, col(Nurse.id) == col(Device.nurse_id))
    if team_ids is not None:
        members = select(NurseTeam.nurse_id).where(col(NurseTeam.team_id).in_(list(team_ids)))
        statement = statement.where(col(Device.nurse_id).in_(members))
    statement = statement.order_by(col(Nurse.username), col(Device.name), col(Device.id))
    found = []
    for device, username in session.exec(statement):
        syncs = [m for m in (_aware(device.last_push_at), _aware(device.last_pull_at)) if m]
        last = max(syncs) if syncs else None
        since = last or _aware(device.created_at) or now
        found.append(
            DeviceHealth(
                device_id=device.id,
                name=device.name,
                username=username,
                last_sync=last,
                refused_changes=device.refused_changes,
                revoked=device.revoked_at is not None,
                days_quiet=max(0, (now - since).days),
            )
        )
    return found


def _set_aside(engine: Engine, team_ids: Collection[int] | None) -> list[SetAside]:
    per_family = Counter(row.family_id for row in bad_rows(engine))
    if not per_family:
        return []
    with read_session(engine) as session:
        teams = dict(
            session.exec(
                select(FamilyScope.family_id, Team.name)
                .join(Team, col(Team.id) == col(FamilyScope.team_id))
                .where(col(FamilyScope.family_id).in_(list(per_family)))
            ).all()
        )
        allowed = None
        if team_ids is not None:
            allowed = set(
                session.exec(
                    select(FamilyScope.family_id).where(
                        col(FamilyScope.team_id).in_(list(team_ids)),
                        col(FamilyScope.family_id).in_(list(per_family)),
                    )
                ).all()
            )
    return [
        SetAside(family_id, teams.get(family_id, ""), count)
        for family_id, count in sorted(per_family.items())
        if allowed is None or family_id in allowed
    ]


def _sizes(session: Session) -> Sizes:
    entries = session.exec(select(func.count()).select_from(Record)).one()
    connection = session.connection()
    if is_postgres(session.get_bind()):  # type: ignore[arg-type]
        database = connection.execute(text("SELECT pg_database_size(current_database())"))
        feed = connection.execute(text("SELECT pg_total_relation_size('record')"))
        return Sizes(int(database.scalar_one()), int(feed.scalar_one()), int(entries))
    pages = connection.execute(text("PRAGMA page_count")).scalar_one()
    page_size = connection.execute(text("PRAGMA page_size")).scalar_one()
    return Sizes(int(pages) * int(page_size), _sqlite_feed_bytes(session), int(entries))


def _sqlite_feed_bytes(session: Session) -> int | None:
    """The pages of the record table and its indexes (``dbstat``), or None without it."""
    try:
        with session.begin_nested():
            value = session.connection().execute(
                text(
                    "SELECT sum(pgsize) FROM dbstat WHERE name = 'record' OR name IN "
                    "(SELECT name FROM sqlite_master WHERE tbl_name = 'record')"
                )
            )
            total = value.scalar_one()
    except SQLAlchemyError:
        return None
    return int(total or 0)


def sync_health(
    engine: Engine,
    *,
    days: int = DEFAULT_DAYS,
    now: dt.datetime,
    team_ids: Collection[int] | None = None,
    with_sizes: bool = True,
) -> SyncHealth:
    """Sync health on ``now`` (aware) for the selected teams (``None``: the region)."""
    with read_session(engine) as session:
        devices = _devices(session, team_ids, now)
        sizes = _sizes(session) if with_sizes else None
    quiet = sorted(
        (d for d in devices if not d.revoked and d.days_quiet >= days),
        key=lambda d: (-d.days_quiet, d.device_id),
    )
    return SyncHealth(
        days=days,
        quiet=tuple(quiet),
        devices=tuple(devices),
        set_aside=tuple(_set_aside(engine, team_ids)),
        sizes=sizes,
    )
