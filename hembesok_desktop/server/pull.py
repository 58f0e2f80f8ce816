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

**Cost.** A page's records are read with one query (``feed.scan``) that returns each stored
document's text as bytes; each record's answer JSON is its ids (dumped by orjson) around that
text, and the page is those joined, so no ORM or pydantic object is made per row or field and
the server neither parses nor re-serialises a document it has checked before. (PostgreSQL's
``json_build_object`` made the same objects at about twice the cost of reading the documents.)
The book-keeping of the answer is one short write transaction of bulk statements.

**The laptop's own records are not sent back.** A pull may name the laptop's replica
(``node``, the node of the versions it stamps, ``domain.hlc``). A record in the feed every field
of which was last written by that node (its creator's first upload, for one) is then passed
over (``feed.scan(skip_node=...)``): that laptop holds each of those versions or a newer one,
since a replica's own versions only move forward, so applying them would change nothing. The
cursor still moves past them. A record another replica (or the server, for a conflict) wrote
any field of is sent whole as always; so is a family back-filled whole (it may have been
removed from the laptop). A first upload of 3,000 families thus no longer downloads its own
78,000 records again. A laptop whose store was put back from an older copy must not name its
node (it may lack its own latest versions).

A stored row that fails the typed schema (``integrity``) is left out of the answer with a log
line naming its ids; ``hembesok-server admin check`` lists such rows. A document that passed
once is remembered (a digest of its text) so a record many devices pull is checked once per
process; the first pull of a record in a process parses its JSON to check it.

The server records one ``access_log`` entry (source ``server``, action ``sync-pull``) per family
whose rows an answer carried.
"""

from __future__ import annotations

import logging
import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import orjson
from sqlalchemy import Connection, Engine, Table, case, delete, or_, text, update
from sqlalchemy import insert as sa_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from hembesok_desktop.protocol.wire import PROTOCOL_VERSION

from . import feed
from .auth import DeviceContext
from .db import json_value, snapshot_session, write_session
from .feed import Cursor
from .integrity import row_problem
from .models import AccessLog, Device, DeviceFamily, utcnow
from .scope import families_in_teams

log = logging.getLogger(__name__)

DEFAULT_LIMIT = 500
MAX_LIMIT = 5000
#: how stale ``device.last_pull_at`` may get before a pull writes it again
PULL_NOTE_EVERY = timedelta(seconds=60)


@dataclass
class _Plan:
    report_removed: set[str] = field(default_factory=set)
    mark_removed: set[str] = field(default_factory=set)
    unremove: set[str] = field(default_factory=set)
    forget: set[str] = field(default_factory=set)
    delivered: set[str] = field(default_factory=set)
    newly_delivered: set[str] = field(default_factory=set)


_HELD = text(
    "SELECT family_id, delivered_gen, removed_gen FROM device_family WHERE device_id = :device"
)


def _held(session: Session, device_id: str) -> list[tuple[str, int, int | None]]:
    """The device's ``device_family`` rows as (family, delivered_gen, removed_gen): a plain
    statement on the session's connection (no ORM statement to build and compile per pull)."""
    rows = session.connection().execute(_HELD, {"device": device_id})
    return [(family, delivered, removed) for family, delivered, removed in rows]


def _classify(known: list[tuple[str, int, int | None]], scope: set[str], ack_gen: int) -> _Plan:
    """What to do with each family the device holds: ``known`` is (family, delivered_gen,
    removed_gen) of its ``device_family`` rows."""
    plan = _Plan()
    for family, delivered_gen, removed_gen in known:
        in_scope = family in scope
        acknowledged = delivered_gen <= ack_gen
        if removed_gen is not None:
            if removed_gen <= ack_gen:
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


#: digests of records' answer JSON (``feed.Entry.row``, which names the entity) that passed the
#: schema: the same text passes again, so a record pulled by many devices is checked once per
#: process (bounded, about 60 bytes an entry: a 10,000-family region's 260,000 records fit;
#: cleared when full)
_PASSED: set[int] = set()
_PASSED_LIMIT = 500_000
_PASSED_LOCK = threading.Lock()


def _fits(row: bytes) -> bool:
    """Whether the record ``row`` (its answer JSON) fits the typed schema (checked once)."""
    key = hash(row)  # keyed per process (SipHash), so the texts cannot be chosen to collide
    if key in _PASSED:
        return True
    parsed = json_value(row)
    fields = parsed["fields"]
    values = {name: version.get("value") for name, version in fields.items()}
    if row_problem(parsed["entity"], values):
        return False
    with _PASSED_LOCK:
        if len(_PASSED) >= _PASSED_LIMIT:
            _PASSED.clear()
        _PASSED.add(key)
    return True


def _sendable(entries: list[feed.Entry]) -> list[feed.Entry]:
    """The entries whose records fit the schema; the others are logged (ids only) and left out.
    Each record's JSON is sent as the database built it from the stored document (parsed only
    the first time this process meets that text, to check it)."""
    kept: list[feed.Entry] = []
    for entry in entries:
        if _fits(entry.row):
            kept.append(entry)
        else:
            log.warning(
                "pull: row %s %s fails the schema; left out (see admin check)",
                entry.entity,
                entry.row_id,
            )
    return kept


def pull(
    engine: Engine,
    ctx: DeviceContext,
    cursor_text: str | None,
    limit: int,
    *,
    node: str | None = None,
) -> bytes:
    """The ``PullResponse`` answer to a pull, as JSON bytes (see the module docstring); ``node``
    is the pulling laptop's replica (its versions' node), whose own records are not sent back."""
    cursor = feed.Cursor.decode(cursor_text)
    ack_gen = min(cursor.gen, ctx.pull_gen)
    with snapshot_session(engine) as session:
        scope = families_in_teams(session, ctx.team_ids)
        plan = _classify(_held(session, ctx.device_id), scope, ack_gen)
        not_held = scope - plan.delivered
        backfill = sorted(feed.families_with_entries_up_to(session, cursor.seq, not_held))
        entries, has_more, next_seq = _page(session, ctx, plan, backfill, cursor, limit, node)
    rows = _sendable(entries)
    new_gen = _record(engine, ctx, plan, {entry.family_id for entry in rows})
    log.info(
        "pull: device %s rows %d removed %d", ctx.device_id, len(rows), len(plan.report_removed)
    )
    head = orjson.dumps(
        {
            "protocol": PROTOCOL_VERSION,
            "next_cursor": Cursor(seq=next_seq, gen=new_gen).encode(),
            "has_more": has_more,
            "removed_families": sorted(plan.report_removed),
        }
    )
    parts = [entry.row for entry in rows] or [b""]
    # the page's bytes are copied once: the head and tail join the first and last rows
    parts[0] = b"".join((head[:-1], b',"rows":[', parts[0]))
    parts[-1] += b"]}"
    return b",".join(parts)


def _page(
    session: Session,
    ctx: DeviceContext,
    plan: _Plan,
    backfill: list[str],
    cursor: Cursor,
    limit: int,
    node: str | None = None,
) -> tuple[list[feed.Entry], bool, int]:
    """The page's records (back-filled families first, then the feed), has_more, next seq."""
    entries: list[feed.Entry] = []
    seen: set[tuple[str, str]] = set()
    has_more = False
    next_seq = cursor.seq
    families = _backfill_families(session, backfill, limit)
    if len(families) < len(backfill):
        has_more = True
    for entry in feed.family_records(session, families):
        if (entry.entity, entry.row_id) not in seen:
            seen.add((entry.entity, entry.row_id))
            entries.append(entry)
    plan.newly_delivered.update(families)
    if has_more:
        return entries, has_more, next_seq
    room = max(limit - len(entries), 0)
    scanned = feed.scan(
        session, after=cursor.seq, team_ids=ctx.team_ids, limit=room + 1, skip_node=node
    )
    if len(scanned) > room:
        has_more = True
        scanned = scanned[:room]
        if scanned:
            next_seq = scanned[-1].seq
    else:
        next_seq = max(cursor.seq, feed.max_seq(session))
    if seen:  # a back-filled record may come again in the feed: sent once
        scanned = [entry for entry in scanned if (entry.entity, entry.row_id) not in seen]
    entries += scanned
    plan.newly_delivered.update({entry.family_id for entry in scanned} - plan.delivered)
    return entries, has_more, next_seq


def _backfill_families(session: Session, backfill: list[str], limit: int) -> list[str]:
    """The families to back-fill whole on this page: added until the page holds ``limit``."""
    if not backfill:
        return []
    counts = feed.record_counts(session, backfill)
    chosen: list[str] = []
    total = 0
    for family in backfill:
        if total >= limit:
            break
        chosen.append(family)
        total += counts.get(family, 0)
    return chosen


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


#: the answer's book-keeping on PostgreSQL in one statement: the next generation (and the
#: device's ``last_pull_at``, written only when older than ``PULL_NOTE_EVERY``, so the pages of
#: one sync note it once), the families delivered with it, and one access-log entry per family
#: whose rows it carried; every part reads the generation from the UPDATE's RETURNING
_RECORD_PG = text(
    "WITH g AS ("
    " UPDATE device SET pull_gen = pull_gen + 1, last_pull_at = CASE"
    " WHEN last_pull_at IS NULL OR last_pull_at < :stale THEN :now ELSE last_pull_at END"
    " WHERE id = :device RETURNING pull_gen"
    "), held AS ("
    " INSERT INTO device_family (device_id, family_id, delivered_gen, removed_gen)"
    " SELECT :device, f.family_id, g.pull_gen, NULL"
    " FROM g, unnest(CAST(:newly AS text[])) AS f(family_id)"
    " ON CONFLICT (device_id, family_id)"
    " DO UPDATE SET delivered_gen = excluded.delivered_gen, removed_gen = NULL"
    "), logged AS ("
    " INSERT INTO access_log (id, source, family_id, username, action, at, device_id,"
    " received_at)"
    " SELECT a.id, 'server', a.family_id, :username, :action, :at, :device, :now"
    " FROM g, unnest(CAST(:log_ids AS text[]), CAST(:pulled AS text[])) AS a(id, family_id)"
    ") SELECT pull_gen FROM g"
)
_DEVICE_TABLE: Table = Device.__table__  # type: ignore[attr-defined]
_HELD_TABLE: Table = DeviceFamily.__table__  # type: ignore[attr-defined]
_ACCESS_TABLE: Table = AccessLog.__table__  # type: ignore[attr-defined]
PULL_ACTION = "sync-pull"


def _record_in(session: Session, ctx: DeviceContext, plan: _Plan, pulled: set[str]) -> int:
    """The answer's generation, delivered and removed families, and access-log entries, each
    written with one statement (on PostgreSQL the generation, the delivered families and the
    access log together in one)."""
    newly = sorted(plan.newly_delivered)
    forget = sorted(plan.forget - plan.newly_delivered)
    mark = sorted(plan.mark_removed - plan.newly_delivered - plan.forget)
    unremove = sorted(plan.unremove - plan.newly_delivered - plan.forget - plan.mark_removed)
    connection = session.connection()
    now = utcnow()
    if connection.dialect.name == "postgresql":
        families = sorted(pulled)
        gen = int(
            connection.execute(
                _RECORD_PG,
                {
                    "device": ctx.device_id,
                    "now": now,
                    "stale": now - PULL_NOTE_EVERY,
                    "newly": newly,
                    "log_ids": [str(uuid.uuid4()) for _ in families],
                    "pulled": families,
                    "username": ctx.username,
                    "action": PULL_ACTION,
                    "at": _access_time(now),
                },
            ).scalar_one()
        )
    else:
        gen = _record_portable(connection, ctx, now, newly, pulled)
    mine = _HELD_TABLE.c.device_id == ctx.device_id
    if forget:
        connection.execute(delete(_HELD_TABLE).where(mine, _HELD_TABLE.c.family_id.in_(forget)))
    for chosen, removed in ((mark, gen), (unremove, None)):
        if chosen:
            connection.execute(
                update(_HELD_TABLE)
                .where(mine, _HELD_TABLE.c.family_id.in_(chosen))
                .values(removed_gen=removed)
            )
    return gen


def _access_time(now: datetime) -> str:
    """An access-log entry's ``at``: ISO 8601 UTC to the second."""
    return now.astimezone(UTC).isoformat(timespec="seconds")


def _record_portable(
    connection: Connection, ctx: DeviceContext, now: datetime, newly: list[str], pulled: set[str]
) -> int:
    """``_RECORD_PG`` as separate Core statements (SQLite, the embedded demo server)."""
    device = _DEVICE_TABLE.c
    gen = int(
        connection.execute(
            update(_DEVICE_TABLE)
            .where(device.id == ctx.device_id)
            .values(
                pull_gen=device.pull_gen + 1,
                last_pull_at=case(
                    (
                        or_(
                            device.last_pull_at.is_(None),
                            device.last_pull_at < now - PULL_NOTE_EVERY,
                        ),
                        now,
                    ),
                    else_=device.last_pull_at,
                ),
            )
            .returning(device.pull_gen)
        ).scalar_one()
    )
    if newly:
        statement = sqlite_insert(_HELD_TABLE)
        connection.execute(
            statement.on_conflict_do_update(
                index_elements=["device_id", "family_id"],
                set_={"delivered_gen": statement.excluded.delivered_gen, "removed_gen": None},
            ),
            [{"device_id": ctx.device_id, "family_id": f, "delivered_gen": gen} for f in newly],
        )
    if pulled:
        at = _access_time(now)
        connection.execute(
            sa_insert(_ACCESS_TABLE),
            [
                {
                    "id": str(uuid.uuid4()),
                    "source": "server",
                    "family_id": family,
                    "username": ctx.username,
                    "action": PULL_ACTION,
                    "at": at,
                    "device_id": ctx.device_id,
                    "received_at": now,
                }
                for family in sorted(pulled)
            ],
        )
    return gen
