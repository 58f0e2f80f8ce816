"""A family's change history: who changed what, and when (issue 5, "each edit kept").

``family_history`` needs nothing new in the schema. It reads two sources:

- **this laptop's edits**: the outbox (``PendingChange``) keeps one row per local write, also
  after it was sent, with the fields the write set and their new values. Each becomes one
  entry at the write's ``created_at``, by the nurse signed in on this laptop (the store's
  ``actor`` setting: one laptop belongs to one nurse), with its sync state (pending, sent,
  quarantined).
- **edits that came from the server** (another device, or rows present before this laptop
  got them) have no outbox row here. What the local store still knows of them is each field's
  current version (``versions``: a hybrid-logical-clock stamp with the writing replica's
  node). Every current field version that no local outbox row wrote is shown as one entry per
  row and stamp, at the stamp's wall time, with the node as its origin and the field's
  *current* value. Earlier versions from elsewhere, overwritten since, are not kept locally
  and therefore not shown; the central server holds them.

So the history shows this laptop's edits in full, plus each row's current version times.
Access-log rows (who opened the record) and conflict rows are bookkeeping, not edits of the
record, and are left out. Values are rendered as short, language-neutral text (see
``short_text``); the UI turns field names and tokens into the nurse's words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlmodel import Session, col, select

from ..domain.hlc import Timestamp
from .models import (
    Child,
    Contact,
    Enrollment,
    Family,
    FollowUpAction,
    Guardian,
    JournalEntry,
    Measurement,
    PendingChange,
    QuestionnaireResponse,
    Setting,
    SyncedRow,
)

#: the tables whose edits make up a family's history, in display order of entity names
HISTORY_MODELS: tuple[type[SyncedRow], ...] = (
    Family,
    Guardian,
    Child,
    Enrollment,
    Contact,
    JournalEntry,
    Measurement,
    QuestionnaireResponse,
    FollowUpAction,
)
HISTORY_ENTITIES = frozenset(model.entity for model in HISTORY_MODELS)
#: the longest value text shown; longer texts end in "…"
SHORT_TEXT_CHARS = 60
#: values too big or too structured to show in a history line
_HIDDEN_FIELDS = frozenset({"answers", "subscores", "flags"})


@dataclass(frozen=True, slots=True)
class FieldChange:
    name: str
    #: the value as written (wire form: dates as ISO text, lists and dicts as JSON values)
    value: Any
    #: ``value`` as one short line of text ("" for an empty value)
    text: str


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    when: datetime  # aware, UTC
    entity: str  # family | guardian | child | enrollment | contact | journal_entry | ...
    row_id: str
    #: who or what the row is, from its current state ("Amina Testsson", "HB2"); may be ""
    subject: str
    changes: tuple[FieldChange, ...]
    #: the write made the row (every field new), rather than changing it
    created: bool
    #: "local" (an edit on this laptop) or "remote" (a current version written elsewhere)
    origin: str
    #: local: the nurse's name (or user name); remote: the writing replica's node id
    who: str
    #: local: pending | sent | quarantined; remote: ""
    state: str = ""

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(change.name for change in self.changes)


def family_history(session: Session, family_id: str, *, limit: int = 500) -> list[HistoryEntry]:
    """The family's history, newest first, at most ``limit`` entries (see the module doc)."""
    rows = _rows(session, family_id)
    local_stamps: dict[tuple[str, str], set[str]] = {}
    local = session.exec(
        select(PendingChange)
        .where(PendingChange.family_id == family_id)
        .order_by(col(PendingChange.seq).desc())
    ).all()
    who = _local_author(session)
    entries: list[HistoryEntry] = []
    for change in local:
        stamps = local_stamps.setdefault((change.entity, change.row_id), set())
        stamps.update(str(f.get("hlc", "")) for f in change.fields.values() if isinstance(f, dict))
        if change.entity not in HISTORY_ENTITIES:
            continue
        if len(entries) < limit:
            entries.append(_local_entry(change, rows.get(change.row_id), who))
    for row in rows.values():
        entries.extend(_remote_entries(row, local_stamps.get((row.entity, row.id), set())))
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]


def short_text(value: Any) -> str:
    """A stored value as one short line: lists joined by ", ", booleans as "yes"/"no"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime | date):
        value = value.isoformat()
    if isinstance(value, dict):
        return "…" if value else ""
    if isinstance(value, list | tuple):
        text = ", ".join(short_text(item) for item in value)
    else:
        text = " ".join(str(value).split())
    if len(text) > SHORT_TEXT_CHARS:
        text = text[: SHORT_TEXT_CHARS - 1] + "…"
    return text


# ------------------------------------------------------------------ helpers


def _rows(session: Session, family_id: str) -> dict[str, SyncedRow]:
    found: dict[str, SyncedRow] = {}
    for model in HISTORY_MODELS:
        for row in session.exec(select(model).where(model.family_id == family_id)).all():
            found[row.id] = row
    return found


def _local_author(session: Session) -> str:
    setting = session.get(Setting, "actor")
    value = setting.value if setting is not None else None
    if isinstance(value, dict):
        return str(value.get("full_name") or value.get("username") or "")
    return ""


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _changes(items: Iterable[tuple[str, Any]]) -> tuple[FieldChange, ...]:
    return tuple(
        FieldChange(name, value, "" if name in _HIDDEN_FIELDS else short_text(value))
        for name, value in items
        if name != "family_id"
    )


def _local_entry(change: PendingChange, row: SyncedRow | None, who: str) -> HistoryEntry:
    fields = {name: f for name, f in change.fields.items() if isinstance(f, dict)}
    created = bool(fields) and all(f.get("base") is None for f in fields.values())
    return HistoryEntry(
        when=_aware(change.created_at),
        entity=change.entity,
        row_id=change.row_id,
        subject=_subject(row) if row is not None else "",
        changes=_changes((name, f.get("value")) for name, f in fields.items()),
        created=created,
        origin="local",
        who=who,
        state=change.state,
    )


def _remote_entries(row: SyncedRow, local_stamps: set[str]) -> list[HistoryEntry]:
    by_stamp: dict[str, list[str]] = {}
    for name, stamp in row.versions.items():
        if stamp and stamp not in local_stamps:
            by_stamp.setdefault(stamp, []).append(name)
    # the row's first write created it: a row written by a laptop of an older schema lacks
    # the columns added since, so "every synced field" cannot be the test (fixed-width HLC
    # strings sort in clock order)
    oldest = min((stamp for stamp in row.versions.values() if stamp), default="")
    entries = []
    for stamp, names in by_stamp.items():
        try:
            decoded = Timestamp.decode(stamp)
        except ValueError:
            continue
        entries.append(
            HistoryEntry(
                when=datetime.fromtimestamp(decoded.wall_ms / 1000, UTC),
                entity=row.entity,
                row_id=row.id,
                subject=_subject(row),
                changes=_changes((name, getattr(row, name, None)) for name in sorted(names)),
                created=stamp == oldest,
                origin="remote",
                who=decoded.node,
            )
        )
    return entries


def _subject(row: SyncedRow) -> str:
    if isinstance(row, Guardian | Child):
        return f"{row.given_name} {row.family_name}".strip()
    if isinstance(row, Contact):
        return row.contact_code
    return ""
