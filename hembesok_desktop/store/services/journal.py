"""Journal entries: written, signed, amended and voided; never changed once signed.

The database enforces the same rules with triggers, so no code path can break them.
"""

from __future__ import annotations

from ..errors import InvalidInput, JournalRuleViolation
from ..models import JournalEntry
from ..unit_of_work import UnitOfWork
from ._lookup import get_row


def write_entry(
    uow: UnitOfWork,
    *,
    family_id: str,
    text: str,
    child_id: str | None = None,
    contact_id: str | None = None,
) -> JournalEntry:
    """An unsigned entry; it may be edited until it is signed."""
    entry = JournalEntry(
        family_id=family_id,
        child_id=child_id,
        contact_id=contact_id,
        text=text,
        created_at=uow.now(),
    )
    uow.insert(entry)
    return entry


def edit_entry(uow: UnitOfWork, entry_id: str, *, text: str) -> JournalEntry:
    entry = get_row(uow, JournalEntry, entry_id)
    if entry.signed_at is not None:
        raise JournalRuleViolation("A signed journal entry cannot be changed; amend it instead.")
    uow.update(entry, text=text)
    return entry


def sign_entry(
    uow: UnitOfWork, entry_id: str, *, author_name: str, author_title: str
) -> JournalEntry:
    entry = get_row(uow, JournalEntry, entry_id)
    if entry.signed_at is not None:
        raise JournalRuleViolation("This journal entry is already signed.")
    if not entry.text.strip():
        raise InvalidInput("An empty journal entry cannot be signed.")
    if not author_name.strip() or not author_title.strip():
        raise InvalidInput("A signature needs the author's name and title.")
    uow.update(
        entry,
        author_name=author_name.strip(),
        author_title=author_title.strip(),
        signed_at=uow.now(),
    )
    return entry


def amend_entry(
    uow: UnitOfWork, entry_id: str, *, text: str, author_name: str, author_title: str
) -> JournalEntry:
    """A signed correction that points at the original, which stays as it was."""
    original = get_row(uow, JournalEntry, entry_id)
    if original.signed_at is None:
        raise JournalRuleViolation("Only a signed entry is amended; edit an unsigned one.")
    amendment = write_entry(
        uow,
        family_id=original.family_id,
        text=text,
        child_id=original.child_id,
        contact_id=original.contact_id,
    )
    uow.update(amendment, amends=original.id)
    return sign_entry(uow, amendment.id, author_name=author_name, author_title=author_title)


def void_entry(uow: UnitOfWork, entry_id: str, *, reason: str, voided_by: str) -> JournalEntry:
    """Mark a mistaken entry as void; it stays readable, with who voided it, when and why."""
    entry = get_row(uow, JournalEntry, entry_id)
    if entry.voided_at is not None:
        raise JournalRuleViolation("This journal entry is already voided.")
    if not reason.strip():
        raise InvalidInput("A journal entry is voided only with a reason.")
    uow.update(entry, voided_at=uow.now(), voided_reason=reason.strip(), voided_by=voided_by)
    return entry
