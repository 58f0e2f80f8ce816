"""Drafts: unsigned work in progress (a journal text, a visit, a form's answers).

Drafts are local to this laptop and never synced: they live in the ``draft`` table, which has no
versions and writes no outbox record. The UI saves them continuously (debounced, on the store
worker) so a crash, a killed process or an auto-lock loses nothing typed; signing or completing
the real record discards the draft in the same transaction.

Each function takes a ``Session`` or a ``UnitOfWork`` (its session is used), so a draft can be
discarded inside the transaction that writes the signed record.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session, col, select

from ..errors import InvalidInput
from ..models import Draft
from ..unit_of_work import UnitOfWork

KINDS = frozenset({"journal", "visit", "questionnaire"})


def _session(target: Session | UnitOfWork) -> Session:
    return target.session if isinstance(target, UnitOfWork) else target


def save_draft(
    target: Session | UnitOfWork,
    *,
    key: str,
    family_id: str,
    kind: str,
    payload: dict[str, Any],
) -> Draft:
    """Create or replace the draft ``key``. The caller commits (or the unit of work does)."""
    if kind not in KINDS:
        raise InvalidInput(f"The draft kind {kind!r} is not known.")
    if not key:
        raise InvalidInput("A draft needs a key.")
    session = _session(target)
    draft = session.get(Draft, key)
    now = datetime.now(UTC)
    if draft is None:
        draft = Draft(
            key=key, family_id=family_id, kind=kind, payload=dict(payload), updated_at=now
        )
    else:
        draft.family_id = family_id
        draft.kind = kind
        draft.payload = dict(payload)
        draft.updated_at = now
    session.add(draft)
    return draft


def load_draft(target: Session | UnitOfWork, key: str) -> Draft | None:
    return _session(target).get(Draft, key)


def discard_draft(target: Session | UnitOfWork, key: str) -> bool:
    """Remove the draft ``key``; True when there was one."""
    session = _session(target)
    draft = session.get(Draft, key)
    if draft is None:
        return False
    session.delete(draft)
    return True


def list_drafts(
    target: Session | UnitOfWork, *, family_id: str, kind: str | None = None
) -> list[Draft]:
    """The family's drafts, newest first."""
    statement = select(Draft).where(Draft.family_id == family_id)
    if kind is not None:
        statement = statement.where(Draft.kind == kind)
    statement = statement.order_by(col(Draft.updated_at).desc())
    return list(_session(target).exec(statement))
