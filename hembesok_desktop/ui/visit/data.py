"""Loading what the visit tab shows (on the store worker) and building flows from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...domain.catalogue import Catalogue
from ...domain.programmes import Language, Programme
from ...store.read import ReadSession
from ...store.read.views import ChildView, ContactView, MeasurementView
from ...store.read.visits import visits_view
from ..flows.visit import ChildInfo, Choice, PlannedVisit, VisitFlow, draft_key


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

    def child_infos(self) -> list[ChildInfo]:
        return [
            ChildInfo(
                c.id,
                f"{c.given_name} {c.family_name}",
                c.birth_date,
                c.sex,
                # a column newer than this view: read it when the store has it
                getattr(c, "gestational_age_days", None),
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
        flow = VisitFlow(
            family_id=self.family_id,
            children=self.child_infos(),
            roles=roles,
            themes=themes,
            planned=self.planned_visit(contact) if contact else None,
            author_name=author_name,
            author_title=author_title,
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
    )


def has_draft(data: VisitData, contact: ContactView | None) -> bool:
    return draft_key(data.family_id, contact.id if contact else None) in data.drafts
