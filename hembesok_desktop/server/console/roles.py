"""The console's roles: the one definition (``Role``) every page's access is declared with.

* ``ADMIN``: the region's IT administrator (teams, nurses, devices, families, set-aside rows)
* ``UNIT_MANAGER``: a BVC unit manager, limited to her teams (``ConsoleUser.team_ids``)
* ``FOLLOW_UP``: the central child-health unit; sees aggregates only (counts below 5 as "<5")
* ``LOG_REVIEWER``: reviews the access log (Patientdatalagen's systematic review)
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "administrator"
    UNIT_MANAGER = "unit_manager"
    FOLLOW_UP = "follow_up"
    LOG_REVIEWER = "log_reviewer"


ALL_ROLES: frozenset[Role] = frozenset(Role)


def parse_role(text: str) -> Role | None:
    """The role named ``text`` (its value, e.g. ``unit_manager``, or ``unit-manager``)."""
    try:
        return Role(text.strip().lower().replace("-", "_"))
    except ValueError:
        return None
