"""The journal screen: the family's entries (voided and amended ones included) and the draft."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import col, select

from ..models import JournalEntry
from . import ReadSession
from .drafts import draft_payload
from .views import JournalEntryView, view_of


@dataclass(frozen=True)
class JournalView:
    family_id: str
    #: every entry of the family, oldest first
    entries: tuple[JournalEntryView, ...]
    #: the unsigned draft's payload ({"text": ..., "amends": ...}), if one was saved
    draft: dict[str, Any] | None


def journal_entries(session: ReadSession, family_id: str) -> tuple[JournalEntryView, ...]:
    """The family's journal entries, oldest first (by creation, then id)."""
    statement = (
        select(JournalEntry)
        .where(col(JournalEntry.family_id) == family_id)
        .order_by(col(JournalEntry.created_at), col(JournalEntry.id))
    )
    return tuple(view_of(JournalEntryView, row) for row in session.exec(statement))


def journal_view(session: ReadSession, family_id: str, *, draft_key: str) -> JournalView:
    """The entries and the draft saved under ``draft_key``."""
    return JournalView(
        family_id=family_id,
        entries=journal_entries(session, family_id),
        draft=draft_payload(session, draft_key),
    )
