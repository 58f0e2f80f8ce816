"""BarnSäkert-style form: a yes in an area flags exactly that area; follow-up offers."""

from __future__ import annotations

import pytest

from hembesok_desktop.domain.questionnaire import (
    score,
    suggest_offers,
    validate_answers,
    visible_items,
)
from tests.domain.questionnaire.q_support import NO, YES, form
from tests.support.catalogue import CATALOGUE

BS = form("barnsakert.json")
AREAS = ["economy", "depression", "stress", "alcohol", "violence", "food", "punishment", "help"]
ALL_NO = {q.link_id: NO for q in BS.questions() if q.type == "choice"}


def test_declares_the_eight_areas() -> None:
    assert BS.scoring is not None
    assert [area.id for area in BS.scoring.areas] == AREAS
    assert all(area.rule == "any-positive" for area in BS.scoring.areas)


def test_all_no_flags_nothing() -> None:
    result = score(BS, ALL_NO)
    assert result.flags == []
    assert result.total == 0
    assert validate_answers(BS, ALL_NO) == []


@pytest.mark.parametrize("area_id", AREAS)
def test_one_yes_flags_exactly_that_area(area_id: str) -> None:
    assert BS.scoring is not None
    area = next(a for a in BS.scoring.areas if a.id == area_id)
    for link_id in area.link_ids:
        result = score(BS, {**ALL_NO, link_id: YES})
        assert result.flag_ids() == [area_id]
        assert result.flags[0].area == area_id
        assert result.flags[0].severity == "positive"
        assert result.subscores[area_id] == 1
        assert sum(result.subscores.values()) == 1
        assert result.total == 1


def test_two_areas_flag_independently() -> None:
    result = score(BS, {**ALL_NO, "bs-economy": YES, "bs-violence": YES})
    assert result.flag_ids() == ["economy", "violence"]
    assert result.total == 2


def test_help_topic_appears_only_after_a_yes_to_wanting_help() -> None:
    shown = {i.link_id for i in visible_items(BS, {**ALL_NO})}
    assert "bs-help-topic" not in shown
    shown = {i.link_id for i in visible_items(BS, {**ALL_NO, "bs-help": YES})}
    assert "bs-help-topic" in shown


def test_missing_answers_are_reported_as_required() -> None:
    problems = validate_answers(BS, {"bs-economy": YES})
    assert {p.code for p in problems} == {"required"}
    assert len(problems) == len(ALL_NO) - 1


def test_offers_for_each_flagged_area() -> None:
    offers = CATALOGUE.offers
    assert {o.kind for o in offers} == {
        "conversation",
        "home-visit",
        "referral",
        "written-information",
        "acute",  # issue 14: for an urgent finding only
    }
    assert {o.id for o in offers} >= {
        "bvc-conversation",
        "bvc-conversation-social-services",
        "home-visit",
        "home-visit-social-services",
        "referral-agency",
        "referral-voluntary-organisation",
        "written-information",
    }
    result = score(BS, {**ALL_NO, "bs-alcohol": YES, "bs-food": YES})
    suggestions = suggest_offers(result, offers)
    assert [s.area for s in suggestions] == ["alcohol", "food"]
    # the acute offer (for an urgent finding only, issue 14) is not suggested here
    for_any = tuple(o for o in offers if o.for_severity is None)
    assert all(s.offers == for_any and not s.urgent for s in suggestions)
    assert suggestions[0].area_label.text("en") == "Alcohol misuse"
    assert offers[0].label.text("en") == "Conversation at the BVC"
    assert suggest_offers(score(BS, ALL_NO), offers) == []


def test_urgent_epds_flag_makes_an_urgent_suggestion() -> None:
    from tests.domain.questionnaire.q_support import epds

    result = score(form("epds.json"), {"epds-10": epds("10a")})
    (suggestion,) = suggest_offers(result, CATALOGUE.offers)
    assert suggestion.area == "depression"
    assert suggestion.urgent
    assert suggestion.flag_ids == ("self-harm",)
