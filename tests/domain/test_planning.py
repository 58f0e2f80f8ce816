"""Planning: hand-worked dates, windows, applicability, states and re-planning.

Every expected date below was worked out by hand on a calendar, not with the code under test.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hembesok_desktop.domain.planning import (
    ContactState,
    NotApplicableReason,
    PlannedContact,
    RecordedContact,
    RecordedStatus,
    add_age,
    add_months,
    contact_state,
    plan_contacts,
    replan,
    today_in_stockholm,
)
from hembesok_desktop.domain.programmes import AgeSpan, Programme, load_programme

REPO = Path(__file__).resolve().parents[2]
PROGRAMMES = REPO / "resources" / "programmes"
SCHEMA = PROGRAMMES / "programme.schema.json"
D = dt.date
UTC = dt.UTC


@pytest.fixture(scope="module")
def extended() -> Programme:
    return load_programme(PROGRAMMES / "extended_home_visits.json", schema_path=SCHEMA)


@pytest.fixture(scope="module")
def national() -> Programme:
    return load_programme(PROGRAMMES / "national_programme.json", schema_path=SCHEMA)


def _windows(plan: list[PlannedContact]) -> dict[str, tuple[D, D, D]]:
    return {p.code: (p.target_date, p.window_start, p.window_end) for p in plan}


def _by_code(plan: list[PlannedContact]) -> dict[str, PlannedContact]:
    return {p.code: p for p in plan}


def _plan(programme: Programme, birth: D, **kwargs: D | None) -> list[PlannedContact]:
    enrollment_start = kwargs.pop("enrollment_start", None) or birth
    today = kwargs.pop("today", None) or D(2030, 1, 1)
    return plan_contacts(
        programme=programme,
        birth_date=birth,
        enrollment_start=enrollment_start,
        enrollment_end=kwargs.pop("enrollment_end", None),
        today=today,
    )


# ------------------------------------------------------------------ calendar arithmetic


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2023, 8, 31), 6, D(2024, 2, 29)),
        (D(2023, 8, 31), 1, D(2023, 9, 30)),
        (D(2024, 3, 31), -1, D(2024, 2, 29)),
        (D(2024, 12, 15), 1, D(2025, 1, 15)),
        (D(2025, 1, 15), -1, D(2024, 12, 15)),
        (D(2024, 5, 10), 0, D(2024, 5, 10)),
    ],
)
def test_add_months_clamps_to_the_month_end(start: D, months: int, expected: D) -> None:
    assert add_months(start, months) == expected


def test_add_age_adds_months_then_days() -> None:
    assert add_age(D(2024, 1, 31), AgeSpan(months=1, days=1)) == D(2024, 3, 1)
    assert add_age(D(2024, 1, 31), AgeSpan(years=1)) == D(2025, 1, 31)
    assert add_age(D(2024, 2, 29), AgeSpan(years=1)) == D(2025, 2, 28)
    assert add_age(D(2024, 1, 31), AgeSpan(weeks=6)) == D(2024, 3, 13)


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31)), st.integers(0, 120))
def test_add_months_lands_in_the_right_month(start: D, months: int) -> None:
    moved = add_months(start, months)
    assert (moved.year * 12 + moved.month) - (start.year * 12 + start.month) == months
    clamped = moved.day < start.day and (moved + dt.timedelta(days=1)).day == 1
    assert moved.day == start.day or clamped


# ------------------------------------------------------------------ month-end births


def test_birth_on_31_january_2024(extended: Programme) -> None:
    plan = _plan(extended, D(2024, 1, 31))
    assert [p.code for p in plan] == ["HB1", "HB2", "HB3", "HB4", "HB5", "EM1", "HB6", "EM2"]
    assert _windows(plan) == {
        "HB1": (D(2024, 2, 10), D(2024, 2, 7), D(2024, 2, 14)),
        "HB2": (D(2024, 3, 31), D(2024, 3, 24), D(2024, 4, 7)),
        "HB3": (D(2024, 5, 31), D(2024, 5, 17), D(2024, 6, 14)),
        "HB4": (D(2024, 7, 31), D(2024, 7, 17), D(2024, 8, 14)),
        "HB5": (D(2024, 9, 30), D(2024, 9, 16), D(2024, 10, 14)),
        "EM1": (D(2024, 11, 30), D(2024, 11, 16), D(2024, 12, 14)),
        "HB6": (D(2025, 4, 30), D(2025, 4, 2), D(2025, 5, 28)),
        "EM2": (D(2026, 1, 31), D(2026, 1, 3), D(2026, 2, 28)),
    }
    assert all(p.applicable for p in plan)


def test_birth_on_31_august_2023(extended: Programme) -> None:
    plan = _plan(extended, D(2023, 8, 31))
    assert _windows(plan) == {
        "HB1": (D(2023, 9, 10), D(2023, 9, 7), D(2023, 9, 14)),
        "HB2": (D(2023, 10, 31), D(2023, 10, 24), D(2023, 11, 7)),
        "HB3": (D(2023, 12, 31), D(2023, 12, 17), D(2024, 1, 14)),
        "HB4": (D(2024, 2, 29), D(2024, 2, 15), D(2024, 3, 14)),
        "HB5": (D(2024, 4, 30), D(2024, 4, 16), D(2024, 5, 14)),
        "EM1": (D(2024, 6, 30), D(2024, 6, 16), D(2024, 7, 14)),
        "HB6": (D(2024, 11, 30), D(2024, 11, 2), D(2024, 12, 28)),
        "EM2": (D(2025, 8, 31), D(2025, 8, 3), D(2025, 9, 28)),
    }


def test_birth_on_29_february_2024(extended: Programme, national: Programme) -> None:
    plan = _plan(extended, D(2024, 2, 29))
    assert _windows(plan) == {
        "HB1": (D(2024, 3, 10), D(2024, 3, 7), D(2024, 3, 14)),
        "HB2": (D(2024, 4, 29), D(2024, 4, 22), D(2024, 5, 6)),
        "HB3": (D(2024, 6, 29), D(2024, 6, 15), D(2024, 7, 13)),
        "HB4": (D(2024, 8, 29), D(2024, 8, 15), D(2024, 9, 12)),
        "HB5": (D(2024, 10, 29), D(2024, 10, 15), D(2024, 11, 12)),
        "EM1": (D(2024, 12, 29), D(2024, 12, 15), D(2025, 1, 12)),
        "HB6": (D(2025, 5, 29), D(2025, 5, 1), D(2025, 6, 26)),
        "EM2": (D(2026, 2, 28), D(2026, 1, 31), D(2026, 3, 28)),
    }
    twelve_months = _by_code(_plan(national, D(2024, 2, 29)))["RH12"]
    assert (twelve_months.target_date, twelve_months.window_start, twelve_months.window_end) == (
        D(2025, 2, 28),
        D(2025, 2, 14),
        D(2025, 3, 14),
    )


def test_planned_contact_carries_the_programme_content(extended: Programme) -> None:
    hb5 = _by_code(_plan(extended, D(2024, 1, 31)))["HB5"]
    assert hb5.programme_id == "extended_home_visits"
    assert hb5.kind == "home"
    assert {p.role for p in hb5.participants} == {"nurse", "parental_advisor", "dental_care"}
    assert "tooth_brushing" in hb5.themes
    hb2 = _by_code(_plan(extended, D(2024, 1, 31)))["HB2"]
    # issue 14: EPDS moved out of this joint visit to an individual conversation at 6-8 weeks
    assert hb2.forms == ("barnsakert",)
    assert hb2.vaccines == ()
    hb1 = _by_code(_plan(extended, D(2024, 1, 31)))["HB1"]
    assert set(hb1.measurements) == {"weight", "length", "head_circumference"}


# ------------------------------------------------------------------ daylight saving


def test_window_across_the_march_dst_change_is_exact(extended: Programme) -> None:
    # Summer time starts on Sunday 31 March 2024 at 02:00 CET; HB2's window is 24 Mar-7 Apr.
    hb2 = _by_code(_plan(extended, D(2024, 1, 31)))["HB2"]
    assert (hb2.window_start, hb2.window_end) == (D(2024, 3, 24), D(2024, 4, 7))
    assert (hb2.window_end - hb2.window_start).days == 14

    def state_at(moment: dt.datetime) -> ContactState:
        return contact_state(planned=hb2, recorded=None, today=today_in_stockholm(moment))

    # 23 Mar 22:59:59 UTC is 23:59:59 CET on 23 Mar; one second later it is 24 Mar.
    assert state_at(dt.datetime(2024, 3, 23, 22, 59, 59, tzinfo=UTC)) is ContactState.PLANNED
    assert state_at(dt.datetime(2024, 3, 23, 23, 0, 0, tzinfo=UTC)) is ContactState.DUE
    # After the change Stockholm is UTC+2: 7 Apr 21:59:59 UTC is 23:59:59 on 7 Apr.
    assert state_at(dt.datetime(2024, 4, 7, 21, 59, 59, tzinfo=UTC)) is ContactState.DUE
    assert state_at(dt.datetime(2024, 4, 7, 22, 0, 0, tzinfo=UTC)) is ContactState.OVERDUE


def test_window_across_the_october_dst_change_is_exact(extended: Programme) -> None:
    # Summer time ends on Sunday 29 October 2023; HB2's window is 24 Oct-7 Nov 2023.
    hb2 = _by_code(_plan(extended, D(2023, 8, 31)))["HB2"]
    assert (hb2.window_start, hb2.window_end) == (D(2023, 10, 24), D(2023, 11, 7))
    assert (hb2.window_end - hb2.window_start).days == 14

    def state_at(moment: dt.datetime) -> ContactState:
        return contact_state(planned=hb2, recorded=None, today=today_in_stockholm(moment))

    # Before the change Stockholm is UTC+2: 23 Oct 22:00 UTC is midnight on 24 Oct.
    assert state_at(dt.datetime(2023, 10, 23, 21, 59, 59, tzinfo=UTC)) is ContactState.PLANNED
    assert state_at(dt.datetime(2023, 10, 23, 22, 0, 0, tzinfo=UTC)) is ContactState.DUE
    # After it UTC+1: 7 Nov 23:00 UTC is midnight on 8 Nov.
    assert state_at(dt.datetime(2023, 11, 7, 22, 59, 59, tzinfo=UTC)) is ContactState.DUE
    assert state_at(dt.datetime(2023, 11, 7, 23, 0, 0, tzinfo=UTC)) is ContactState.OVERDUE


def test_today_in_stockholm() -> None:
    assert today_in_stockholm(dt.datetime(2024, 3, 30, 23, 30, tzinfo=UTC)) == D(2024, 3, 31)
    assert today_in_stockholm(dt.datetime(2024, 6, 30, 21, 59, tzinfo=UTC)) == D(2024, 6, 30)
    assert today_in_stockholm(dt.datetime(2024, 6, 30, 22, 0, tzinfo=UTC)) == D(2024, 7, 1)
    assert isinstance(today_in_stockholm(), D)
    with pytest.raises(ValueError, match="timezone-aware"):
        today_in_stockholm(dt.datetime(2024, 6, 30, 12, 0))


# ------------------------------------------------------------------ enrollment


def test_enrolled_at_five_months_earlier_contacts_not_applicable(extended: Programme) -> None:
    birth = D(2024, 1, 31)
    plan = _by_code(_plan(extended, birth, enrollment_start=D(2024, 6, 30)))
    for code in ("HB1", "HB2", "HB3"):
        assert not plan[code].applicable, code
        assert plan[code].not_applicable_reason is NotApplicableReason.WINDOW_BEFORE_ENROLLMENT
    for code in ("HB4", "HB5", "EM1", "HB6", "EM2"):
        assert plan[code].applicable, code
    today = D(2024, 7, 1)
    states = {c: contact_state(planned=p, recorded=None, today=today) for c, p in plan.items()}
    assert states == {
        "HB1": ContactState.NOT_APPLICABLE,
        "HB2": ContactState.NOT_APPLICABLE,
        "HB3": ContactState.NOT_APPLICABLE,
        "HB4": ContactState.PLANNED,
        "HB5": ContactState.PLANNED,
        "EM1": ContactState.PLANNED,
        "HB6": ContactState.PLANNED,
        "EM2": ContactState.PLANNED,
    }


def test_enrolled_at_birth_the_same_contacts_are_overdue(extended: Programme) -> None:
    plan = _by_code(_plan(extended, D(2024, 1, 31)))
    today = D(2024, 7, 1)
    assert contact_state(planned=plan["HB3"], recorded=None, today=today) is ContactState.OVERDUE


def test_enrollment_on_the_last_window_day_keeps_the_contact(extended: Programme) -> None:
    birth = D(2024, 1, 31)
    on_last_day = _by_code(_plan(extended, birth, enrollment_start=D(2024, 6, 14)))
    day_after = _by_code(_plan(extended, birth, enrollment_start=D(2024, 6, 15)))
    assert on_last_day["HB3"].applicable
    assert not day_after["HB3"].applicable


def test_contacts_after_the_enrollment_end_are_not_applicable(extended: Programme) -> None:
    plan = _by_code(_plan(extended, D(2024, 1, 31), enrollment_end=D(2024, 10, 1)))
    assert [c for c, p in plan.items() if p.applicable] == ["HB1", "HB2", "HB3", "HB4", "HB5"]
    for code in ("EM1", "HB6", "EM2"):
        assert plan[code].not_applicable_reason is NotApplicableReason.AFTER_ENROLLMENT_END
        state = contact_state(planned=plan[code], recorded=None, today=D(2027, 1, 1))
        assert state is ContactState.NOT_APPLICABLE


def test_impossible_dates_are_refused(extended: Programme) -> None:
    with pytest.raises(ValueError, match="ends"):
        _plan(
            extended, D(2024, 1, 31), enrollment_start=D(2024, 5, 1), enrollment_end=D(2024, 4, 1)
        )
    with pytest.raises(ValueError, match="birth date"):
        _plan(extended, D(2024, 1, 31), today=D(2024, 1, 30))


# ------------------------------------------------------------------ states


@pytest.fixture()
def hb3(extended: Programme) -> PlannedContact:
    # window 17 May - 14 Jun 2024
    return _by_code(_plan(extended, D(2024, 1, 31)))["HB3"]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2024, 5, 16), ContactState.PLANNED),
        (D(2024, 5, 17), ContactState.DUE),
        (D(2024, 6, 14), ContactState.DUE),
        (D(2024, 6, 15), ContactState.OVERDUE),
    ],
)
def test_state_from_the_calendar(hb3: PlannedContact, today: D, expected: ContactState) -> None:
    assert contact_state(planned=hb3, recorded=None, today=today) is expected


def _rec(status: RecordedStatus, day: D, code: str = "HB3") -> RecordedContact:
    return RecordedContact(programme_id="extended_home_visits", code=code, status=status, date=day)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (RecordedStatus.DONE, ContactState.DONE),
        (RecordedStatus.MISSED, ContactState.MISSED),
        (RecordedStatus.CANCELLED, ContactState.CANCELLED),
    ],
)
def test_recorded_final_states(
    hb3: PlannedContact, status: RecordedStatus, expected: ContactState
) -> None:
    recorded = _rec(status, D(2024, 6, 1))
    for today in (D(2024, 6, 1), D(2024, 9, 1)):
        assert contact_state(planned=hb3, recorded=recorded, today=today) is expected


def test_rescheduled_then_overdue_once_the_new_day_passed(hb3: PlannedContact) -> None:
    recorded = _rec(RecordedStatus.RESCHEDULED, D(2024, 6, 20))
    assert contact_state(planned=hb3, recorded=recorded, today=D(2024, 6, 16)) == "rescheduled"
    assert contact_state(planned=hb3, recorded=recorded, today=D(2024, 6, 20)) == "rescheduled"
    assert contact_state(planned=hb3, recorded=recorded, today=D(2024, 6, 21)) == "overdue"


def test_a_booking_keeps_the_calendar_state(hb3: PlannedContact) -> None:
    booked = _rec(RecordedStatus.PLANNED, D(2024, 6, 3))
    assert contact_state(planned=hb3, recorded=booked, today=D(2024, 5, 1)) == "planned"
    assert contact_state(planned=hb3, recorded=booked, today=D(2024, 6, 1)) == "due"


def test_done_although_not_applicable_is_done(extended: Programme) -> None:
    plan = _by_code(_plan(extended, D(2024, 1, 31), enrollment_start=D(2024, 6, 30)))
    recorded = _rec(RecordedStatus.DONE, D(2024, 5, 30))
    assert contact_state(planned=plan["HB3"], recorded=recorded, today=D(2024, 7, 1)) == "done"


def test_a_record_for_another_contact_is_refused(hb3: PlannedContact) -> None:
    with pytest.raises(ValueError, match="does not belong"):
        contact_state(
            planned=hb3,
            recorded=_rec(RecordedStatus.DONE, D(2024, 6, 1), "HB4"),
            today=D(2024, 6, 1),
        )


# ------------------------------------------------------------------ re-planning


def test_corrected_birth_date_moves_only_unrecorded_contacts(extended: Programme) -> None:
    wrong_birth, right_birth = D(2024, 1, 31), D(2024, 2, 10)
    previous = _plan(extended, wrong_birth)
    new = replan(
        previous_plan=previous,
        recorded_codes={"HB1", "HB2"},
        programme=extended,
        birth_date=right_birth,
        enrollment_start=right_birth,
        today=D(2024, 4, 20),
    )
    assert _windows(new) == {
        # recorded: unchanged from the plan made with the wrong birth date
        "HB1": (D(2024, 2, 10), D(2024, 2, 7), D(2024, 2, 14)),
        "HB2": (D(2024, 3, 31), D(2024, 3, 24), D(2024, 4, 7)),
        # not recorded: planned from 10 February
        "HB3": (D(2024, 6, 10), D(2024, 5, 27), D(2024, 6, 24)),
        "HB4": (D(2024, 8, 10), D(2024, 7, 27), D(2024, 8, 24)),
        "HB5": (D(2024, 10, 10), D(2024, 9, 26), D(2024, 10, 24)),
        "EM1": (D(2024, 12, 10), D(2024, 11, 26), D(2024, 12, 24)),
        "HB6": (D(2025, 5, 10), D(2025, 4, 12), D(2025, 6, 7)),
        "EM2": (D(2026, 2, 10), D(2026, 1, 13), D(2026, 3, 10)),
    }
    old = _by_code(previous)
    assert _by_code(new)["HB1"] is old["HB1"]
    assert _by_code(new)["HB2"] is old["HB2"]


def test_late_enrollment_keeps_recorded_contacts_applicable(extended: Programme) -> None:
    birth = D(2024, 1, 31)
    previous = _plan(extended, birth)
    new = _by_code(
        replan(
            previous_plan=previous,
            recorded_codes={"HB1"},
            programme=extended,
            birth_date=birth,
            enrollment_start=D(2024, 6, 30),
            today=D(2024, 7, 1),
        )
    )
    assert new["HB1"].applicable
    assert not new["HB2"].applicable
    assert not new["HB3"].applicable
    assert new["HB4"].applicable


def test_replan_keeps_a_recorded_contact_the_programme_dropped(
    extended: Programme, tmp_path: Path
) -> None:
    document = json.loads((PROGRAMMES / "extended_home_visits.json").read_text(encoding="utf-8"))
    document["contacts"] = [c for c in document["contacts"] if c["code"] not in {"HB5", "EM2"}]
    (tmp_path / "region.json").write_text(json.dumps(document), encoding="utf-8")
    region = load_programme(tmp_path / "region.json", schema_path=SCHEMA)
    birth = D(2023, 8, 31)
    previous = _plan(extended, birth)
    new = replan(
        previous_plan=previous,
        recorded_codes={"HB5"},
        programme=region,
        birth_date=birth,
        enrollment_start=birth,
        today=D(2024, 6, 1),
    )
    assert [p.code for p in new] == ["HB1", "HB2", "HB3", "HB4", "HB5", "EM1", "HB6"]


def test_replan_refuses_another_programmes_plan(extended: Programme, national: Programme) -> None:
    previous = _plan(national, D(2024, 1, 31))
    with pytest.raises(ValueError, match="other programmes"):
        replan(
            previous_plan=previous,
            recorded_codes=set(),
            programme=extended,
            birth_date=D(2024, 1, 31),
            enrollment_start=D(2024, 1, 31),
            today=D(2024, 2, 1),
        )


# ------------------------------------------------------------------ a region's own file


def test_a_regions_changed_file_changes_the_plan_without_code(tmp_path: Path) -> None:
    document = json.loads((PROGRAMMES / "extended_home_visits.json").read_text(encoding="utf-8"))
    for contact in document["contacts"]:
        if contact["code"] == "HB6":
            contact["target_age"] = {"months": 18}
    document["window_rules"][1]["before"] = {"weeks": 3}
    document["window_rules"][1]["after"] = {"weeks": 3}
    path = tmp_path / "extended_home_visits.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

    region = load_programme(path, schema_path=SCHEMA)
    windows = _windows(_plan(region, D(2024, 1, 31)))
    assert windows["HB6"] == (D(2025, 7, 31), D(2025, 7, 3), D(2025, 8, 28))
    assert windows["HB3"] == (D(2024, 5, 31), D(2024, 5, 10), D(2024, 6, 21))
    assert windows["HB2"] == (D(2024, 3, 31), D(2024, 3, 24), D(2024, 4, 7))
