"""Read-only queries over the store that several layers use."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from .models import (
    Child,
    Conflict,
    Contact,
    Family,
    Guardian,
    JournalEntry,
    PendingChange,
    QuestionnaireResponse,
)


def stats(session: Session) -> dict[str, int]:
    """Counts of the store's contents, as ``hembesok stats --json`` prints them."""

    def count(statement: object) -> int:
        return int(session.exec(statement).one())  # type: ignore[call-overload]

    return {
        "families": count(select(func.count()).select_from(Family)),
        "guardians": count(select(func.count()).select_from(Guardian)),
        "children": count(select(func.count()).select_from(Child)),
        "contacts": count(select(func.count()).select_from(Contact)),
        "journal_entries": count(select(func.count()).select_from(JournalEntry)),
        "responses": count(select(func.count()).select_from(QuestionnaireResponse)),
        "pending_changes": count(
            select(func.count()).select_from(PendingChange).where(PendingChange.state == "pending")
        ),
        "conflicts": count(
            select(func.count()).select_from(Conflict).where(Conflict.status == "open")
        ),
    }
