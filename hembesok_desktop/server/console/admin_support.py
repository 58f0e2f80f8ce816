"""What the administration pages (``pages/admin_*.py``) share: who they are open to, a console
user's team scope, form errors in the console's words, notices, and times as a person reads them.

* ``ADMINISTRATION``: administrator and unit manager. The follow-up and log-reviewer roles open
  no administration page (403, declared in each module's ``ACCESS``).
* ``scope_of(user)``: ``None`` (the whole region) for an administrator, her teams for a unit
  manager; ``admin_views`` and ``admin_families`` answer whatever lies outside it as "not
  found", and so do the pages (404, ``common.not_found``).
* ``FormError``: an ``admin.AdminError`` (or a page's own check) as the form field it belongs
  to and the catalogue key of its one sentence (``messages/admin.json``), shown next to the
  field; the page is answered 400 and nothing was changed.
* ``NOTICES``: the one-sentence notices a redirect after a change may name (``?done=``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import Depends

from ..admin import AdminError
from ..admin_views import TeamScope
from .access import ConsoleRefused, ConsoleUser, require, roles
from .roles import Role

ADMINISTRATION = roles(Role.ADMIN, Role.UNIT_MANAGER)
#: the signed-in user of an administration route (administrator, or a unit manager for her teams)
Administrator = Annotated[ConsoleUser, Depends(require(Role.ADMIN, Role.UNIT_MANAGER))]
ADMIN_ONLY = roles(Role.ADMIN)
#: the region's local time, in which people read the pages' times
LOCAL = ZoneInfo("Europe/Stockholm")

#: ``AdminError.code`` -> (form field, message key)
_BY_CODE: dict[str, tuple[str, str]] = {
    "team_name_missing": ("name", "admin.error_team_name_missing"),
    "team_exists": ("name", "admin.error_team_exists"),
    "username_missing": ("username", "admin.error_username_missing"),
    "username_taken": ("username", "admin.error_username_taken"),
    "full_name_missing": ("full_name", "admin.error_full_name_missing"),
    "title_missing": ("title", "admin.error_title_missing"),
    "teams_missing": ("teams", "admin.error_teams_missing"),
    "no_such_team": ("team", "admin.error_no_such_team"),
    "password_short": ("password", "admin.error_password_short"),
    "last_team": ("team", "admin.error_last_team"),
    "already_deactivated": ("confirm", "admin.error_already_deactivated"),
    "bad_personal_number": ("personal_number", "admin.error_bad_personal_number"),
    "no_such_family": ("family_id", "admin.error_no_such_family"),
}

NOTICES = frozenset(
    {
        "team_added",
        "nurse_added",
        "nurse_deactivated",
        "password_reset",
        "team_joined",
        "team_left",
        "already_member",
        "device_revoked",
        "device_already_revoked",
        "family_moved",
        "family_not_moved",
    }
)


@dataclass(frozen=True, slots=True)
class FormError:
    field: str
    key: str


def form_error(error: AdminError) -> FormError:
    """The field and sentence of ``error``; an unknown code is a programming error."""
    field, key = _BY_CODE[error.code]
    return FormError(field, key)


def scope_of(user: ConsoleUser) -> TeamScope:
    return frozenset(user.team_ids) if user.limited_to_teams else None


def not_found() -> ConsoleRefused:
    return ConsoleRefused(404, "common.not_found")


def notice_key(done: str | None) -> str | None:
    """The message key of a notice named in a redirect (anything else is ignored)."""
    return f"admin.done_{done}" if done in NOTICES else None


def when(moment: datetime | None) -> str:
    """``moment`` in the region's local time, ``2026-12-02 14:05``; "" for none."""
    if moment is None:
        return ""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(LOCAL).strftime("%Y-%m-%d %H:%M")
