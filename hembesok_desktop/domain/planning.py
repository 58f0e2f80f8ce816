"""Planning a child's contacts from a programme: pure functions on calendar dates.

Dates are calendar dates in Europe/Stockholm. A window is a pair of inclusive dates, so a
daylight-saving change inside it shifts nothing; the only place a clock time turns into a date
is :func:`today_in_stockholm`.

Ages: months and years are calendar months, clamped to the month's last day (born 31 January,
one month old on 28 or 29 February; born 29 February 2024, twelve months old on 28 February
2025). Weeks and days are added after the months.

Applicability: a contact is *not applicable* when its window ended before the enrollment
started (a child enrolled at 5 months never gets HB1-HB3, and they are never overdue), or when
its target date lies after the enrollment ended.

States (:func:`contact_state`), from what the nurse recorded, then the calendar:

- recorded done, missed or cancelled: that state;
- recorded rescheduled: *rescheduled* until the new date has passed, then *overdue*;
- nothing recorded (or only a booking, status planned): *not_applicable* if not applicable,
  else *planned* before the window, *due* inside it, *overdue* after it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .programmes import (
    AgeRangeWindow,
    AgeSpan,
    ContactDefinition,
    ContactKind,
    Label,
    MeasurementKind,
    Participant,
    Programme,
)

STOCKHOLM_TZ_NAME = "Europe/Stockholm"


class ContactState(StrEnum):
    PLANNED = "planned"
    DUE = "due"
    OVERDUE = "overdue"
    DONE = "done"
    MISSED = "missed"
    CANCELLED = "cancelled"
    RESCHEDULED = "rescheduled"
    NOT_APPLICABLE = "not_applicable"


class RecordedStatus(StrEnum):
    """What a nurse can record on a contact (the Contact/Visit status in the store)."""

    PLANNED = "planned"
    DONE = "done"
    MISSED = "missed"
    CANCELLED = "cancelled"
    RESCHEDULED = "rescheduled"


class NotApplicableReason(StrEnum):
    WINDOW_BEFORE_ENROLLMENT = "window_before_enrollment"
    AFTER_ENROLLMENT_END = "after_enrollment_end"


@dataclass(frozen=True, slots=True)
class PlannedContact:
    programme_id: str
    code: str
    title: Label
    target_date: dt.date
    window_start: dt.date
    window_end: dt.date
    kind: ContactKind
    participants: tuple[Participant, ...]
    themes: tuple[str, ...]
    forms: tuple[str, ...]
    vaccines: tuple[str, ...]
    measurements: tuple[MeasurementKind, ...]
    applicable: bool
    not_applicable_reason: NotApplicableReason | None = None

    def window_contains(self, day: dt.date) -> bool:
        return self.window_start <= day <= self.window_end


@dataclass(frozen=True, slots=True)
class RecordedContact:
    """What the nurse recorded for one programme contact.

    ``date`` is the day it was done, missed or cancelled, or the new day when rescheduled (or
    the booked day for status planned).
    """

    programme_id: str
    code: str
    status: RecordedStatus
    date: dt.date
    #: the store's id of the contact row, if any (for timeline references)
    ref_id: str | None = None


# --------------------------------------------------------------------------- calendar


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole calendar months, clamped to the target month's last day."""
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(day.day, last))


def add_age(day: dt.date, age: AgeSpan) -> dt.date:
    """The day ``age`` after ``day``: calendar months first, then weeks and days."""
    return add_months(day, age.total_months) + dt.timedelta(days=age.total_days)


def subtract_age(day: dt.date, age: AgeSpan) -> dt.date:
    """The day ``age`` before ``day``: calendar months first, then weeks and days."""
    return add_months(day, -age.total_months) - dt.timedelta(days=age.total_days)


def contact_dates(
    contact: ContactDefinition, birth_date: dt.date
) -> tuple[dt.date, dt.date, dt.date]:
    """(target date, window start, window end) of ``contact`` for a child born ``birth_date``."""
    target = add_age(birth_date, contact.target_age)
    window = contact.window
    if isinstance(window, AgeRangeWindow):
        return target, add_age(birth_date, window.from_age), add_age(birth_date, window.to_age)
    return target, subtract_age(target, window.before), add_age(target, window.after)


@functools.cache
def stockholm_tz() -> ZoneInfo:
    """The Europe/Stockholm time zone (RuntimeError naming tzdata if the platform lacks it)."""
    try:
        return ZoneInfo(STOCKHOLM_TZ_NAME)
    except ZoneInfoNotFoundError as exc:  # pragma: no cover - depends on the platform
        raise RuntimeError(
            "the Europe/Stockholm time zone is missing; install the tzdata package"
        ) from exc


def today_in_stockholm(now: dt.datetime | None = None) -> dt.date:
    """The calendar date in Sweden at ``now`` (an aware datetime; default: the current time)."""
    if now is None:
        return dt.datetime.now(tz=stockholm_tz()).date()
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be a timezone-aware datetime")
    return now.astimezone(stockholm_tz()).date()


# --------------------------------------------------------------------------- planning


def _check_dates(
    *,
    birth_date: dt.date,
    enrollment_start: dt.date,
    enrollment_end: dt.date | None,
    today: dt.date,
) -> None:
    if birth_date > today:
        raise ValueError(f"the birth date {birth_date} lies after today ({today})")
    if enrollment_end is not None and enrollment_end < enrollment_start:
        raise ValueError(
            f"the enrollment ends ({enrollment_end}) before it starts ({enrollment_start})"
        )


def _not_applicable_reason(
    *,
    target: dt.date,
    window_end: dt.date,
    enrollment_start: dt.date,
    enrollment_end: dt.date | None,
) -> NotApplicableReason | None:
    if window_end < enrollment_start:
        return NotApplicableReason.WINDOW_BEFORE_ENROLLMENT
    if enrollment_end is not None and target > enrollment_end:
        return NotApplicableReason.AFTER_ENROLLMENT_END
    return None


def plan_contact(
    contact: ContactDefinition,
    *,
    programme_id: str,
    birth_date: dt.date,
    enrollment_start: dt.date,
    enrollment_end: dt.date | None = None,
) -> PlannedContact:
    """One contact of a programme planned for one child."""
    target, start, end = contact_dates(contact, birth_date)
    reason = _not_applicable_reason(
        target=target,
        window_end=end,
        enrollment_start=enrollment_start,
        enrollment_end=enrollment_end,
    )
    return PlannedContact(
        programme_id=programme_id,
        code=contact.code,
        title=contact.title,
        target_date=target,
        window_start=start,
        window_end=end,
        kind=contact.kind,
        participants=contact.participants,
        themes=contact.themes,
        forms=contact.forms,
        vaccines=contact.vaccines,
        measurements=contact.measurements,
        applicable=reason is None,
        not_applicable_reason=reason,
    )


def _sorted(plan: Iterable[PlannedContact]) -> list[PlannedContact]:
    return sorted(plan, key=lambda p: (p.target_date, p.window_start, p.code))


def plan_contacts(
    *,
    programme: Programme,
    birth_date: dt.date,
    enrollment_start: dt.date,
    enrollment_end: dt.date | None = None,
    today: dt.date,
) -> list[PlannedContact]:
    """Every contact of ``programme`` for a child, sorted by target date.

    ``today`` guards against a birth date in the future (a data-entry error).
    """
    _check_dates(
        birth_date=birth_date,
        enrollment_start=enrollment_start,
        enrollment_end=enrollment_end,
        today=today,
    )
    return _sorted(
        plan_contact(
            contact,
            programme_id=programme.id,
            birth_date=birth_date,
            enrollment_start=enrollment_start,
            enrollment_end=enrollment_end,
        )
        for contact in programme.contacts
    )


def replan(
    *,
    previous_plan: Sequence[PlannedContact],
    recorded_codes: Collection[str],
    programme: Programme,
    birth_date: dt.date,
    enrollment_start: dt.date,
    enrollment_end: dt.date | None = None,
    today: dt.date,
) -> list[PlannedContact]:
    """Plan again after a corrected birth date or a changed enrollment.

    Contacts whose code is in ``recorded_codes`` are returned exactly as they were in
    ``previous_plan`` (their dates never move); every other contact is planned afresh from
    ``programme``. A recorded contact the programme no longer has is kept; an unrecorded one is
    dropped.
    """
    foreign = {p.programme_id for p in previous_plan} - {programme.id}
    if foreign:
        raise ValueError(f"the previous plan belongs to other programmes: {sorted(foreign)}")
    fresh = {
        p.code: p
        for p in plan_contacts(
            programme=programme,
            birth_date=birth_date,
            enrollment_start=enrollment_start,
            enrollment_end=enrollment_end,
            today=today,
        )
    }
    kept = {p.code: p for p in previous_plan if p.code in recorded_codes}
    return _sorted({**fresh, **kept}.values())


# --------------------------------------------------------------------------- state


def _calendar_state(planned: PlannedContact, today: dt.date) -> ContactState:
    if not planned.applicable:
        return ContactState.NOT_APPLICABLE
    if today < planned.window_start:
        return ContactState.PLANNED
    if today <= planned.window_end:
        return ContactState.DUE
    return ContactState.OVERDUE


_RECORDED_FINAL = {
    RecordedStatus.DONE: ContactState.DONE,
    RecordedStatus.MISSED: ContactState.MISSED,
    RecordedStatus.CANCELLED: ContactState.CANCELLED,
}


def contact_state(
    *, planned: PlannedContact, recorded: RecordedContact | None, today: dt.date
) -> ContactState:
    """The state of one planned contact on ``today`` given what was recorded for it."""
    if recorded is None or recorded.status is RecordedStatus.PLANNED:
        if recorded is not None:
            _check_same_contact(planned, recorded)
        return _calendar_state(planned, today)
    _check_same_contact(planned, recorded)
    final = _RECORDED_FINAL.get(recorded.status)
    if final is not None:
        return final
    # rescheduled: waiting for the new day, overdue once it has passed with nothing done
    if today <= recorded.date:
        return ContactState.RESCHEDULED
    return ContactState.OVERDUE


def _check_same_contact(planned: PlannedContact, recorded: RecordedContact) -> None:
    if (recorded.programme_id, recorded.code) != (planned.programme_id, planned.code):
        raise ValueError(
            f"recorded contact {recorded.programme_id}/{recorded.code} does not belong to "
            f"planned contact {planned.programme_id}/{planned.code}"
        )


_STATUS_RANK = {
    RecordedStatus.PLANNED: 0,
    RecordedStatus.RESCHEDULED: 1,
    RecordedStatus.CANCELLED: 2,
    RecordedStatus.MISSED: 2,
    RecordedStatus.DONE: 3,
}


def recorded_by_key(
    recorded: Iterable[RecordedContact],
) -> dict[tuple[str, str], RecordedContact]:
    """Index recorded contacts by (programme id, code).

    Where several records share a key, done beats missed and cancelled, which beat
    rescheduled, which beats a booking; among equals the latest date wins.
    """
    index: dict[tuple[str, str], RecordedContact] = {}
    for item in sorted(recorded, key=lambda r: (_STATUS_RANK[r.status], r.date)):
        index[(item.programme_id, item.code)] = item
    return index
