"""Drafts as the screens restore them: a copy of the payload, by key (``services.drafts`` writes
them)."""

from __future__ import annotations

from typing import Any

from sqlmodel import col, select

from ..models import Draft
from . import ReadSession


def draft_payload(session: ReadSession, key: str) -> dict[str, Any] | None:
    """A copy of the payload of draft ``key``, or None when there is none."""
    draft = session.get(Draft, key)
    return dict(draft.payload) if draft is not None else None


def draft_payloads(session: ReadSession, family_id: str, *, kind: str) -> dict[str, dict[str, Any]]:
    """The family's drafts of ``kind`` ("journal", "visit", "questionnaire"): payloads by key."""
    statement = select(Draft).where(col(Draft.family_id) == family_id, col(Draft.kind) == kind)
    return {draft.key: dict(draft.payload) for draft in session.exec(statement)}
