"""Records to ``evaluation.ChildEvaluation``: the one adaptation the laptop's evaluation export
(``store.evaluation_export``) and the region's console (``server.console``) share. Pure Python.

The input is the records as plain mappings, per entity name (``RecordRows``): each row maps
its synced field names (``protocol.schema``) to Python values (a ``date`` for a date field, a
``datetime`` for a date-and-time field, naive meaning UTC) plus ``"id"`` and ``"family_id"``.
The laptop passes its table rows; the server passes its ``record`` documents' values.

One record per child and programme it is enrolled in, for every programme of the catalogue:

* the enrollment is the child's latest in that programme (latest ``start_date``; on a tie the
  later one in the input's order);
* the team is the family's ``team_id`` (``"unassigned"`` when empty); a child born after
  ``today`` (a data-entry error) or without its child or family row is left out;
* voided records (a ``voided_reason``) and in-progress or voided responses are left out;
* the plan is the catalogue programme's plan for the child's birth date and enrollment; what
  was recorded are the child's contacts of that programme, done on the day performed (the
  Stockholm calendar day), else on the planned day.

Records come out in (programme, child id) order.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .catalogue import Catalogue
from .evaluation import ChildEvaluation, DoneContact
from .planning import RecordedContact, RecordedStatus, plan_contacts, stockholm_tz

Row = Mapping[str, Any]
RecordRows = Mapping[str, Iterable[Row]]

#: the child's own records the evaluation reads (each has ``child_id``)
CHILD_ENTITIES = (
    "contact",
    "feeding_record",
    "vaccination",
    "language_record",
    "tobacco_exposure",
    "sensory_screening",
    "referral",
)
#: every entity ``evaluation_records`` reads
ENTITIES = ("family", "child", "enrollment", *CHILD_ENTITIES, "questionnaire_response")
EPDS_FORM_IDS = frozenset({"epds"})
UNASSIGNED = "unassigned"


def stockholm_day(moment: dt.datetime) -> dt.date:
    """The Stockholm calendar day of ``moment`` (naive means UTC)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone(stockholm_tz()).date()


def evaluation_records(
    rows: RecordRows, *, today: dt.date, catalogue: Catalogue
) -> list[ChildEvaluation]:
    """One record per enrolled child and programme, in (programme, child id) order."""
    latest: dict[tuple[str, str], Row] = {}
    for enrollment in sorted(rows.get("enrollment", ()), key=lambda e: e["start_date"]):
        if enrollment["programme_id"] in catalogue.programmes:
            latest[(enrollment["child_id"], enrollment["programme_id"])] = enrollment
    children = {c["id"]: c for c in rows.get("child", ())}
    families = {f["id"]: f for f in rows.get("family", ())}
    by_child = rows_by_child(rows)
    records = []
    for (child_id, _programme), enrollment in sorted(latest.items(), key=lambda i: i[0][::-1]):
        child = children.get(child_id)
        family = families.get(enrollment["family_id"])
        if child is None or family is None or child["birth_date"] > today:
            continue
        records.append(_record(child, family, enrollment, by_child[child_id], today, catalogue))
    return records


def rows_by_child(rows: RecordRows) -> dict[str, dict[str, list[Row]]]:
    """The not voided child records per child id and entity; EPDS responses (completed, not
    voided) under ``"epds"``."""
    found: dict[str, dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
    for entity in CHILD_ENTITIES:
        for row in rows.get(entity, ()):
            owner = row.get("child_id")
            if row.get("voided_reason") or owner is None:
                continue
            found[owner][entity].append(row)
    for response in rows.get("questionnaire_response", ()):
        if (
            response.get("status") == "completed"
            and not response.get("voided_reason")
            and response.get("child_id") is not None
            and response.get("form_id") in EPDS_FORM_IDS
        ):
            found[response["child_id"]]["epds"].append(response)
    return found


def _record(
    child: Row,
    family: Row,
    enrollment: Row,
    rows: Mapping[str, Sequence[Row]],
    today: dt.date,
    catalogue: Catalogue,
) -> ChildEvaluation:
    programme = catalogue.programmes[enrollment["programme_id"]]
    plan = plan_contacts(
        programme=programme,
        birth_date=child["birth_date"],
        enrollment_start=enrollment["start_date"],
        enrollment_end=enrollment.get("end_date"),
        today=today,
    )
    contacts = rows.get("contact", [])
    recorded = [
        r
        for c in contacts
        if c.get("programme_id") == programme.id and (r := recorded_contact(c)) is not None
    ]
    tobacco = sorted(rows.get("tobacco_exposure", []), key=lambda r: r["recorded_on"])
    sensory = sorted(rows.get("sensory_screening", []), key=lambda r: r["screened_on"])
    return ChildEvaluation(
        child_id=child["id"],
        programme_id=programme.id,
        team_id=family.get("team_id") or UNASSIGNED,
        birth_date=child["birth_date"],
        sex=child.get("sex", ""),
        enrollment_start=enrollment["start_date"],
        enrollment_end=enrollment.get("end_date"),
        inclusion_reason=enrollment["inclusion_reason"],
        interpreter_needed=bool(family.get("interpreter_needed")),
        gestational_age_days=child.get("gestational_age_days"),
        bcg_indicated=bool(child.get("bcg_indicated")),
        plan=plan,
        recorded=recorded,
        done_contacts=[
            DoneContact(bool(c.get("interpreter_used")), c.get("interpreter_form") or "")
            for c in contacts
            if c.get("status") == "done"
        ],
        feeding=[
            (r["recorded_on"], r["status"], r.get("other_food_first_on"))
            for r in rows.get("feeding_record", [])
        ],
        doses=[
            (r["vaccine"], r["dose_number"], r["given_on"]) for r in rows.get("vaccination", [])
        ],
        epds=[
            (stockholm_day(r.get("completed_at") or r["authored_at"]), bool(r.get("flags")))
            for r in rows.get("epds", [])
        ],
        language_screenings=[
            r.get("result", "") for r in rows.get("language_record", []) if r["kind"] == "screening"
        ],
        tobacco={r["age_point"]: r["exposure"] for r in tobacco},
        sensory={r["test"]: r["result"] for r in sensory},
        referrals=len(rows.get("referral", [])),
    )


def recorded_contact(contact: Row) -> RecordedContact | None:
    """A programme contact as recorded: done on the day performed, else its planned day."""
    if not contact.get("contact_code"):
        return None
    day = contact.get("planned_date")
    performed = contact.get("performed_at")
    if contact.get("status") == "done" and performed is not None:
        day = stockholm_day(performed)
    if day is None:
        return None
    return RecordedContact(
        programme_id=contact.get("programme_id", ""),
        code=contact["contact_code"],
        status=RecordedStatus(contact.get("status") or "planned"),
        date=day,
        ref_id=contact["id"],
    )
