"""Documenting a visit, as plain Python (no Qt): the fields, what blocks signing, plausibility
warnings, what will be written, and the single transaction that writes it.

"Sign" writes the contact (the planned one marked done, or a new ad hoc one), the measurements
and the signed journal entry in ONE unit of work, and discards the visit's draft in it too, so
either all of it is saved or none. Measurements outside a sane range (or beyond ±3 SD of the
session's growth reference, when it is loaded) are *implausible*: they never block signing, but
signing them needs an explicit confirmation step first (``unconfirmed`` lists what still needs
it, naming the value and its SD; ``confirm`` records that the nurse confirmed exactly these
values; changing a value asks again). ``commit`` refuses unconfirmed implausible values. A
child born before 37 weeks is judged at her age corrected for gestational age up to 2 years.

The signed journal note carries the visit's structured summary after the nurse's text
(``journal_note``): who took part, the themes discussed, the measurements and whether an
interpreter was used, so the signed record says what the visit recorded.

``expected`` gives the child's WHO median for age and sex per measurement (the form's
placeholders), or nothing when the reference is not loaded or does not cover the child.

The visit also records the child-health records (``visit_records.VisitRecords``: feeding,
vaccinations, language, tobacco smoke, hearing and vision, a referral) and the interpreter's
language and form; ``commit`` writes them in the same unit of work, linked to the contact.
``health`` holds each child's :class:`~.visit_records.HealthPlan` (what is due), ``vaccines``
the schedule's vaccines and ``languages`` the family's languages, for the form's choices.

Messages are codes with parameters (:class:`Issue`); the widget turns them into translated text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from ...domain.catalogue import Catalogue
from ...domain.child_health import INTERPRETER_FORMS
from ...domain.growth import KINDS, age_years, check_gestation, corrected_age, sane_range
from ...domain.planning import stockholm_tz
from ...store.services import contacts, drafts, journal
from ...store.services.clinical import record_measurement
from ...store.unit_of_work import UnitOfWork
from .visit_records import HealthPlan, VisitRecords

CONTACT_KINDS = ("home", "clinic", "phone")
#: beyond this many standard deviations from the WHO median a value is called implausible
SDS_WARNING = 3.0
#: a visit may be documented a few minutes "ahead" (clock skew), not later
_SLACK = timedelta(minutes=5)


class Reference(Protocol):
    def sds(self, kind: str, sex: str, age_in_years: float, value: float) -> float | None: ...


class MedianReference(Protocol):
    def median(
        self, kind: str, sex: str, age_in_years: float, gestation_days: int | None = None
    ) -> float | None: ...


#: the journal note's summary headings (the form passes them translated)
SUMMARY_HEADINGS: dict[str, str] = {
    "participants": "Participants",
    "themes": "Themes",
    "measurements": "Measurements",
    "interpreter": "Interpreter",
    "interpreter_used": "used",
    "weight": "Weight",
    "length": "Length",
    "head_circumference": "Head circumference",
}
UNITS = {"weight": "kg", "length": "cm", "head_circumference": "cm"}


@dataclass(frozen=True)
class ChildInfo:
    id: str
    name: str
    birth_date: date
    sex: str = ""
    #: gestational age at birth in days (weeks * 7 + days), when recorded
    gestation_days: int | None = None

    def gestation(self) -> int | None:
        """``gestation_days`` when it is a usable gestational age, else None (no correction)."""
        if self.gestation_days is None:
            return None
        try:
            check_gestation(self.gestation_days)
        except ValueError:
            return None
        return self.gestation_days


@dataclass(frozen=True)
class Choice:
    id: str
    label: str


@dataclass(frozen=True)
class PlannedVisit:
    """A planned contact being documented (from the programme when ``code`` is set)."""

    contact_id: str
    child_id: str | None
    code: str = ""
    title: str = ""
    kind: str = "home"
    planned_date: date | None = None
    participants: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Issue:
    field: str
    code: str
    params: dict[str, Any] = dataclasses.field(default_factory=dict)


def parse_number(text: str) -> float | None:
    """A decimal number typed the Swedish way ("3,45") or the English way ("3.45")."""
    cleaned = text.strip().replace(" ", "").replace(",", ".")
    if not cleaned:
        return None
    return float(cleaned)


def draft_key(family_id: str, contact_id: str | None) -> str:
    return f"visit:{family_id}:{contact_id or 'adhoc'}"


class VisitFlow:
    def __init__(
        self,
        *,
        family_id: str,
        children: Sequence[ChildInfo],
        roles: Sequence[Choice],
        themes: Sequence[Choice],
        planned: PlannedVisit | None = None,
        now: datetime | None = None,
        author_name: str = "",
        author_title: str = "",
        health: Mapping[str, HealthPlan] | None = None,
        vaccines: Sequence[Choice] = (),
        languages: Sequence[Choice] = (),
        interpreter_language: str = "",
    ) -> None:
        self.family_id = family_id
        self.health: dict[str, HealthPlan] = dict(health or {})
        self.vaccines = list(vaccines)
        self.languages = list(languages)
        self.records = VisitRecords()
        self.interpreter_language = interpreter_language
        self.interpreter_form = ""
        self.children = list(children)
        self.roles = list(roles)
        self.all_themes = list(themes)
        self.planned = planned
        moment = (now or datetime.now(stockholm_tz())).astimezone(stockholm_tz())
        self.performed_at: datetime | None = moment.replace(second=0, microsecond=0)
        self.kind = planned.kind if planned else "home"
        self.child_id: str | None = (planned.child_id if planned else None) or (
            self.children[0].id if self.children else None
        )
        self.participants: set[str] = set(planned.participants) if planned else {"nurse"}
        self.interpreter_used = False
        self.themes: set[str] = set()
        self.measurements: dict[str, str] = dict.fromkeys(KINDS, "")
        self.journal_text = ""
        self.author_name = author_name
        self.author_title = author_title
        #: (kind, value) pairs the nurse confirmed although implausible
        self.confirmed: set[tuple[str, float]] = set()
        self.summary_headings: dict[str, str] = dict(SUMMARY_HEADINGS)

    # -- derived ------------------------------------------------------------------------------
    @property
    def key(self) -> str:
        return draft_key(self.family_id, self.planned.contact_id if self.planned else None)

    def theme_choices(self) -> list[Choice]:
        """The programme's checklist for this contact; every theme for an ad hoc visit."""
        if self.planned and self.planned.themes:
            wanted = set(self.planned.themes)
            return [theme for theme in self.all_themes if theme.id in wanted]
        return list(self.all_themes)

    def plan(self) -> HealthPlan | None:
        """What is due for the chosen child."""
        return self.health.get(self.child_id or "")

    def relevant_sections(self) -> list[str]:
        return self.records.relevant(self.plan())

    def child(self) -> ChildInfo | None:
        return next((c for c in self.children if c.id == self.child_id), None)

    def values(self) -> dict[str, float]:
        """The measurements that parse, by kind."""
        result = {}
        for kind, text in self.measurements.items():
            try:
                value = parse_number(text)
            except ValueError:
                continue
            if value is not None:
                result[kind] = value
        return result

    def problems(self) -> list[Issue]:
        """What must be fixed before signing."""
        found: list[Issue] = []
        if self.performed_at is None:
            found.append(Issue("performed_at", "required"))
        elif self.performed_at > datetime.now(stockholm_tz()).replace(second=59) + _SLACK:
            found.append(Issue("performed_at", "in-future"))
        if self.kind not in CONTACT_KINDS:
            found.append(Issue("kind", "unknown-kind"))
        if not self.participants:
            found.append(Issue("participants", "required"))
        child = self.child()
        for kind, text in self.measurements.items():
            try:
                value = parse_number(text)
            except ValueError:
                found.append(Issue(kind, "not-a-number"))
                continue
            if value is not None and value <= 0:
                found.append(Issue(kind, "not-positive"))
        if self.values() and child is None:
            found.append(Issue("child", "required"))
        if (
            child
            and self.performed_at
            and self.values()
            and self.performed_at.date() < child.birth_date
        ):
            found.append(Issue("performed_at", "before-birth"))
        found += self._record_problems(child)
        if not self.journal_text.strip():
            found.append(Issue("journal_text", "required"))
        if not self.author_name.strip() or not self.author_title.strip():
            found.append(Issue("author", "required"))
        return found

    def _record_problems(self, child: ChildInfo | None) -> list[Issue]:
        if self.interpreter_used and self.interpreter_form not in ("", *INTERPRETER_FORMS):
            return [Issue("interpreter", "unknown-form")]
        if not self.records.filled():
            return []
        if child is None:
            return [Issue("child", "required")]
        day = self.performed_at.date() if self.performed_at else None
        found = self.records.problems(
            day=day, birth_date=child.birth_date, vaccines=[v.id for v in self.vaccines]
        )
        return [Issue(section, code) for section, code in found]

    def warnings(self, reference: Reference | None = None) -> list[Issue]:
        """Plausibility of the measurements: warn, never block."""
        child = self.child()
        if child is None or self.performed_at is None:
            return []
        age = age_years(child.birth_date, self.performed_at.date())
        if age < 0:
            return []
        # the reference's age: corrected for prematurity (up to 2 years), never before birth
        age = max(corrected_age(age, child.gestation()), 0.0)
        found = []
        for kind, value in self.values().items():
            if value <= 0:
                continue
            sds = reference.sds(kind, child.sex, age, value) if reference else None
            if sds is not None:
                if abs(sds) > SDS_WARNING:
                    reference_name = str(getattr(reference, "name", "") or "WHO")
                    params = {"sds": round(sds, 1), "value": value, "reference": reference_name}
                    found.append(Issue(kind, "far-from-median", params))
                continue
            bounds = sane_range(kind, age)
            if bounds and not bounds[0] <= value <= bounds[1]:
                params = {"low": bounds[0], "high": bounds[1], "value": value}
                found.append(Issue(kind, "outside-range", params))
        return found

    def unconfirmed(self, reference: Reference | None = None) -> list[Issue]:
        """Implausible values the nurse has not confirmed yet: signing asks about these."""
        found = self.warnings(reference)
        return [w for w in found if (w.field, w.params["value"]) not in self.confirmed]

    def confirm(self, issues: Sequence[Issue]) -> None:
        """The nurse confirmed these implausible values (as they are now) are right."""
        self.confirmed |= {(i.field, i.params["value"]) for i in issues}

    def expected(self, reference: MedianReference | None) -> dict[str, float]:
        """The child's WHO median for age and sex, per kind (none without a reference)."""
        child = self.child()
        if reference is None or child is None or self.performed_at is None:
            return {}
        age = age_years(child.birth_date, self.performed_at.date())
        if age < 0:
            return {}
        found: dict[str, float] = {}
        for kind in KINDS:
            median = reference.median(kind, child.sex, age, child.gestation())
            if median is not None:
                found[kind] = median
        return found

    def journal_note(self) -> str:
        """The signed text: the nurse's text, then the visit's structured summary."""
        words = self.summary_headings
        lines = []
        roles = {r.id: r.label for r in self.roles}
        taken = [roles.get(p, p) for p in sorted(self.participants, key=_order(self.roles))]
        if taken:
            lines.append(f"{words['participants']}: {', '.join(taken)}")
        themes = [t.label for t in self.theme_choices() if t.id in self.themes]
        if themes:
            lines.append(f"{words['themes']}: {', '.join(themes)}")
        values = self.values()
        if values:
            parts = [
                f"{words[kind]} {_decimal(values[kind])} {UNITS[kind]}"
                for kind in KINDS
                if kind in values
            ]
            lines.append(f"{words['measurements']}: {', '.join(parts)}")
        if self.interpreter_used:
            lines.append(f"{words['interpreter']}: {words['interpreter_used']}")
        recorded = [words.get(section, section) for section in self.records.filled()]
        if recorded:
            lines.append(f"{words.get('records', 'Records')}: {', '.join(recorded)}")
        text = self.journal_text.strip()
        return f"{text}\n\n" + "\n".join(lines) if lines else text

    def can_sign(self) -> bool:
        return not self.problems()

    def will_write(self) -> list[Issue]:
        """What "Sign" writes, in order (codes: contact-done, contact-new, measurement, journal)."""
        plan = []
        when = self.performed_at.strftime("%Y-%m-%d %H:%M") if self.performed_at else ""
        if self.planned:
            plan.append(Issue("contact", "contact-done", {"title": self.planned.title, "at": when}))
        else:
            plan.append(Issue("contact", "contact-new", {"kind": self.kind, "at": when}))
        values = self.values()
        if values:
            plan.append(Issue("measurement", "measurement", dict(values)))
        for section in self.records.filled():
            count = len(self.records.doses) if section == "vaccination" else 1
            plan.append(Issue(section, "health-record", {"count": count}))
        plan.append(Issue("journal", "journal", {"chars": len(self.journal_note())}))
        return plan

    # -- writing ------------------------------------------------------------------------------
    def commit(
        self,
        uow: UnitOfWork,
        reference: Reference | None = None,
        catalogue: Catalogue | None = None,
    ) -> str:
        """Write everything in ``uow`` (one transaction); returns the contact id.

        Refuses while an implausible value (by ``reference``) is not confirmed. ``catalogue``
        is needed to record a vaccination (its vaccine and schedule are checked)."""
        problems = self.problems()
        if problems:
            raise ValueError(f"the visit cannot be signed: {problems[0].field} {problems[0].code}")
        pending = self.unconfirmed(reference)
        if pending:
            raise ValueError(f"the visit cannot be signed: {pending[0].field} is not confirmed")
        assert self.performed_at is not None
        participants = sorted(self.participants)
        themes = [t.id for t in self.theme_choices() if t.id in self.themes]
        interpreter = {
            "interpreter_language": self.interpreter_language if self.interpreter_used else "",
            "interpreter_form": self.interpreter_form if self.interpreter_used else "",
        }
        if self.planned:
            contact = contacts.record_contact(
                uow,
                self.planned.contact_id,
                status="done",
                performed_at=self.performed_at,
                kind=self.kind,
                participants=participants,
                interpreter_used=self.interpreter_used,
                themes=themes,
                **interpreter,
            )
        else:
            contact = contacts.record_ad_hoc_contact(
                uow,
                family_id=self.family_id,
                child_id=self.child_id,
                performed_at=self.performed_at,
                kind=self.kind,
                participants=participants,
                interpreter_used=self.interpreter_used,
                themes=themes,
                **interpreter,
            )
        values = self.values()
        if values and self.child_id:
            record_measurement(
                uow,
                child_id=self.child_id,
                measured_on=self.performed_at.date(),
                weight_kg=values.get("weight"),
                length_cm=values.get("length"),
                head_circumference_cm=values.get("head_circumference"),
                contact_id=contact.id,
            )
        if self.records.filled() and self.child_id:
            self.records.write(
                uow,
                child_id=self.child_id,
                contact_id=contact.id,
                day=self.performed_at.date(),
                catalogue=catalogue,
            )
        entry = journal.write_entry(
            uow,
            family_id=self.family_id,
            text=self.journal_note(),
            child_id=self.child_id,
            contact_id=contact.id,
        )
        journal.sign_entry(
            uow, entry.id, author_name=self.author_name, author_title=self.author_title
        )
        drafts.discard_draft(uow, self.key)
        return contact.id

    # -- drafts -------------------------------------------------------------------------------
    def to_payload(self) -> dict[str, Any]:
        return {
            "performed_at": self.performed_at.isoformat() if self.performed_at else None,
            "kind": self.kind,
            "child_id": self.child_id,
            "participants": sorted(self.participants),
            "interpreter_used": self.interpreter_used,
            "interpreter_language": self.interpreter_language,
            "interpreter_form": self.interpreter_form,
            "records": self.records.to_payload(),
            "themes": sorted(self.themes),
            "measurements": dict(self.measurements),
            "journal_text": self.journal_text,
            "author_name": self.author_name,
            "author_title": self.author_title,
        }

    def restore(self, payload: dict[str, Any]) -> None:
        at = payload.get("performed_at")
        self.performed_at = datetime.fromisoformat(at) if isinstance(at, str) else None
        self.kind = str(payload.get("kind", self.kind))
        child_id = payload.get("child_id")
        if isinstance(child_id, str) and any(c.id == child_id for c in self.children):
            self.child_id = child_id
        self.participants = {str(p) for p in payload.get("participants", [])}
        self.interpreter_used = bool(payload.get("interpreter_used", False))
        self.interpreter_language = str(
            payload.get("interpreter_language", self.interpreter_language)
        )
        self.interpreter_form = str(payload.get("interpreter_form", ""))
        self.records = VisitRecords.from_payload(payload.get("records"))
        self.themes = {str(t) for t in payload.get("themes", [])}
        saved = payload.get("measurements", {})
        if isinstance(saved, dict):
            self.measurements.update({k: str(v) for k, v in saved.items() if k in KINDS})
        self.journal_text = str(payload.get("journal_text", ""))
        self.author_name = str(payload.get("author_name", self.author_name))
        self.author_title = str(payload.get("author_title", self.author_title))


def _decimal(value: float) -> str:
    """A number the Swedish way, with a decimal comma."""
    return f"{value:g}".replace(".", ",")


def _order(choices: Sequence[Choice]) -> Any:
    """Sort key: the order of ``choices``, unknown ids last."""
    position = {c.id: n for n, c in enumerate(choices)}
    return lambda choice_id: (position.get(choice_id, len(position)), choice_id)
