"""The store's sync-facing API: the outbox, applying the server's rows, scope removal, sync state.

Everything here speaks plain dicts and dataclasses (the wire shapes of ``protocol.wire`` without
importing it); ``store.sync_port`` turns them into protocol objects for ``sync.engine``.

**Outbox.** Every local write already recorded a ``PendingChange`` in its own transaction.
``pending_changes`` hands the oldest pending ones out (``pending_wire`` in their wire JSON, as a
push sends them); ``mark_sent`` is called only after the
server acknowledged them; ``quarantine`` sets aside a change the server refused, with the
server's reason. A quarantined change is kept and shown, never retried automatically;
``retry_quarantined`` requeues it once the nurse has fixed the cause.

**Applying the server's rows** (``apply_remote_rows``). Each row is the server's merged state of
one record: every field with its winning version. Fields are merged with the same rule the server
uses (``protocol.merge``): the larger hybrid-logical-clock timestamp wins, so replicas converge.
Conflicts are decided (and kept as ``conflict`` rows) by the server, which sees every write; they
arrive here as ordinary rows and are stored like any other. Two local values never win over the
server's even with a larger timestamp, because the server has refused or will refuse them:

* a value written by a change the server refused (quarantined): the refused value stays in the
  quarantine record for the nurse to see and retry;
* a field of a record that is final on the server (a signed journal entry, a completed
  questionnaire response, an access-log entry, or the void fields once voided; the one table of
  these rules is ``domain.finality``): the server refuses any other value, so the local value
  would never converge otherwise; the local pending change is still pushed and comes back
  refused, so it is kept too.

If such a correction touches a record that is also final *locally* (two laptops signed or voided
the same entry concurrently), the database's journal triggers forbid the update; the record is
then replaced by the server's version under a ``scope_removal`` permit inside the same
transaction. The local, refused version stays in the quarantined change.

Values arrive in their wire form, are checked against the typed schema (``protocol.schema``, the
one the server checks pushes against) and converted back per column (dates, datetimes as aware
UTC, floats, JSON). **A row that cannot be stored** (a value that fails the schema, a new row
without a required field, a record of an unknown kind) is *set aside* with its reason: kept in
the ``sync_set_aside_rows`` setting (ids, kind, reason, never values; ``set_aside_rows``), shown
with the refused changes, and the rest of the page is applied. It is dropped from that list
when a later version of the row applies. Applied values create no outbox records; ``versions``
is updated, and the store's clock observes the newest timestamp so later local writes order
after what was seen. The pull cursor and the families the server reported as removed are saved
in the same transaction as the rows, so an interrupted sync resumes exactly where it stopped.

**Scope removal** (``remove_families``): a family that left the nurse's scope is deleted from the
laptop only when none of its changes is still pending: in one transaction its id is put in
``scope_removal`` (the only thing the triggers accept as a reason to delete clinical rows), its
rows, derived rows (search text, caseload index) and already-sent outbox records are deleted,
and the permit is removed again.
Quarantined changes of the family are kept (nothing is lost silently); drafts are kept too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

import orjson
from sqlalchemy import delete, func, inspect, update
from sqlalchemy import types as satypes
from sqlalchemy.engine import Dialect
from sqlmodel import Session, col, select

from ..domain import finality
from ..protocol import schema
from ..protocol.merge import Version, merge_field, values_equal
from . import derived, raw_sql
from .database import Store
from .errors import InvalidInput, JournalRuleViolation, NotFound
from .models import (
    MODEL_BY_ENTITY,
    Conflict,
    PendingChange,
    ScopeRemoval,
    Setting,
    SyncedRow,
)
from .unit_of_work import Actor, Changed, UnitOfWork

# -- settings ------------------------------------------------------------------------------
SYNC_CURSOR = "sync_cursor"
LAST_SYNCED_AT = "last_synced_at"
SERVER_URL = "server_url"
SERVER_CA_FILE = "server_ca_file"
DEVICE_ID = "device_id"
DEVICE_TOKEN = "device_token"
#: families the server reported as out of scope, not yet removed (their changes were pending)
PENDING_REMOVALS = "sync_pending_removals"
#: pulled rows that could not be stored: [{entity, row_id, family_id, reason, at}]
SET_ASIDE = "sync_set_aside_rows"
MAX_SET_ASIDE = 1000


@dataclass(frozen=True, slots=True)
class SyncState:
    server_url: str | None
    device_id: str | None
    device_token: str | None
    ca_file: str | None
    cursor: str | None
    last_synced_at: str | None

    @property
    def enrolled(self) -> bool:
        return bool(self.server_url and self.device_token)


@dataclass(slots=True)
class AppliedSummary:
    """What applying one page of the server's rows did: counts, and ``changed`` (ids only)."""

    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    #: conflict rows that were new on this laptop
    new_conflicts: int = 0
    #: rows replaced because their local final state had been refused by the server
    replaced: int = 0
    #: rows that could not be applied (unknown kind, missing or malformed fields): set aside
    skipped: int = 0
    #: the rows inserted, updated or replaced, their kinds and families (as a local write's)
    changed: Changed = field(default_factory=Changed)


@contextmanager
def _transaction(store: Store) -> Iterator[Session]:
    """A write transaction (BEGIN IMMEDIATE) without outbox bookkeeping."""
    with store.write_session() as session:
        yield session


def _text_setting(session: Session, key: str) -> str | None:
    row = session.get(Setting, key)
    return row.value if row is not None and isinstance(row.value, str) else None


def _set(session: Session, key: str, value: object) -> None:
    session.merge(Setting(key=key, value=value))


# -- sync state ------------------------------------------------------------------------------
def sync_state(store: Store) -> SyncState:
    with store.read() as session:
        return SyncState(
            server_url=_text_setting(session, SERVER_URL),
            device_id=_text_setting(session, DEVICE_ID),
            device_token=_text_setting(session, DEVICE_TOKEN),
            ca_file=_text_setting(session, SERVER_CA_FILE),
            cursor=_text_setting(session, SYNC_CURSOR),
            last_synced_at=_text_setting(session, LAST_SYNCED_AT),
        )


def save_enrollment(
    store: Store,
    *,
    server_url: str,
    device_id: str,
    device_token: str,
    actor: Actor,
    ca_file: str | None = None,
) -> None:
    """Record an enrollment (one transaction). Another server means starting the feed afresh."""
    with _transaction(store) as session:
        if _text_setting(session, SERVER_URL) != server_url:
            _set(session, SYNC_CURSOR, None)
            _set(session, PENDING_REMOVALS, [])
        _set(session, SERVER_URL, server_url)
        _set(session, DEVICE_ID, device_id)
        _set(session, DEVICE_TOKEN, device_token)
        _set(session, SERVER_CA_FILE, ca_file)
    store.set_setting("actor", actor.as_setting())


def sync_cursor(store: Store) -> str | None:
    with store.read() as session:
        return _text_setting(session, SYNC_CURSOR)


def record_sync_finished(store: Store, at: datetime | None = None) -> None:
    moment = (at or datetime.now(UTC)).astimezone(UTC).isoformat()
    store.set_setting(LAST_SYNCED_AT, moment)


# -- outbox ----------------------------------------------------------------------------------
def _change_dict(change: PendingChange) -> dict[str, Any]:
    return {
        "change_id": change.change_id,
        "entity": change.entity,
        "row_id": change.row_id,
        "family_id": change.family_id,
        "fields": change.fields,
        "created_at": change.created_at,
        "state": change.state,
        "reason": change.reason,
    }


def count_pending(store: Store) -> int:
    with store.read() as session:
        statement = select(func.count()).select_from(PendingChange)
        return int(session.exec(statement.where(PendingChange.state == "pending")).one())


def count_quarantined(store: Store) -> int:
    """Changes the server refused (set aside until the nurse retries them)."""
    with store.read() as session:
        statement = select(func.count()).select_from(PendingChange)
        return int(session.exec(statement.where(PendingChange.state == "quarantined")).one())


def pending_changes(store: Store, *, limit: int) -> list[dict[str, Any]]:
    """The oldest ``limit`` changes not yet acknowledged by the server, oldest first."""
    with store.read() as session:
        rows = session.exec(
            select(PendingChange)
            .where(PendingChange.state == "pending")
            .order_by(col(PendingChange.seq))
            .limit(limit)
        ).all()
        return [_change_dict(row) for row in rows]


#: the oldest pending changes as the wire's change objects: the stored fields text is embedded as
#: it is (``orjson.Fragment``), so a first upload builds no object per field and parses nothing
_PENDING_WIRE = (
    "SELECT seq, change_id, entity, row_id, family_id, fields FROM pending_change "
    "WHERE state = 'pending' AND seq > :after ORDER BY seq LIMIT :limit"
)


def pending_wire(store: Store, *, limit: int, after: int = 0) -> list[tuple[int, str, bytes]]:
    """The oldest ``limit`` pending changes after outbox place ``after``, as (place, change id,
    the change's wire JSON)."""
    with store.read() as session:
        rows = raw_sql.fetch(session, _PENDING_WIRE, {"limit": limit, "after": after})
    return [
        (
            seq,
            change_id,
            orjson.dumps(
                {
                    "change_id": change_id,
                    "entity": entity,
                    "row_id": row_id,
                    "family_id": family_id,
                    "fields": orjson.Fragment(fields),
                }
            ),
        )
        for seq, change_id, entity, row_id, family_id, fields in rows
    ]


def mark_sent(store: Store, change_ids: Iterable[str]) -> int:
    """Mark acknowledged changes sent; returns how many were pending."""
    with _transaction(store) as session:
        return _mark_sent(session, list(dict.fromkeys(change_ids)))


# The ids come as one JSON parameter; ``+state`` keeps SQLite from answering through the
# (state, seq) index, which made it walk every pending change for each batch (a first upload's
# acknowledgements grew with the square of the outbox) instead of looking up each id.
_MARK_SENT = (
    "UPDATE pending_change SET state = 'sent', reason = '' "
    "WHERE change_id IN (SELECT value FROM json_each(:ids)) AND +state = 'pending'"
)
_QUARANTINE = (
    "UPDATE pending_change SET state = 'quarantined', reason = :reason "
    "WHERE change_id = :change_id AND +state = 'pending'"
)


def _mark_sent(session: Session, ids: list[str]) -> int:
    if not ids:
        return 0
    return raw_sql.run(session, _MARK_SENT, {"ids": orjson.dumps(ids).decode()})


def _quarantine(session: Session, change_id: str, reason: str) -> bool:
    text = reason.strip()[:500] or "Refused by the server."
    return raw_sql.run(session, _QUARANTINE, {"change_id": change_id, "reason": text}) > 0


def quarantine(store: Store, change_id: str, reason: str) -> bool:
    """Set aside a change the server refused, with its reason; False if it was not pending."""
    with _transaction(store) as session:
        return _quarantine(session, change_id, reason)


def acknowledge(store: Store, accepted: Iterable[str], rejected: Iterable[tuple[str, str]]) -> None:
    """The server's answer to a push, in one transaction: accepted sent, rejected quarantined."""
    with _transaction(store) as session:
        _mark_sent(session, list(dict.fromkeys(accepted)))
        for change_id, reason in rejected:
            _quarantine(session, change_id, reason)


def quarantined_changes(store: Store, *, family_id: str | None = None) -> list[dict[str, Any]]:
    """Changes the server refused, oldest first, each with the server's reason."""
    with store.read() as session:
        statement = select(PendingChange).where(PendingChange.state == "quarantined")
        if family_id is not None:
            statement = statement.where(PendingChange.family_id == family_id)
        rows = session.exec(statement.order_by(col(PendingChange.seq))).all()
        return [_change_dict(row) for row in rows]


def retry_quarantined(store: Store, change_ids: Iterable[str] | None = None) -> int:
    """Requeue quarantined changes (all, or the given ones) for the next sync."""
    with _transaction(store) as session:
        statement = update(PendingChange).where(col(PendingChange.state) == "quarantined")
        if change_ids is not None:
            statement = statement.where(col(PendingChange.change_id).in_(list(change_ids)))
        result = session.execute(statement.values(state="pending", reason=""))
        return int(getattr(result, "rowcount", 0) or 0)


# -- values between the wire and the columns -----------------------------------------------
def wire_value(value: Any) -> Any:
    """A stored value in its wire form (SQLite hands datetimes back naive; they are UTC)."""
    if isinstance(value, datetime):
        moment = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return moment.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


@dataclass(frozen=True, slots=True)
class _Columns:
    kinds: dict[str, str]
    required: frozenset[str]


@cache
def _columns(model: type[SyncedRow]) -> _Columns:
    kinds: dict[str, str] = {}
    for column in inspect(model).columns:
        name = column.key
        if name in model.local_columns:
            continue
        kind = column.type
        if isinstance(kind, satypes.TypeDecorator):
            kind = kind.impl_instance
        if isinstance(kind, satypes.DateTime):
            kinds[name] = "datetime"
        elif isinstance(kind, satypes.Date):
            kinds[name] = "date"
        elif isinstance(kind, satypes.Float):
            kinds[name] = "float"
        elif isinstance(kind, satypes.Boolean):
            kinds[name] = "bool"
        else:
            kinds[name] = "plain"
    required = frozenset(
        name for name, info in model.model_fields.items() if name in kinds and info.is_required()
    )
    return _Columns(kinds, required)


class _BadValue(ValueError):
    pass


class _SetAside(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def python_value(kind: str, value: Any) -> Any:
    """A wire value converted for a column of ``kind``; raises ValueError when malformed."""
    if value is None:
        return None
    if kind == "datetime":
        if isinstance(value, datetime):
            moment = value
        elif isinstance(value, str):
            moment = datetime.fromisoformat(value)
        else:
            raise _BadValue("not a datetime")
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    if kind == "date":
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            return date.fromisoformat(value)
        raise _BadValue("not a date")
    if kind == "float":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _BadValue("not a number")
        return float(value)
    if kind == "bool" and not isinstance(value, bool):
        raise _BadValue("not true or false")
    return value


def column_value(entity: str, field: str, value: Any) -> Any:
    """``value`` (wire form or Python) converted for ``entity.field``; raises InvalidInput."""
    model = MODEL_BY_ENTITY.get(entity)
    if model is None or field not in _columns(model).kinds:
        raise InvalidInput(f"There is no field {field} on records of kind {entity}.")
    try:
        return python_value(_columns(model).kinds[field], value)
    except ValueError:
        raise InvalidInput(f"The value does not fit the field {field}.") from None


# -- finality (the one table is domain.finality; the triggers of migration 0001 enforce it) --
def _server_final_fields(entity: str, fields: Mapping[str, Mapping[str, Any]]) -> frozenset[str]:
    """Fields whose value on the server can no longer change, so the server's value is kept.

    Besides the table's final fields, a replica also keeps the void fields of any voided record
    as the server holds them, even one that is not (yet) final.
    """
    values = {name: version.get("value") for name, version in fields.items()}
    final = finality.final_fields(entity, values, fields)
    if finality.is_voided(entity, values):
        final |= finality.void_fields(entity) & fields.keys()
    return final


def _locally_protected(row: SyncedRow) -> frozenset[str]:
    """Columns the database's triggers would refuse to change on this row as it is stored."""
    values = {name: getattr(row, name) for name in finality.state_fields(row.entity)}
    return finality.store_guarded_fields(row.entity, values, _columns(type(row)).kinds)


# -- applying the server's rows ------------------------------------------------------------
def _refused_versions(session: Session) -> dict[tuple[str, str], dict[str, set[str]]]:
    refused: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for change in session.exec(
        select(PendingChange).where(PendingChange.state == "quarantined")
    ).all():
        for name, version in change.fields.items():
            if isinstance(version, dict) and isinstance(version.get("hlc"), str):
                refused[(change.entity, change.row_id)][name].add(version["hlc"])
    return refused


def _newest_hlc(rows: Sequence[Mapping[str, Any]]) -> str | None:
    """The newest version stamp on the page (the page's shape was checked: stamps are text)."""
    newest = ""
    for row in rows:
        for version in row["fields"].values():
            stamp = version.get("hlc")
            if isinstance(stamp, str) and stamp > newest:
                newest = stamp
    return newest or None


def apply_remote_rows(
    store: Store,
    rows: Sequence[Mapping[str, Any]],
    *,
    cursor: str | None = None,
    removed_families: Iterable[str] = (),
) -> AppliedSummary:
    """Apply one page of the server's rows in one transaction, with the page's cursor.

    ``rows`` are ``{"entity", "row_id", "family_id", "fields": {name: {"value", "hlc",
    "base"}}}``. When ``cursor`` is given it is saved in the same transaction; families in
    ``removed_families`` are remembered for ``remove_families``. The summary's ``changed``
    names the rows that were inserted, updated or replaced (as a local write's ``Changed``, so
    views refresh only those). Raises ``domain.hlc.ClockDriftError`` (and applies nothing) if
    a version lies more than a day ahead of this laptop's clock.
    """
    summary = AppliedSummary(rows=len(rows))
    newest = _newest_hlc(rows)
    if newest is not None:
        store.clock.observe(newest)
    with _transaction(store) as session:
        refused = _refused_versions(session)
        removals = set(_pending_removals(session)) | set(removed_families)
        changed_entities: set[str] = set()
        changed_families: set[str] = set()
        changed_rows: set[str] = set()
        by_entity: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        for row in rows:
            by_entity[str(row["entity"])].append(row)
        aside = _SetAsideList(session)
        for entity, entity_rows in by_entity.items():
            model = MODEL_BY_ENTITY.get(entity)
            if model is None:
                for row in entity_rows:
                    aside.add(row, "This laptop does not know records of this kind.")
                summary.skipped += len(entity_rows)
                continue
            existing = _load(session, model, [str(row["row_id"]) for row in entity_rows])
            inserts = _Inserts(session, model, existing)
            for row in entity_rows:
                try:
                    inserts.settle(str(row["row_id"]))
                    # every check comes before the row is touched: nothing to roll back
                    outcome = _apply_row(session, model, row, existing, refused, inserts)
                except _SetAside as refusal:
                    aside.add(row, refusal.reason)
                    summary.skipped += 1
                    continue
                aside.discard(row)
                if outcome == "skipped":
                    summary.skipped += 1
                    continue
                removals.discard(str(row["family_id"]))
                if outcome == "unchanged":
                    summary.unchanged += 1
                    continue
                if outcome == "inserted":
                    summary.inserted += 1
                    if entity == "conflict":
                        summary.new_conflicts += 1
                elif outcome == "replaced":
                    summary.replaced += 1
                else:
                    summary.updated += 1
                changed_entities.add(entity)
                changed_families.add(str(row["family_id"]))
                changed_rows.add(str(row["row_id"]))
            inserts.write()
        derived.refresh(session, entities=changed_entities, family_ids=changed_families)
        if cursor is not None:
            _set(session, SYNC_CURSOR, cursor)
        _set(session, PENDING_REMOVALS, sorted(removals))
        aside.save()
        _set(session, "clock_last", store.clock.last())
    summary.changed = Changed(
        entities=frozenset(changed_entities),
        row_ids=frozenset(changed_rows),
        family_ids=frozenset(changed_families),
    )
    return summary


@dataclass(frozen=True, slots=True)
class _Defaults:
    """The defaults of every column of a model's table: fixed values, and the columns whose
    default is made by a factory (a fresh list, a fresh id) for each row."""

    fixed: dict[str, Any]
    made: tuple[tuple[str, Callable[[], Any]], ...]


@cache
def _defaults(model: type[SyncedRow]) -> _Defaults:
    fields = model.model_fields
    fixed: dict[str, Any] = {}
    made: list[tuple[str, Callable[[], Any]]] = []
    for column in model.__table__.columns:  # type: ignore[attr-defined]
        info = fields.get(column.key)
        factory = None if info is None else info.default_factory
        if factory is not None:
            made.append((column.key, factory))  # type: ignore[arg-type]
        else:
            fixed[column.key] = None if info is None or info.is_required() else info.default
    return _Defaults(fixed, tuple(made))


class _Inserts:
    """A page's new rows of one model, written with one bulk INSERT (not row by row, and no
    ORM object per row: each row is its column values, the model's defaults filled in).

    A row id met again before the INSERT (a page never holds one row twice, but be safe) first
    writes the pending rows and loads that row, so it is then updated like any stored row.
    """

    def __init__(
        self, session: Session, model: type[SyncedRow], existing: dict[str, SyncedRow]
    ) -> None:
        self.session = session
        self.model = model
        self.existing = existing
        self.pending: dict[str, dict[str, Any]] = {}

    def add(self, row_id: str, values: dict[str, Any]) -> None:
        defaults = _defaults(self.model)
        row = {**defaults.fixed, **values}
        for key, factory in defaults.made:
            if key not in values:
                row[key] = factory()
        self.pending[row_id] = row

    def settle(self, row_id: str) -> None:
        if row_id in self.pending:
            self.write()
            stored = self.session.get(self.model, row_id)
            assert stored is not None
            self.existing[row_id] = stored

    def write(self) -> None:
        if not self.pending:
            return
        connection = self.session.connection()
        statement, (names, binds) = _insert_plan(self.model, connection.dialect)
        rows = [
            tuple(
                row[name] if bind is None else bind(row[name])
                for name, bind in zip(names, binds, strict=True)
            )
            for row in self.pending.values()
        ]
        connection.exec_driver_sql(statement, rows)
        self.pending = {}


@cache
def _insert_plan(
    model: type[SyncedRow], dialect: Dialect
) -> tuple[str, tuple[tuple[str, ...], tuple[Callable[[Any], Any] | None, ...]]]:
    """One INSERT of every column of ``model``'s table, in the driver's own form, and each
    column's bind processor (the very conversion SQLAlchemy applies: JSON text through the
    store's serializer, datetimes and dates as SQLite text), so a page's rows go to
    ``executemany`` without SQLAlchemy building a parameter set per row."""
    table = model.__table__  # type: ignore[attr-defined]
    quote = dialect.identifier_preparer.quote
    names = tuple(column.key for column in table.columns)
    binds = tuple(column.type._cached_bind_processor(dialect) for column in table.columns)
    statement = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
        f"VALUES ({', '.join('?' * len(names))})"
    )
    return statement, (names, binds)


def _load(session: Session, model: type[SyncedRow], ids: list[str]) -> dict[str, SyncedRow]:
    """The stored rows among ``ids``: which exist is asked with one plain statement per 500 ids
    (on a first download none does), and only those are loaded as model objects."""
    table = model.__tablename__
    stored: list[str] = []
    unique = list(dict.fromkeys(ids))
    connection = session.connection()
    for start in range(0, len(unique), 500):
        chunk = unique[start : start + 500]
        marks = ",".join("?" * len(chunk))
        result = connection.exec_driver_sql(
            f"SELECT id FROM {table} WHERE id IN ({marks})", tuple(chunk)
        )
        stored.extend(row_id for (row_id,) in result)
    found: dict[str, SyncedRow] = {}
    for start in range(0, len(stored), 500):
        for row in session.exec(
            select(model).where(col(model.id).in_(stored[start : start + 500]))
        ).all():
            found[row.id] = row
    return found


def _apply_row(
    session: Session,
    model: type[SyncedRow],
    row: Mapping[str, Any],
    existing: dict[str, SyncedRow],
    refused: Mapping[tuple[str, str], Mapping[str, set[str]]],
    inserts: _Inserts,
) -> str:
    columns = _columns(model)
    row_id, family_id = str(row["row_id"]), str(row["family_id"])
    fields: Mapping[str, Mapping[str, Any]] = {
        name: version for name, version in row["fields"].items() if name in columns.kinds
    }
    values = _checked_values(model.entity, columns, fields)
    local = existing.get(row_id)
    if local is None:
        missing = schema.missing_required(model.entity, set(values))
        if missing or not columns.required <= set(values):
            raise _SetAside(
                f"The {model.entity} record lacks required fields: {', '.join(missing)}."
            )
        versions = {name: str(version["hlc"]) for name, version in fields.items()}
        inserts.add(row_id, {**values, "id": row_id, "family_id": family_id, "versions": versions})
        return "inserted"
    if local.family_id != family_id:
        raise _SetAside(f"The {model.entity} record belongs to another family on this laptop.")
    entity = model.entity
    versions = dict(local.versions)
    refused_here = refused.get((entity, row_id), {})
    final = _server_final_fields(entity, fields)
    updates: dict[str, Any] = {}
    for name, version in fields.items():
        remote_hlc = str(version["hlc"])
        local_hlc = versions.get(name)
        if local_hlc == remote_hlc:
            continue
        current = (
            None if local_hlc is None else Version(wire_value(getattr(local, name)), local_hlc)
        )
        result = merge_field(
            current, Version(version.get("value"), remote_hlc, version.get("base"))
        )
        overrides = local_hlc in refused_here.get(name, ()) or name in final
        if result.changed or overrides:
            versions[name] = remote_hlc
            if not values_equal(wire_value(getattr(local, name)), version.get("value")):
                updates[name] = values[name]
    if versions == local.versions:
        return "unchanged"
    if updates.keys() & _locally_protected(local):
        _replace(session, model, local, updates, versions, existing)
        return "replaced"
    for name, value in updates.items():
        setattr(local, name, value)
    local.versions = versions
    session.add(local)
    return "updated"


def _checked_values(
    entity: str, columns: _Columns, fields: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """The pulled values checked against the schema and converted; raises ``_SetAside``."""
    values: dict[str, Any] = {}
    for name, version in fields.items():
        if not (type(version) is dict or isinstance(version, Mapping)) or not isinstance(
            version.get("hlc"), str
        ):
            raise _SetAside(f"The field {entity}.{name} has no version.")
        value = version.get("value")
        try:
            schema.check_value(entity, name, value)
            values[name] = python_value(columns.kinds[name], value)
        except schema.SchemaError as error:
            raise _SetAside(str(error)) from None
        except (ValueError, OverflowError):
            raise _SetAside(f"The field {entity}.{name} does not fit this laptop.") from None
    return values


class _SetAsideList:
    """The ``SET_ASIDE`` setting, edited in the page's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session
        row = session.get(Setting, SET_ASIDE)
        value = row.value if row is not None and isinstance(row.value, list) else []
        self.items = {
            (str(i.get("entity")), str(i.get("row_id"))): i for i in value if isinstance(i, dict)
        }
        self.dirty = False

    def add(self, row: Mapping[str, Any], reason: str) -> None:
        key = (str(row.get("entity", ""))[:64], str(row.get("row_id", ""))[:64])
        self.items[key] = {
            "entity": key[0],
            "row_id": key[1],
            "family_id": str(row.get("family_id", ""))[:64],
            "reason": reason[:300],
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        self.dirty = True

    def discard(self, row: Mapping[str, Any]) -> None:
        if self.items.pop((str(row["entity"]), str(row["row_id"])), None) is not None:
            self.dirty = True

    def save(self) -> None:
        if self.dirty:
            kept = sorted(self.items.values(), key=lambda item: str(item.get("at", "")))
            _set(self.session, SET_ASIDE, kept[-MAX_SET_ASIDE:])


def set_aside_rows(store: Store) -> list[dict[str, str]]:
    """Pulled rows that could not be stored, oldest first: entity, row_id, family_id, reason."""
    with store.read() as session:
        return set_aside_in(session)


def set_aside_in(session: Session) -> list[dict[str, str]]:
    row = session.get(Setting, SET_ASIDE)
    value = row.value if row is not None and isinstance(row.value, list) else []
    return [{k: str(v) for k, v in item.items()} for item in value if isinstance(item, dict)]


def _replace(
    session: Session,
    model: type[SyncedRow],
    local: SyncedRow,
    updates: Mapping[str, Any],
    versions: dict[str, str],
    existing: dict[str, SyncedRow],
) -> None:
    """Swap a locally final row for the server's version (its local state was refused)."""
    values = {name: getattr(local, name) for name in _columns(model).kinds}
    values.update(updates)
    permit = ScopeRemoval(family_id=local.family_id)
    session.add(permit)
    session.flush()
    session.delete(local)
    session.flush()
    replacement = model(id=local.id, family_id=local.family_id, versions=versions, **values)
    session.add(replacement)
    session.flush()
    session.delete(permit)
    session.flush()
    existing[local.id] = replacement


# -- scope removal ---------------------------------------------------------------------------
def _pending_removals(session: Session) -> list[str]:
    row = session.get(Setting, PENDING_REMOVALS)
    value = None if row is None else row.value
    return [str(item) for item in value] if isinstance(value, list) else []


def families_to_remove(store: Store) -> list[str]:
    """Families the server reported as out of scope that are still on this laptop's list."""
    with store.read() as session:
        return _pending_removals(session)


def remove_families(store: Store, family_ids: Iterable[str]) -> Changed:
    """Delete families that left the scope; skips any with a pending change.

    Returns what was deleted: the removed families (``family_ids``), the kinds of their rows
    and the rows' ids, so views drop exactly those.
    """
    removed: list[Changed] = []
    with _transaction(store) as session:
        remaining = set(_pending_removals(session))
        for family_id in sorted(set(family_ids)):
            pending = session.exec(
                select(PendingChange.seq)
                .where(PendingChange.family_id == family_id, PendingChange.state == "pending")
                .limit(1)
            ).first()
            if pending is not None:
                continue
            removed.append(_remove_family(session, family_id))
            remaining.discard(family_id)
        _set(session, PENDING_REMOVALS, sorted(remaining))
    return _union(removed)


def _remove_family(session: Session, family_id: str) -> Changed:
    """Delete one family's rows under a ``scope_removal`` permit; returns what was deleted."""
    session.add(ScopeRemoval(family_id=family_id))
    session.flush()
    entities: set[str] = set()
    row_ids: set[str] = set()
    for entity, model in MODEL_BY_ENTITY.items():
        ids = session.exec(select(model.id).where(col(model.family_id) == family_id)).all()
        if ids:
            entities.add(entity)
            row_ids.update(ids)
            session.execute(delete(model).where(col(model.family_id) == family_id))
    derived.forget(session, family_id)
    session.execute(
        delete(PendingChange).where(
            col(PendingChange.family_id) == family_id, col(PendingChange.state) == "sent"
        )
    )
    session.execute(delete(ScopeRemoval).where(col(ScopeRemoval.family_id) == family_id))
    return Changed(
        entities=frozenset(entities),
        row_ids=frozenset(row_ids),
        family_ids=frozenset({family_id}),
    )


def _union(parts: Iterable[Changed]) -> Changed:
    total = Changed()
    for part in parts:
        total = total | part
    return total


# -- conflicts -------------------------------------------------------------------------------
def open_conflicts(store: Store) -> int:
    with store.read() as session:
        statement = select(func.count()).select_from(Conflict)
        return int(session.exec(statement.where(Conflict.status == "open")).one())


def settle_conflict(uow: UnitOfWork, conflict_id: str, *, keep: Any) -> Conflict:
    """Settle a conflict as a normal write: the chosen value goes into the record's field and
    the conflict is marked settled. ``keep`` is ``"winning"``, ``"losing"`` or a value. Both
    original values stay on the conflict row (history)."""
    conflict = uow.session.get(Conflict, conflict_id)
    if conflict is None:
        raise NotFound(f"No conflict with id {conflict_id} exists.")
    if conflict.status == "settled":
        raise InvalidInput("This conflict is already settled.")
    model = MODEL_BY_ENTITY.get(conflict.row_entity)
    target = None if model is None else uow.session.get(model, conflict.row_id)
    if model is None or target is None:
        raise NotFound(f"The record of conflict {conflict_id} is not on this laptop.")
    if keep == "winning":
        chosen = conflict.winning_value
    elif keep == "losing":
        chosen = conflict.losing_value
    else:
        chosen = keep
    value = column_value(conflict.row_entity, conflict.field, chosen)
    if conflict.field in _locally_protected(target) and not values_equal(
        wire_value(getattr(target, conflict.field)), wire_value(value)
    ):
        raise JournalRuleViolation(
            "This record is final (signed or completed); amend it instead of changing it."
        )
    uow.update(target, **{conflict.field: value})
    uow.update(
        conflict,
        status="settled",
        settled_value=wire_value(value),
        settled_at=uow.now(),
        settled_by=uow.actor.username,
    )
    return conflict
