"""The console's audit log: ``audit`` records every console action in ``console_audit``.

Ids only: ``target`` is a record's, family's, device's or account's id, never a name or a
personal number (a search by personal number is audited as ``family.search_by_personal_number``
with the family id found, or none).
"""

from __future__ import annotations

from typing import Protocol

from sqlmodel import Session

from ..models import ConsoleAudit

MAX_TARGET = 200


class Actor(Protocol):
    """Who acted: a signed-in ``ConsoleUser`` or, during sign-in, a ``Visitor``."""

    @property
    def user_id(self) -> int | None: ...

    @property
    def address(self) -> str: ...


def audit(session: Session, user: Actor, action: str, target: str | int | None = None) -> None:
    """Record ``action`` by ``user`` on ``target`` in the caller's transaction (so the entry
    commits, or not, with what it describes)."""
    session.add(
        ConsoleAudit(
            user_id=user.user_id,
            action=action[:100],
            target=None if target is None else str(target)[:MAX_TARGET],
            address=user.address[:64],
        )
    )
