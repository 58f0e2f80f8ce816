"""Who may see and change which family: a device belongs to a nurse, a nurse to teams, a family
to exactly one team (``family_scope``). Push and pull are filtered here."""

from __future__ import annotations

from sqlalchemy import bindparam, text
from sqlmodel import Session

from .models import FamilyScope, utcnow

NOT_IN_CASELOAD = "This family is not in your teams' caseload."
NO_TEAM = "Your user belongs to no team, so it cannot create families; ask an administrator."


def family_team(session: Session, family_id: str) -> int | None:
    scope = session.get(FamilyScope, family_id)
    return None if scope is None else scope.team_id


def assign_family(session: Session, family_id: str, team_id: int) -> None:
    scope = session.get(FamilyScope, family_id)
    if scope is None:
        session.add(FamilyScope(family_id=family_id, team_id=team_id))
    else:
        scope.team_id = team_id
        scope.updated_at = utcnow()
        session.add(scope)


def families_in_teams(session: Session, team_ids: tuple[int, ...]) -> set[str]:
    if not team_ids:
        return set()
    # a plain statement on the session's connection: a pull asks this per page, for thousands
    # of families, and needs their ids only (no ORM result processing per row, and no
    # statement built and keyed for the compiled cache per call)
    rows = session.connection().execute(_FAMILIES_IN_TEAMS, {"teams": list(team_ids)})
    return set(rows.scalars())


_FAMILIES_IN_TEAMS = text(
    "SELECT family_id FROM family_scope WHERE team_id IN :teams"
).bindparams(bindparam("teams", expanding=True))
