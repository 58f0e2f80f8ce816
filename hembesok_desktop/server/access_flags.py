"""Review aids for the access log: which entries a log reviewer should look at, and why.

Pure functions over hand-made or loaded entries; no SQL, no clock, no environment. The console's
queries (``access_review``) load the entries and the scope facts and call ``flag_entries``.

Which entries are judged: those a laptop uploaded (``source == "device"``: a nurse opened,
printed or exported a family's record). The server's own entries (``sync-pull``: a device
received a family's rows) are part of every extract but never flagged: the server delivers only
families in the device's scope, and one sync delivers a whole caseload at once.

The three flags:

* ``outside_teams``: the family's team at the time of the access is not one of the nurse's
  teams, or is not known. The family's team at a moment is read from its team history
  (``TeamSpan``: the console's recorded family moves, and the current ``family_scope`` row);
  a family without any known team is flagged too, since nothing shows the access was in scope.
  The nurse's teams are her current memberships (the server keeps no membership history).
* ``outside_hours``: the access's Stockholm wall-clock time is outside the working hours
  (``WorkingHours``: days of the ISO week, start inclusive, end exclusive; default Monday to
  Friday 07:00-18:00). Public holidays are not known to the rule.
* ``burst``: one user opened more than ``BurstRule.families`` distinct families within
  ``BurstRule.minutes`` (two entries exactly that far apart are within it). Every entry of such
  a window is flagged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")
JUDGED_SOURCE = "device"


class FlagKind(StrEnum):
    OUTSIDE_TEAMS = "outside_teams"
    OUTSIDE_HOURS = "outside_hours"
    BURST = "burst"


@dataclass(frozen=True, slots=True)
class AccessEntry:
    id: str
    source: str
    family_id: str
    username: str
    action: str
    #: timezone-aware
    at: datetime
    device_id: str | None = None


@dataclass(frozen=True, slots=True)
class WorkingHours:
    start: time = time(7, 0)
    end: time = time(18, 0)
    #: ISO weekdays, Monday = 1
    days: frozenset[int] = frozenset({1, 2, 3, 4, 5})

    def __post_init__(self) -> None:
        if self.start >= self.end:
            raise ValueError("Working hours must start before they end.")
        if not self.days or not self.days <= set(range(1, 8)):
            raise ValueError("Working days are ISO weekdays from 1 (Monday) to 7 (Sunday).")

    def covers(self, moment: datetime) -> bool:
        local = moment.astimezone(STOCKHOLM)
        return local.isoweekday() in self.days and self.start <= local.time() < self.end


@dataclass(frozen=True, slots=True)
class BurstRule:
    families: int = 20
    minutes: int = 10

    def __post_init__(self) -> None:
        if self.families < 1 or self.minutes < 1:
            raise ValueError("A burst needs at least one family and one minute.")


@dataclass(frozen=True, slots=True)
class ReviewRules:
    hours: WorkingHours = field(default_factory=WorkingHours)
    burst: BurstRule = field(default_factory=BurstRule)


@dataclass(frozen=True, slots=True)
class TeamSpan:
    """A family belonged to ``team_id`` from ``since`` (inclusive) until ``until`` (exclusive);
    None is open-ended."""

    team_id: int
    since: datetime | None = None
    until: datetime | None = None

    def holds(self, moment: datetime) -> bool:
        after = self.since is None or self.since <= moment
        before = self.until is None or moment < self.until
        return after and before


@dataclass(frozen=True, slots=True)
class ScopeFacts:
    #: username -> the nurse's team ids
    nurse_teams: Mapping[str, frozenset[int]]
    #: family id -> its team history
    family_teams: Mapping[str, Sequence[TeamSpan]]

    def team_at(self, family_id: str, moment: datetime) -> int | None:
        for span in self.family_teams.get(family_id, ()):
            if span.holds(moment):
                return span.team_id
        return None


def judged(entries: Iterable[AccessEntry]) -> list[AccessEntry]:
    return [e for e in entries if e.source == JUDGED_SOURCE]


def outside_teams(entries: Iterable[AccessEntry], facts: ScopeFacts) -> set[str]:
    flagged = set()
    for entry in judged(entries):
        team = facts.team_at(entry.family_id, entry.at)
        if team is None or team not in facts.nurse_teams.get(entry.username, frozenset()):
            flagged.add(entry.id)
    return flagged


def outside_hours(entries: Iterable[AccessEntry], hours: WorkingHours) -> set[str]:
    return {e.id for e in judged(entries) if not hours.covers(e.at)}


def bursts(entries: Iterable[AccessEntry], rule: BurstRule) -> set[str]:
    by_user: dict[str, list[AccessEntry]] = {}
    for entry in judged(entries):
        by_user.setdefault(entry.username, []).append(entry)
    flagged: set[str] = set()
    for own in by_user.values():
        own.sort(key=lambda e: (e.at.astimezone(UTC), e.id))
        flagged.update(_burst_windows(own, rule))
    return flagged


def _burst_windows(entries: Sequence[AccessEntry], rule: BurstRule) -> set[str]:
    """Two pointers: the window [first, last] of entries at most ``rule.minutes`` apart."""
    width = timedelta(minutes=rule.minutes)
    families: Counter[str] = Counter()
    flagged: set[str] = set()
    first = 0
    for last, entry in enumerate(entries):
        families[entry.family_id] += 1
        while entry.at - entries[first].at > width:
            gone = entries[first].family_id
            families[gone] -= 1
            if not families[gone]:
                del families[gone]
            first += 1
        if len(families) > rule.families:
            flagged.update(e.id for e in entries[first : last + 1])
    return flagged


def flag_entries(
    entries: Iterable[AccessEntry], facts: ScopeFacts, rules: ReviewRules
) -> dict[str, frozenset[FlagKind]]:
    """Each flagged entry's id and its flags (unflagged entries are absent)."""
    rows = list(entries)
    found: dict[str, set[FlagKind]] = {}
    for kind, ids in (
        (FlagKind.OUTSIDE_TEAMS, outside_teams(rows, facts)),
        (FlagKind.OUTSIDE_HOURS, outside_hours(rows, rules.hours)),
        (FlagKind.BURST, bursts(rows, rules.burst)),
    ):
        for entry_id in ids:
            found.setdefault(entry_id, set()).add(kind)
    return {entry_id: frozenset(kinds) for entry_id, kinds in found.items()}
