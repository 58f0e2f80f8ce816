"""The change feed and its cursor.

Every push appends one ``feed`` row per changed row; pull reads the rows after a cursor.

**Why the cursor never skips a change.** A cursor is the highest feed ``seq`` a device has
read. That is only safe if no transaction can later commit a *lower* ``seq`` than one a reader
already saw. On PostgreSQL, sequence values are handed out at insert time and transactions
commit in any order, so a naive feed can skip: T1 takes seq 5, T2 takes seq 6 and commits, a
pull reads 6 and moves its cursor past 5, then T1 commits 5 -- never to be read.

We make seq order equal commit order: a push takes the transaction-scoped advisory lock
``pg_advisory_xact_lock(FEED)`` (``db.lock_feed``) immediately *before* it inserts its feed rows
and holds it until COMMIT. PostgreSQL makes a commit visible before it releases the
transaction's locks, so when T2 obtains its seq, every transaction with a lower seq has either
committed (and is visible) or rolled back (its seq is a harmless gap). Hence any snapshot that
contains seq N contains every committed seq below N, and the cursor may safely advance to the
highest seq visible in the pull's snapshot (pull runs REPEATABLE READ so all its statements see
one snapshot). Only the short tail of a push -- feed insert and commit -- is serialised; merging
runs in parallel, serialised per family by ``db.lock_families``. On SQLite, writers are serialised
by ``BEGIN IMMEDIATE`` anyway and a read transaction sees one WAL snapshot.

The cursor is opaque to clients. It encodes ``seq`` and the device's pull generation ``gen``
(see ``pull``), base64url-encoded.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from .db import lock_feed
from .models import FamilyScope, FeedEntry

_CURSOR_PREFIX = "c1"
#: seq and gen are BIGINT columns: a cursor beyond them was not issued by this server
_INT_LIMIT = 2**63


class CursorError(ValueError):
    """A cursor this server did not issue."""


@dataclass(frozen=True, slots=True)
class Cursor:
    seq: int = 0
    gen: int = 0

    def encode(self) -> str:
        raw = f"{_CURSOR_PREFIX}.{self.seq}.{self.gen}".encode("ascii")
        return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")

    @classmethod
    def decode(cls, text: str | None) -> Cursor:
        if not text:
            return cls()
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode("ascii")
            prefix, seq, gen = raw.split(".")
            if prefix != _CURSOR_PREFIX or not (seq.isascii() and gen.isascii()):
                raise ValueError
            cursor = cls(int(seq), int(gen))
        except (ValueError, binascii.Error, UnicodeDecodeError):
            raise CursorError("The cursor is not valid; start again without one.") from None
        if not (0 <= cursor.seq < _INT_LIMIT and 0 <= cursor.gen < _INT_LIMIT):
            raise CursorError("The cursor is not valid; start again without one.")
        return cursor


def append(session: Session, rows: Iterable[tuple[str, str, str]]) -> None:
    """Append (entity, row_id, family_id) entries; call last in the write transaction."""
    entries = [FeedEntry(entity=e, row_id=r, family_id=f) for e, r, f in rows]
    if not entries:
        return
    lock_feed(session)
    session.add_all(entries)
    session.flush()


def max_seq(session: Session) -> int:
    value = session.exec(select(func.coalesce(func.max(FeedEntry.seq), 0))).one()
    return int(value or 0)


def scan(
    session: Session, *, after: int, team_ids: tuple[int, ...], limit: int
) -> list[FeedEntry]:
    """Feed entries after ``after`` of families now in the given teams, in seq order."""
    if not team_ids:
        return []
    return list(
        session.exec(
            select(FeedEntry)
            .join(FamilyScope, col(FamilyScope.family_id) == col(FeedEntry.family_id))
            .where(col(FeedEntry.seq) > after, col(FamilyScope.team_id).in_(team_ids))
            .order_by(col(FeedEntry.seq))
            .limit(limit)
        ).all()
    )


def families_with_entries_up_to(session: Session, seq: int, family_ids: set[str]) -> set[str]:
    """Which of ``family_ids`` have at least one feed entry with seq <= ``seq``."""
    if seq <= 0 or not family_ids:
        return set()
    found: set[str] = set()
    ids = sorted(family_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        found.update(
            session.exec(
                select(FeedEntry.family_id)
                .where(col(FeedEntry.family_id).in_(chunk), col(FeedEntry.seq) <= seq)
                .distinct()
            ).all()
        )
    return found
