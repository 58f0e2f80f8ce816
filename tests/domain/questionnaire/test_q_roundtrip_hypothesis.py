"""Property: any answer set survives QuestionnaireResponse export and import unchanged."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hembesok_desktop.domain.questionnaire import (
    AnswerValue,
    Item,
    Questionnaire,
    build_response,
    enabled_answers,
    parse_questionnaire,
    read_response,
    score,
)
from tests.domain.questionnaire.q_support import fixture, form, minimal

KITCHEN_SINK = parse_questionnaire(
    minimal(
        [
            {"linkId": "b", "type": "boolean"},
            {"linkId": "i", "type": "integer", "repeats": True},
            {"linkId": "d", "type": "decimal"},
            {"linkId": "s", "type": "string"},
            {"linkId": "t", "type": "text"},
            {"linkId": "dt", "type": "date"},
            {"linkId": "dtt", "type": "dateTime"},
            {
                "linkId": "g",
                "type": "group",
                "enableWhen": [{"question": "b", "operator": "=", "answerBoolean": True}],
                "enableBehavior": "all",
                "item": [
                    {
                        "linkId": "cs",
                        "type": "choice",
                        "answerOption": [{"valueString": "x"}, {"valueString": "y"}],
                    },
                    {
                        "linkId": "ci",
                        "type": "choice",
                        "repeats": True,
                        "answerOption": [{"valueInteger": 1}, {"valueInteger": 2}],
                    },
                    {
                        "linkId": "oc",
                        "type": "open-choice",
                        "answerOption": [
                            {"valueCoding": {"system": "urn:o", "code": "o1", "display": "One"}}
                        ],
                        "item": [{"linkId": "oc-note", "type": "string"}],
                    },
                ],
            },
        ]
    )
)
FORMS = [
    KITCHEN_SINK,
    fixture("phq9_lhc_44249-1.json"),
    fixture("hl7_r4_bluebook.json"),
    form("epds.json"),
    form("barnsakert.json"),
]

TEXT = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=20)
DATETIME = st.datetimes(timezones=st.just(dt.UTC)).map(lambda d: d.isoformat(timespec="seconds"))


def _value(item: Item) -> st.SearchStrategy[Any]:
    if item.type == "boolean":
        return st.booleans()
    if item.type == "integer":
        return st.integers(-(2**31), 2**31 - 1)
    if item.type == "decimal":
        return st.floats(allow_nan=False, allow_infinity=False, width=64)
    if item.type in ("string", "text"):
        return TEXT
    if item.type == "date":
        return st.dates()
    if item.type == "dateTime":
        return DATETIME
    options = st.sampled_from([o.value for o in item.options])
    return st.one_of(options, TEXT) if item.type == "open-choice" else options


@st.composite
def form_and_answers(draw: st.DrawFn) -> tuple[Questionnaire, dict[str, tuple[AnswerValue, ...]]]:
    questionnaire = draw(st.sampled_from(FORMS))
    answers: dict[str, tuple[AnswerValue, ...]] = {}
    for item in questionnaire.questions():
        if not draw(st.booleans()):
            continue
        size = draw(st.integers(1, 3)) if item.repeats else 1
        answers[item.link_id] = tuple(draw(_value(item)) for _ in range(size))
    return questionnaire, answers


@settings(max_examples=300, deadline=None)
@given(form_and_answers(), st.sampled_from(["in-progress", "completed"]))
def test_round_trip(
    case: tuple[Questionnaire, dict[str, tuple[AnswerValue, ...]]], status: str
) -> None:
    questionnaire, answers = case
    resource = json.loads(json.dumps(build_response(questionnaire, answers, status=status)))  # type: ignore[arg-type]
    parsed = read_response(questionnaire, resource)
    expected = enabled_answers(questionnaire, answers)
    assert parsed.answers == expected
    assert (parsed.form_url, parsed.form_version) == (questionnaire.url, questionnaire.version)
    assert parsed.status == status
    assert score(questionnaire, parsed.answers) == score(questionnaire, answers)
