"""Answering a pull: current row states after the cursor, and families that left the scope.

**Rows.** The answer holds the current state (every field with its winning version) of rows
changed after the cursor, in feed order, each row once, only for families that are *now* in the
nurse's teams. ``limit`` bounds the feed entries read per page; ``has_more`` says whether to
pull again with ``next_cursor``. When the feed is exhausted, the cursor moves to the highest seq
in the pull's snapshot, which is safe because feed seq order equals commit order (see ``feed``).

**Which families a device holds.** ``device_family`` records, per device, each family whose rows
were sent (``delivered_gen``) and when it was reported removed (``removed_gen``). Each pull answer
gets the next value of the device's generation counter ``device.pull_gen``, and the cursor
carries that generation back. A cursor with generation G therefore proves the client processed
every answer up to G; nothing counts as delivered or removed until that acknowledgement, so a
lost answer is simply repeated.

* **removed_families**: families the device holds (or was being sent) that are no longer in the
  nurse's teams, e.g. after ``admin move-family``. Reported on every pull until a cursor
  acknowledges the answer that first reported them; the client deletes them locally after
  pushing its pending changes for them (a later push for them is refused as out of caseload).
* **families entering the scope** (moved in, or a nurse added to a team): a family in scope that
  the device does not hold but that has feed entries at or before the cursor would otherwise
  never reach the device, so its rows are sent whole ("back-fill") before the feed continues.
  A first pull (no cursor) needs no back-fill: the feed from the start covers everything.

A stored row that fails the typed schema (``integrity``) is left out of the answer with a log
line naming its ids; ``hembesok-server admin check`` lists such rows.

The server records one ``access_log`` entry (source ``server``, action ``sync-pull``) per family
whose rows an answer carried.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import Engine, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from hembesok_desktop.protocol.wire import FieldValue, PullResponse, RowState

from . import feed
from .auth import DeviceContext
from .db import snapshot_session, write_session
from .feed import Cursor
from .integrity import row_problem
from .models import Device, DeviceFamily, FieldState
from .push import server_access
from .scope import families_in_teams

log = logging.getLogger(__name__)

DEFAULT_LIMIT = 500
MAX_LIMIT = 5000


@dataclass
class _Plan:
    report_removed: set[str] = field(default_factory=set)
    mark_removed: set[str] = field(default_factory=set)
    unremove: set[str] = field(default_factory=set)
    forget: set[str] = field(default_factory=set)
    delivered: set[str] = field(default_factory=set)
    newly_delivered: set[str] = field(default_factory=set)


def _classify(known: list[DeviceFamily], scope: set[str], ack_gen: int) -> _Plan:
    plan = _Plan()
    for entry in known:
        family = entry.family_id
        in_scope = family in scope
        acknowledged = entry.delivered_gen <= ack_gen
        if entry.removed_gen is not None:
            if entry.removed_gen <= ack_gen:
                plan.forget.add(family)  # the client applied the removal
            elif in_scope:
                plan.unremove.add(family)  # back before the client saw the removal
                if acknowledged:
                    plan.delivered.add(family)
            else:
                plan.report_removed.add(family)
        elif not in_scope:
            plan.report_removed.add(family)
            plan.mark_removed.add(family)
        elif acknowledged:
            plan.delivered.add(family)
    return plan


def _row_keys_of_family(session: Session, family_id: str) -> list[tuple[str, str]]:
    keys = session.exec(
        select(FieldState.entity, FieldState.row_id)
        .where(FieldState.family_id == family_id)
        .distinct()
    ).all()
    return sorted(((e, r) for e, r in keys), key=lambda k: (k[0] != "family", k[0], k[1]))


def _load_rows(session: Session, keys: list[tuple[str, str, str]]) -> list[RowState]:
    by_entity: dict[str, list[str]] = {}
    for entity, row_id, _family in keys:
        by_entity.setdefault(entity, []).append(row_id)
    states: dict[tuple[str, str], dict[str, FieldValue]] = {}
    families: dict[tuple[str, str], str] = {}
    for entity, row_ids in by_entity.items():
        for start in range(0, len(row_ids), 500):
            for state in session.exec(
                select(FieldState).where(
                    FieldState.entity == entity,
                    col(FieldState.row_id).in_(row_ids[start : start + 500]),
                )
            ).all():
                key = (state.entity, state.row_id)
                states.setdefault(key, {})[state.field] = FieldValue(
                    value=state.value, hlc=state.hlc, base=state.base
                )
                families[key] = state.family_id
    rows: list[RowState] = []
    for e, r, _f in keys:
        if (e, r) not in states:
            continue
        fields = states[(e, r)]
        if row_problem(e, {name: version.value for name, version in fields.items()}):
            log.warning("pull: row %s %s fails the schema; left out (see admin check)", e, r)
            continue
        rows.append(RowState(entity=e, row_id=r, family_id=families[(e, r)], fields=fields))
    return rows


def pull(engine: Engine, ctx: DeviceContext, cursor_text: str | None, limit: int) -> PullResponse:
    cursor = feed.Cursor.decode(cursor_text)
    ack_gen = min(cursor.gen, ctx.pull_gen)
    with snapshot_session(engine) as session:
        scope = families_in_teams(session, ctx.team_ids)
        known = list(
            session.exec(select(DeviceFamily).where(DeviceFamily.device_id == ctx.device_id)).all()
        )
        plan = _classify(known, scope, ack_gen)
        not_held = scope - plan.delivered
        backfill = sorted(feed.families_with_entries_up_to(session, cursor.seq, not_held))

        keys: list[tuple[str, str, str]] = []
        seen: set[tuple[str, str]] = set()
        has_more = False
        next_seq = cursor.seq
        for family in backfill:
            if len(keys) >= limit:
                has_more = True
                break
            for entity, row_id in _row_keys_of_family(session, family):
                if (entity, row_id) not in seen:
                    seen.add((entity, row_id))
                    keys.append((entity, row_id, family))
            plan.newly_delivered.add(family)
        if not has_more:
            room = max(limit - len(keys), 0)
            entries = feed.scan(session, after=cursor.seq, team_ids=ctx.team_ids, limit=room + 1)
            if len(entries) > room:
                has_more = True
                entries = entries[:room]
                if entries:
                    next_seq = int(entries[-1].seq or cursor.seq)
            else:
                next_seq = max(cursor.seq, feed.max_seq(session))
            for entry in entries:
                key = (entry.entity, entry.row_id)
                if key not in seen:
                    seen.add(key)
                    keys.append((entry.entity, entry.row_id, entry.family_id))
                if entry.family_id not in plan.delivered:
                    plan.newly_delivered.add(entry.family_id)
        rows = _load_rows(session, keys)

    new_gen = _record(engine, ctx, plan, {row.family_id for row in rows})
    log.info(
        "pull: device %s rows %d removed %d", ctx.device_id, len(rows), len(plan.report_removed)
    )
    return PullResponse(
        rows=rows,
        next_cursor=Cursor(seq=next_seq, gen=new_gen).encode(),
        has_more=has_more,
        removed_families=sorted(plan.report_removed),
    )


def _record(engine: Engine, ctx: DeviceContext, plan: _Plan, pulled: set[str]) -> int:
    """Book-keeping of the answer in its own short write transaction; returns its generation."""
    for attempt in range(3):
        try:
            with write_session(engine) as session:
                return _record_in(session, ctx, plan, pulled)
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _record_in(session: Session, ctx: DeviceContext, plan: _Plan, pulled: set[str]) -> int:
    session.execute(
        update(Device)
        .where(col(Device.id) == ctx.device_id)
        .values(pull_gen=col(Device.pull_gen) + 1)
    )
    device = session.get(Device, ctx.device_id)
    assert device is not None
    session.refresh(device)
    gen = device.pull_gen
    for family in sorted(plan.forget | plan.mark_removed | plan.unremove | plan.newly_delivered):
        entry = session.get(DeviceFamily, (ctx.device_id, family))
        if family in plan.newly_delivered:
            if entry is None:
                entry = DeviceFamily(device_id=ctx.device_id, family_id=family, delivered_gen=gen)
            entry.delivered_gen = gen
            entry.removed_gen = None
            session.add(entry)
        elif entry is None:
            continue
        elif family in plan.forget:
            session.delete(entry)
        elif family in plan.mark_removed:
            entry.removed_gen = gen
            session.add(entry)
        elif family in plan.unremove:
            entry.removed_gen = None
            session.add(entry)
    for family in sorted(pulled):
        session.add(server_access(ctx, family, "sync-pull"))
    return gen
