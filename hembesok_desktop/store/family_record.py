"""One family's record loaded in a few queries, and its timeline.

``load_family`` returns the table-model rows as they are stored, everything included: voided
and amended journal entries, voided measurements and responses, closed follow-ups. It only
reads; the caller that shows the record to the nurse logs the access
(``services.access_log.log_access(uow, family_id=..., action="open")``), as Patientdatalagen
asks of every opening of a record.

``family_timeline`` adapts the rows to ``domain.timeline.build_timeline``:

- a contact row with a programme code and a window becomes a planned contact (its dates are
  the row's planned date and window; title, forms and measurements come from the programme
  file when it has the code) with what was recorded on it, so its state comes from
  ``domain.planning.contact_state``. It is not applicable when the child's enrollment in the
  programme does not cover it (window ended before the start, planned after an end). If
  several rows share a programme code, the one with the most final status is the planned
  contact and the others are shown as recorded contacts of their own;
- any other contact (ad hoc, or without a window) is shown with its recorded status;
- journal entries: signed ones at their signing time, unsigned ones at their creation with
  the state ``unsigned``; a voided entry has the state ``voided``; an entry later corrected
  carries the flag ``amended``, the correction the flag ``amendment``;
- measurements: one item per measured value; a voided measurement carries the flag ``voided``
  and its reason as the detail;
- completed screening responses, positive when they have flags (the flag ids are passed on;
  a voided response carries ``voided``); in-progress responses are drafts and not shown,
  except one held open with an urgent flag until its acute offer is recorded (shown urgent);
- follow-up actions, with the offer's label and the state ``done`` once closed, else the
  family's decision (offered, accepted, declined);
- the structured child-health records (vaccinations given, feeding, language, tobacco smoke,
  hearing and vision, referrals) with what the catalogue plans for each child: the
  vaccination schedule's doses (with the child's risk indicators) and the records the
  programmes' contacts ask for (``domain.child_health``), shown as ``domain.timeline`` says.

With ``child_id``, the timeline holds that child's items and the family's items that name no
child (a journal entry about the whole family, a follow-up of a family-wide screening).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TypeVar

from sqlmodel import Session, col, select

from ..domain import child_health as ch
from ..domain.catalogue import Catalogue
from ..domain.planning import (
    NotApplicableReason,
    PlannedContact,
    RecordedContact,
    RecordedStatus,
    stockholm_tz,
)
from ..domain.programmes import (
    ContactDefinition,
    ContactKind,
    Label,
    Language,
    MeasurementKind,
    Participant,
)
from ..domain.questionnaire.followup import awaits_urgent_offer
from ..domain.timeline import (
    ChildPlan,
    FollowUpRecord,
    HealthRecord,
    JournalNote,
    MeasurementRecord,
    ReferralRecord,
    ScreeningRecord,
    TimelineItem,
    TimelineKind,
    VaccinationRecord,
    build_timeline,
)
from .errors import NotFound
from .models import (
    Child,
    Contact,
    Enrollment,
    Family,
    FeedingRecord,
    FollowUpAction,
    Guardian,
    JournalEntry,
    LanguageRecord,
    Measurement,
    QuestionnaireResponse,
    Referral,
    SensoryScreening,
    SyncedRow,
    TobaccoExposure,
    Vaccination,
)

RowT = TypeVar("RowT", bound=SyncedRow)

#: Contact titles of contacts that are not part of a programme, by kind.
_AD_HOC_TITLES: dict[str, Label] = {
    "home": Label(sv="Hembesök", en="Home visit"),
    "clinic": Label(sv="Mottagningsbesök", en="Clinic visit"),
    "phone": Label(sv="Telefonkontakt", en="Phone call"),
}
_STATUS_RANK = {"planned": 0, "rescheduled": 1, "cancelled": 2, "missed": 2, "done": 3}
_TITLE_CHARS = 80


@dataclass(frozen=True)
class FamilyRecord:
    family: Family
    guardians: tuple[Guardian, ...]
    children: tuple[Child, ...]
    enrollments: tuple[Enrollment, ...]
    contacts: tuple[Contact, ...]
    journal_entries: tuple[JournalEntry, ...]
    measurements: tuple[Measurement, ...]
    responses: tuple[QuestionnaireResponse, ...]
    follow_ups: tuple[FollowUpAction, ...]
    vaccinations: tuple[Vaccination, ...] = ()
    feeding: tuple[FeedingRecord, ...] = ()
    language: tuple[LanguageRecord, ...] = ()
    tobacco: tuple[TobaccoExposure, ...] = ()
    sensory: tuple[SensoryScreening, ...] = ()
    referrals: tuple[Referral, ...] = ()


def load_family(session: Session, family_id: str) -> FamilyRecord:
    """Every row of one family, each list in a stable order; ``NotFound`` if there is none."""
    family = session.get(Family, family_id)
    if family is None:
        raise NotFound(f"No family with id {family_id} exists.")

    def rows(model: type[RowT], *order: object) -> tuple[RowT, ...]:
        statement = select(model).where(model.family_id == family_id)
        return tuple(session.exec(statement.order_by(*order, col(model.id))).all())  # type: ignore[arg-type]

    return FamilyRecord(
        family=family,
        guardians=rows(Guardian, col(Guardian.birthing_parent).desc(), col(Guardian.given_name)),
        children=rows(Child, col(Child.birth_date).desc(), col(Child.given_name)),
        enrollments=rows(Enrollment, col(Enrollment.start_date)),
        contacts=rows(Contact, col(Contact.planned_date)),
        journal_entries=rows(JournalEntry, col(JournalEntry.created_at)),
        measurements=rows(Measurement, col(Measurement.measured_on)),
        responses=rows(QuestionnaireResponse, col(QuestionnaireResponse.authored_at)),
        follow_ups=rows(FollowUpAction, col(FollowUpAction.offered_at)),
        vaccinations=rows(Vaccination, col(Vaccination.given_on)),
        feeding=rows(FeedingRecord, col(FeedingRecord.recorded_on)),
        language=rows(LanguageRecord, col(LanguageRecord.recorded_on)),
        tobacco=rows(TobaccoExposure, col(TobaccoExposure.recorded_on)),
        sensory=rows(SensoryScreening, col(SensoryScreening.screened_on)),
        referrals=rows(Referral, col(Referral.referred_on)),
    )


def family_timeline(
    session: Session,
    family_id: str,
    *,
    today: date,
    catalogue: Catalogue,
    child_id: str | None = None,
    language: Language = "sv",
) -> list[TimelineItem]:
    """The family's (or one child's) timeline, sorted, with a today marker in its place."""
    return timeline_of(
        load_family(session, family_id),
        today=today,
        catalogue=catalogue,
        child_id=child_id,
        language=language,
    )


def timeline_of(
    record: FamilyRecord,
    *,
    today: date,
    catalogue: Catalogue,
    child_id: str | None = None,
    language: Language = "sv",
) -> list[TimelineItem]:
    """``family_timeline`` for an already loaded record."""

    def concerns(row_child: str | None) -> bool:
        return child_id is None or row_child is None or row_child == child_id

    responses = [r for r in record.responses if concerns(r.child_id)]
    response_ids = {r.id for r in record.responses}
    kept_ids = {r.id for r in responses}
    follow_ups = [
        f
        for f in record.follow_ups
        if f.response_id is None or f.response_id in kept_ids or f.response_id not in response_ids
    ]
    planned, recorded = _contacts(
        [c for c in record.contacts if concerns(c.child_id)],
        record.enrollments,
        language,
        catalogue,
    )
    entries = [e for e in record.journal_entries if concerns(e.child_id)]
    measurements = [m for m in record.measurements if concerns(m.child_id)]
    items = build_timeline(
        today=today,
        planned=planned,
        recorded=recorded,
        journal=[_journal_note(e) for e in entries],
        measurements=[m for row in measurements for m in _measurement_records(row)],
        screenings=[_screening(r) for r in responses if _shown_screening(r)],
        follow_ups=[_follow_up(f, language, catalogue) for f in follow_ups],
        language=language,
        form_titles=_form_titles(catalogue, language),
        plans=[_plan(c, catalogue) for c in record.children if concerns(c.id)],
        vaccinations=[_vaccination(v) for v in record.vaccinations if concerns(v.child_id)],
        health_records=[r for r in _health_records(record) if concerns(r.child_id)],
        referrals=[_referral(r) for r in record.referrals if concerns(r.child_id)],
        vaccine_labels=_vaccine_labels(catalogue, language),
    )
    return _mark(items, entries=entries, measurements=measurements, responses=responses)


# ------------------------------------------------------------------ contacts


def _contacts(
    rows: Sequence[Contact],
    enrollments: Sequence[Enrollment],
    language: Language,
    catalogue: Catalogue,
) -> tuple[list[PlannedContact], list[RecordedContact]]:
    programmed: dict[tuple[str, str], list[Contact]] = {}
    loose: list[Contact] = []
    for row in rows:
        if row.programme_id and row.contact_code and row.window_start and row.window_end:
            programmed.setdefault((row.programme_id, row.contact_code), []).append(row)
        else:
            loose.append(row)
    planned: list[PlannedContact] = []
    recorded: list[RecordedContact] = []
    for same_code in programmed.values():
        best, *others = sorted(same_code, key=_rank, reverse=True)
        planned.append(_planned(best, enrollments, catalogue))
        recorded.append(_recorded(best, key=best.programme_id))
        loose.extend(others)
    # A row shown on its own is keyed by its id, so it never matches a planned contact.
    recorded += [_recorded(row, key=row.id, title=_own_title(row, language)) for row in loose]
    return planned, recorded


def _rank(row: Contact) -> tuple[int, date]:
    return _STATUS_RANK.get(row.status, 0), _recorded_date(row)


def _recorded_date(row: Contact) -> date:
    if row.status in ("done", "missed", "cancelled") and row.performed_at is not None:
        return _local_date(row.performed_at)
    if row.planned_date is not None:
        return row.planned_date
    return _local_date(row.performed_at) if row.performed_at is not None else date.min


def _recorded(row: Contact, *, key: str, title: str | None = None) -> RecordedContact:
    """What was recorded on ``row``; ``title`` (shown as the code) for a row shown on its own."""
    return RecordedContact(
        programme_id=key,
        code=title if title is not None else row.contact_code,
        status=RecordedStatus(row.status),
        date=_recorded_date(row),
        ref_id=row.id,
    )


def _own_title(row: Contact, language: Language) -> str:
    kind = _AD_HOC_TITLES.get(row.kind, _AD_HOC_TITLES["home"]).text(language)
    return f"{row.contact_code} {kind}" if row.contact_code else kind


def _planned(
    row: Contact, enrollments: Sequence[Enrollment], catalogue: Catalogue
) -> PlannedContact:
    assert row.window_start is not None and row.window_end is not None
    target = row.planned_date or row.window_start
    definition = _definition(catalogue, row.programme_id, row.contact_code)
    reason = _not_applicable(row, target=target, enrollments=enrollments)
    return PlannedContact(
        programme_id=row.programme_id,
        code=row.contact_code,
        title=definition.title if definition else Label(sv="", en=""),
        target_date=target,
        window_start=row.window_start,
        window_end=row.window_end,
        kind=ContactKind(row.kind),
        participants=tuple(Participant(role=role) for role in row.participants),
        themes=tuple(row.themes) or (definition.themes if definition else ()),
        forms=definition.forms if definition else (),
        vaccines=definition.vaccines if definition else (),
        measurements=definition.measurements if definition else (),
        applicable=reason is None,
        not_applicable_reason=reason,
    )


def _not_applicable(
    row: Contact, *, target: date, enrollments: Sequence[Enrollment]
) -> NotApplicableReason | None:
    """Why the child's enrollments in the contact's programme do not cover it, if they don't."""
    own = [
        e for e in enrollments if e.child_id == row.child_id and e.programme_id == row.programme_id
    ]
    if not own:
        return None
    assert row.window_end is not None
    reasons: list[NotApplicableReason] = []
    for enrollment in own:
        if row.window_end < enrollment.start_date:
            reasons.append(NotApplicableReason.WINDOW_BEFORE_ENROLLMENT)
        elif enrollment.end_date is not None and target > enrollment.end_date:
            reasons.append(NotApplicableReason.AFTER_ENROLLMENT_END)
        else:
            return None
    return reasons[0]


def _definition(catalogue: Catalogue, programme_id: str, code: str) -> ContactDefinition | None:
    programme = catalogue.programmes.get(programme_id)
    if programme is None:
        return None
    return next((c for c in programme.contacts if c.code == code), None)


# ------------------------------------------------------------------ other items


def _local_date(moment: datetime) -> date:
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(stockholm_tz()).date()


def _journal_note(entry: JournalEntry) -> JournalNote:
    first_line = next((line.strip() for line in entry.text.splitlines() if line.strip()), "")
    if len(first_line) > _TITLE_CHARS:
        first_line = first_line[: _TITLE_CHARS - 1] + "…"
    author = ", ".join(part for part in (entry.author_name, entry.author_title) if part)
    return JournalNote(
        id=entry.id,
        signed_at=entry.signed_at or entry.created_at,
        title=first_line,
        author=author,
        voided=entry.voided_at is not None,
    )


_UNITS = {
    MeasurementKind.WEIGHT: "kg",
    MeasurementKind.LENGTH: "cm",
    MeasurementKind.HEAD_CIRCUMFERENCE: "cm",
}


def _measurement_records(row: Measurement) -> list[MeasurementRecord]:
    values = {
        MeasurementKind.WEIGHT: row.weight_kg,
        MeasurementKind.LENGTH: row.length_cm,
        MeasurementKind.HEAD_CIRCUMFERENCE: row.head_circumference_cm,
    }
    return [
        MeasurementRecord(
            id=row.id, measured_on=row.measured_on, kind=kind, value=value, unit=_UNITS[kind]
        )
        for kind, value in values.items()
        if value is not None
    ]


def _shown_screening(response: QuestionnaireResponse) -> bool:
    """Completed responses, and in-progress ones held open with an urgent flag."""
    return response.status == "completed" or awaits_urgent_offer(response.status, response.flags)


def _screening(response: QuestionnaireResponse) -> ScreeningRecord:
    flags = tuple(str(flag.get("id", "")) for flag in response.flags if isinstance(flag, dict))
    moment = response.completed_at or response.authored_at
    return ScreeningRecord(
        id=response.id,
        completed_on=_local_date(moment),
        form_id=response.form_id,
        positive=bool(response.flags),
        flags=flags,
        score=round(response.score) if response.score is not None else None,
        urgent=any(
            isinstance(flag, dict) and flag.get("severity") == "urgent" for flag in response.flags
        ),
    )


def _form_titles(catalogue: Catalogue, language: Language) -> dict[str, str]:
    titles: dict[str, str] = {}
    for form in catalogue.forms.latest():
        for key in (form.id, form.url):
            if key:
                titles[key] = form.title.text(language) or key
    return titles


def _follow_up(action: FollowUpAction, language: Language, catalogue: Catalogue) -> FollowUpRecord:
    label = catalogue.offer_label(action.offer_kind, language)
    return FollowUpRecord(
        id=action.id,
        date=_local_date(action.offered_at),
        action=label,
        status="done" if action.status == "done" else action.decision,
        screening_id=action.response_id,
    )


# ------------------------------------------------------------------ child-health records


def timeline_records(
    record: FamilyRecord,
) -> tuple[list[VaccinationRecord], list[HealthRecord], list[ReferralRecord]]:
    """The family's child-health records as ``domain.timeline`` input (for the print)."""
    return (
        [_vaccination(v) for v in record.vaccinations],
        _health_records(record),
        [_referral(r) for r in record.referrals],
    )


def _plan(child: Child, catalogue: Catalogue) -> ChildPlan:
    programmes = catalogue.programmes.values()
    schedule = ch.vaccination_schedule(programmes)
    indicators = [name for name in ch.RISK_INDICATORS if getattr(child, name)]
    doses = ch.plan_doses(schedule, child.birth_date, indicators) if schedule else []
    due = ch.plan_record_items(programmes, child.birth_date)
    return ChildPlan(child_id=child.id, doses=tuple(doses), due_records=tuple(due))


def _vaccine_labels(catalogue: Catalogue, language: Language) -> dict[str, str]:
    return {
        entry.id: entry.label.text(language)
        for programme in catalogue.programmes.values()
        for entry in programme.vaccines
    }


def _vaccination(row: Vaccination) -> VaccinationRecord:
    return VaccinationRecord(
        id=row.id,
        child_id=row.child_id,
        vaccine=row.vaccine,
        dose_number=row.dose_number,
        given_on=row.given_on,
        given_where=row.given_where,
        batch_number=row.batch_number,
        schedule_code=row.schedule_code,
        voided=bool(row.voided_reason),
    )


def _health_records(record: FamilyRecord) -> list[HealthRecord]:
    def one(
        row: FeedingRecord | LanguageRecord | TobaccoExposure | SensoryScreening,
        day: date,
        values: dict[str, str],
    ) -> HealthRecord:
        return HealthRecord(
            id=row.id,
            child_id=row.child_id,
            entity=row.entity,
            date=day,
            values=values,
            voided=bool(row.voided_reason),
        )

    found = [
        one(
            f,
            f.recorded_on,
            {
                "status": f.status,
                "other_food_first_on": f.other_food_first_on.isoformat()
                if f.other_food_first_on
                else "",
            },
        )
        for f in record.feeding
    ]
    found += [
        one(
            r,
            r.recorded_on,
            {
                "kind": r.kind,
                "age_point": r.age_point,
                "result": r.result,
                "action": r.action,
                "note": r.note,
            },
        )
        for r in record.language
    ]
    found += [
        one(t, t.recorded_on, {"age_point": t.age_point, "exposure": t.exposure})
        for t in record.tobacco
    ]
    found += [one(s, s.screened_on, {"test": s.test, "result": s.result}) for s in record.sensory]
    return found


def _referral(row: Referral) -> ReferralRecord:
    return ReferralRecord(
        id=row.id,
        child_id=row.child_id,
        referred_on=row.referred_on,
        to_whom=row.to_whom,
        reason=row.reason,
        note=row.note,
        outcome=row.outcome,
        outcome_on=row.outcome_on,
        voided=bool(row.voided_reason),
    )


def _mark(
    items: list[TimelineItem],
    *,
    entries: Sequence[JournalEntry],
    measurements: Sequence[Measurement],
    responses: Sequence[QuestionnaireResponse],
) -> list[TimelineItem]:
    """States and flags the domain records cannot carry: unsigned, amended, voided."""
    amended = {e.amends for e in entries if e.amends}
    unsigned = {e.id for e in entries if e.signed_at is None and e.voided_at is None}
    extra: dict[str, tuple[str, ...]] = {}
    for entry in entries:
        flags = ("amended",) * (entry.id in amended) + ("amendment",) * bool(entry.amends)
        if flags:
            extra[entry.id] = flags
    reasons = {m.id: m.voided_reason for m in measurements if m.voided_reason}
    voided = [*reasons, *(r.id for r in responses if r.voided_reason)]
    extra.update({row_id: ("voided",) for row_id in voided})
    marked = []
    for item in items:
        ref = item.ref_id or ""
        if ref in unsigned and item.kind is TimelineKind.JOURNAL:
            item = dataclasses.replace(item, state="unsigned")
        if ref in extra:
            item = dataclasses.replace(item, flags=(*item.flags, *extra[ref]))
        if ref in reasons and item.kind is TimelineKind.MEASUREMENT:
            item = dataclasses.replace(item, detail=reasons[ref])  # why it was voided
        marked.append(item)
    return marked
