"""Timeline: ordering of mixed records, the today marker, states and flags."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hembesok_desktop.domain.planning import (
    PlannedContact,
    RecordedContact,
    RecordedStatus,
    plan_contacts,
)
from hembesok_desktop.domain.programmes import MeasurementKind, Programme, load_programme
from hembesok_desktop.domain.timeline import (
    FLAG_FOLLOW_UP_MISSING,
    FollowUpRecord,
    JournalNote,
    MeasurementRecord,
    ScreeningRecord,
    TimelineItem,
    TimelineKind,
    build_timeline,
)

PROGRAMMES = Path(__file__).resolve().parents[2] / "resources" / "programmes"
D = dt.date
UTC = dt.UTC
PROGRAMME_ID = "extended_home_visits"


@pytest.fixture(scope="module")
def extended() -> Programme:
    return load_programme(
        PROGRAMMES / "extended_home_visits.json",
        schema_path=PROGRAMMES / "programme.schema.json",
    )


def _plan(programme: Programme, *, enrollment_start: D = D(2024, 1, 31)) -> list[PlannedContact]:
    return plan_contacts(
        programme=programme,
        birth_date=D(2024, 1, 31),
        enrollment_start=enrollment_start,
        today=D(2024, 6, 20),
    )


def _done(code: str, day: D, ref: str | None = None) -> RecordedContact:
    return RecordedContact(PROGRAMME_ID, code, RecordedStatus.DONE, day, ref)


def _summary(items: list[TimelineItem]) -> list[tuple[D, str, str | None]]:
    return [(i.date, i.kind.value, i.ref_id) for i in items]


def test_mixed_records_in_date_order_with_today_marker(extended: Programme) -> None:
    items = build_timeline(
        today=D(2024, 6, 20),
        planned=_plan(extended),
        recorded=[_done("HB1", D(2024, 2, 12), "contact-1"), _done("HB2", D(2024, 4, 2))],
        journal=[
            JournalNote("j-2", dt.datetime(2024, 3, 30, 23, 30, tzinfo=UTC), "Telefonsamtal"),
            JournalNote("j-1", dt.datetime(2024, 2, 12, 9, 0, tzinfo=UTC), "Hembesök 1"),
        ],
        measurements=[
            MeasurementRecord("m-1", D(2024, 2, 12), MeasurementKind.WEIGHT, 3900, "g"),
        ],
        screenings=[
            ScreeningRecord("s-2", D(2024, 4, 2), "epds", positive=True, score=13),
            ScreeningRecord(
                "s-1", D(2024, 4, 2), "barnsakert", positive=True, flags=("economic_worries",)
            ),
        ],
        follow_ups=[
            FollowUpRecord("f-1", D(2024, 4, 2), "Samtal på BVC", "accepted", screening_id="s-1"),
        ],
    )
    assert _summary(items) == [
        (D(2024, 2, 12), "contact", "contact-1"),
        (D(2024, 2, 12), "measurement", "m-1"),
        (D(2024, 2, 12), "journal", "j-1"),
        # 23:30 UTC on 30 March is 00:30 on 31 March in Stockholm
        (D(2024, 3, 31), "journal", "j-2"),
        (D(2024, 4, 2), "contact", "extended_home_visits/HB2"),
        (D(2024, 4, 2), "screening", "s-1"),
        (D(2024, 4, 2), "screening", "s-2"),
        (D(2024, 4, 2), "follow_up", "f-1"),
        (D(2024, 5, 31), "contact", "extended_home_visits/HB3"),
        (D(2024, 6, 20), "today", None),
        (D(2024, 7, 31), "contact", "extended_home_visits/HB4"),
        (D(2024, 9, 30), "contact", "extended_home_visits/HB5"),
        (D(2024, 11, 30), "contact", "extended_home_visits/EM1"),
        (D(2025, 4, 30), "contact", "extended_home_visits/HB6"),
        (D(2026, 1, 31), "contact", "extended_home_visits/EM2"),
    ]
    states = {i.ref_id: i.state for i in items if i.kind is TimelineKind.CONTACT}
    assert states == {
        "contact-1": "done",
        "extended_home_visits/HB2": "done",
        "extended_home_visits/HB3": "overdue",
        "extended_home_visits/HB4": "planned",
        "extended_home_visits/HB5": "planned",
        "extended_home_visits/EM1": "planned",
        "extended_home_visits/HB6": "planned",
        "extended_home_visits/EM2": "planned",
    }
    screenings = [i for i in items if i.kind is TimelineKind.SCREENING]
    assert [(i.title, i.state, i.detail) for i in screenings] == [
        ("barnsakert", "positive", ""),
        ("epds", "positive", "poäng 13"),
    ]
    flags = {i.ref_id: i.flags for i in screenings}
    assert flags == {"s-1": ("economic_worries",), "s-2": (FLAG_FOLLOW_UP_MISSING,)}


def test_today_marker_sits_after_todays_items_and_before_tomorrows() -> None:
    today = D(2024, 6, 20)
    items = build_timeline(
        today=today,
        measurements=[
            MeasurementRecord("tomorrow", D(2024, 6, 21), MeasurementKind.LENGTH, 66.5, "cm"),
            MeasurementRecord("today", today, MeasurementKind.WEIGHT, 7200, "g"),
            MeasurementRecord("yesterday", D(2024, 6, 19), MeasurementKind.WEIGHT, 7150, "g"),
        ],
    )
    assert [i.ref_id for i in items] == ["yesterday", "today", None, "tomorrow"]
    assert items[2].kind is TimelineKind.TODAY
    assert items[2].date == today
    assert items[2].title == "Idag"


def test_today_marker_alone_and_at_either_end() -> None:
    only = build_timeline(today=D(2024, 6, 20))
    assert [i.kind for i in only] == [TimelineKind.TODAY]
    past = MeasurementRecord("p", D(2024, 1, 1), MeasurementKind.WEIGHT, 4000, "g")
    future = MeasurementRecord("f", D(2025, 1, 1), MeasurementKind.WEIGHT, 9000, "g")
    with_past = build_timeline(today=D(2024, 6, 20), measurements=[past])
    assert [i.kind for i in with_past] == [TimelineKind.MEASUREMENT, TimelineKind.TODAY]
    with_future = build_timeline(today=D(2024, 6, 20), measurements=[future])
    assert [i.kind for i in with_future] == [TimelineKind.TODAY, TimelineKind.MEASUREMENT]


def test_journal_entries_on_one_day_in_order_of_signing() -> None:
    items = build_timeline(
        today=D(2024, 6, 20),
        journal=[
            JournalNote("late", dt.datetime(2024, 6, 3, 15, 0, tzinfo=UTC), "B"),
            JournalNote("early", dt.datetime(2024, 6, 3, 7, 0, tzinfo=UTC), "C"),
            # naive: taken as UTC, 22:30 UTC is 00:30 on 4 June in Stockholm (summer time)
            JournalNote("naive", dt.datetime(2024, 6, 3, 22, 30), "A", voided=True),
        ],
    )
    assert [i.state for i in items[:3]] == ["signed", "signed", "voided"]
    assert _summary(items) == [
        (D(2024, 6, 3), "journal", "early"),
        (D(2024, 6, 3), "journal", "late"),
        (D(2024, 6, 4), "journal", "naive"),
        (D(2024, 6, 20), "today", None),
    ]


def test_not_applicable_contacts_are_left_out_unless_asked(extended: Programme) -> None:
    plan = _plan(extended, enrollment_start=D(2024, 6, 30))
    default = build_timeline(today=D(2024, 7, 1), planned=plan)
    codes = [i.ref_id for i in default if i.kind is TimelineKind.CONTACT]
    assert "extended_home_visits/HB1" not in codes
    assert len(codes) == 5
    everything = build_timeline(today=D(2024, 7, 1), planned=plan, include_not_applicable=True)
    states = {i.ref_id: i.state for i in everything if i.kind is TimelineKind.CONTACT}
    assert states["extended_home_visits/HB1"] == "not_applicable"
    assert states["extended_home_visits/HB3"] == "not_applicable"


def test_rescheduled_contact_shows_on_its_new_day(extended: Programme) -> None:
    recorded = RecordedContact(PROGRAMME_ID, "HB4", RecordedStatus.RESCHEDULED, D(2024, 8, 20))
    items = build_timeline(today=D(2024, 8, 1), planned=_plan(extended), recorded=[recorded])
    hb4 = next(i for i in items if i.ref_id == "extended_home_visits/HB4")
    assert (hb4.date, hb4.state) == (D(2024, 8, 20), "rescheduled")


def test_unplanned_recorded_contact_is_shown() -> None:
    adhoc = RecordedContact("adhoc", "PHONE", RecordedStatus.DONE, D(2024, 3, 5), "c-9")
    items = build_timeline(today=D(2024, 6, 20), recorded=[adhoc])
    assert _summary(items) == [(D(2024, 3, 5), "contact", "c-9"), (D(2024, 6, 20), "today", None)]
    assert items[0].state == "done"


def test_titles_in_english(extended: Programme) -> None:
    items = build_timeline(
        today=D(2024, 2, 8),
        planned=_plan(extended)[:1],
        measurements=[MeasurementRecord("m", D(2024, 2, 1), MeasurementKind.WEIGHT, 3650, "g")],
        language="en",
    )
    assert [i.title for i in items] == ["Weight 3650 g", "Today", "HB1 Home visit 1 (1–2 weeks)"]
    assert items[2].state == "due"
    assert items[2].detail == "window 2024-02-07 – 2024-02-14"


def test_measurements_use_the_decimal_comma_in_swedish_and_the_point_in_english() -> None:
    from hembesok_desktop.domain.timeline import MeasurementRecord, build_timeline

    record = MeasurementRecord(
        id="m1", measured_on=dt.date(2026, 1, 5), kind=MeasurementKind.WEIGHT, value=5.17, unit="kg"
    )
    sv = build_timeline(today=dt.date(2026, 2, 1), measurements=[record], language="sv")
    en = build_timeline(today=dt.date(2026, 2, 1), measurements=[record], language="en")
    assert [i.title for i in sv if i.ref_id == "m1"] == ["Vikt 5,17 kg"]
    assert [i.title for i in en if i.ref_id == "m1"] == ["Weight 5.17 kg"]
