"""What the Forms tab shows, loaded on the store worker."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from ...domain.questionnaire import FormRegistry, Questionnaire
from ...store.models import Child, Draft, FollowUpAction, Guardian, QuestionnaireResponse


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


@dataclass
class FormsData:
    family_id: str
    responses: list[QuestionnaireResponse]
    drafts: list[Draft]
    guardians: list[Guardian]
    children: list[Child]
    follow_ups: list[FollowUpAction]
    registry: FormRegistry

    def respondent_name(self, respondent: str) -> str:
        for guardian in self.guardians:
            if guardian.id == respondent:
                return f"{guardian.given_name} {guardian.family_name}"
        return respondent

    def form_for(self, resource: dict[str, Any]) -> Questionnaire | None:
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
                )
            )
        return rows

    def response(self, response_id: str) -> QuestionnaireResponse | None:
        return next((r for r in self.responses if r.id == response_id), None)

    def draft(self, key: str) -> Draft | None:
        return next((d for d in self.drafts if d.key == key), None)


def load_forms_data(session: Session, family_id: str, registry: FormRegistry) -> FormsData:
    def rows(model: Any) -> list[Any]:
        return list(session.exec(select(model).where(col(model.family_id) == family_id)))

    responses = rows(QuestionnaireResponse)
    responses.sort(key=lambda r: r.completed_at or r.authored_at, reverse=True)
    saved = session.exec(
        select(Draft).where(col(Draft.family_id) == family_id, col(Draft.kind) == "questionnaire")
    )
    return FormsData(
        family_id=family_id,
        responses=responses,
        drafts=sorted(saved, key=lambda d: d.updated_at, reverse=True),
        guardians=rows(Guardian),
        children=rows(Child),
        follow_ups=rows(FollowUpAction),
        registry=registry,
    )
