"""Access-log review: a family's extract, a user's log with filters, and flag reviews.

Plain functions over the caller's ``Session`` (so a console page audits the view in the same
transaction), returning frozen dataclasses. ``teams`` limits what a unit manager sees: None for
an administrator or a log reviewer, else her team ids (a family in one of them; a nurse who is a
member of one of them, with all her entries, since the manager reviews her staff).

Flags come from ``access_flags.flag_entries``. Their inputs are loaded here:

* the entries judged for a burst: the same users' entries from ``burst.minutes`` before the
  first shown entry to as long after the last one (a burst may span other families);
* the nurses' teams: their current ``nurse_team`` memberships;
* a family's team at the time: its ``family_scope`` team, held since its last move recorded in
  the console's audit log (``FAMILY_MOVE_ACTION`` on the family's id) and, without a recorded
  move, since always. Before a recorded move the team is not known, so such an entry is
  flagged for a reviewer to judge. ``admin.move_family`` records every move, from the console
  and from ``hembesok-server admin move-family`` alike.

Times in ``access_log.at`` are ISO 8601 UTC strings of one format (``isoformat(timespec=
"seconds")``), so they compare as text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from .access_flags import (
    STOCKHOLM,
    AccessEntry,
    FlagKind,
    ReviewRules,
    ScopeFacts,
    TeamSpan,
    flag_entries,
)
from .admin import FAMILY_MOVE_ACTION
from .models import (
    AccessFlagReview,
    AccessLog,
    ConsoleAccount,
    ConsoleAudit,
    Device,
    FamilyScope,
    Nurse,
    NurseTeam,
    Team,
    utcnow,
)

MAX_NOTE = 2000
#: a user's log shows at most this many entries (newest first)
USER_LOG_LIMIT = 500
_IN_CHUNK = 500


class ReviewError(ValueError):
    """A review the reviewer must correct: one English sentence, and ``code`` for the page's
    own message (``no_note``, ``note_too_long``, ``no_entry``, ``no_flag``, ``reviewed``)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class Review:
    reviewer: str
    reviewed_at: datetime
    note: str


@dataclass(frozen=True, slots=True)
class Flag:
    kind: FlagKind
    review: Review | None


@dataclass(frozen=True, slots=True)
class ExtractRow:
    entry_id: str
    at: datetime
    family_id: str
    username: str
    nurse_name: str
    nurse_title: str
    action: str
    source: str
    device_id: str | None
    device_name: str
    flags: tuple[Flag, ...]


@dataclass(frozen=True, slots=True)
class FamilyExtract:
    family_id: str
    team_name: str | None
    rows: tuple[ExtractRow, ...]


@dataclass(frozen=True, slots=True)
class UserFilter:
    #: Stockholm calendar days, both inclusive
    since: date | None = None
    until: date | None = None
    action: str | None = None
    family_id: str | None = None
    flagged_only: bool = False


@dataclass(frozen=True, slots=True)
class UserLog:
    nurse_id: int
    username: str
    nurse_name: str
    nurse_title: str
    rows: tuple[ExtractRow, ...]
    #: more entries matched than ``USER_LOG_LIMIT``
    truncated: bool


def family_extract(
    session: Session, family_id: str, rules: ReviewRules, teams: Sequence[int] | None = None
) -> FamilyExtract | None:
    """The family's access log, oldest first; None when the server knows no such family or it
    is not in ``teams``."""
    scope = session.get(FamilyScope, family_id)
    if teams is not None and (scope is None or scope.team_id not in teams):
        return None
    entries = _entries(session, select(AccessLog).where(AccessLog.family_id == family_id))
    if scope is None and not entries:
        return None
    team = None if scope is None else session.get(Team, scope.team_id)
    rows = _rows(session, entries, rules)
    return FamilyExtract(family_id, None if team is None else team.name, tuple(rows))


def user_log(
    session: Session,
    username: str,
    filters: UserFilter,
    rules: ReviewRules,
    teams: Sequence[int] | None = None,
) -> UserLog | None:
    """A user's entries matching ``filters``, newest first; None when there is no such nurse or
    she is in none of ``teams``."""
    nurse = session.exec(select(Nurse).where(Nurse.username == username)).first()
    if nurse is None or (teams is not None and not _member_of(session, nurse, teams)):
        return None
    query = select(AccessLog).where(AccessLog.username == username)
    if filters.since is not None:
        query = query.where(col(AccessLog.at) >= _utc_text(filters.since))
    if filters.until is not None:
        query = query.where(col(AccessLog.at) < _utc_text(filters.until + timedelta(days=1)))
    if filters.action:
        query = query.where(AccessLog.action == filters.action)
    if filters.family_id:
        query = query.where(AccessLog.family_id == filters.family_id)
    rows = _rows(session, _entries(session, query), rules)
    if filters.flagged_only:
        rows = [r for r in rows if r.flags]
    rows.reverse()
    assert nurse.id is not None
    return UserLog(
        nurse.id,
        username,
        nurse.full_name,
        nurse.title,
        tuple(rows[:USER_LOG_LIMIT]),
        len(rows) > USER_LOG_LIMIT,
    )


def mark_reviewed(
    session: Session,
    entry_id: str,
    kind: str,
    reviewer_id: int,
    note: str,
    rules: ReviewRules,
    teams: Sequence[int] | None = None,
) -> None:
    """Record that ``reviewer_id`` reviewed flag ``kind`` of entry ``entry_id``, with ``note``."""
    note = note.strip()
    if not note:
        raise ReviewError("no_note", "A review needs a note.")
    if len(note) > MAX_NOTE:
        raise ReviewError(
            "note_too_long", f"A review note may be at most {MAX_NOTE} characters long."
        )
    entry = session.get(AccessLog, entry_id)
    if entry is None or not _visible(session, entry, teams):
        raise ReviewError("no_entry", "There is no such access-log entry.")
    row = next(iter(_rows(session, [_entry(entry)], rules)))
    flag = next((f for f in row.flags if f.kind == kind), None)
    if flag is None:
        raise ReviewError("no_flag", "That entry does not carry that flag.")
    if flag.review is not None:
        raise ReviewError("reviewed", "That flag has already been reviewed.")
    session.add(
        AccessFlagReview(
            access_log_id=entry_id,
            flag_kind=flag.kind.value,
            reviewer_id=reviewer_id,
            note=note,
            reviewed_at=utcnow(),
        )
    )
    session.flush()


def entry_family(session: Session, entry_id: str) -> str | None:
    entry = session.get(AccessLog, entry_id)
    return None if entry is None else entry.family_id


def _visible(session: Session, entry: AccessLog, teams: Sequence[int] | None) -> bool:
    if teams is None:
        return True
    scope = session.get(FamilyScope, entry.family_id)
    if scope is not None and scope.team_id in teams:
        return True
    nurse = session.exec(select(Nurse).where(Nurse.username == entry.username)).first()
    return nurse is not None and _member_of(session, nurse, teams)


def _member_of(session: Session, nurse: Nurse, teams: Sequence[int]) -> bool:
    return (
        session.exec(
            select(NurseTeam.id).where(
                NurseTeam.nurse_id == nurse.id, col(NurseTeam.team_id).in_(list(teams))
            )
        ).first()
        is not None
    )


def _utc_text(day: date) -> str:
    """The UTC text of the Stockholm midnight that starts ``day``."""
    start = datetime.combine(day, time(0), tzinfo=STOCKHOLM).astimezone(UTC)
    return start.isoformat(timespec="seconds")


def _entry(row: AccessLog) -> AccessEntry:
    moment = datetime.fromisoformat(row.at)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return AccessEntry(
        row.id, row.source, row.family_id, row.username, row.action, moment, row.device_id
    )


def _entries(session: Session, query: object) -> list[AccessEntry]:
    ordered = query.order_by(col(AccessLog.at), col(AccessLog.id))  # type: ignore[attr-defined]
    return [_entry(row) for row in session.exec(ordered).all()]


def _rows(session: Session, shown: Sequence[AccessEntry], rules: ReviewRules) -> list[ExtractRow]:
    if not shown:
        return []
    context = _burst_context(session, shown, rules)
    facts = _scope_facts(session, context)
    flags = flag_entries(context, facts, rules)
    reviews = _reviews(session, [e.id for e in shown if e.id in flags])
    nurses = _nurses(session, {e.username for e in shown})
    devices = _device_names(session, {e.device_id for e in shown if e.device_id})
    rows = []
    for e in shown:
        name, title = nurses.get(e.username, ("", ""))
        kinds = sorted(flags.get(e.id, ()), key=list(FlagKind).index)
        rows.append(
            ExtractRow(
                e.id,
                e.at,
                e.family_id,
                e.username,
                name,
                title,
                e.action,
                e.source,
                e.device_id,
                devices.get(e.device_id or "", ""),
                tuple(Flag(k, reviews.get((e.id, k.value))) for k in kinds),
            )
        )
    return rows


def _burst_context(
    session: Session, shown: Sequence[AccessEntry], rules: ReviewRules
) -> list[AccessEntry]:
    width = timedelta(minutes=rules.burst.minutes)
    low = (min(e.at for e in shown) - width).astimezone(UTC).isoformat(timespec="seconds")
    high = (max(e.at for e in shown) + width).astimezone(UTC).isoformat(timespec="seconds")
    users = sorted({e.username for e in shown})
    found = {e.id: e for e in shown}
    query = select(AccessLog).where(
        col(AccessLog.username).in_(users),
        AccessLog.source == "device",
        col(AccessLog.at) >= low,
        col(AccessLog.at) <= high,
    )
    for entry in _entries(session, query):
        found.setdefault(entry.id, entry)
    return list(found.values())


def _scope_facts(session: Session, entries: Sequence[AccessEntry]) -> ScopeFacts:
    users = sorted({e.username for e in entries})
    families = sorted({e.family_id for e in entries})
    nurse_teams: dict[str, set[int]] = {u: set() for u in users}
    for username, team_id in _chunked(
        session,
        users,
        lambda part: (
            select(Nurse.username, NurseTeam.team_id)
            .join(NurseTeam, col(NurseTeam.nurse_id) == col(Nurse.id))
            .where(col(Nurse.username).in_(part))
        ),
    ):
        nurse_teams[username].add(team_id)
    current: dict[str, int] = dict(
        _chunked(
            session,
            families,
            lambda part: select(FamilyScope.family_id, FamilyScope.team_id).where(
                col(FamilyScope.family_id).in_(part)
            ),
        )
    )
    moved: dict[str, datetime] = dict(
        _chunked(
            session,
            families,
            lambda part: (
                select(ConsoleAudit.target, func.max(ConsoleAudit.at))
                .where(
                    ConsoleAudit.action == FAMILY_MOVE_ACTION, col(ConsoleAudit.target).in_(part)
                )
                .group_by(col(ConsoleAudit.target))
            ),
        )
    )
    spans = {
        family: (TeamSpan(team, since=_aware(moved.get(family))),)
        for family, team in current.items()
    }
    return ScopeFacts({u: frozenset(t) for u, t in nurse_teams.items()}, spans)


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def _chunked(session: Session, keys: Sequence[str], query: Any) -> list[Any]:
    found: list[Any] = []
    for start in range(0, len(keys), _IN_CHUNK):
        found.extend(session.exec(query(keys[start : start + _IN_CHUNK])).all())
    return found


def _reviews(session: Session, entry_ids: Iterable[str]) -> dict[tuple[str, str], Review]:
    ids = sorted(set(entry_ids))
    rows = _chunked(
        session,
        ids,
        lambda part: (
            select(AccessFlagReview, ConsoleAccount.full_name)
            .join(ConsoleAccount, col(ConsoleAccount.id) == col(AccessFlagReview.reviewer_id))
            .where(col(AccessFlagReview.access_log_id).in_(part))
        ),
    )
    found = {}
    for review, reviewer in rows:
        assert isinstance(review, AccessFlagReview)
        moment = _aware(review.reviewed_at)
        assert moment is not None
        found[(review.access_log_id, review.flag_kind)] = Review(str(reviewer), moment, review.note)
    return found


def _nurses(session: Session, usernames: set[str]) -> dict[str, tuple[str, str]]:
    rows = _chunked(
        session,
        sorted(usernames),
        lambda part: select(Nurse.username, Nurse.full_name, Nurse.title).where(
            col(Nurse.username).in_(part)
        ),
    )
    return {str(u): (str(n), str(t)) for u, n, t in rows}


def _device_names(session: Session, device_ids: set[str | None]) -> dict[str, str]:
    ids = sorted(d for d in device_ids if d)
    rows = _chunked(
        session,
        ids,
        lambda part: select(Device.id, Device.name).where(col(Device.id).in_(part)),
    )
    return {str(i): str(n) for i, n in rows}


@dataclass(frozen=True, slots=True)
class AuditRow:
    at: datetime
    username: str
    full_name: str
    role: str
    action: str
    target: str | None
    address: str


#: the console's audit log page shows at most this many entries (newest first)
AUDIT_LIMIT = 300


def console_audit_log(
    session: Session, since: date | None = None, until: date | None = None
) -> tuple[list[AuditRow], bool]:
    """The console's own audit entries between two Stockholm days (inclusive), newest first, at
    most ``AUDIT_LIMIT``; and whether more matched."""
    query = select(ConsoleAudit, ConsoleAccount).join(
        ConsoleAccount, col(ConsoleAccount.id) == col(ConsoleAudit.user_id), isouter=True
    )
    if since is not None:
        query = query.where(col(ConsoleAudit.at) >= _stockholm_midnight(since))
    if until is not None:
        query = query.where(col(ConsoleAudit.at) < _stockholm_midnight(until + timedelta(days=1)))
    found = session.exec(
        query.order_by(col(ConsoleAudit.at).desc(), col(ConsoleAudit.id).desc()).limit(
            AUDIT_LIMIT + 1
        )
    ).all()
    rows = []
    for entry, account in found[:AUDIT_LIMIT]:
        moment = _aware(entry.at)
        assert moment is not None
        rows.append(
            AuditRow(
                moment,
                "" if account is None else account.username,
                "" if account is None else account.full_name,
                "" if account is None else account.role,
                entry.action,
                entry.target,
                entry.address,
            )
        )
    return rows, len(found) > AUDIT_LIMIT


def _stockholm_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=STOCKHOLM).astimezone(UTC)
