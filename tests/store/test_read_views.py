"""store.read.views: each view names fields of its table and shares nothing with its row."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from sqlmodel import SQLModel

from hembesok_desktop.store import models
from hembesok_desktop.store.read import views

PAIRS: list[tuple[type[object], type[SQLModel]]] = [
    (views.FamilyView, models.Family),
    (views.GuardianView, models.Guardian),
    (views.ChildView, models.Child),
    (views.EnrollmentView, models.Enrollment),
    (views.ContactView, models.Contact),
    (views.JournalEntryView, models.JournalEntry),
    (views.MeasurementView, models.Measurement),
    (views.ResponseView, models.QuestionnaireResponse),
    (views.FollowUpView, models.FollowUpAction),
    (views.DraftView, models.Draft),
]


@pytest.mark.parametrize(("view", "model"), PAIRS, ids=lambda t: getattr(t, "__name__", ""))
def test_a_view_names_fields_of_its_table_and_no_bookkeeping(
    view: type[object], model: type[SQLModel]
) -> None:
    names = {field.name for field in dataclasses.fields(view)}  # type: ignore[arg-type]
    assert names <= set(model.model_fields)
    assert "versions" not in names
    assert view.__dataclass_params__.frozen


def test_a_view_copies_lists_and_documents() -> None:
    now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    row = models.QuestionnaireResponse(
        family_id="f",
        form_id="epds",
        form_version="1",
        answers={"item": [{"linkId": "q1"}]},
        flags=[{"id": "high"}],
        authored_at=now,
    )
    view = views.view_of(views.ResponseView, row)
    row.answers["item"].append({"linkId": "q2"})
    row.flags[0]["id"] = "changed"
    assert view.answers == {"item": [{"linkId": "q1"}]}
    assert view.flags == ({"id": "high"},)
    assert view.id == row.id and view.authored_at == now
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.status = "completed"  # type: ignore[misc]


def test_a_family_view_has_its_languages_as_a_tuple() -> None:
    row = models.Family(address="Påhittad väg 1", languages=["sv", "ar"], created_at=datetime.now())
    view = views.view_of(views.FamilyView, row)
    row.languages.append("so")
    assert view.languages == ("sv", "ar")
