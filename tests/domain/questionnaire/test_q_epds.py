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
