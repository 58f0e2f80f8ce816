"""The forms screen: the family's questionnaire responses, unsigned questionnaire drafts,
follow-up actions, and the guardians and children a form can be about or answered by."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from sqlmodel import col, select

from ..models import Child, Draft, FollowUpAction, Guardian, QuestionnaireResponse, SyncedRow
from . import ReadSession
from .views import ChildView, DraftView, FollowUpView, GuardianView, ResponseView, view_of

RowT = TypeVar("RowT", bound=SyncedRow)


@dataclass(frozen=True)
class FormsView:
    family_id: str
    #: newest first (completed, else authored)
    responses: tuple[ResponseView, ...]
    #: questionnaire drafts, newest first
    drafts: tuple[DraftView, ...]
    guardians: tuple[GuardianView, ...]
    children: tuple[ChildView, ...]
    follow_ups: tuple[FollowUpView, ...]


def forms_view(session: ReadSession, family_id: str) -> FormsView:
    def rows(model: type[RowT]) -> list[RowT]:
        # in stored order: the forms tab offers the first guardian's language
        return list(session.exec(select(model).where(col(model.family_id) == family_id)))

    responses = sorted(
        rows(QuestionnaireResponse), key=lambda r: r.completed_at or r.authored_at, reverse=True
    )
    drafts = session.exec(
        select(Draft).where(col(Draft.family_id) == family_id, col(Draft.kind) == "questionnaire")
    )
    return FormsView(
        family_id=family_id,
        responses=tuple(view_of(ResponseView, r) for r in responses),
        drafts=tuple(
            view_of(DraftView, d) for d in sorted(drafts, key=lambda d: d.updated_at, reverse=True)
        ),
        guardians=tuple(view_of(GuardianView, g) for g in rows(Guardian)),
        children=tuple(view_of(ChildView, c) for c in rows(Child)),
        follow_ups=tuple(view_of(FollowUpView, f) for f in rows(FollowUpAction)),
    )
