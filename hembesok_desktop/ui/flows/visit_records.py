"""The child-health records a visit documents, as plain Python (no Qt): feeding, vaccinations
given, a language observation or screening, tobacco smoke, hearing and vision, a referral.

:class:`HealthPlan` says what is due for one child (built from the catalogue and the store by
``ui.visit.data``); :meth:`VisitRecords.relevant` names the sections the form shows by
default (what is due, plus any section already filled in); the nurse may open the others.
:meth:`VisitRecords.problems` gives ``(field, code)`` pairs that block signing, and
:meth:`VisitRecords.write` writes every filled-in record through ``store.services.child_health``
in the visit's unit of work, linked to its contact, so the visit and its records are signed in
one transaction. Every value is a stored code (``domain.child_health``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ...domain import child_health as ch
from ...domain.catalogue import Catalogue
from ...store.services import child_health as services
from ...store.unit_of_work import UnitOfWork

SECTIONS = ("feeding", "vaccination", "language", "tobacco", "hearing", "vision", "referral")
_DUE_SECTION = {
    ch.RecordKind.FEEDING: "feeding",
    ch.RecordKind.TOBACCO_SMOKE: "tobacco",
    ch.RecordKind.LANGUAGE_SCREENING: "language",
    ch.RecordKind.HEARING_SCREENING: "hearing",
    ch.RecordKind.VISION_SCREENING: "vision",
}


@dataclass(frozen=True)
class DueDose:
    """A planned dose not given yet, with its state (planned, due, overdue)."""

    vaccine: str
    label: str
    dose_number: int
    code: str
    state: str


@dataclass(frozen=True)
class HealthPlan:
    """What is due for one child at the visit."""

    #: the doses not given yet, in schedule order
    doses: tuple[DueDose, ...] = ()
    #: the records due or overdue (``RecordKind`` values)
    due_records: frozenset[str] = frozenset()
    #: the tobacco-smoke age point due ("" if none), the language screening's ("30m"/"36m")
    tobacco_point: str = ""
    language_point: str = ""

    def due_doses(self) -> list[DueDose]:
        return [d for d in self.doses if d.state in ("due", "overdue")]


@dataclass
class DoseEntry:
    vaccine: str
    dose_number: int
    given_on: date
    given_where: str = "here"
    batch_number: str = ""
    schedule_code: str = ""


@dataclass
class VisitRecords:
    feeding_status: str = ""
    other_food_first_on: date | None = None
    doses: list[DoseEntry] = field(default_factory=list)
    language_kind: str = ""
    language_age_point: str = ""
    language_result: str = ""
    language_action: str = ""
    language_note: str = ""
    tobacco_point: str = ""
    tobacco_exposure: str = ""
    hearing_result: str = ""
    vision_result: str = ""
    referral_to: str = ""
    referral_reason: str = ""
    referral_note: str = ""

    # -- what to show -------------------------------------------------------------------------
    def filled(self) -> list[str]:
        """The sections with something to write, in form order."""
        found = []
        if self.feeding_status:
            found.append("feeding")
        if self.doses:
            found.append("vaccination")
        if self.language_kind:
            found.append("language")
        if self.tobacco_exposure:
            found.append("tobacco")
        if self.hearing_result:
            found.append("hearing")
        if self.vision_result:
            found.append("vision")
        if self.referral_to:
            found.append("referral")
        return found

    def relevant(self, plan: HealthPlan | None) -> list[str]:
        """The sections shown by default: what is due for the child, and what is filled in."""
        wanted = set(self.filled())
        if plan is not None:
            wanted |= {_DUE_SECTION[ch.RecordKind(kind)] for kind in plan.due_records}
            if plan.due_doses():
                wanted.add("vaccination")
        return [section for section in SECTIONS if section in wanted]

    @staticmethod
    def next_dose(plan: HealthPlan | None, vaccine: str) -> tuple[int, str]:
        """(dose number, schedule code) of the child's next dose of ``vaccine``: the first
        planned dose not given yet, else dose 1 outside the schedule."""
        if plan is not None:
            for dose in plan.doses:
                if dose.vaccine == vaccine:
                    return dose.dose_number, dose.code
        return 1, ""

    def add_dose(self, entry: DoseEntry) -> None:
        self.doses.append(entry)

    # -- checks -------------------------------------------------------------------------------
    def problems(
        self, *, day: date | None, birth_date: date | None, vaccines: Sequence[str]
    ) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        if self.feeding_status == "exclusive" and self.other_food_first_on is not None:
            found.append(("feeding", "exclusive-other-food"))
        if self.other_food_first_on and day and self.other_food_first_on > day:
            found.append(("feeding", "after-visit"))
        for dose in self.doses:
            if dose.vaccine not in vaccines:
                found.append(("vaccination", "unknown-vaccine"))
            elif not 1 <= dose.dose_number <= 10:
                found.append(("vaccination", "dose-number"))
            elif day and dose.given_on > day:
                found.append(("vaccination", "after-visit"))
            elif birth_date and dose.given_on < birth_date:
                found.append(("vaccination", "before-birth"))
        found += self._language_problems()
        if self.tobacco_exposure and self.tobacco_point not in ch.TOBACCO_AGE_POINTS:
            found.append(("tobacco", "age-point"))
        if self.referral_to and not self.referral_reason:
            found.append(("referral", "reason"))
        return found

    def _language_problems(self) -> list[tuple[str, str]]:
        if not self.language_kind:
            return []
        found = []
        if self.language_kind == "screening":
            if self.language_age_point not in ch.LANGUAGE_AGE_POINTS:
                found.append(("language", "age-point"))
            if not self.language_result:
                found.append(("language", "result"))
        elif not self.language_result and not self.language_note.strip():
            found.append(("language", "result-or-note"))
        if self.language_result == "concern" and not self.language_action:
            found.append(("language", "action"))
        return found

    # -- writing ------------------------------------------------------------------------------
    def write(
        self,
        uow: UnitOfWork,
        *,
        child_id: str,
        contact_id: str,
        day: date,
        catalogue: Catalogue | None,
    ) -> None:
        """Every filled-in record, in ``uow``, linked to the contact."""
        ids = {"child_id": child_id, "contact_id": contact_id}
        if self.feeding_status:
            services.record_feeding(
                uow,
                recorded_on=day,
                status=self.feeding_status,
                other_food_first_on=self.other_food_first_on,
                **ids,
            )
        if self.doses and catalogue is None:
            raise ValueError("the visit cannot be signed: vaccinations need the catalogue")
        for dose in self.doses:
            assert catalogue is not None
            services.record_vaccination(
                uow,
                vaccine=dose.vaccine,
                dose_number=dose.dose_number,
                given_on=dose.given_on,
                given_where=dose.given_where,
                batch_number=dose.batch_number,
                schedule_code=dose.schedule_code,
                catalogue=catalogue,
                **ids,
            )
        if self.language_kind:
            screening = self.language_kind == "screening"
            services.record_language(
                uow,
                recorded_on=day,
                kind=self.language_kind,
                age_point=self.language_age_point if screening else "",
                result=self.language_result,
                action=self.language_action if self.language_result == "concern" else "",
                note=self.language_note,
                **ids,
            )
        if self.tobacco_exposure:
            services.record_tobacco(
                uow,
                recorded_on=day,
                age_point=self.tobacco_point,
                exposure=self.tobacco_exposure,
                **ids,
            )
        for test, result in (("hearing", self.hearing_result), ("vision", self.vision_result)):
            if result:
                services.record_sensory(uow, screened_on=day, test=test, result=result, **ids)
        if self.referral_to:
            services.record_referral(
                uow,
                referred_on=day,
                to_whom=self.referral_to,
                reason=self.referral_reason,
                note=self.referral_note,
                **ids,
            )

    # -- drafts -------------------------------------------------------------------------------
    def to_payload(self) -> dict[str, Any]:
        values = dataclasses.asdict(self)
        values["other_food_first_on"] = _iso(self.other_food_first_on)
        values["doses"] = [{**d, "given_on": d["given_on"].isoformat()} for d in values["doses"]]
        return values

    @classmethod
    def from_payload(cls, payload: Any) -> VisitRecords:
        if not isinstance(payload, dict):
            return cls()
        records = cls()
        for name in (f.name for f in dataclasses.fields(cls)):
            if name in ("doses", "other_food_first_on") or name not in payload:
                continue
            setattr(records, name, str(payload[name]))
        records.other_food_first_on = _day(payload.get("other_food_first_on"))
        for saved in payload.get("doses", []) or []:
            try:
                records.doses.append(
                    DoseEntry(
                        vaccine=str(saved["vaccine"]),
                        dose_number=int(saved["dose_number"]),
                        given_on=date.fromisoformat(str(saved["given_on"])),
                        given_where=str(saved.get("given_where", "here")),
                        batch_number=str(saved.get("batch_number", "")),
                        schedule_code=str(saved.get("schedule_code", "")),
                    )
                )
            except (KeyError, TypeError, ValueError):
                continue  # a damaged draft entry is left out, the rest restored
        return records


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
