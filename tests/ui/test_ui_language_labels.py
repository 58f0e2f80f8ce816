"""Catalogue labels (offers, programme roles and themes) follow the UI language, read from the
catalogue loaded at start-up (never from a file on the GUI thread)."""

from __future__ import annotations

from hembesok_desktop.ui.forms.followup import offer_labels
from hembesok_desktop.ui.visit.data import VisitData
from tests.support.catalogue import CATALOGUE


def test_offer_labels_follow_the_ui_language() -> None:
    swedish = offer_labels(CATALOGUE, "sv")
    english = offer_labels(CATALOGUE, "en")
    assert swedish["bvc-conversation"] == "Samtal på BVC"
    assert english["bvc-conversation"] == "Conversation at the BVC"
    assert set(swedish) == set(english) == CATALOGUE.offer_ids


def _visit_data(language: str) -> VisitData:
    return VisitData(
        family_id="f",
        children=[],
        contacts=[],
        measurements={},
        programmes=dict(CATALOGUE.programmes),
        language=language,  # type: ignore[arg-type]
    )


def test_visit_roles_and_themes_follow_the_ui_language() -> None:
    english = _visit_data("en").flow(None, author_name="A", author_title="T")
    swedish = _visit_data("sv").flow(None, author_name="A", author_title="T")
    assert "Child safety" in [c.label for c in english.all_themes]
    assert "Barnsäkerhet" in [c.label for c in swedish.all_themes]
    assert "Child-health nurse" in [c.label for c in english.roles]
