"""The access-log review aids (server.access_flags) on hand-made entries, at their boundaries."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, time, timedelta

import pytest

from hembesok_desktop.server.access_csv import csv_bytes
from hembesok_desktop.server.access_flags import (
    STOCKHOLM,
    AccessEntry,
    BurstRule,
    FlagKind,
    ReviewRules,
    ScopeFacts,
    TeamSpan,
    WorkingHours,
    bursts,
    flag_entries,
    outside_hours,
    outside_teams,
)
from hembesok_desktop.server.settings import ENV_DB, ServerSettings, SettingsError

#: a Wednesday (winter: UTC+1) and a Wednesday in summer (UTC+2)
WINTER = datetime(2025, 1, 15, tzinfo=STOCKHOLM)
SUMMER = datetime(2025, 7, 16, tzinfo=STOCKHOLM)


def entry(
    at: datetime, *, family: str = "f1", user: str = "anna", source: str = "device", n: int = 0
) -> AccessEntry:
    return AccessEntry(f"e{n}-{family}-{at.isoformat()}", source, family, user, "open", at)


def local(day: datetime, hh: int, mm: int = 0, ss: int = 0) -> datetime:
    """A Stockholm wall-clock time on ``day``, given to the rule in UTC as the log stores it."""
    return day.replace(hour=hh, minute=mm, second=ss).astimezone(UTC)


@pytest.mark.parametrize("day", [WINTER, SUMMER], ids=["winter", "summer"])
@pytest.mark.parametrize(
    ("hh", "mm", "ss", "outside"),
    [
        (6, 59, 59, True),
        (7, 0, 0, False),
        (17, 59, 59, False),
        (18, 0, 0, True),
        (0, 0, 0, True),
    ],
)
def test_working_hours_are_stockholm_time_start_inclusive_end_exclusive(
    day: datetime, hh: int, mm: int, ss: int, outside: bool
) -> None:
    e = entry(local(day, hh, mm, ss))
    assert (e.id in outside_hours([e], WorkingHours())) is outside


def test_weekends_are_outside_and_working_days_are_configurable() -> None:
    saturday = entry(local(WINTER + timedelta(days=3), 10))
    friday = entry(local(WINTER + timedelta(days=2), 10))
    assert outside_hours([saturday, friday], WorkingHours()) == {saturday.id}
    every_day = WorkingHours(start=time(8), end=time(16), days=frozenset(range(1, 8)))
    assert outside_hours([saturday, friday], every_day) == set()
    assert outside_hours([entry(local(WINTER, 7, 30))], every_day) != set()


def test_server_entries_are_never_flagged() -> None:
    night = local(WINTER, 2)
    pull = entry(night, source="server")
    facts = ScopeFacts(nurse_teams={}, family_teams={})
    assert flag_entries([pull], facts, ReviewRules()) == {}
    assert flag_entries([entry(night)], facts, ReviewRules()) != {}


def test_outside_teams_uses_the_family_team_at_the_time_of_the_access() -> None:
    moved = local(WINTER, 12)
    facts = ScopeFacts(
        nurse_teams={"anna": frozenset({1}), "bo": frozenset({2, 3})},
        family_teams={"f1": (TeamSpan(1, None, moved), TeamSpan(2, moved, None))},
    )
    before = entry(moved - timedelta(seconds=1), user="anna")
    at_move = entry(moved, user="anna", n=1)
    bo_before = entry(moved - timedelta(seconds=1), user="bo", n=2)
    bo_after = entry(moved + timedelta(hours=1), user="bo", n=3)
    assert outside_teams([before, at_move, bo_before, bo_after], facts) == {
        at_move.id,
        bo_before.id,
    }


def test_unknown_family_team_or_nurse_without_teams_is_flagged() -> None:
    facts = ScopeFacts(nurse_teams={"anna": frozenset({1})}, family_teams={"f1": (TeamSpan(1),)})
    unknown_family = entry(local(WINTER, 10), family="f9")
    no_teams = entry(local(WINTER, 10), user="cecilia")
    fine = entry(local(WINTER, 10))
    assert outside_teams([unknown_family, no_teams, fine], facts) == {
        unknown_family.id,
        no_teams.id,
    }


def _opened(count: int, span: timedelta, *, user: str = "anna") -> list[AccessEntry]:
    """``count`` distinct families opened evenly over ``span`` (first and last ``span`` apart)."""
    start = local(WINTER, 9)
    step = span / (count - 1)
    return [entry(start + i * step, family=f"f{i}", user=user) for i in range(count)]


def test_burst_more_than_twenty_families_within_ten_minutes_inclusive() -> None:
    rule = BurstRule(families=20, minutes=10)
    exactly = _opened(21, timedelta(minutes=10))
    assert bursts(exactly, rule) == {e.id for e in exactly}
    too_slow = _opened(21, timedelta(minutes=10, seconds=1))
    assert bursts(too_slow, rule) == set()
    twenty = _opened(20, timedelta(minutes=1))
    assert bursts(twenty, rule) == set()


def test_burst_counts_distinct_families_per_user() -> None:
    rule = BurstRule(families=2, minutes=10)
    start = local(WINTER, 9)
    same_family = [entry(start + timedelta(seconds=i), n=i) for i in range(10)]
    assert bursts(same_family, rule) == set()
    split = [
        entry(start, family="a", user="anna"),
        entry(start, family="b", user="bo"),
        entry(start, family="c", user="anna"),
        entry(start, family="d", user="bo"),
    ]
    assert bursts(split, rule) == set()
    third = entry(start + timedelta(minutes=10), family="e", user="anna")
    assert bursts([*split, third], rule) == {split[0].id, split[2].id, third.id}


def test_burst_flags_only_the_window_not_the_users_whole_day() -> None:
    rule = BurstRule(families=2, minutes=10)
    start = local(WINTER, 9)
    early = entry(start - timedelta(minutes=11), family="x")
    window = [entry(start + timedelta(minutes=i), family=f"w{i}") for i in range(3)]
    late = entry(start + timedelta(minutes=13), family="y")
    assert bursts([early, *window, late], rule) == {e.id for e in window}


def test_flag_entries_combines_the_kinds_per_entry() -> None:
    facts = ScopeFacts(nurse_teams={"anna": frozenset({1})}, family_teams={"f1": (TeamSpan(2),)})
    night_elsewhere = entry(local(WINTER, 22))
    day_elsewhere = entry(local(WINTER, 10), n=1)
    found = flag_entries([night_elsewhere, day_elsewhere], facts, ReviewRules())
    assert found == {
        night_elsewhere.id: frozenset({FlagKind.OUTSIDE_TEAMS, FlagKind.OUTSIDE_HOURS}),
        day_elsewhere.id: frozenset({FlagKind.OUTSIDE_TEAMS}),
    }


@pytest.mark.parametrize(
    "bad",
    [
        lambda: WorkingHours(start=time(18), end=time(7)),
        lambda: WorkingHours(days=frozenset({0})),
        lambda: WorkingHours(days=frozenset()),
        lambda: BurstRule(families=0),
        lambda: BurstRule(minutes=0),
    ],
)
def test_rules_refuse_values_they_cannot_use(bad: object) -> None:
    with pytest.raises(ValueError):
        bad()  # type: ignore[operator]


def test_settings_default_to_weekdays_seven_to_six_and_twenty_families_in_ten_minutes() -> None:
    review = ServerSettings.from_environ({ENV_DB: "sqlite:///x"}).review
    assert review == ReviewRules(
        WorkingHours(time(7), time(18), frozenset({1, 2, 3, 4, 5})), BurstRule(20, 10)
    )


def test_settings_read_the_review_rules_from_the_environment_and_back() -> None:
    env = {
        ENV_DB: "sqlite:///x",
        "HEMBESOK_SERVER_WORKING_HOURS": "06:30-20:00",
        "HEMBESOK_SERVER_WORKING_DAYS": "1-3,6",
        "HEMBESOK_SERVER_BURST_FAMILIES": "5",
        "HEMBESOK_SERVER_BURST_MINUTES": "2",
    }
    settings = ServerSettings.from_environ(env)
    assert settings.review == ReviewRules(
        WorkingHours(time(6, 30), time(20), frozenset({1, 2, 3, 6})), BurstRule(5, 2)
    )
    assert ServerSettings.from_environ(settings.to_environ()) == settings


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("HEMBESOK_SERVER_WORKING_HOURS", "18:00-07:00"),
        ("HEMBESOK_SERVER_WORKING_HOURS", "sju till sex"),
        ("HEMBESOK_SERVER_WORKING_DAYS", "0-5"),
        ("HEMBESOK_SERVER_WORKING_DAYS", "mon"),
        ("HEMBESOK_SERVER_BURST_FAMILIES", "0"),
        ("HEMBESOK_SERVER_BURST_MINUTES", "-3"),
    ],
)
def test_settings_refuse_bad_review_rules_in_one_sentence(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        ServerSettings.from_environ({ENV_DB: "sqlite:///x", name: value})


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+46 70", "'+46 70"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Anna Öberg", "Anna Öberg"),
        ("a=b", "a=b"),
    ],
)
def test_csv_cells_that_a_spreadsheet_would_run_are_prefixed(cell: str, written: str) -> None:
    data = csv_bytes(["Namn"], [[cell]])
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["Namn"], [written]]
