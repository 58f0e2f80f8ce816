"""Loading what the visit tab shows (on the store worker) and building flows from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ...domain import child_health as ch
from ...domain.catalogue import Catalogue
from ...domain.child_health import GivenDose, RecordedItem
from ...domain.planning import today_in_stockholm
from ...domain.programmes import Language, Programme
from ...store.read import ReadSession
from ...store.read.views import ChildView, ContactView, MeasurementView
from ...store.read.visits import visits_view
from ..flows.visit import ChildInfo, Choice, PlannedVisit, VisitFlow, draft_key
from ..flows.visit_records import DueDose, HealthPlan
from ..labels import language as language_name


@dataclass
class VisitData:
    family_id: str
    children: list[ChildView]
    contacts: list[ContactView]
    measurements: dict[str, MeasurementView]  # by contact id
    drafts: dict[str, dict[str, Any]] = field(default_factory=dict)  # by draft key
    programmes: dict[str, Programme] = field(default_factory=dict)
    #: the UI language, for programme titles, roles and themes
    language: Language = "sv"
    #: voided measurements by contact id (shown struck through)
    voided_measurements: dict[str, tuple[MeasurementView, ...]] = field(default_factory=dict)
    family_languages: tuple[str, ...] = ()
    interpreter_language: str = ""
    given_doses: dict[str, tuple[GivenDose, ...]] = field(default_factory=dict)
    recorded_items: dict[str, tuple[RecordedItem, ...]] = field(default_factory=dict)

    def health_plan(self, child: ChildView, today: date) -> HealthPlan:
        """What is due for ``child`` on ``today``: doses not given, records not made."""
        programmes = list(self.programmes.values())
        schedule = ch.vaccination_schedule(programmes)
        have = [name for name in ch.RISK_INDICATORS if getattr(child, name, False)]
        planned = ch.plan_doses(schedule, child.birth_date, have) if schedule else []
        states = ch.dose_states(planned, self.given_doses.get(child.id, ()), today)
        doses = tuple(
            DueDose(d.vaccine, d.vaccine_label.text(self.language), d.dose_number, d.code, state)
            for d, state, _given in states
            if state != "given"
        )
        recorded = self.recorded_items.get(child.id, ())
        due = [
            item
            for item in ch.plan_record_items(programmes, child.birth_date)
            if ch.record_item_state(item, recorded, today) in ("due", "overdue")
        ]
        tobacco = next((i.age_point for i in due if i.kind is ch.RecordKind.TOBACCO_SMOKE), "")
        return HealthPlan(
            doses=doses,
            due_records=frozenset(str(i.kind) for i in due),
            tobacco_point=tobacco,
            language_point="36m" if (today - child.birth_date).days >= 3 * 365 else "30m",
        )

    def vaccine_choices(self) -> list[Choice]:
        schedule = ch.vaccination_schedule(self.programmes.values())
        entries = schedule.vaccines if schedule else ()
        return [Choice(v.id, v.label.text(self.language)) for v in entries]

    def language_choices(self) -> list[Choice]:
        codes = list(dict.fromkeys((*self.family_languages, self.interpreter_language)))
        return [Choice(code, language_name(code)) for code in codes if code and code != "sv"]

    def child_infos(self) -> list[ChildInfo]:
        return [
            ChildInfo(
                c.id,
                f"{c.given_name} {c.family_name}",
                c.birth_date,
                c.sex,
                c.gestational_age_days,
            )
            for c in sorted(self.children, key=lambda c: c.birth_date)
        ]

    def programme_for(self, contact: ContactView | None) -> Programme | None:
        if contact is not None and contact.programme_id in self.programmes:
            return self.programmes[contact.programme_id]
        return next(iter(p for p in self.programmes.values() if p.roles), None)

    def planned_visit(self, contact: ContactView) -> PlannedVisit:
        programme = self.programme_for(contact)
        title = contact.contact_code or ""
        themes: tuple[str, ...] = ()
        roles = tuple(contact.participants)
        if programme is not None and contact.contact_code:
            try:
                definition = programme.contact(contact.contact_code)
            except KeyError:
                definition = None
            if definition is not None:
                title = definition.title.text(self.language)
                themes = definition.themes
                roles = roles or tuple(p.role for p in definition.participants if not p.optional)
        return PlannedVisit(
            contact_id=contact.id,
            child_id=contact.child_id,
            code=contact.contact_code,
            title=title,
            kind=contact.kind,
            planned_date=contact.planned_date,
            participants=roles,
            themes=tuple(themes),
        )

    def flow(
        self, contact: ContactView | None, *, author_name: str, author_title: str
    ) -> VisitFlow:
        programme = self.programme_for(contact)
        lang = self.language
        roles = [Choice(r.id, r.label.text(lang)) for r in programme.roles] if programme else []
        themes = [Choice(t.id, t.label.text(lang)) for t in programme.themes] if programme else []
        if not roles:
            roles = [Choice("nurse", "BVC-sjuksköterska")]
        today = today_in_stockholm()
        flow = VisitFlow(
            family_id=self.family_id,
            children=self.child_infos(),
            roles=roles,
            themes=themes,
            planned=self.planned_visit(contact) if contact else None,
            author_name=author_name,
            author_title=author_title,
            health={c.id: self.health_plan(c, today) for c in self.children},
            vaccines=self.vaccine_choices(),
            languages=self.language_choices(),
            interpreter_language=self.interpreter_language,
        )
        saved = self.drafts.get(flow.key)
        if saved:
            flow.restore(saved)
        return flow


def load_visit_data(
    session: ReadSession, family_id: str, catalogue: Catalogue, language: Language = "sv"
) -> VisitData:
    """The visits screen's data; programme titles, roles and themes in ``language``."""
    view = visits_view(session, family_id)
    return VisitData(
        family_id=family_id,
        children=list(view.children),
        contacts=list(view.contacts),
        measurements=dict(view.measurements),
        drafts=dict(view.drafts),
        programmes=dict(catalogue.programmes),
        language=language,
        voided_measurements=dict(view.voided_measurements),
        family_languages=view.family_languages,
        interpreter_language=view.interpreter_language,
        given_doses=dict(view.given_doses),
        recorded_items=dict(view.recorded_items),
    )


def has_draft(data: VisitData, contact: ContactView | None) -> bool:
    return draft_key(data.family_id, contact.id if contact else None) in data.drafts
