"""enableWhen operators and behaviours, evaluated live."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hembesok_desktop.domain.questionnaire import (
    Coding,
    is_enabled,
    parse_questionnaire,
    visible_items,
)
from tests.domain.questionnaire.q_support import minimal


def _form(condition: dict[str, Any], source_type: str, **source: Any) -> Any:
    return parse_questionnaire(
        minimal(
            [
                {"linkId": "src", "type": source_type, **source},
                {
                    "linkId": "dep",
                    "type": "string",
                    "enableWhen": [{"question": "src", **condition}],
                },
            ]
        )
    )


CHOICE = {"answerOption": [{"valueCoding": {"system": "urn:c", "code": c}} for c in "abc"]}


@pytest.mark.parametrize(
    ("source_type", "source", "condition", "answer", "enabled"),
    [
        ("boolean", {}, {"operator": "exists", "answerBoolean": True}, None, False),
        ("boolean", {}, {"operator": "exists", "answerBoolean": True}, False, True),
        ("boolean", {}, {"operator": "exists", "answerBoolean": False}, None, True),
        ("boolean", {}, {"operator": "exists", "answerBoolean": False}, True, False),
        ("boolean", {}, {"operator": "=", "answerBoolean": True}, True, True),
        ("boolean", {}, {"operator": "=", "answerBoolean": True}, False, False),
        ("boolean", {}, {"operator": "!=", "answerBoolean": True}, False, True),
        ("boolean", {}, {"operator": "!=", "answerBoolean": True}, None, False),
        ("integer", {}, {"operator": ">", "answerInteger": 3}, 4, True),
        ("integer", {}, {"operator": ">", "answerInteger": 3}, 3, False),
        ("integer", {}, {"operator": ">=", "answerInteger": 3}, 3, True),
        ("integer", {}, {"operator": "<", "answerInteger": 3}, 2, True),
        ("integer", {}, {"operator": "<=", "answerInteger": 3}, 4, False),
        ("integer", {}, {"operator": "=", "answerInteger": 3}, 3, True),
        ("decimal", {}, {"operator": "<", "answerDecimal": 2.1}, 2.0, True),
        ("decimal", {}, {"operator": ">=", "answerDecimal": 2.1}, 2.0, False),
        ("date", {}, {"operator": ">", "answerDate": "2000-01-01"}, dt.date(2000, 1, 2), True),
        ("date", {}, {"operator": "<=", "answerDate": "2000-01-01"}, dt.date(2000, 1, 2), False),
        ("string", {}, {"operator": "=", "answerString": "ja"}, "ja", True),
        ("string", {}, {"operator": "!=", "answerString": "ja"}, "nej", True),
        ("integer", {}, {"operator": ">", "answerString": "3"}, 4, False),  # across kinds: false
        (
            "choice",
            CHOICE,
            {"operator": "=", "answerCoding": {"system": "urn:c", "code": "b"}},
            Coding("b", "urn:c"),
            True,
        ),
        (
            "choice",
            CHOICE,
            {"operator": "=", "answerCoding": {"code": "b"}},
            Coding("b", "urn:c"),
            True,
        ),
        (
            "choice",
            CHOICE,
            {"operator": "=", "answerCoding": {"system": "urn:x", "code": "b"}},
            Coding("b", "urn:c"),
            False,
        ),
        (
            "choice",
            CHOICE,
            {"operator": "!=", "answerCoding": {"system": "urn:c", "code": "b"}},
            Coding("a", "urn:c"),
            True,
        ),
    ],
)
def test_operator(
    source_type: str, source: dict[str, Any], condition: dict[str, Any], answer: Any, enabled: bool
) -> None:
    form = _form(condition, source_type, **source)
    answers = {} if answer is None else {"src": answer}
    assert is_enabled(form, "dep", answers) is enabled


def test_any_answer_of_a_repeating_question_suffices() -> None:
    form = _form({"operator": "=", "answerCoding": {"code": "c"}}, "choice", repeats=True, **CHOICE)
    assert is_enabled(form, "dep", {"src": [Coding("a", "urn:c"), Coding("c", "urn:c")]})


def _behaviour(behavior: str) -> Any:
    return parse_questionnaire(
        minimal(
            [
                {"linkId": "a", "type": "boolean"},
                {"linkId": "b", "type": "boolean"},
                {
                    "linkId": "g",
                    "type": "group",
                    "enableBehavior": behavior,
                    "enableWhen": [
                        {"question": "a", "operator": "=", "answerBoolean": True},
                        {"question": "b", "operator": "=", "answerBoolean": True},
                    ],
                    "item": [{"linkId": "inner", "type": "string"}],
                },
            ]
        )
    )


@pytest.mark.parametrize(
    ("behavior", "a", "b", "enabled"),
    [
        ("all", True, True, True),
        ("all", True, False, False),
        ("any", True, False, True),
        ("any", False, False, False),
    ],
)
def test_enable_behavior_and_children_of_a_disabled_group(
    behavior: str, a: bool, b: bool, enabled: bool
) -> None:
    shown = {i.link_id for i in visible_items(_behaviour(behavior), {"a": a, "b": b})}
    assert ("g" in shown) is enabled
    assert ("inner" in shown) is enabled


def test_answers_of_a_disabled_question_count_as_absent() -> None:
    form = parse_questionnaire(
        minimal(
            [
                {"linkId": "a", "type": "boolean"},
                {
                    "linkId": "b",
                    "type": "boolean",
                    "enableWhen": [{"question": "a", "operator": "=", "answerBoolean": True}],
                },
                {
                    "linkId": "c",
                    "type": "string",
                    "enableWhen": [{"question": "b", "operator": "exists", "answerBoolean": True}],
                },
            ]
        )
    )
    assert [i.link_id for i in visible_items(form, {"a": True, "b": True})] == ["a", "b", "c"]
    assert [i.link_id for i in visible_items(form, {"a": False, "b": True})] == ["a"]


def test_more_than_one_condition_needs_enable_behavior() -> None:
    from hembesok_desktop.domain.questionnaire import QuestionnaireLoadError

    data = minimal(
        [
            {"linkId": "a", "type": "boolean"},
            {
                "linkId": "b",
                "type": "string",
                "enableWhen": [
                    {"question": "a", "operator": "exists", "answerBoolean": True},
                    {"question": "a", "operator": "=", "answerBoolean": True},
                ],
            },
        ]
    )
    with pytest.raises(QuestionnaireLoadError, match="enableBehavior is required"):
        parse_questionnaire(data)
