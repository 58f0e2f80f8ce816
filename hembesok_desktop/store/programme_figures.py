"""Programme follow-up figures from the store, per child, family and caseload, and their CSV.

The store's rows are adapted to ``domain.followup_stats.ChildProgrammeRecords``, one per child
enrolled in the extended home-visit programme (the latest enrollment when there are several):

- the child's plan is the programme file's plan for its birth date and enrollment (start and,
  for an ended enrollment, end), and the screening schedule's plan likewise;
- what was recorded: the child's contact rows of that programme (done on the day performed,
  otherwise on the planned day);
- screenings: the child's completed, not voided responses, with the store's form ids mapped to
  the programme files' form ids (``PROGRAMME_FORM_IDS``); positive when they carry flags. Each
  is linked to the screening-schedule entry it belongs to (``schedule_code``): the entry named
  in the response (``SCHEDULE_ENTRY_URL`` extension, written when it was started from a
  planned screening), else the entry for its form whose window overlaps the window of the
  programme contact it was made at (``contact_id``: BarnSäkert at HB2 counts for BS1); a linked
  response counts for its entry whenever it was completed, an unlinked one by window only;
- follow-up actions of the family that point at those responses.

A child born after ``today`` (a data-entry error) has no plan and is left out.

The CSV (``export_figures_csv``) is for the region's evaluation: counts and opaque ids only
(the store's UUIDs and this store's replica id as the caseload id), never a name, address or
personal number; ``domain.followup_stats.write_figures_csv`` refuses any id that looks like a
personal number. Because the file holds no personal data, exporting it is not an access to a
patient's record and writes no access-log entry (the access log covers opening, printing and
exporting a family's record).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import TextIO

from sqlalchemy import text
from sqlmodel import Session

from ..domain.catalogue import Catalogue
from ..domain.followup_stats import (
    ChildProgrammeRecords,
    FiguresRow,
    FollowUpFigures,
    caseload_figures,
    child_figures,
    family_figures,
    figure_rows,
    write_figures_csv,
)
from ..domain.planning import (
    PlannedContact,
    RecordedContact,
    RecordedStatus,
    plan_contacts,
    stockholm_tz,
)
from ..domain.programmes import Programme, ProgrammeKind
from ..domain.questionnaire.schedule_link import SCHEDULE_ENTRY_URL
from ..domain.timeline import FollowUpRecord, ScreeningRecord
from .models import Setting

EXTENDED_PROGRAMME = "extended_home_visits"
#: Programme files' form ids -> questionnaire ids in resources/forms.
QUESTIONNAIRE_IDS = {"barnsakert": "barnsakert-style", "epds": "epds"}
#: Questionnaire ids (as stored on responses) -> the programme files' form ids.
PROGRAMME_FORM_IDS = {questionnaire: form for form, questionnaire in QUESTIONNAIRE_IDS.items()}


def programme_records(
    session: Session,
    *,
    today: date,
    catalogue: Catalogue,
    family_id: str | None = None,
    programme_id: str = EXTENDED_PROGRAMME,
) -> list[ChildProgrammeRecords]:
    """One record per enrolled child (of one family, or of the whole store), by child id."""
    programmes = catalogue.programmes
    programme = programmes[programme_id]
    screening = next(p for p in programmes.values() if p.kind is ProgrammeKind.SCREENING)
    params = {"programme_id": programme_id, "family_id": family_id}

    def where(alias: str) -> str:
        return f"AND {alias}.family_id = :family_id" if family_id else ""

    enrolled_children = (
        f"SELECT child_id FROM enrollment WHERE programme_id = :programme_id {where('enrollment')}"
    )
    conn = session.connection()
    enrolled = conn.execute(
        text(
            f"""
            SELECT e.child_id, e.family_id, ch.birth_date, e.start_date, e.end_date
            FROM enrollment e JOIN child ch ON ch.id = e.child_id
            WHERE e.programme_id = :programme_id {where("e")}
            ORDER BY e.child_id, e.start_date"""
        ),
        params,
    ).all()
    latest = {row[0]: row for row in enrolled}  # the last (latest start) per child wins
    contacts: dict[str, list[RecordedContact]] = defaultdict(list)
    for child_id, code, status, planned, performed, row_id in conn.execute(
        text(
            f"""
            SELECT c.child_id, c.contact_code, c.status, c.planned_date, c.performed_at, c.id
            FROM contact c
            WHERE c.programme_id = :programme_id AND c.contact_code != '' {where("c")}
              AND c.child_id IN ({enrolled_children})"""
        ),
        params,
    ):
        when = _day(performed) if status == "done" and performed else planned
        if when is None:
            continue
        contacts[child_id].append(
            RecordedContact(
                programme_id=programme_id,
                code=code,
                status=RecordedStatus(status),
                date=when if isinstance(when, date) else date.fromisoformat(when),
                ref_id=row_id,
            )
        )
    screenings: dict[str, list[_Screening]] = defaultdict(list)
    for row in conn.execute(
        text(
            f"""
            SELECT r.id, r.child_id, r.form_id, r.flags != '[]', r.score, r.completed_at,
                   json_extract(r.answers, '$.extension'),
                   c.window_start, c.window_end, c.planned_date
            FROM questionnaire_response r LEFT JOIN contact c ON c.id = r.contact_id
            WHERE r.status = 'completed' AND r.voided_reason = '' AND r.completed_at IS NOT NULL
              {where("r")} AND r.child_id IN ({enrolled_children})"""
        ),
        params,
    ):
        row_id, child_id, form_id, flags, score, completed, extension = row[:7]
        screenings[child_id].append(
            _Screening(
                ScreeningRecord(
                    id=row_id,
                    completed_on=_day(completed),
                    form_id=PROGRAMME_FORM_IDS.get(str(form_id), str(form_id)),
                    positive=bool(flags),
                    score=round(score) if score is not None else None,
                ),
                named_code=schedule_code_of(extension),
                contact_window=_window(*row[7:]),
            )
        )
    follow_ups: dict[str, list[FollowUpRecord]] = defaultdict(list)
    for row_id, response_id, offered, status, decision in conn.execute(
        text(
            f"""
            SELECT f.id, f.response_id, f.offered_at, f.status, f.decision
            FROM follow_up_action f
            WHERE f.response_id IS NOT NULL {where("f")}"""
        ),
        params,
    ):
        follow_ups[response_id].append(
            FollowUpRecord(
                id=row_id,
                date=_day(offered),
                action="",
                status="done" if status == "done" else decision,
                screening_id=response_id,
            )
        )
    records = []
    for child_id, family, born, start, end in latest.values():
        birth_date = date.fromisoformat(born)
        if birth_date > today:
            continue
        plans = [
            _plan(p, birth_date=birth_date, start=start, end=end, today=today)
            for p in (programme, screening)
        ]
        child_screenings = [s.linked(plans[1]) for s in screenings.get(child_id, [])]
        records.append(
            ChildProgrammeRecords(
                child_id=child_id,
                family_id=family,
                contacts=plans[0],
                recorded=contacts.get(child_id, []),
                screening_plan=plans[1],
                screenings=child_screenings,
                follow_ups=[f for s in child_screenings for f in follow_ups.get(s.id, [])],
            )
        )
    return sorted(records, key=lambda r: (r.family_id, r.child_id))


@dataclass(frozen=True)
class _Screening:
    """A completed response and what links it to its screening-schedule entry."""

    record: ScreeningRecord
    #: the entry code stored in the response (started from a planned screening)
    named_code: str | None
    #: the window of the programme contact the response was made at (``contact_id``)
    contact_window: tuple[date, date] | None

    def linked(self, plan: Sequence[PlannedContact]) -> ScreeningRecord:
        """The record with the schedule entry it belongs to: the one it names, else the entry
        for its form whose window overlaps its contact's; unlinked (matched by window in
        ``followup_stats``) when neither applies."""
        form = self.record.form_id
        entries = [p for p in plan if form in p.forms]
        code = next((p.code for p in entries if p.code == self.named_code), None)
        if code is None and self.contact_window is not None:
            start, end = self.contact_window
            code = next(
                (p.code for p in entries if p.window_start <= end and start <= p.window_end),
                None,
            )
        return replace(self.record, schedule_code=code) if code else self.record


def schedule_code_of(extension_json: str | None) -> str | None:
    """The schedule entry code in a stored response's ``extension`` (JSON text), if any."""
    try:
        extensions = json.loads(extension_json) if extension_json else []
    except ValueError:
        return None
    for ext in extensions if isinstance(extensions, list) else []:
        if isinstance(ext, dict) and ext.get("url") == SCHEDULE_ENTRY_URL:
            value = ext.get("valueCode")
            return value if isinstance(value, str) and value else None
    return None


def _window(start: object, end: object, planned: object) -> tuple[date, date] | None:
    """A contact's window (its planned day when it has none); None without a contact."""
    days = [_as_date(v) for v in (start, end, planned)]
    first, last = days[0] or days[2], days[1] or days[2]
    return (first, last) if first is not None and last is not None else None


def _as_date(value: object) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _plan(
    programme: Programme, *, birth_date: date, start: str, end: str | None, today: date
) -> list[PlannedContact]:
    return plan_contacts(
        programme=programme,
        birth_date=birth_date,
        enrollment_start=date.fromisoformat(start),
        enrollment_end=date.fromisoformat(end) if end else None,
        today=today,
    )


def _day(value: str | datetime) -> date:
    """The Stockholm calendar day of a stored timestamp (stored naive, meaning UTC)."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(stockholm_tz()).date()


def child_programme_figures(
    session: Session, *, today: date, catalogue: Catalogue
) -> dict[str, FollowUpFigures]:
    """Figures per enrolled child id."""
    records = programme_records(session, today=today, catalogue=catalogue)
    return {r.child_id: child_figures(r, today=today) for r in records}


def family_programme_figures(
    session: Session, family_id: str, *, today: date, catalogue: Catalogue
) -> FollowUpFigures:
    """One family's figures: the sum over its enrolled children (zeros when none)."""
    records = programme_records(session, today=today, catalogue=catalogue, family_id=family_id)
    return family_figures(records, today=today).get(family_id, FollowUpFigures())


def caseload_programme_figures(
    session: Session, *, today: date, catalogue: Catalogue
) -> FollowUpFigures:
    """The whole caseload's figures."""
    records = programme_records(session, today=today, catalogue=catalogue)
    return caseload_figures(records, today=today)


def caseload_id(session: Session) -> str:
    """The opaque id the export names the caseload by: this store's replica id."""
    setting = session.get(Setting, "replica_id")
    return str(setting.value) if setting is not None and setting.value else "caseload"


def export_rows(session: Session, *, today: date, catalogue: Catalogue) -> list[FiguresRow]:
    """Rows per child, per family and for the caseload, as the CSV holds them."""
    records = programme_records(session, today=today, catalogue=catalogue)
    return figure_rows(records, today=today, caseload_id=caseload_id(session))


def export_figures_csv(
    session: Session, out: TextIO, *, today: date, catalogue: Catalogue
) -> int:
    """Write the figures as CSV (header first) to ``out``; returns the number of data rows.

    Only opaque ids and counts are written (no access-log entry: there is no personal data).
    """
    rows = export_rows(session, today=today, catalogue=catalogue)
    write_figures_csv(rows, out)
    return len(rows)
