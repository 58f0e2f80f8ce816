"""Families for the console's administration: find one, show its team and counts, preview a move.

* ``find_by_personal_number`` normalises the number with ``domain.identity`` (any written form
  of a personnummer or samordningsnummer) and searches the stored ``child`` records for it, as
  ``identity_number`` or as a reserve identity's ``linked_identity_number``. It returns family
  ids only; the caller logs the look-up with the family id, never the number.
* ``family_view`` is a family's team and how many records of each kind it holds: counts and
  ids, never a name or a value.
* ``move_preview`` says what ``admin.move_family`` would do, before it is confirmed: which
  devices lose the family at their next sync (active devices of nurses of the old team who are
  not in the new one; ``pull`` reports it in ``removed_families``) and which gain it (the new
  team's, sent whole by ``pull``'s back-fill), and how many records travel.

Every function takes a ``TeamScope`` (``admin_views``) and answers a family outside it as if it
did not exist. The child look-up reads the JSON documents (``record.doc``) with the database's
own JSON operators; it scans the ``child`` records, which is fine for an occasional console
look-up (an expression index would be the next step for a region of millions).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, func, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from hembesok_desktop.domain.identity import InvalidIdentityNumber, parse_personal_number

from .admin import AdminError
from .admin_views import TeamScope
from .db import read_session
from .models import Device, FamilyScope, Nurse, NurseTeam, Record, Team

#: longest family id the look-up accepts (``models.ID_LEN``)
MAX_FAMILY_ID = 64


@dataclass(frozen=True, slots=True)
class FamilyView:
    family_id: str
    team_id: int
    team_name: str
    #: (entity, count) for every kind of record the family has, by entity
    records: tuple[tuple[str, int], ...]

    @property
    def total(self) -> int:
        return sum(count for _entity, count in self.records)


@dataclass(frozen=True, slots=True)
class DeviceRef:
    device_id: str
    device_name: str
    username: str
    full_name: str


@dataclass(frozen=True, slots=True)
class MovePreview:
    family_id: str
    from_team: str
    to_team: str
    #: devices that remove the family at their next sync
    losing: tuple[DeviceRef, ...]
    #: devices that receive the family whole at their next sync
    gaining: tuple[DeviceRef, ...]
    records: int

    @property
    def changes_nothing(self) -> bool:
        return self.from_team == self.to_team


def _scoped_team(session: Session, family_id: str, scope: TeamScope) -> tuple[int, str] | None:
    row = session.exec(
        select(Team.id, Team.name)
        .join(FamilyScope, col(FamilyScope.team_id) == col(Team.id))
        .where(FamilyScope.family_id == family_id)
    ).first()
    if row is None or row[0] is None or (scope is not None and row[0] not in scope):
        return None
    return row[0], row[1]


def family_view(engine: Engine, family_id: str, scope: TeamScope = None) -> FamilyView | None:
    """A family's team and record counts, or None when there is no such family in ``scope``."""
    family_id = family_id.strip()
    if not family_id or len(family_id) > MAX_FAMILY_ID:
        return None
    with read_session(engine) as session:
        team = _scoped_team(session, family_id, scope)
        if team is None:
            return None
        counts = session.exec(
            select(Record.entity, func.count())
            .where(Record.family_id == family_id)
            .group_by(col(Record.entity))
            .order_by(col(Record.entity))
        ).all()
    return FamilyView(family_id, team[0], team[1], tuple((e, int(n)) for e, n in counts))


def find_by_personal_number(engine: Engine, number: str, scope: TeamScope = None) -> list[str]:
    """Ids of the families in ``scope`` with a child of that personal identity number (sorted).

    Raises ``AdminError`` (code ``bad_personal_number``) when ``number`` is not a valid
    personnummer or samordningsnummer; the message never quotes it.
    """
    try:
        normalised = parse_personal_number(number).value
    except InvalidIdentityNumber as error:
        raise AdminError(str(error), "bad_personal_number") from None
    doc = col(Record.doc)
    with read_session(engine) as session:
        families = session.exec(
            select(Record.family_id)
            .distinct()
            .where(
                Record.entity == "child",
                or_(
                    doc["identity_number"]["value"].as_string() == normalised,
                    doc["linked_identity_number"]["value"].as_string() == normalised,
                ),
            )
        ).all()
        return sorted(f for f in families if _scoped_team(session, f, scope) is not None)


def _active_devices(session: Session, team_ids: set[int]) -> dict[str, tuple[DeviceRef, set[int]]]:
    """Active devices of active nurses in ``team_ids``, each with its nurse's teams among them."""
    rows = session.execute(  # five columns: beyond sqlmodel's typed ``select``
        sa_select(
            col(Device.id),
            col(Device.name),
            col(Nurse.username),
            col(Nurse.full_name),
            col(NurseTeam.team_id),
        )
        .join(Nurse, col(Nurse.id) == col(Device.nurse_id))
        .join(NurseTeam, col(NurseTeam.nurse_id) == col(Nurse.id))
        .where(
            col(NurseTeam.team_id).in_(sorted(team_ids)),
            col(Device.revoked_at).is_(None),
            col(Nurse.deactivated_at).is_(None),
        )
        .order_by(col(Nurse.username), col(Device.created_at), col(Device.id))
    ).all()
    found: dict[str, tuple[DeviceRef, set[int]]] = {}
    for device_id, name, username, full_name, team_id in rows:
        _ref, teams = found.setdefault(
            device_id, (DeviceRef(device_id, name, username, full_name), set())
        )
        teams.add(team_id)
    return found


def move_preview(
    engine: Engine, family_id: str, team_name: str, scope: TeamScope = None
) -> MovePreview:
    """What moving the family to ``team_name`` does (nothing is changed).

    Raises ``AdminError`` (``no_such_family``, ``no_such_team``) for a family or a team that
    does not exist in ``scope``.
    """
    family = family_view(engine, family_id, scope)
    if family is None:
        raise AdminError("There is no family with that id on this server.", "no_such_family")
    with read_session(engine) as session:
        to_id = session.exec(select(Team.id).where(Team.name == team_name)).first()
        if to_id is None or (scope is not None and to_id not in scope):
            raise AdminError("There is no team with that name.", "no_such_team")
        devices = _active_devices(session, {family.team_id, to_id})
    if to_id == family.team_id:
        losing: list[DeviceRef] = []
        gaining: list[DeviceRef] = []
    else:
        losing = [ref for ref, teams in devices.values() if to_id not in teams]
        gaining = [ref for ref, teams in devices.values() if family.team_id not in teams]
    return MovePreview(
        family_id=family.family_id,
        from_team=family.team_name,
        to_team=team_name,
        losing=tuple(losing),
        gaining=tuple(gaining),
        records=family.total,
    )
