"""A child's timeline assembled from already-loaded records: one pure function.

The store layer adapts its rows to the small input records below (ids, a date or datetime, a
few fields) and calls :func:`build_timeline`. The result is sorted by date; on one date the
order is contacts, measurements, screenings, follow-up actions, journal entries (these by time
of signing), then by title. ``state`` is a stable token for the UI to translate: a
:class:`~hembesok_desktop.domain.planning.ContactState` for contacts, ``positive`` /
``negative`` for screenings, the action's status for follow-ups, ``signed`` / ``voided`` for
journal entries; titles and details are in the requested language. One ``today`` marker
item sits after everything dated today or earlier and before everything later.

Journal entries carry a datetime; it is turned into a Stockholm calendar date (a naive
datetime is taken as UTC, which is how an aware UTC value comes back from SQLite).

Screening flags are passed through; a positive screening with no follow-up action that points
at it gets the extra flag ``follow_up_missing``. A screening with an urgent finding (a flag of
severity ``urgent``: EPDS item 10, thoughts of self-harm) carries the flag ``urgent`` first,
whatever its follow-up, so the alert never fades into an ordinary finding.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from .planning import (
    ContactState,
    PlannedContact,
    RecordedContact,
    RecordedStatus,
    contact_state,
    recorded_by_key,
    stockholm_tz,
)
from .programmes import Language, MeasurementKind

FLAG_FOLLOW_UP_MISSING = "follow_up_missing"
FLAG_URGENT = "urgent"


class TimelineKind(StrEnum):
    CONTACT = "contact"
    MEASUREMENT = "measurement"
    SCREENING = "screening"
    FOLLOW_UP = "follow_up"
    JOURNAL = "journal"
    TODAY = "today"


# ------------------------------------------------------------------ input records


@dataclass(frozen=True, slots=True)
class JournalNote:
    id: str
    signed_at: dt.datetime
    #: a short heading, e.g. the entry's first line
    title: str
    #: "name, title" of the signing author
    author: str = ""
    voided: bool = False


@dataclass(frozen=True, slots=True)
class MeasurementRecord:
    id: str
    measured_on: dt.date
    kind: MeasurementKind
    value: float
    unit: str


@dataclass(frozen=True, slots=True)
class ScreeningRecord:
    id: str
    completed_on: dt.date
    form_id: str
    positive: bool
    flags: tuple[str, ...] = ()
    score: int | None = None
    #: the screening-schedule contact code this response fulfils (e.g. "BS2"), if known
    schedule_code: str | None = None
    #: a flag of severity "urgent" (e.g. EPDS item 10) is among the flags
    urgent: bool = False


@dataclass(frozen=True, slots=True)
class FollowUpRecord:
    id: str
    date: dt.date
    #: what was offered, as display text or an action id
    action: str
    #: offered / accepted / declined / done
    status: str
    #: the screening response this action follows up, if any
    screening_id: str | None = None


# ------------------------------------------------------------------ output


@dataclass(frozen=True, slots=True)
class TimelineItem:
    date: dt.date
    kind: TimelineKind
    title: str
    detail: str
    ref_id: str | None
    state: str | None
    flags: tuple[str, ...] = ()


_KIND_ORDER = {
    TimelineKind.CONTACT: 0,
    TimelineKind.MEASUREMENT: 1,
    TimelineKind.SCREENING: 2,
    TimelineKind.FOLLOW_UP: 3,
    TimelineKind.JOURNAL: 4,
    TimelineKind.TODAY: 5,
}

_TEXT: dict[str, dict[Language, str]] = {
    "today": {"sv": "Idag", "en": "Today"},
    "window": {"sv": "fönster", "en": "window"},
    "score": {"sv": "poäng", "en": "score"},
    MeasurementKind.WEIGHT: {"sv": "Vikt", "en": "Weight"},
    MeasurementKind.LENGTH: {"sv": "Längd", "en": "Length"},
    MeasurementKind.HEAD_CIRCUMFERENCE: {"sv": "Huvudomfång", "en": "Head circumference"},
}


def _t(key: str, language: Language) -> str:
    return _TEXT[key][language]


@dataclass(frozen=True, slots=True)
class _Sortable:
    item: TimelineItem
    seconds: int = 0

    def key(self) -> tuple[dt.date, int, int, str, str]:
        return (
            self.item.date,
            _KIND_ORDER[self.item.kind],
            self.seconds,
            self.item.title,
            self.item.ref_id or "",
        )


def _contact_items(
    planned: Iterable[PlannedContact],
    recorded: Iterable[RecordedContact],
    *,
    today: dt.date,
    language: Language,
    include_not_applicable: bool,
) -> list[_Sortable]:
    index = recorded_by_key(recorded)
    items: list[_Sortable] = []
    for plan in planned:
        rec = index.pop((plan.programme_id, plan.code), None)
        state = contact_state(planned=plan, recorded=rec, today=today)
        if state is ContactState.NOT_APPLICABLE and not include_not_applicable:
            continue
        detail = f"{_t('window', language)} {plan.window_start.isoformat()} – "
        detail += plan.window_end.isoformat()
        item = TimelineItem(
            date=rec.date if rec is not None else plan.target_date,
            kind=TimelineKind.CONTACT,
            title=f"{plan.code} {plan.title.text(language)}",
            detail=detail,
            ref_id=(rec.ref_id if rec is not None else None) or f"{plan.programme_id}/{plan.code}",
            state=state,
        )
        items.append(_Sortable(item))
    items.extend(_Sortable(_unplanned_item(rec)) for rec in index.values())
    return items


_UNPLANNED_STATE = {
    RecordedStatus.PLANNED: ContactState.PLANNED,
    RecordedStatus.DONE: ContactState.DONE,
    RecordedStatus.MISSED: ContactState.MISSED,
    RecordedStatus.CANCELLED: ContactState.CANCELLED,
    RecordedStatus.RESCHEDULED: ContactState.RESCHEDULED,
}


def _unplanned_item(rec: RecordedContact) -> TimelineItem:
    """A recorded contact with no planned counterpart (ad hoc, or from another programme)."""
    return TimelineItem(
        date=rec.date,
        kind=TimelineKind.CONTACT,
        title=rec.code,
        detail="",
        ref_id=rec.ref_id or f"{rec.programme_id}/{rec.code}",
        state=_UNPLANNED_STATE[rec.status],
    )


def _number(value: float, language: Language) -> str:
    """``5.17`` in English, ``5,17`` in Swedish (a decimal comma)."""
    text = f"{value:g}"
    return text.replace(".", ",") if language == "sv" else text


def _measurement_item(record: MeasurementRecord, language: Language) -> _Sortable:
    item = TimelineItem(
        date=record.measured_on,
        kind=TimelineKind.MEASUREMENT,
        title=f"{_t(record.kind, language)} {_number(record.value, language)} {record.unit}",
        detail="",
        ref_id=record.id,
        state=None,
    )
    return _Sortable(item)


def _screening_item(
    record: ScreeningRecord,
    *,
    followed_up: set[str],
    form_titles: Mapping[str, str],
    language: Language,
) -> _Sortable:
    flags = record.flags
    if record.urgent:
        flags = (FLAG_URGENT, *(f for f in flags if f != FLAG_URGENT))
    if record.positive and record.id not in followed_up:
        flags = (*flags, FLAG_FOLLOW_UP_MISSING)
    detail = f"{_t('score', language)} {record.score}" if record.score is not None else ""
    item = TimelineItem(
        date=record.completed_on,
        kind=TimelineKind.SCREENING,
        title=form_titles.get(record.form_id, record.form_id),
        detail=detail,
        ref_id=record.id,
        state="positive" if record.positive else "negative",
        flags=flags,
    )
    return _Sortable(item)


def _follow_up_item(record: FollowUpRecord) -> _Sortable:
    item = TimelineItem(
        date=record.date,
        kind=TimelineKind.FOLLOW_UP,
        title=record.action,
        detail="",
        ref_id=record.id,
        state=record.status,
    )
    return _Sortable(item)


def _journal_item(note: JournalNote) -> _Sortable:
    signed_at = note.signed_at
    if signed_at.tzinfo is None:
        signed_at = signed_at.replace(tzinfo=dt.UTC)
    local = signed_at.astimezone(stockholm_tz())
    item = TimelineItem(
        date=local.date(),
        kind=TimelineKind.JOURNAL,
        title=note.title,
        detail=note.author,
        ref_id=note.id,
        state="voided" if note.voided else "signed",
    )
    return _Sortable(item, local.hour * 3600 + local.minute * 60 + local.second)


def _today_marker(today: dt.date, language: Language) -> TimelineItem:
    return TimelineItem(
        date=today,
        kind=TimelineKind.TODAY,
        title=_t("today", language),
        detail="",
        ref_id=None,
        state=None,
    )


def build_timeline(
    *,
    today: dt.date,
    planned: Iterable[PlannedContact] = (),
    recorded: Iterable[RecordedContact] = (),
    journal: Iterable[JournalNote] = (),
    measurements: Iterable[MeasurementRecord] = (),
    screenings: Iterable[ScreeningRecord] = (),
    follow_ups: Iterable[FollowUpRecord] = (),
    language: Language = "sv",
    include_not_applicable: bool = False,
    form_titles: Mapping[str, str] | None = None,
) -> list[TimelineItem]:
    """All of a child's items sorted by date, with a ``today`` marker in its place."""
    follow_ups = list(follow_ups)
    titles = form_titles or {}
    followed_up = {f.screening_id for f in follow_ups if f.screening_id is not None}
    items = _contact_items(
        planned,
        recorded,
        today=today,
        language=language,
        include_not_applicable=include_not_applicable,
    )
    items += [_measurement_item(m, language) for m in measurements]
    items += [
        _screening_item(s, followed_up=followed_up, form_titles=titles, language=language)
        for s in screenings
    ]
    items += [_follow_up_item(f) for f in follow_ups]
    items += [_journal_item(j) for j in journal]
    ordered = [s.item for s in sorted(items, key=_Sortable.key)]
    return _insert_today(ordered, _today_marker(today, language))


def _insert_today(ordered: list[TimelineItem], marker: TimelineItem) -> list[TimelineItem]:
    position = next((i for i, item in enumerate(ordered) if item.date > marker.date), len(ordered))
    return [*ordered[:position], marker, *ordered[position:]]
