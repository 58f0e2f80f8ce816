"""The evaluation export's two files from the store (``hembesok export-figures --aggregate``
and ``--per-child``): the store's rows adapted to ``domain.evaluation.ChildEvaluation``.

One record per child and programme it is enrolled in (the latest enrollment), for every
programme of the catalogue. The team is the family's ``team_id`` (``"unassigned"`` when
empty). Voided records and in-progress or voided responses are left out. The plan is the
programme file's plan for the child's birth date and enrollment; what was recorded are the
child's contact rows of that programme (done on the day performed, in Stockholm time).

Neither file holds a name, an address, an identity number, a free text or a store id: the
aggregate table holds programme and team ids and counts (below 5 as "<5"); the per-child file
keys children and teams by random keys drawn for each export and never kept.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime
from typing import TextIO

from sqlmodel import Session, col, select

from ..domain.catalogue import Catalogue
from ..domain.evaluation import (
    ChildEvaluation,
    DoneContact,
    aggregate,
    per_child_rows,
    write_aggregate_csv,
    write_per_child_csv,
)
from ..domain.planning import RecordedContact, RecordedStatus, plan_contacts, stockholm_tz
from .models import (
    Child,
    Contact,
    Enrollment,
    Family,
    FeedingRecord,
    LanguageRecord,
    QuestionnaireResponse,
    Referral,
    SensoryScreening,
    TobaccoExposure,
    Vaccination,
)

EPDS_FORM_IDS = frozenset({"epds"})
UNASSIGNED = "unassigned"


def _day(moment: datetime) -> date:
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(stockholm_tz()).date()


def evaluation_records(
    session: Session, *, today: date, catalogue: Catalogue
) -> list[ChildEvaluation]:
    """One record per enrolled child and programme, in (programme, child id) order."""
    latest: dict[tuple[str, str], Enrollment] = {}
    for enrollment in session.exec(select(Enrollment).order_by(col(Enrollment.start_date))):
        if enrollment.programme_id in catalogue.programmes:
            latest[(enrollment.child_id, enrollment.programme_id)] = enrollment
    children = {c.id: c for c in session.exec(select(Child))}
    families = {f.id: f for f in session.exec(select(Family))}
    rows = _rows_by_child(session)
    records = []
    for (child_id, _programme), enrollment in sorted(latest.items(), key=lambda i: i[0][::-1]):
        child = children.get(child_id)
        family = families.get(enrollment.family_id)
        if child is None or family is None or child.birth_date > today:
            continue
        records.append(
            _record(child, family, enrollment, rows[child_id], today=today, catalogue=catalogue)
        )
    return records


def _rows_by_child(session: Session) -> dict[str, dict[str, list[object]]]:
    found: dict[str, dict[str, list[object]]] = defaultdict(lambda: defaultdict(list))
    models = (
        Contact,
        FeedingRecord,
        Vaccination,
        LanguageRecord,
        TobaccoExposure,
        SensoryScreening,
        Referral,
    )
    for model in models:
        for row in session.exec(select(model)):
            owner = getattr(row, "child_id", None)
            if getattr(row, "voided_reason", "") or owner is None:
                continue
            found[owner][model.entity].append(row)
    responses = select(QuestionnaireResponse).where(
        QuestionnaireResponse.status == "completed", QuestionnaireResponse.voided_reason == ""
    )
    for response in session.exec(responses):
        if response.child_id is not None and response.form_id in EPDS_FORM_IDS:
            found[response.child_id]["epds"].append(response)
    return found


def _record(
    child: Child,
    family: Family,
    enrollment: Enrollment,
    rows: dict[str, list[object]],
    *,
    today: date,
    catalogue: Catalogue,
) -> ChildEvaluation:
    programme = catalogue.programmes[enrollment.programme_id]
    plan = plan_contacts(
        programme=programme,
        birth_date=child.birth_date,
        enrollment_start=enrollment.start_date,
        enrollment_end=enrollment.end_date,
        today=today,
    )
    contacts = [c for c in rows["contact"] if isinstance(c, Contact)]
    recorded = [
        r for c in contacts if c.programme_id == programme.id and (r := _recorded(c)) is not None
    ]
    feeding = [r for r in rows["feeding_record"] if isinstance(r, FeedingRecord)]
    doses = [r for r in rows["vaccination"] if isinstance(r, Vaccination)]
    language = [r for r in rows["language_record"] if isinstance(r, LanguageRecord)]
    tobacco = [r for r in rows["tobacco_exposure"] if isinstance(r, TobaccoExposure)]
    sensory = [r for r in rows["sensory_screening"] if isinstance(r, SensoryScreening)]
    epds = [r for r in rows["epds"] if isinstance(r, QuestionnaireResponse)]
    return ChildEvaluation(
        child_id=child.id,
        programme_id=programme.id,
        team_id=family.team_id or UNASSIGNED,
        birth_date=child.birth_date,
        sex=child.sex,
        enrollment_start=enrollment.start_date,
        enrollment_end=enrollment.end_date,
        inclusion_reason=enrollment.inclusion_reason,
        interpreter_needed=family.interpreter_needed,
        gestational_age_days=child.gestational_age_days,
        bcg_indicated=child.bcg_indicated,
        plan=plan,
        recorded=recorded,
        done_contacts=[
            DoneContact(c.interpreter_used, c.interpreter_form)
            for c in contacts
            if c.status == "done"
        ],
        feeding=[(r.recorded_on, r.status, r.other_food_first_on) for r in feeding],
        doses=[(r.vaccine, r.dose_number, r.given_on) for r in doses],
        epds=[(_day(r.completed_at or r.authored_at), bool(r.flags)) for r in epds],
        language_screenings=[r.result for r in language if r.kind == "screening"],
        tobacco={r.age_point: r.exposure for r in sorted(tobacco, key=lambda r: r.recorded_on)},
        sensory={r.test: r.result for r in sorted(sensory, key=lambda r: r.screened_on)},
        referrals=len(rows["referral"]),
    )


def _recorded(contact: Contact) -> RecordedContact | None:
    """A programme contact as recorded: done on the day performed, else its planned day."""
    if not contact.contact_code:
        return None
    day = contact.planned_date
    if contact.status == "done" and contact.performed_at is not None:
        day = _day(contact.performed_at)
    if day is None:
        return None
    return RecordedContact(
        programme_id=contact.programme_id,
        code=contact.contact_code,
        status=RecordedStatus(contact.status),
        date=day,
        ref_id=contact.id,
    )


def export_aggregate_csv(
    session: Session, out: TextIO, *, today: date, catalogue: Catalogue
) -> int:
    """The aggregate table (header first); returns the number of data rows."""
    records = evaluation_records(session, today=today, catalogue=catalogue)
    return write_aggregate_csv(aggregate(records, today=today), out)


def export_per_child_csv(
    session: Session, out: TextIO, *, today: date, catalogue: Catalogue
) -> int:
    """The pseudonymous per-child file (header first); returns the number of children."""
    records = evaluation_records(session, today=today, catalogue=catalogue)
    return write_per_child_csv(per_child_rows(records, today=today), out)
