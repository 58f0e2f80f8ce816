"""Applying a pushed batch: idempotency, scope, append-only rules, per-field merge, conflicts.

Each change is applied on its own SAVEPOINT. A change that breaks a rule is rejected with a
reason (the client quarantines it) and the rest of the batch is still applied; a repeated
``change_id`` is acknowledged again without touching anything. Rules, in order:

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
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

from hembesok_desktop.domain import finality
from hembesok_desktop.domain.hlc import ClockDriftError, HybridLogicalClock, Timestamp
from hembesok_desktop.protocol import schema
from hembesok_desktop.protocol.field_merge import conflict_fields, conflict_row_id, merge_field
from hembesok_desktop.protocol.wire import (
    CLOCK_AHEAD_REASON,
    SYNCED_ENTITIES,
    Change,
    FieldValue,
    PushRequest,
    PushResponse,
    Rejection,
)

from . import feed
from .auth import DeviceContext
from .authorship import check_authorship
from .db import lock_families
from .models import HLC_LEN, AccessLog, AppliedChange, DeviceFamily, FieldState
from .scope import NO_TEAM, NOT_IN_CASELOAD, assign_family, family_team

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
#: datetimes the nurse stamps herself, held to the same clock bound as the versions
_STAMPED = {"journal_entry": ("signed_at", "voided_at"), "access_log_entry": ("at",)}
_ACCESS_TIME_FIELDS = ("at", "occurred_at", "logged_at", "accessed_at")


class Rejected(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class _Outcome:
    #: (entity, row_id) -> family_id of rows whose stored state changed
    changed: dict[tuple[str, str], str] = field(default_factory=dict)


def apply_push(
    session: Session,
    ctx: DeviceContext,
    request: PushRequest,
    clock: HybridLogicalClock,
    *,
    max_ahead_ms: int = DEFAULT_MAX_AHEAD_MS,
) -> PushResponse:
    """Apply a batch inside the caller's write transaction (which commits it)."""
    changes = request.changes
    lock_families(session, {change.family_id for change in changes})
    ids = list({change.change_id for change in changes})
    done: set[str] = set()
    elsewhere: set[str] = set()
    for start in range(0, len(ids), 500):
        for change_id, device_id in session.exec(
            select(AppliedChange.change_id, AppliedChange.device_id).where(
                col(AppliedChange.change_id).in_(ids[start : start + 500])
            )
        ).all():
            (done if device_id == ctx.device_id else elsewhere).add(change_id)
    accepted: list[str] = []
    rejected: list[Rejection] = []
    changed: dict[tuple[str, str], str] = {}
    for change in changes:
        if change.change_id in elsewhere:
            rejected.append(Rejection(change_id=change.change_id, reason=OTHER_DEVICE))
            continue
        if change.change_id in done:
            accepted.append(change.change_id)
            continue
        try:
            with session.begin_nested():
                outcome = _apply_change(session, ctx, change, clock, max_ahead_ms)
                session.add(AppliedChange(change_id=change.change_id, device_id=ctx.device_id))
                session.flush()
        except Rejected as refusal:
            log.info("push: change %s refused", change.change_id)
            rejected.append(Rejection(change_id=change.change_id, reason=refusal.reason))
            continue
        except (SQLAlchemyError, ValueError, TypeError) as exc:
            log.error("push: change %s not stored (%s)", change.change_id, type(exc).__name__)
            rejected.append(
                Rejection(
                    change_id=change.change_id,
                    reason="The server could not store this change; it was set aside.",
                )
            )
            continue
        done.add(change.change_id)
        accepted.append(change.change_id)
        for key, family_id in outcome.changed.items():
            changed.setdefault(key, family_id)
    feed.append(session, [(e, r, f) for (e, r), f in changed.items()])
    log.info(
        "push: device %s accepted %d rejected %d", ctx.device_id, len(accepted), len(rejected)
    )
    return PushResponse(accepted=accepted, rejected=rejected)


def _validate(change: Change, ctx: DeviceContext, max_ahead_ms: int) -> None:
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
            try:
                decoded = Timestamp.decode(stamp)
            except ValueError:
                raise Rejected("A field version is not a hybrid logical clock timestamp.") from None
            if decoded.wall_ms > limit:
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


def _check_complete(change: Change) -> None:
    """A change that creates a row must carry every field a new row needs (``required``)."""
    missing = schema.missing_required(change.entity, frozenset(change.fields))
    if missing:
        raise Rejected(
            f"A new {change.entity} record needs the fields {', '.join(missing)}; "
            "this change lacks them."
        )


def _epoch_ms(text: str) -> int:
    try:
        moment = datetime.fromisoformat(text)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return int(moment.timestamp() * 1000)
    except (ValueError, OverflowError):
        return 0


def _current(session: Session, entity: str, row_id: str) -> dict[str, FieldState]:
    states = session.exec(
        select(FieldState).where(FieldState.entity == entity, FieldState.row_id == row_id)
    ).all()
    return {state.field: state for state in states}


def _check_scope(
    session: Session, ctx: DeviceContext, change: Change, existing: dict[str, FieldState]
) -> int | None:
    """The team to assign a newly created family to, or None; raises Rejected."""
    team_id = family_team(session, change.family_id)
    if team_id is None:
        creates_family = change.entity == "family" and not existing
        if not creates_family:
            raise Rejected(NOT_IN_CASELOAD)
        if not ctx.team_ids:
            raise Rejected(NO_TEAM)
        return ctx.team_ids[0]
    if team_id not in ctx.team_ids:
        raise Rejected(NOT_IN_CASELOAD)
    if existing and next(iter(existing.values())).family_id != change.family_id:
        raise Rejected("This record belongs to another family.")
    return None


def _check_append_only(change: Change, existing: dict[str, FieldState]) -> None:
    """Refuse a change the finality table (``domain.finality``) forbids."""
    modified = {
        name
        for name, version in change.fields.items()
        if name not in existing or existing[name].hlc != version.hlc
    }
    before = {name: state.value for name, state in existing.items()}
    after = {**before, **{name: version.value for name, version in change.fields.items()}}
    reason = finality.refusal(change.entity, before, after, modified)
    if reason is not None:
        raise Rejected(reason)


def _record_held_by_creator(session: Session, ctx: DeviceContext, family_id: str) -> None:
    """The device that created a family holds it without ever pulling it: record that, so a
    later move to another team reports it in ``removed_families`` to this device too."""
    if session.get(DeviceFamily, (ctx.device_id, family_id)) is None:
        session.add(
            DeviceFamily(device_id=ctx.device_id, family_id=family_id, delivered_gen=ctx.pull_gen)
        )


def _apply_change(
    session: Session,
    ctx: DeviceContext,
    change: Change,
    clock: HybridLogicalClock,
    max_ahead_ms: int,
) -> _Outcome:
    _validate(change, ctx, max_ahead_ms)
    existing = _current(session, change.entity, change.row_id)
    new_family_team = _check_scope(session, ctx, change, existing)
    if not existing:
        _check_complete(change)
    _check_append_only(change, existing)
    try:
        for version in change.fields.values():
            clock.observe(version.hlc)
    except ClockDriftError:
        raise Rejected(
            "A field version lies more than a day in the future; check the laptop's clock."
        ) from None

    outcome = _Outcome()
    if new_family_team is not None:
        assign_family(session, change.family_id, new_family_team)
        _record_held_by_creator(session, ctx, change.family_id)
    if change.entity == "access_log_entry" and not existing:
        _record_uploaded_access(session, ctx, change)
    for name, incoming in change.fields.items():
        state = existing.get(name)
        current = (
            None
            if state is None
            else FieldValue(value=state.value, hlc=state.hlc, base=state.base)
        )
        result = merge_field(current, incoming)
        if result.changed:
            if state is None:
                state = FieldState(
                    entity=change.entity,
                    row_id=change.row_id,
                    field=name,
                    family_id=change.family_id,
                    hlc=result.winner.hlc,
                )
            state.value = result.winner.value
            state.hlc = result.winner.hlc
            state.base = result.winner.base
            session.add(state)
            outcome.changed[(change.entity, change.row_id)] = change.family_id
        if result.loser is not None:
            conflict_id = _record_conflict(
                session, clock, change, name, winner=result.winner, loser=result.loser
            )
            if conflict_id is not None:
                outcome.changed[("conflict", conflict_id)] = change.family_id
    return outcome


def _record_conflict(
    session: Session,
    clock: HybridLogicalClock,
    change: Change,
    name: str,
    *,
    winner: FieldValue,
    loser: FieldValue,
) -> str | None:
    """Create the conflict row unless it exists (then a nurse may already have settled it)."""
    row_id = conflict_row_id(
        entity=change.entity, row_id=change.row_id, field=name, losing_hlc=loser.hlc
    )
    present = session.exec(
        select(FieldState.field)
        .where(FieldState.entity == "conflict", FieldState.row_id == row_id)
        .limit(1)
    ).first()
    if present is not None:
        return None
    stamp = clock.now()
    values = conflict_fields(
        entity=change.entity, row_id=change.row_id, field=name, winner=winner, loser=loser
    )
    for field_name, value in values.items():
        session.add(
            FieldState(
                entity="conflict",
                row_id=row_id,
                field=field_name,
                family_id=change.family_id,
                value=value,
                hlc=stamp,
                base=None,
            )
        )
    return row_id


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


def _record_uploaded_access(session: Session, ctx: DeviceContext, change: Change) -> None:
    if session.get(AccessLog, change.row_id) is not None:
        return
    fields = change.fields
    action = fields["action"].value if "action" in fields else None
    at = None
    for name in _ACCESS_TIME_FIELDS:
        if name in fields:
            at = _access_time(fields[name].value)
            if at is not None:
                break
    session.add(
        AccessLog(
            id=change.row_id,
            source="device",
            family_id=change.family_id,
            username=ctx.username,
            action=str(action)[:200] if action is not None else "unspecified",
            at=at or datetime.now(UTC).isoformat(timespec="seconds"),
            device_id=ctx.device_id,
        )
    )


def server_access(ctx: DeviceContext, family_id: str, action: str) -> AccessLog:
    """The server's own access-log record (e.g. a device pulled a family's rows)."""
    return AccessLog(
        id=str(uuid.uuid4()),
        source="server",
        family_id=family_id,
        username=ctx.username,
        action=action,
        at=datetime.now(UTC).isoformat(timespec="seconds"),
        device_id=ctx.device_id,
    )
