"""Applying a pushed batch: idempotency, scope, append-only rules, per-field merge, conflicts.

The batch is applied as a set (``batch``): every change is validated first (rule 1 and 1b,
pure); every affected record, family scope, access-log id and device-family entry is loaded in
one query each; the changes are merged in Python, in batch order, on those loaded records (rules
2-4, the one merge rule of ``protocol.merge``); and the result is written with bulk upserts and
inserts, then numbered in the feed (``feed.append``, under the feed lock, last before COMMIT).
A change that breaks a rule is rejected with a reason (the client quarantines it) before
anything is written, and the rest of the batch is still applied; a repeated ``change_id`` is
acknowledged again without touching anything. Only if the bulk write itself fails (the database
refuses something the rules let through) is the batch written again change by change, each on
its own SAVEPOINT, so one bad change never fails the batch. Rules, in order:

1. The typed schema (``protocol.schema``): ``entity`` must be one of its entities, every field
   one of the entity's, every value of the field's type and within its limits; every ``hlc``
   (and ``base``) must be a hybrid-logical-clock timestamp no more than ``max_ahead_ms``
   (``HEMBESOK_SERVER_MAX_CLOCK_AHEAD_S``, 10 minutes by default) ahead of the server's clock,
   and so must every datetime the nurse stamps as hers (``signed_at``, ``voided_at``).
   A ``change_id`` the server already applied for *another* device is refused. A change that
   creates a row (the server holds none of its fields) must carry every field the schema marks
   ``required`` (what the laptop's table has no default for); a change to an existing row
   need not.
1b. Authorship (``authorship``): a journal entry's author name and title, a void's
   ``voided_by``, a measurement's or follow-up's ``recorded_by`` and an access-log entry's
   ``user`` must be those of the nurse who owns the pushing device.
2. Scope: the change's family must be in one of the nurse's teams. A family without a scope may
   only appear through the change that creates its ``family`` row (``row_id == family_id``);
   it is then assigned to the nurse's first team. An existing row keeps its family.
3. Finality: the one table in ``domain.finality`` (which the laptop store's triggers also
   enforce) decides. Access-log entries cannot be changed after creation. A journal entry
   whose ``signed_at`` is set accepts only ``voided_at``, ``voided_reason`` and ``voided_by``,
   and only until it is voided (``voided_at`` set); a void needs a non-empty reason. A
   questionnaire response whose ``status`` is ``completed`` accepts only ``voided_reason``,
   once. Re-sending a field version the server already holds (same ``hlc``) is not a change.
   (Empty strings count as unset: the store's defaults are "".)
4. Merge every field with ``merge_field``. A losing concurrent value becomes a ``conflict`` row
   (id ``conflict_row_id``, fields ``conflict_fields``, versions from the server clock) that is
   created once and then left to the nurses to settle; it travels in the feed like any row.

Uploaded ``access_log_entry`` rows are also copied into the reviewable ``access_log`` table
(nurse taken from the authenticated device; ``action`` and ``at``/``occurred_at`` fields read).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import bindparam, insert, text
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

from hembesok_desktop.domain import finality
from hembesok_desktop.domain.hlc import ClockDriftError, HybridLogicalClock, Timestamp
from hembesok_desktop.protocol import merge, schema
from hembesok_desktop.protocol.push_body import PushedBatch, PushedChange
from hembesok_desktop.protocol.wire import (
    CLOCK_AHEAD_REASON,
    SYNCED_ENTITIES,
    PushRequest,
    PushResponse,
    Rejection,
)

from . import feed, records
from .auth import DeviceContext
from .authorship import check_authorship
from .db import id_list, lock_families
from .models import HLC_LEN, AccessLog, AppliedChange, DeviceFamily, FamilyScope, utcnow
from .records import Key, Stored
from .scope import NO_TEAM, NOT_IN_CASELOAD

log = logging.getLogger(__name__)

MAX_BATCH = 2000
_FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
#: how far ahead of the server's clock a change may be stamped (a setting, see ``app``)
DEFAULT_MAX_AHEAD_MS = 10 * 60 * 1000
CLOCK_AHEAD = (
    CLOCK_AHEAD_REASON + " {minutes} minutes in the future of the server's clock; "
    "the laptop's clock is wrong."
)
OTHER_DEVICE = "This change id was already used by another device; the change was not applied."
NOT_STORED = "The server could not store this change; it was set aside."
#: datetimes the nurse stamps herself, held to the same clock bound as the versions
_STAMPED = {"journal_entry": ("signed_at", "voided_at"), "access_log_entry": ("at",)}
_ACCESS_TIME_FIELDS = ("at", "occurred_at", "logged_at", "accessed_at")
_IN_CHUNK = 1000


class Rejected(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class _Writes:
    """What a set of applied changes writes, gathered in memory and written in bulk."""

    records: dict[Key, Stored] = field(default_factory=dict)
    applied: list[str] = field(default_factory=list)
    scopes: dict[str, int] = field(default_factory=dict)
    held: list[str] = field(default_factory=list)
    access: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _State:
    """The batch's view of the database: loaded once, updated as each change is applied."""

    records: dict[Key, Stored]
    teams: dict[str, int]
    held: set[str]
    access_ids: set[str]
    #: conflict records known absent or present (looked up one by one: they are rare)
    conflicts: dict[Key, bool] = field(default_factory=dict)


def apply_push(
    session: Session,
    ctx: DeviceContext,
    request: PushedBatch | PushRequest,
    clock: HybridLogicalClock,
    *,
    max_ahead_ms: int = DEFAULT_MAX_AHEAD_MS,
    commit: bool = False,
) -> PushResponse:
    """Apply a batch inside the caller's write transaction, which the caller commits; or, with
    ``commit``, which this commits itself together with the feed numbering (``feed.append``:
    on PostgreSQL one round trip, so the feed lock is held only inside the database). The
    endpoint passes the body as ``push_body.parse_push_body`` read it; a ``PushRequest`` model
    (a caller in the same process) is taken as the same batch."""
    batch = request if isinstance(request, PushedBatch) else PushedBatch.of(request)
    changes = batch.changes
    lock_families(session, {change.family_id for change in changes})
    done, elsewhere = _applied_before(session, ctx, [c.change_id for c in changes])
    reasons: dict[str, str] = {}
    todo: list[PushedChange] = []
    for change in changes:
        if change.change_id in elsewhere or change.change_id in done:
            continue
        done.add(change.change_id)  # a repeat later in the batch is acknowledged
        try:
            _validate(change, ctx, max_ahead_ms)
        except Rejected as refusal:
            reasons[change.change_id] = refusal.reason
            continue
        todo.append(change)
    answer = _store(
        session,
        ctx,
        todo,
        clock,
        reasons,
        lambda: _answer(changes, elsewhere, reasons),
        commit=commit,
    )
    for rejection in answer.rejected:
        log.info("push: change %s refused", rejection.change_id)
    log.info(
        "push: device %s accepted %d rejected %d",
        ctx.device_id,
        len(answer.accepted),
        len(answer.rejected),
    )
    return answer


def _answer(
    changes: Sequence[PushedChange], elsewhere: set[str], reasons: dict[str, str]
) -> PushResponse:
    """The batch's answer, in batch order: each change id accepted or rejected once."""
    accepted: list[str] = []
    rejected: list[Rejection] = []
    answered: set[str] = set()
    for change in changes:
        change_id = change.change_id
        if change_id in elsewhere:
            rejected.append(Rejection(change_id=change_id, reason=OTHER_DEVICE))
        elif change_id in reasons and change_id not in answered:
            rejected.append(Rejection(change_id=change_id, reason=reasons[change_id]))
        elif change_id not in reasons:
            accepted.append(change_id)
        answered.add(change_id)
    return PushResponse(accepted=accepted, rejected=rejected)


_SAVEPOINT = text("SAVEPOINT push_in_bulk")
_ROLLBACK_TO_SAVEPOINT = text("ROLLBACK TO SAVEPOINT push_in_bulk")


def _store(
    session: Session,
    ctx: DeviceContext,
    changes: Sequence[PushedChange],
    clock: HybridLogicalClock,
    reasons: dict[str, str],
    answer: Callable[[], PushResponse],
    *,
    commit: bool,
) -> PushResponse:
    """Merge ``changes`` (rejections go to ``reasons``) and write them with the device's sync
    health and the feed numbers (last, under the feed lock, where the records themselves are
    written with their numbers: ``feed.append``), then commit if asked; ``answer`` builds the
    batch's answer once ``reasons`` is final.

    Everything is written in bulk behind one SAVEPOINT. Only if the database refuses part of it
    (something the rules let through) is the SAVEPOINT rolled back and the batch written again
    change by change (``_apply_one_by_one``), so one bad change never fails the batch."""
    state = _load_state(session, ctx, changes) if changes else None
    writes = _Writes()
    changed: list[Key] = []
    for change in changes:
        assert state is not None
        try:
            changed.extend(_apply_change(session, state, writes, ctx, change, clock))
        except Rejected as refusal:
            reasons[change.change_id] = refusal.reason
    if writes.applied:  # every write belongs to an applied change (which may change nothing)
        session.execute(_SAVEPOINT)
        try:
            _write(session, ctx, writes, with_records=False)
            bulk = answer()
            _note_push(session, ctx.device_id, len(bulk.rejected))
            feed.append(session, changed, documents=writes.records, commit=commit)
            return bulk
        except (SQLAlchemyError, ValueError, TypeError) as exc:
            log.error(
                "push: batch not stored in bulk (%s); storing change by change",
                type(exc).__name__,
            )
            session.execute(_ROLLBACK_TO_SAVEPOINT)
        applied = set(writes.applied)
        changed = _apply_one_by_one(
            session, ctx, [c for c in changes if c.change_id in applied], clock, reasons
        )
    final = answer()
    _note_push(session, ctx.device_id, len(final.rejected))
    feed.append(session, changed, commit=commit)
    return final


def _note_push(session: Session, device_id: str, refused: int) -> None:
    """The console's sync health, in the push's own transaction: when the device last pushed,
    and how many of its changes the server has refused."""
    # a plain statement: as an ORM update it cost a tenth of the server's CPU in a push
    session.connection().execute(
        _NOTE_PUSH, {"now": utcnow(), "refused": refused, "device": device_id}
    )


_NOTE_PUSH = text(
    "UPDATE device SET last_push_at = :now, refused_changes = refused_changes + :refused "
    "WHERE id = :device"
)


def _applied_before(
    session: Session, ctx: DeviceContext, change_ids: list[str]
) -> tuple[set[str], set[str]]:
    """Change ids already applied for this device, and for another one."""
    ids = list(dict.fromkeys(change_ids))
    done: set[str] = set()
    elsewhere: set[str] = set()
    found: list[tuple[str, str]]
    if _postgres(session):  # one array parameter, not a bind parameter per id
        found = [(c, d) for c, d in session.execute(_APPLIED_AMONG, {"ids": id_list(ids)})]
    else:
        found = [
            (row[0], row[1])
            for start in range(0, len(ids), _IN_CHUNK)
            for row in session.exec(
                select(AppliedChange.change_id, AppliedChange.device_id).where(
                    col(AppliedChange.change_id).in_(ids[start : start + _IN_CHUNK])
                )
            ).all()
        ]
    for change_id, device_id in found:
        (done if device_id == ctx.device_id else elsewhere).add(change_id)
    return done, elsewhere


_APPLIED_AMONG = text(
    "SELECT change_id, device_id FROM applied_change "
    "WHERE change_id = ANY(string_to_array(:ids, ','))"
)
_TEAMS_AMONG = text(
    "SELECT family_id, team_id FROM family_scope "
    "WHERE family_id = ANY(string_to_array(:families, ','))"
)
_HELD_AMONG = text(
    "SELECT family_id FROM device_family "
    "WHERE device_id = :device AND family_id = ANY(string_to_array(:families, ','))"
)
_TEAMS_IN = text(
    "SELECT family_id, team_id FROM family_scope WHERE family_id IN :families"
).bindparams(bindparam("families", expanding=True))
_HELD_IN = text(
    "SELECT family_id FROM device_family WHERE device_id = :device AND family_id IN :families"
).bindparams(bindparam("families", expanding=True))
_ACCESS_AMONG = text("SELECT id FROM access_log WHERE id = ANY(string_to_array(:ids, ','))")


def _postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _apply_one_by_one(
    session: Session,
    ctx: DeviceContext,
    changes: Sequence[PushedChange],
    clock: HybridLogicalClock,
    reasons: dict[str, str],
) -> list[Key]:
    """The slow path: each change merged and written on its own SAVEPOINT."""
    changed: list[Key] = []
    for change in changes:
        writes = _Writes()
        try:
            with session.begin_nested():
                state = _load_state(session, ctx, [change])
                keys = _apply_change(session, state, writes, ctx, change, clock)
                _write(session, ctx, writes)
        except Rejected as refusal:
            reasons[change.change_id] = refusal.reason
            continue
        except (SQLAlchemyError, ValueError, TypeError) as exc:
            log.error("push: change %s not stored (%s)", change.change_id, type(exc).__name__)
            reasons[change.change_id] = NOT_STORED
            continue
        changed.extend(keys)
    return changed


def _load_state(session: Session, ctx: DeviceContext, changes: Sequence[PushedChange]) -> _State:
    families = sorted({change.family_id for change in changes})
    teams: dict[str, int] = {}
    held: set[str] = set()
    connection = session.connection()  # plain statements: no ORM statement built per push
    if _postgres(session):
        ids = {"families": id_list(families), "device": ctx.device_id}
        teams.update((f, t) for f, t in connection.execute(_TEAMS_AMONG, ids))
        held.update(connection.execute(_HELD_AMONG, ids).scalars())
    else:
        for start in range(0, len(families), _IN_CHUNK):
            some = {"families": families[start : start + _IN_CHUNK], "device": ctx.device_id}
            teams.update((f, t) for f, t in connection.execute(_TEAMS_IN, some))
            held.update(connection.execute(_HELD_IN, some).scalars())
    access = sorted({c.row_id for c in changes if c.entity == "access_log_entry"})
    access_ids: set[str] = set()
    if access and _postgres(session):
        access_ids.update(session.execute(_ACCESS_AMONG, {"ids": id_list(access)}).scalars())
    elif access:
        for start in range(0, len(access), _IN_CHUNK):
            chunk = access[start : start + _IN_CHUNK]
            access_ids.update(
                session.exec(select(AccessLog.id).where(col(AccessLog.id).in_(chunk)))
            )
    return _State(
        records=records.load(session, ((c.entity, c.row_id) for c in changes)),
        teams=teams,
        held=held,
        access_ids=access_ids,
    )


def _write(
    session: Session, ctx: DeviceContext, writes: _Writes, *, with_records: bool = True
) -> None:
    """Write ``writes`` in bulk; the records' documents too unless ``feed.append`` is to."""
    if writes.scopes:
        session.execute(
            insert(FamilyScope.__table__),  # type: ignore[attr-defined]
            [
                {"family_id": f, "team_id": t, "updated_at": _now()}
                for f, t in writes.scopes.items()
            ],
        )
    if writes.held:
        session.execute(
            insert(DeviceFamily.__table__),  # type: ignore[attr-defined]
            [
                {"device_id": ctx.device_id, "family_id": f, "delivered_gen": ctx.pull_gen}
                for f in writes.held
            ],
        )
    if with_records:
        records.upsert(session, writes.records)
    if writes.access:
        session.execute(insert(AccessLog.__table__), writes.access)  # type: ignore[attr-defined]
    if writes.applied:
        _insert_applied(session, ctx, writes.applied)


_APPLIED_ARRAY = text(
    "INSERT INTO applied_change (change_id, device_id, applied_at) "
    "SELECT unnest(string_to_array(:ids, ',')), :device, :now"
)


def _insert_applied(session: Session, ctx: DeviceContext, change_ids: list[str]) -> None:
    """The applied change ids, in one statement (PostgreSQL: one array, not a row each)."""
    now = _now()
    if _postgres(session):
        ids = id_list(change_ids)
        session.execute(_APPLIED_ARRAY, {"ids": ids, "device": ctx.device_id, "now": now})
        return
    session.execute(
        insert(AppliedChange.__table__),  # type: ignore[attr-defined]
        [{"change_id": i, "device_id": ctx.device_id, "applied_at": now} for i in change_ids],
    )


def _now() -> datetime:
    return datetime.now(UTC)


def _validate(change: PushedChange, ctx: DeviceContext, max_ahead_ms: int) -> None:
    if change.entity not in SYNCED_ENTITIES:
        raise Rejected("Records of this kind are not synced by this server.")
    if not change.fields:
        raise Rejected("A change must carry at least one field.")
    if change.entity == "family" and change.row_id != change.family_id:
        raise Rejected("A family row's id must equal its family_id.")
    for name in change.fields:
        if not _FIELD_NAME.match(name):
            raise Rejected("A field name must be an identifier of at most 64 characters.")
    limit = int(time.time() * 1000) + max_ahead_ms
    for version in change.fields.values():
        for stamp in (version.hlc, version.base):
            if stamp is None:
                continue
            if len(stamp) > HLC_LEN:
                raise Rejected("A field version is too long.")
            if not (stamp.isascii() and stamp.isprintable()):
                raise Rejected("A field version is not a hybrid logical clock timestamp.")
            if _wall_ms(stamp) > limit:
                raise Rejected(CLOCK_AHEAD.format(minutes=max_ahead_ms // 60000))
    try:
        schema.check_fields(
            change.entity, {name: version.value for name, version in change.fields.items()}
        )
    except schema.SchemaError as error:
        raise Rejected(str(error)) from None
    for name in _STAMPED.get(change.entity, ()):
        value = change.fields[name].value if name in change.fields else None
        if isinstance(value, str) and _epoch_ms(value) > limit:
            raise Rejected(
                f"The field {change.entity}.{name} lies in the future; the laptop's clock is wrong."
            )
    reason = check_authorship(
        change.entity,
        {name: version.value for name, version in change.fields.items()},
        username=ctx.username,
        full_name=ctx.full_name,
        title=ctx.title,
    )
    if reason is not None:
        raise Rejected(reason)


def _check_complete(change: PushedChange) -> None:
    """A change that creates a row must carry every field a new row needs (``required``)."""
    missing = schema.missing_required(change.entity, frozenset(change.fields))
    if missing:
        raise Rejected(
            f"A new {change.entity} record needs the fields {', '.join(missing)}; "
            "this change lacks them."
        )


@lru_cache(maxsize=65536)
def _decoded_wall_ms(stamp: str) -> int | None:
    try:
        return Timestamp.decode(stamp).wall_ms
    except ValueError:
        return None


def _wall_ms(stamp: str) -> int:
    """The wall-clock part of a version stamp (memoised: a change's fields share stamps)."""
    wall = _decoded_wall_ms(stamp)
    if wall is None:
        raise Rejected("A field version is not a hybrid logical clock timestamp.")
    return wall


def _epoch_ms(text: str) -> int:
    try:
        moment = datetime.fromisoformat(text)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return int(moment.timestamp() * 1000)
    except (ValueError, OverflowError):
        return 0


def _check_scope(
    state: _State, ctx: DeviceContext, change: PushedChange, existing: Stored | None
) -> int | None:
    """The team to assign a newly created family to, or None; raises Rejected."""
    team_id = state.teams.get(change.family_id)
    if team_id is None:
        creates_family = change.entity == "family" and existing is None
        if not creates_family:
            raise Rejected(NOT_IN_CASELOAD)
        if not ctx.team_ids:
            raise Rejected(NO_TEAM)
        return ctx.team_ids[0]
    if team_id not in ctx.team_ids:
        raise Rejected(NOT_IN_CASELOAD)
    if existing is not None and existing.family_id != change.family_id:
        raise Rejected("This record belongs to another family.")
    return None


def _check_append_only(change: PushedChange, existing: Stored | None) -> None:
    """Refuse a change the finality table (``domain.finality``) forbids."""
    doc = {} if existing is None else existing.doc
    modified = {
        name
        for name, version in change.fields.items()
        if name not in doc or doc[name]["hlc"] != version.hlc
    }
    before = {name: stored.get("value") for name, stored in doc.items()}
    after = {**before, **{name: version.value for name, version in change.fields.items()}}
    reason = finality.refusal(change.entity, before, after, modified)
    if reason is not None:
        raise Rejected(reason)


def _apply_change(
    session: Session,
    state: _State,
    writes: _Writes,
    ctx: DeviceContext,
    change: PushedChange,
    clock: HybridLogicalClock,
) -> list[Key]:
    """Apply one validated change to ``state`` and ``writes``; the records it changed."""
    key = (change.entity, change.row_id)
    existing = state.records.get(key)
    new_family_team = _check_scope(state, ctx, change, existing)
    if existing is None:
        _check_complete(change)
    _check_append_only(change, existing)
    try:  # observing the newest stamp moves the clock past all (stamps sort as they order)
        clock.observe(max(version.hlc for version in change.fields.values()))
    except ClockDriftError:
        raise Rejected(
            "A field version lies more than a day in the future; check the laptop's clock."
        ) from None

    writes.applied.append(change.change_id)
    if new_family_team is not None:
        state.teams[change.family_id] = new_family_team
        writes.scopes[change.family_id] = new_family_team
        if change.family_id not in state.held:  # the creator holds it without pulling it
            state.held.add(change.family_id)
            writes.held.append(change.family_id)
    if change.entity == "access_log_entry" and existing is None:
        _record_uploaded_access(state, writes, ctx, change)
    doc = {} if existing is None else existing.doc
    merged = dict(doc)
    changed: list[Key] = []
    for name, incoming in change.fields.items():
        stored = doc.get(name)
        if stored is None:  # ``merge_field(None, v)`` keeps v: a new record's fields, mostly
            merged[name] = records.entry(incoming)
            continue
        new = merge.Version(value=incoming.value, hlc=incoming.hlc, base=incoming.base)
        result = merge.merge_field(records.version(stored), new)
        if result.changed:
            merged[name] = records.entry(result.winner)
        if result.loser is not None:
            conflict = _record_conflict(session, state, writes, clock, change, name, result)
            if conflict is not None:
                changed.append(conflict)
    if existing is None or merged != doc:
        stored_now = Stored(family_id=change.family_id, doc=merged)
        state.records[key] = stored_now
        writes.records[key] = stored_now
        changed.insert(0, key)
    return changed


def _record_conflict(
    session: Session,
    state: _State,
    writes: _Writes,
    clock: HybridLogicalClock,
    change: PushedChange,
    name: str,
    result: merge.FieldMerge,
) -> Key | None:
    """Create the conflict record unless it exists (then a nurse may already have settled it)."""
    assert result.loser is not None
    row_id = merge.conflict_row_id(
        entity=change.entity, row_id=change.row_id, field=name, losing_hlc=result.loser.hlc
    )
    key = ("conflict", row_id)
    if key in state.records:
        return None
    if key not in state.conflicts:
        state.conflicts[key] = records.exists(session, key)
    if state.conflicts[key]:
        return None
    stamp = clock.now()
    values = merge.conflict_fields(
        entity=change.entity,
        row_id=change.row_id,
        field=name,
        winner=result.winner,
        loser=result.loser,
    )
    stored = Stored(
        family_id=change.family_id,
        doc={field_name: {"value": value, "hlc": stamp} for field_name, value in values.items()},
    )
    state.records[key] = stored
    writes.records[key] = stored
    return key


def _access_time(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _record_uploaded_access(
    state: _State, writes: _Writes, ctx: DeviceContext, change: PushedChange
) -> None:
    if change.row_id in state.access_ids:
        return
    state.access_ids.add(change.row_id)
    fields = change.fields
    action = fields["action"].value if "action" in fields else None
    at = None
    for name in _ACCESS_TIME_FIELDS:
        if name in fields:
            at = _access_time(fields[name].value)
            if at is not None:
                break
    writes.access.append(
        {
            "id": change.row_id,
            "source": "device",
            "family_id": change.family_id,
            "username": ctx.username,
            "action": str(action)[:200] if action is not None else "unspecified",
            "at": at or datetime.now(UTC).isoformat(timespec="seconds"),
            "device_id": ctx.device_id,
            "received_at": _now(),
        }
    )
