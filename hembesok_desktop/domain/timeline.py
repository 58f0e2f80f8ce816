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

Child-health records (``domain.child_health``), per child (:class:`ChildPlan`): each planned
vaccination dose is an item linked to the dose given for it (state ``given``, the vaccination's
id as ``ref_id``), else ``due`` (dated today, or its target date if that is earlier) or
``overdue`` (at its target date) by its window; doses whose window has not opened are left out;
a given dose that matches no planned one is shown as given on its own. Each record the
programme asks for (feeding, tobacco smoke, language, hearing and vision screening) is an item
of its own while it is due or overdue, and disappears once a record fulfils it; the stored
records are items
(state ``done``, the flag ``concern`` on a language concern, a screening deviation or smoke
indoors), referrals too (state ``open`` until the outcome is known, then ``done``). Voided
records carry the flag ``voided`` and fulfil nothing. Codes are turned into words
(``domain.record_labels``) in the requested language.

Screening flags are passed through; a positive screening with no follow-up action that points
at it gets the extra flag ``follow_up_missing``. A screening with an urgent finding (a flag of
severity ``urgent``: EPDS item 10, thoughts of self-harm) carries the flag ``urgent`` first,
whatever its follow-up, so the alert never fades into an ordinary finding.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from . import record_labels as words
from .child_health import (
    DueRecord,
    GivenDose,
    PlannedDose,
    RecordedItem,
    RecordKind,
    calendar_state,
    fulfils,
    matches,
)
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
FLAG_CONCERN = "concern"
FLAG_VOIDED = "voided"


class TimelineKind(StrEnum):
    CONTACT = "contact"
    MEASUREMENT = "measurement"
    VACCINATION = "vaccination"
    SCREENING = "screening"
    RECORD = "record"
    REFERRAL = "referral"
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


@dataclass(frozen=True, slots=True)
class VaccinationRecord:
    id: str
    child_id: str
    vaccine: str
    dose_number: int
    given_on: dt.date
    given_where: str = "here"
    batch_number: str = ""
    schedule_code: str = ""
    voided: bool = False


@dataclass(frozen=True, slots=True)
class HealthRecord:
    """A stored feeding, language, tobacco-smoke or hearing/vision record: its entity name
    (``feeding_record``, ``language_record``, ``tobacco_exposure``, ``sensory_screening``),
    its date and its coded fields (the table's column names)."""

    id: str
    child_id: str
    entity: str
    date: dt.date
    values: Mapping[str, str]
    voided: bool = False


@dataclass(frozen=True, slots=True)
class ReferralRecord:
    id: str
    child_id: str
    referred_on: dt.date
    to_whom: str
    reason: str
    note: str = ""
    outcome: str = ""
    outcome_on: dt.date | None = None
    voided: bool = False


@dataclass(frozen=True, slots=True)
class ChildPlan:
    """What the programmes plan for one child: vaccination doses and due records."""

    child_id: str
    doses: tuple[PlannedDose, ...] = ()
    due_records: tuple[DueRecord, ...] = ()


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
    TimelineKind.VACCINATION: 2,
    TimelineKind.SCREENING: 3,
    TimelineKind.RECORD: 4,
    TimelineKind.REFERRAL: 5,
    TimelineKind.FOLLOW_UP: 6,
    TimelineKind.JOURNAL: 7,
    TimelineKind.TODAY: 8,
}

_TEXT: dict[str, dict[Language, str]] = {
    "today": {"sv": "Idag", "en": "Today"},
    "window": {"sv": "fönster", "en": "window"},
    "score": {"sv": "poäng", "en": "score"},
    "vaccination": {"sv": "Vaccination", "en": "Vaccination"},
    "dose": {"sv": "dos", "en": "dose"},
    "batch": {"sv": "batch", "en": "batch"},
    "other_food": {"sv": "annan mat från", "en": "other food from"},
    "action": {"sv": "åtgärd", "en": "action"},
    "referral_to": {"sv": "Remiss till", "en": "Referral to"},
    "reason": {"sv": "orsak", "en": "reason"},
    "outcome": {"sv": "utfall", "en": "outcome"},
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


# ------------------------------------------------------------------ child-health records


def _window(start: dt.date, end: dt.date, language: Language) -> str:
    return f"{_t('window', language)} {start.isoformat()} – {end.isoformat()}"


def _due_date(state: str, target: dt.date, today: dt.date) -> dt.date:
    """Where a due or overdue item sits: a due one by today at the latest."""
    return min(target, today) if state == "due" else target


def _dose_title(vaccine: str, number: int, labels: Mapping[str, str], language: Language) -> str:
    name = labels.get(vaccine, vaccine)
    return f"{_t('vaccination', language)}: {name}, {_t('dose', language)} {number}"


def _given_detail(record: VaccinationRecord, language: Language) -> str:
    parts = [words.label("given_where", record.given_where, language)]
    if record.batch_number:
        parts.append(f"{_t('batch', language)} {record.batch_number}")
    return " · ".join(p for p in parts if p)


def _given_item(
    record: VaccinationRecord, labels: Mapping[str, str], language: Language
) -> _Sortable:
    item = TimelineItem(
        date=record.given_on,
        kind=TimelineKind.VACCINATION,
        title=_dose_title(record.vaccine, record.dose_number, labels, language),
        detail=_given_detail(record, language),
        ref_id=record.id,
        state="given",
        flags=(FLAG_VOIDED,) if record.voided else (),
    )
    return _Sortable(item)


def _dose_items(
    plans: Iterable[ChildPlan],
    vaccinations: Iterable[VaccinationRecord],
    *,
    today: dt.date,
    labels: Mapping[str, str],
    language: Language,
) -> list[_Sortable]:
    records = list(vaccinations)
    names = {d.vaccine: d.vaccine_label.text(language) for p in plans for d in p.doses}
    labels = {**names, **labels}
    items = [_given_item(r, labels, language) for r in records]
    by_child: dict[str, list[tuple[GivenDose, VaccinationRecord]]] = {}
    for r in records:
        if not r.voided:
            given = GivenDose(r.id, r.vaccine, r.dose_number, r.given_on, r.schedule_code)
            by_child.setdefault(r.child_id, []).append((given, r))
    for plan in plans:
        doses_given = by_child.get(plan.child_id, [])
        for dose in plan.doses:
            if any(matches(dose, g) for g, _r in doses_given):
                continue  # shown as the given dose
            state = calendar_state(dose.window_start, dose.window_end, today)
            if state == "planned":
                continue
            item = TimelineItem(
                date=_due_date(state, dose.target_date, today),
                kind=TimelineKind.VACCINATION,
                title=_dose_title(dose.vaccine, dose.dose_number, labels, language),
                detail=f"{dose.code} · {_window(dose.window_start, dose.window_end, language)}",
                ref_id=f"{plan.child_id}/{dose.code}/{dose.vaccine}",
                state=state,
            )
            items.append(_Sortable(item))
    return items


def _recorded_item(record: HealthRecord) -> RecordedItem | None:
    """The record as planning sees it (None when it fulfils no due item)."""
    v = record.values
    if record.entity == "feeding_record":
        return RecordedItem(RecordKind.FEEDING, record.date)
    if record.entity == "tobacco_exposure":
        return RecordedItem(RecordKind.TOBACCO_SMOKE, record.date, v.get("age_point", ""))
    if record.entity == "language_record" and v.get("kind") == "screening":
        return RecordedItem(RecordKind.LANGUAGE_SCREENING, record.date, v.get("age_point", ""))
    if record.entity == "sensory_screening" and v.get("result") != "not_done":
        kind = RecordKind.HEARING_SCREENING if v.get("test") == "hearing" else None
        kind = RecordKind.VISION_SCREENING if v.get("test") == "vision" else kind
        return RecordedItem(kind, record.date) if kind is not None else None
    return None


def _due_items(
    plans: Iterable[ChildPlan],
    records: Sequence[HealthRecord],
    *,
    today: dt.date,
    language: Language,
) -> list[_Sortable]:
    done: dict[str, list[RecordedItem]] = {}
    for record in records:
        recorded = None if record.voided else _recorded_item(record)
        if recorded is not None:
            done.setdefault(record.child_id, []).append(recorded)
    items = []
    for plan in plans:
        child_done = done.get(plan.child_id, [])
        for due in plan.due_records:
            if any(fulfils(due, r) for r in child_done):
                continue
            state = calendar_state(due.window_start, due.window_end, today)
            if state == "planned":
                continue
            title = words.label("record_kind", due.kind, language)
            if due.kind is RecordKind.TOBACCO_SMOKE:
                title += f" ({words.label('age_point', due.age_point, language)})"
            detail = f"{due.code} {due.title.text(language)} · "
            item = TimelineItem(
                date=_due_date(state, due.target_date, today),
                kind=TimelineKind.RECORD,
                title=title,
                detail=detail + _window(due.window_start, due.window_end, language),
                ref_id=f"{plan.child_id}/{due.code}/{due.kind}",
                state=state,
            )
            items.append(_Sortable(item))
    return items


def _record_text(record: HealthRecord, language: Language) -> tuple[str, str, bool]:
    """(title, detail, concern) of a stored record."""
    v, lab = record.values, words.label
    if record.entity == "feeding_record":
        title = f"{lab('record_kind', RecordKind.FEEDING, language)}: "
        title += lab("feeding_status", v.get("status", ""), language)
        first = v.get("other_food_first_on", "")
        return title, f"{_t('other_food', language)} {first}" if first else "", False
    if record.entity == "tobacco_exposure":
        title = f"{lab('record_kind', RecordKind.TOBACCO_SMOKE, language)} "
        title += f"({lab('age_point', v.get('age_point', ''), language)}): "
        title += lab("tobacco_exposure", v.get("exposure", ""), language)
        return title, "", v.get("exposure") == "indoors"
    if record.entity == "sensory_screening":
        title = f"{lab('sensory_test', v.get('test', ''), language)}: "
        title += lab("sensory_result", v.get("result", ""), language)
        return title, "", v.get("result") == "deviation"
    title = lab("language_kind", v.get("kind", ""), language)
    if v.get("age_point"):
        title += f" {lab('age_point', v['age_point'], language)}"
    if v.get("result"):
        title += f": {lab('language_result', v['result'], language)}"
    detail = []
    if v.get("action"):
        detail.append(f"{_t('action', language)}: {lab('language_action', v['action'], language)}")
    if v.get("note"):
        detail.append(v["note"])
    return title, " · ".join(detail), v.get("result") == "concern"


def _health_item(record: HealthRecord, language: Language) -> _Sortable:
    title, detail, concern = _record_text(record, language)
    flags = (FLAG_CONCERN,) * concern + (FLAG_VOIDED,) * record.voided
    item = TimelineItem(
        date=record.date,
        kind=TimelineKind.RECORD,
        title=title,
        detail=detail,
        ref_id=record.id,
        state="done",
        flags=flags,
    )
    return _Sortable(item)


def _referral_item(record: ReferralRecord, language: Language) -> _Sortable:
    lab = words.label
    detail = [f"{_t('reason', language)}: {lab('referral_reason', record.reason, language)}"]
    if record.note:
        detail.append(record.note)
    if record.outcome:
        when = f" {record.outcome_on.isoformat()}" if record.outcome_on else ""
        detail.append(f"{_t('outcome', language)}{when}: {record.outcome}")
    item = TimelineItem(
        date=record.referred_on,
        kind=TimelineKind.REFERRAL,
        title=f"{_t('referral_to', language)} {lab('referral_receiver', record.to_whom, language)}",
        detail=" · ".join(detail),
        ref_id=record.id,
        state="done" if record.outcome else "open",
        flags=(FLAG_VOIDED,) if record.voided else (),
    )
    return _Sortable(item)


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
    plans: Iterable[ChildPlan] = (),
    vaccinations: Iterable[VaccinationRecord] = (),
    health_records: Iterable[HealthRecord] = (),
    referrals: Iterable[ReferralRecord] = (),
    vaccine_labels: Mapping[str, str] | None = None,
) -> list[TimelineItem]:
    """All of a child's items sorted by date, with a ``today`` marker in its place."""
    plans = list(plans)
    health_records = list(health_records)
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
    items += _dose_items(
        plans, vaccinations, today=today, labels=vaccine_labels or {}, language=language
    )
    items += _due_items(plans, health_records, today=today, language=language)
    items += [_health_item(r, language) for r in health_records]
    items += [_referral_item(r, language) for r in referrals]
    ordered = [s.item for s in sorted(items, key=_Sortable.key)]
    return _insert_today(ordered, _today_marker(today, language))


def _insert_today(ordered: list[TimelineItem], marker: TimelineItem) -> list[TimelineItem]:
    position = next((i for i, item in enumerate(ordered) if item.date > marker.date), len(ordered))
    return [*ordered[:position], marker, *ordered[position:]]
