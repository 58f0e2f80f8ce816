"""What the Forms tab shows, loaded on the store worker."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ...domain.questionnaire import FormRegistry, Questionnaire
from ...domain.questionnaire.followup import awaits_urgent_offer
from ...store.read import ReadSession
from ...store.read.responses import forms_view
from ...store.read.views import ChildView, DraftView, FollowUpView, GuardianView, ResponseView


@dataclass(frozen=True)
class ResponseRow:
    kind: str  # "response" | "draft"
    id: str  # response id or draft key
    when: datetime | None
    form_title: str
    form_version: str
    respondent: str
    language: str
    status: str
    score: str
    flags: tuple[str, ...] = ()
    #: an urgent flag (EPDS item 10) is among the flags: shown in red
    urgent: bool = False
    #: held open until the acute offer is recorded (``clinical.hold_urgent_response``): the
    #: nurse reopens it to record the offer and close it
    awaiting_acute: bool = False


@dataclass
class FormsData:
    family_id: str
    responses: list[ResponseView]
    drafts: list[DraftView]
    guardians: list[GuardianView]
    children: list[ChildView]
    follow_ups: list[FollowUpView]
    registry: FormRegistry

    def respondent_name(self, respondent: str) -> str:
        for guardian in self.guardians:
            if guardian.id == respondent:
                return f"{guardian.given_name} {guardian.family_name}"
        return respondent

    def form_for(self, resource: Mapping[str, Any]) -> Questionnaire | None:
        try:
            return self.registry.for_response(resource)
        except (LookupError, ValueError):
            return None

    def rows(self) -> list[ResponseRow]:
        rows = []
        for draft in self.drafts:
            resource = draft.payload.get("response", {})
            form = self.form_for(resource)
            rows.append(
                ResponseRow(
                    kind="draft",
                    id=draft.key,
                    when=draft.updated_at,
                    form_title=form.title.default if form else "?",
                    form_version=form.version if form else "",
                    respondent=self.respondent_name(str(draft.payload.get("respondent", ""))),
                    language=str(draft.payload.get("language", "")),
                    status="draft",
                    score="",
                )
            )
        for response in self.responses:
            form = self.form_for(response.answers)
            rows.append(
                ResponseRow(
                    kind="response",
                    id=response.id,
                    when=response.completed_at or response.authored_at,
                    form_title=form.title.default if form else response.form_id,
                    form_version=response.form_version,
                    respondent=self.respondent_name(response.respondent),
                    language=response.language,
                    status="voided" if response.voided_reason else response.status,
                    score="" if response.score is None else f"{response.score:g}",
                    flags=tuple(str(f.get("label") or f.get("id")) for f in response.flags),
                    urgent=any(f.get("severity") == "urgent" for f in response.flags),
                    awaiting_acute=held_for_acute_offer(response),
                )
            )
        return rows

    def response(self, response_id: str) -> ResponseView | None:
        return next((r for r in self.responses if r.id == response_id), None)

    def draft(self, key: str) -> DraftView | None:
        return next((d for d in self.drafts if d.key == key), None)


def held_for_acute_offer(response: ResponseView) -> bool:
    """True for a response kept in progress because its urgent flag awaits the acute offer."""
    return not response.voided_reason and awaits_urgent_offer(response.status, response.flags)


def load_forms_data(session: ReadSession, family_id: str, registry: FormRegistry) -> FormsData:
    view = forms_view(session, family_id)
    return FormsData(
        family_id=family_id,
        responses=list(view.responses),
        drafts=list(view.drafts),
        guardians=list(view.guardians),
        children=list(view.children),
        follow_ups=list(view.follow_ups),
        registry=registry,
    )
