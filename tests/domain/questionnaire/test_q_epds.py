"""EPDS: reverse scoring, Swedish cut-off 12, item 10 always urgent. Expected scores by hand."""

from __future__ import annotations

from typing import Any

import pytest

from hembesok_desktop.domain.questionnaire import score, validate_answers
from tests.domain.questionnaire.q_support import epds, form

EPDS = form("epds.json")


def test_ten_items_with_four_options_each() -> None:
    questions = list(EPDS.questions())
    assert [q.link_id for q in questions] == [f"epds-{n}" for n in range(1, 11)]
    assert all(len(q.options) == 4 and q.required for q in questions)


@pytest.mark.parametrize(
    ("item", "scores"),
    [
        (1, [0, 1, 2, 3]),
        (2, [0, 1, 2, 3]),
        (3, [3, 2, 1, 0]),
        (4, [0, 1, 2, 3]),
        *[(n, [3, 2, 1, 0]) for n in range(5, 11)],
    ],
)
def test_option_scores_follow_the_original_reverse_scoring(item: int, scores: list[int]) -> None:
    assert [o.score for o in EPDS.item(f"epds-{item}").options] == scores


def test_first_option_of_item_3_scores_3() -> None:
    result = score(EPDS, {"epds-3": epds("3a")})
    assert result.total == 3
    assert result.subscores["anxiety"] == 3


def _answers(codes: list[str]) -> dict[str, Any]:
    return {f"epds-{n}": epds(code) for n, code in enumerate(codes, start=1)}


# 1b=1 2b=1 3b=2 4c=2 5c=1 6c=1 7c=1 8c=1 9c=1 10d=0  -> 11
ELEVEN = ["1b", "2b", "3b", "4c", "5c", "6c", "7c", "8c", "9c", "10d"]
# as above but 1c=2 -> 12
TWELVE = ["1c", *ELEVEN[1:]]


def test_total_11_is_below_the_cut_off() -> None:
    result = score(EPDS, _answers(ELEVEN))
    assert result.total == 11
    assert result.subscores == {"depression": 11, "anxiety": 5}
    assert result.flags == []
    assert validate_answers(EPDS, _answers(ELEVEN)) == []


def test_total_12_is_positive() -> None:
    result = score(EPDS, _answers(TWELVE))
    assert result.total == 12
    assert result.flag_ids() == ["epds-positive"]
    assert result.flags[0].severity == "positive"
    assert result.flags[0].area == "depression"
    assert not result.urgent


@pytest.mark.parametrize(("code", "item_score"), [("10a", 3), ("10b", 2), ("10c", 1)])
def test_item_10_above_zero_is_urgent_whatever_the_total(code: str, item_score: int) -> None:
    # every other item at its 0-scoring option
    codes = ["1a", "2a", "3d", "4a", "5d", "6d", "7d", "8d", "9d", code]
    result = score(EPDS, _answers(codes))
    assert result.total == item_score < 12
    assert result.flag_ids() == ["self-harm"]
    assert result.flags[0].severity == "urgent"
    assert result.urgent


def test_item_10_at_zero_raises_no_flag() -> None:
    codes = ["1a", "2a", "3d", "4a", "5d", "6d", "7d", "8d", "9d", "10d"]
    assert score(EPDS, _answers(codes)).flags == []


def test_extremes_are_0_and_30() -> None:
    low = ["1a", "2a", "3d", "4a", "5d", "6d", "7d", "8d", "9d", "10d"]
    high = ["1d", "2d", "3a", "4d", "5a", "6a", "7a", "8a", "9a", "10a"]
    assert score(EPDS, _answers(low)).total == 0
    top = score(EPDS, _answers(high))
    assert top.total == 30
    assert top.flag_ids() == ["epds-positive", "self-harm"]


def test_an_answer_from_another_item_scores_nothing_and_is_reported() -> None:
    answers = {"epds-1": epds("2d")}
    assert score(EPDS, answers).total == 0
    problems = validate_answers(EPDS, answers)
    assert [(p.link_id, p.code) for p in problems if p.link_id == "epds-1"] == [
        ("epds-1", "not-an-option")
    ]


# --- issue 14: the cut-off of each language version (Rikshandboken's EPDS page) ---------------

# 1b=1 2b=1 3b=2 4c=2 5c=1 6c=1 7c=1 8d=0 9d=0 10d=0 -> 9
NINE = ["1b", "2b", "3b", "4c", "5c", "6c", "7c", "8d", "9d", "10d"]
# as NINE but 8c=1 -> 10
TEN = [*NINE[:7], "8c", "9d", "10d"]
# as TWELVE but 9b=2 -> 13
THIRTEEN = [*TWELVE[:8], "9b", "10d"]


@pytest.mark.parametrize(
    ("language", "below", "at"),
    [
        ("sv", ELEVEN, TWELVE),  # 11/12
        ("ar", NINE, TEN),  # 9/10
        ("en", TWELVE, THIRTEEN),  # 12/13
    ],
)
def test_each_validated_language_version_uses_its_own_cut_off(
    language: str, below: list[str], at: list[str]
) -> None:
    under = score(EPDS, _answers(below), language=language)
    over = score(EPDS, _answers(at), language=language)
    assert over.total == under.total + 1
    assert under.flags == [] and not under.indicative
    assert over.flag_ids() == ["epds-positive"] and not over.indicative


def test_hand_totals_of_the_language_cases() -> None:
    assert [score(EPDS, _answers(c)).total for c in (NINE, TEN, THIRTEEN)] == [9, 10, 13]


def test_the_same_total_differs_by_language() -> None:
    ten = _answers(TEN)
    assert score(EPDS, ten, language="ar").flag_ids() == ["epds-positive"]
    assert score(EPDS, ten, language="sv").flags == []
    assert score(EPDS, ten, language="en").flags == []
    assert score(EPDS, ten).flags == []  # the form's own language, Swedish


@pytest.mark.parametrize("language", ["fa-AF", "fa", "so", "ti", "prs", "de"])
def test_a_version_without_a_validated_cut_off_is_indicative_only(language: str) -> None:
    result = score(EPDS, _answers(THIRTEEN), language=language)
    assert result.total == 13
    assert result.indicative
    assert result.flags == []  # no cut-off, so no positive flag from the total


def test_item_10_is_urgent_in_every_language_version() -> None:
    codes = ["1a", "2a", "3d", "4a", "5d", "6d", "7d", "8d", "9d", "10c"]
    for language in ("sv", "ar", "en", "fa-AF", "so"):
        assert score(EPDS, _answers(codes), language=language).flag_ids() == ["self-harm"]


def test_cut_offs_and_their_source_live_in_the_form_data() -> None:
    from hembesok_desktop.domain.questionnaire import total_is_indicative

    assert EPDS.scoring is not None
    versions = {v.language: v for v in EPDS.scoring.language_versions}
    assert {k: v.value for k, v in versions.items()} == {
        "sv": 12,
        "en": 13,
        "ar": 10,
        "fa-AF": None,
        "so": None,
        "ti": None,
    }
    assert all("rikshandboken-bhv.se" in v.source for v in versions.values())
    assert total_is_indicative(EPDS, "fa-AF") and not total_is_indicative(EPDS, "ar")
