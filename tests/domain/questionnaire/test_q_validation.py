"""Validation: required only when enabled, types, ranges, lengths, options."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hembesok_desktop.domain.questionnaire import Coding, parse_questionnaire, validate_answers
from tests.domain.questionnaire.q_support import minimal

MIN = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX = "http://hl7.org/fhir/StructureDefinition/maxValue"

FORM = parse_questionnaire(
    minimal(
        [
            {"linkId": "smokes", "type": "boolean", "required": True},
            {
                "linkId": "per-day",
                "type": "integer",
                "required": True,
                "enableWhen": [{"question": "smokes", "operator": "=", "answerBoolean": True}],
                "extension": [{"url": MIN, "valueInteger": 1}, {"url": MAX, "valueInteger": 60}],
            },
            {
                "linkId": "weight",
                "type": "decimal",
                "extension": [{"url": MIN, "valueDecimal": 0.5}, {"url": MAX, "valueDecimal": 8.5}],
            },
            {
                "linkId": "born",
                "type": "date",
                "extension": [{"url": MIN, "valueDate": "2020-01-01"}],
            },
            {"linkId": "note", "type": "string", "maxLength": 5},
            {"linkId": "when", "type": "dateTime"},
            {
                "linkId": "colour",
                "type": "choice",
                "answerOption": [{"valueString": "red"}, {"valueString": "blue"}],
            },
            {
                "linkId": "size",
                "type": "open-choice",
                "repeats": True,
                "answerOption": [{"valueCoding": {"system": "urn:s", "code": "S"}}],
            },
            {"linkId": "info", "type": "display", "text": "Read me"},
        ]
    )
)


def _codes(answers: dict[str, Any]) -> list[tuple[str, str]]:
    return [(p.link_id, p.code) for p in validate_answers(FORM, answers)]


def test_required_only_when_enabled() -> None:
    assert _codes({"smokes": False}) == []
    assert _codes({"smokes": True}) == [("per-day", "required")]
    assert _codes({}) == [("smokes", "required")]


def test_answers_to_disabled_items_are_not_checked() -> None:
    assert _codes({"smokes": False, "per-day": 999}) == []


@pytest.mark.parametrize(
    ("link_id", "value", "code"),
    [
        ("per-day", 0, "below-min"),
        ("per-day", 61, "above-max"),
        ("per-day", 1.5, "wrong-type"),
        ("per-day", True, "wrong-type"),
        ("weight", 0.4, "below-min"),
        ("weight", 9, "above-max"),
        ("weight", "3", "wrong-type"),
        ("born", dt.date(2019, 12, 31), "below-min"),
        ("born", "2021-01-01", "wrong-type"),
        ("note", "toolong", "too-long"),
        ("note", 5, "wrong-type"),
        ("when", "yesterday", "wrong-type"),
        ("colour", "green", "not-an-option"),
        ("colour", Coding("red"), "not-an-option"),
        ("size", Coding("S", "urn:other"), "not-an-option"),
        ("smokes", "yes", "wrong-type"),
    ],
)
def test_problems(link_id: str, value: Any, code: str) -> None:
    answers = {"smokes": True, "per-day": 10, link_id: value}
    problems = validate_answers(FORM, answers)
    assert [(p.link_id, p.code) for p in problems] == [(link_id, code)]
    assert link_id in problems[0].message


@pytest.mark.parametrize(
    ("link_id", "value"),
    [
        ("per-day", 1),
        ("per-day", 60),
        ("weight", 8.5),
        ("weight", 3),
        ("born", dt.date(2020, 1, 1)),
        ("note", "12345"),
        ("when", "2024-05-02T10:30:00+02:00"),
        ("colour", "blue"),
        ("size", [Coding("S", "urn:s"), "free text"]),
    ],
)
def test_acceptable_values(link_id: str, value: Any) -> None:
    assert _codes({"smokes": True, "per-day": 10, link_id: value}) == []


def test_too_many_answers_unknown_items_and_answers_to_display_items() -> None:
    codes = _codes({"smokes": [True, False], "ghost": 1, "info": "x"})
    assert codes == [
        ("ghost", "unknown-item"),
        ("smokes", "too-many-answers"),
        ("per-day", "required"),  # one of the answers is True, so per-day is enabled
        ("info", "not-a-question"),
    ]


def test_params_let_the_ui_translate() -> None:
    (problem,) = validate_answers(FORM, {"smokes": True, "per-day": 61})
    assert problem.params == {"max": 60}
    assert problem.message == "Item 'per-day' must be at most 60."
