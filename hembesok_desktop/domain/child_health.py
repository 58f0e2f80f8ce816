"""Structured child-health records: their allowed values, and planning them as due items.

What BHVQ (Svenska Barnhälsovårdsregistret) counts and the evaluation of the extended
programme needs, stored as typed, synced records (store tables of migration 0005). Pure
Python: the store validates writes against the values here, the timeline and the export plan
with the functions below.

Synced fields (for ``protocol.schema``). Every entity also has ``id`` (uuid, 36),
``family_id`` (uuid, 36) and ``versions``; every record entity has ``child_id`` (uuid, 36,
required), ``contact_id`` (uuid, 36, nullable), ``recorded_by`` (str, 60, the nurse's user
name) and ``voided_reason`` (str, 500, "" = not voided).

======================  =====================  ======  ========  ====  =============================
entity                  field                  type    nullable  max   allowed values
======================  =====================  ======  ========  ====  =============================
child                   gestational_age_days   int     yes             154..315 (22+0 to 45+0 weeks)
child                   bcg_indicated          bool    no
child                   mother_hbsag_positive  bool    no
child                   rotavirus_three_dose   bool    no
contact                 interpreter_language   str     no        20    ISO 639 code or ""
contact                 interpreter_form       str     no        10    "", on_site, phone, video
feeding_record          recorded_on            date    no
feeding_record          status                 str     no        10    exclusive, partial, none
feeding_record          other_food_first_on    date    yes             not before birth
vaccination             vaccine                str     no        40    a vaccine id of the schedule
vaccination             dose_number            int     no              1..10
vaccination             given_on               date    no
vaccination             given_where            str     no        10    here, elsewhere
vaccination             batch_number           str     no        40    "" = not recorded
vaccination             schedule_code          str     no        20    a schedule code or ""
language_record         recorded_on            date    no
language_record         kind                   str     no        12    screening, observation
language_record         age_point              str     no        4     30m, 36m (screening); ""
language_record         result                 str     no        12    no_concern, concern
language_record         action                 str     no        12    "", referral, follow_up,
                                                                       advice, other
language_record         note                   str     no        1000  free text
tobacco_exposure        recorded_on            date    no
tobacco_exposure        age_point              str     no        4     4w, 8m, 18m, 4y
tobacco_exposure        exposure               str     no        10    none, outdoors, indoors,
                                                                       unknown
sensory_screening       screened_on            date    no
sensory_screening       test                   str     no        8     hearing, vision
sensory_screening       result                 str     no        14    no_deviation, deviation,
                                                                       not_done
referral                referred_on            date    no
referral                to_whom                str     no        30    REFERRAL_RECEIVERS
referral                reason                 str     no        30    REFERRAL_REASONS
referral                note                   str     no        1000  free text
referral                outcome                str     no        1000  free text, "" = not known
referral                outcome_on             date    yes
======================  =====================  ======  ========  ====  =============================

Rules the store adds: a screening language record has a result; a concern has an action; a
record is not dated before the child's birth nor in the future.

Planning (as contacts are planned): a programme contact names the records due at it
(``records`` in the programme file: feeding, tobacco_smoke, language_screening,
hearing_screening, vision_screening); :func:`plan_record_items` turns each into a
:class:`DueRecord` with the contact's window. The vaccination schedule's contacts name their
vaccines; :func:`plan_doses` numbers each vaccine's doses in schedule order and keeps an entry
marked ``only_for`` an indicator (BCG, hepatitis B at birth, the third rotavirus dose) only for
a child who has it. States: ``done`` / ``given`` once recorded, else ``planned`` before the
window, ``due`` in it, ``overdue`` after it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from .planning import contact_dates
from .programmes import AgeSpan, Label, Programme, ProgrammeKind

FEEDING_STATUSES = ("exclusive", "partial", "none")
GIVEN_WHERE = ("here", "elsewhere")
LANGUAGE_KINDS = ("screening", "observation")
LANGUAGE_AGE_POINTS = ("30m", "36m")
LANGUAGE_RESULTS = ("no_concern", "concern")
LANGUAGE_ACTIONS = ("referral", "follow_up", "advice", "other")
TOBACCO_AGE_POINTS = ("4w", "8m", "18m", "4y")
TOBACCO_EXPOSURES = ("none", "outdoors", "indoors", "unknown")
SENSORY_TESTS = ("hearing", "vision")
SENSORY_RESULTS = ("no_deviation", "deviation", "not_done")
INTERPRETER_FORMS = ("on_site", "phone", "video")
REFERRAL_RECEIVERS = (
    "speech_therapist",
    "audiology",
    "ophthalmology",
    "paediatrician",
    "child_psychiatry",
    "social_services",
    "dental_care",
    "other",
)
REFERRAL_REASONS = (
    "language",
    "hearing",
    "vision",
    "growth",
    "development",
    "psychosocial",
    "feeding",
    "other",
)
#: the indicators a vaccination schedule entry may be ``only_for`` (columns of the child)
RISK_INDICATORS = ("bcg_indicated", "mother_hbsag_positive", "rotavirus_three_dose")
GESTATION_MIN_DAYS = 22 * 7
GESTATION_MAX_DAYS = 45 * 7
MAX_TEXT = 1000
MAX_BATCH = 40


class RecordKind(StrEnum):
    FEEDING = "feeding"
    TOBACCO_SMOKE = "tobacco_smoke"
    LANGUAGE_SCREENING = "language_screening"
    HEARING_SCREENING = "hearing_screening"
    VISION_SCREENING = "vision_screening"


def gestation_text(days: int | None) -> str:
    """``38+2`` for 268 days; "" when not known."""
    if days is None:
        return ""
    return f"{days // 7}+{days % 7}"


def age_point(age: AgeSpan) -> str:
    """A short label of a target age: ``4w``, ``8m``, ``18m``, ``4y``, ``30m``."""
    if age.years and not (age.months or age.weeks or age.days):
        return f"{age.years}y"
    if age.total_months and not age.total_days:
        return f"{age.total_months}m"
    if age.weeks and not age.days and not age.total_months:
        return f"{age.weeks}w"
    return f"{age.total_days}d" if not age.total_months else str(age)


# ------------------------------------------------------------------ due records


@dataclass(frozen=True, slots=True)
class DueRecord:
    kind: RecordKind
    programme_id: str
    code: str
    title: Label
    age_point: str
    target_date: dt.date
    window_start: dt.date
    window_end: dt.date


@dataclass(frozen=True, slots=True)
class RecordedItem:
    """A stored, not voided record reduced to what planning needs."""

    kind: RecordKind
    date: dt.date
    age_point: str = ""


def plan_record_items(programmes: Iterable[Programme], birth_date: dt.date) -> list[DueRecord]:
    """Every record due for a child born ``birth_date``, from the contacts' ``records``."""
    items = []
    for programme in programmes:
        for contact in programme.contacts:
            if not contact.records:
                continue
            target, start, end = contact_dates(contact, birth_date)
            for kind in contact.records:
                items.append(
                    DueRecord(
                        kind=RecordKind(kind),
                        programme_id=programme.id,
                        code=contact.code,
                        title=contact.title,
                        age_point=age_point(contact.target_age),
                        target_date=target,
                        window_start=start,
                        window_end=end,
                    )
                )
    return sorted(items, key=lambda i: (i.target_date, i.kind, i.code))


def fulfils(item: DueRecord, record: RecordedItem) -> bool:
    """Whether ``record`` is the one ``item`` asks for."""
    if record.kind is not item.kind:
        return False
    if item.kind is RecordKind.LANGUAGE_SCREENING:
        return True  # at 2.5 or at 3 years
    if item.kind is RecordKind.TOBACCO_SMOKE and record.age_point:
        return record.age_point == item.age_point
    if item.kind in (RecordKind.HEARING_SCREENING, RecordKind.VISION_SCREENING):
        return record.date >= item.window_start
    return item.window_start <= record.date <= item.window_end


def calendar_state(start: dt.date, end: dt.date, today: dt.date) -> str:
    if today < start:
        return "planned"
    return "due" if today <= end else "overdue"


def record_item_state(item: DueRecord, records: Iterable[RecordedItem], today: dt.date) -> str:
    if any(fulfils(item, record) for record in records):
        return "done"
    return calendar_state(item.window_start, item.window_end, today)


# ------------------------------------------------------------------ vaccinations


@dataclass(frozen=True, slots=True)
class PlannedDose:
    vaccine: str
    vaccine_label: Label
    dose_number: int
    code: str
    title: Label
    target_date: dt.date
    window_start: dt.date
    window_end: dt.date


@dataclass(frozen=True, slots=True)
class GivenDose:
    id: str
    vaccine: str
    dose_number: int
    given_on: dt.date
    schedule_code: str = ""
    given_where: str = "here"


def vaccination_schedule(programmes: Iterable[Programme]) -> Programme | None:
    return next((p for p in programmes if p.kind is ProgrammeKind.VACCINATION), None)


def schedule_doses(schedule: Programme) -> list[tuple[str, int, str]]:
    """(vaccine, dose number, contact code) of every entry, doses numbered by target age."""
    contacts = sorted(schedule.contacts, key=lambda c: c.target_age.approx_days())
    numbers: dict[str, int] = {}
    doses = []
    for contact in contacts:
        for vaccine in contact.vaccines:
            numbers[vaccine] = numbers.get(vaccine, 0) + 1
            doses.append((vaccine, numbers[vaccine], contact.code))
    return doses


def plan_doses(
    schedule: Programme, birth_date: dt.date, indicators: Iterable[str] = ()
) -> list[PlannedDose]:
    """The doses planned for a child with the risk ``indicators`` it has (names)."""
    have = set(indicators)
    labels = {entry.id: entry.label for entry in schedule.vaccines}
    by_code = {c.code: c for c in schedule.contacts}
    planned = []
    for vaccine, number, code in schedule_doses(schedule):
        contact = by_code[code]
        if contact.only_for and contact.only_for not in have:
            continue
        target, start, end = contact_dates(contact, birth_date)
        planned.append(
            PlannedDose(
                vaccine=vaccine,
                vaccine_label=labels.get(vaccine, Label(sv=vaccine, en=vaccine)),
                dose_number=number,
                code=code,
                title=contact.title,
                target_date=target,
                window_start=start,
                window_end=end,
            )
        )
    return sorted(planned, key=lambda d: (d.target_date, d.code, d.vaccine))


def matches(dose: PlannedDose, given: GivenDose) -> bool:
    if given.vaccine != dose.vaccine:
        return False
    if given.schedule_code:
        return given.schedule_code == dose.code
    return given.dose_number == dose.dose_number


def dose_states(
    planned: Sequence[PlannedDose], given: Sequence[GivenDose], today: dt.date
) -> list[tuple[PlannedDose, str, GivenDose | None]]:
    """Each planned dose with ``given``, ``planned``, ``due`` or ``overdue`` and its record."""
    out = []
    for dose in planned:
        record = next((g for g in given if matches(dose, g)), None)
        state = "given" if record else calendar_state(dose.window_start, dose.window_end, today)
        out.append((dose, state, record))
    return out


def unplanned_doses(planned: Sequence[PlannedDose], given: Sequence[GivenDose]) -> list[GivenDose]:
    """Given doses that match no planned dose (catch-up, travel, another schedule)."""
    return [g for g in given if not any(matches(d, g) for d in planned)]
