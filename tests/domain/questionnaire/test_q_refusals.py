"""Forms needing what we do not support are refused with one clear reason naming form and item."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hembesok_desktop.domain.questionnaire import (
    Coding,
    QuestionnaireLoadError,
    load_questionnaire,
    parse_questionnaire,
)
from tests.domain.questionnaire.q_support import minimal

URL = "http://example.org/Questionnaire/test"


def _refusal(data: dict[str, Any]) -> QuestionnaireLoadError:
    with pytest.raises(QuestionnaireLoadError) as info:
        parse_questionnaire(data, source="test.json")
    return info.value


# quantity and time are supported since issue 14 (see test_q_sdc_features.py)
@pytest.mark.parametrize("item_type", ["attachment", "reference", "url", None])
def test_unsupported_item_type(item_type: str | None) -> None:
    data = minimal([{"linkId": "q1", "type": "string"}, {"linkId": "q2", "type": item_type}])
    error = _refusal(data)
    assert (error.form, error.link_id) == (URL, "q2")
    assert (
        str(error)
        == f"Form '{URL}', item 'q2' cannot be used: item type '{item_type}' is not supported."
    )


def test_answer_value_set_without_inline_options() -> None:
    item = {"linkId": "c", "type": "choice", "answerValueSet": "http://loinc.org/vs/LL358-3"}
    error = _refusal(minimal([item]))
    assert error.link_id == "c"
    assert "answerValueSet 'http://loinc.org/vs/LL358-3' has no inline options" in str(error)


def test_contained_value_set_counts_as_inline_options() -> None:
    data = minimal(
        [{"linkId": "c", "type": "choice", "answerValueSet": "#yn"}],
        contained=[
            {
                "resourceType": "ValueSet",
                "id": "yn",
                "status": "active",
                "compose": {
                    "include": [{"system": "urn:yn", "concept": [{"code": "y"}, {"code": "n"}]}]
                },
            }
        ],
    )
    options = parse_questionnaire(data).item("c").options
    values = [o.value for o in options]
    assert [(v.system, v.code) for v in values if isinstance(v, Coding)] == [
        ("urn:yn", "y"),
        ("urn:yn", "n"),
    ]


def test_choice_without_any_options() -> None:
    assert "has no answer options" in str(_refusal(minimal([{"linkId": "c", "type": "choice"}])))


def test_unknown_enable_when_operator() -> None:
    items: list[dict[str, Any]] = [
        {"linkId": "a", "type": "string"},
        {
            "linkId": "b",
            "type": "string",
            "enableWhen": [{"question": "a", "operator": "contains", "answerString": "x"}],
        },
    ]
    error = _refusal(minimal(items))
    assert error.link_id == "b"
    assert "enableWhen operator 'contains' is not supported" in str(error)


def test_enable_when_to_a_missing_link_id() -> None:
    items = [
        {
            "linkId": "b",
            "type": "string",
            "enableWhen": [{"question": "nope", "operator": "exists", "answerBoolean": True}],
        }
    ]
    error = _refusal(minimal(items))
    assert error.link_id == "b"
    assert "missing linkId 'nope'" in str(error)


def test_unknown_modifier_extension_on_an_item() -> None:
    item = {
        "linkId": "m",
        "type": "string",
        "modifierExtension": [{"url": "http://example.org/must-understand", "valueBoolean": True}],
    }
    error = _refusal(minimal([item]))
    assert error.link_id == "m"
    assert "modifierExtension 'http://example.org/must-understand' is not understood" in str(error)


def test_unknown_modifier_extension_on_the_form() -> None:
    data = minimal(
        [{"linkId": "a", "type": "string"}],
        modifierExtension=[{"url": "urn:x", "valueBoolean": True}],
    )
    error = _refusal(data)
    assert error.link_id is None
    assert str(error).startswith(f"Form '{URL}' cannot be used: modifierExtension 'urn:x'")


def test_unknown_plain_elements_and_extensions_are_ignored() -> None:
    item = {
        "linkId": "a",
        "type": "string",
        "extension": [{"url": "http://example.org/anything", "valueString": "x"}],
        "definition": "http://example.org/def",
        "somethingNew": {"nested": True},
    }
    form = parse_questionnaire(
        minimal([item], extension=[{"url": "urn:whatever", "valueInteger": 1}])
    )
    assert form.item("a").type == "string"


def test_duplicate_link_id_and_repeating_group() -> None:
    dup = _refusal(minimal([{"linkId": "a", "type": "string"}, {"linkId": "a", "type": "string"}]))
    assert (dup.link_id, dup.reason) == ("a", "the linkId is used twice")
    # repeating groups are supported since issue 14 (see test_q_sdc_features.py)
    group = parse_questionnaire(
        minimal(
            [
                {
                    "linkId": "g",
                    "type": "group",
                    "repeats": True,
                    "item": [{"linkId": "x", "type": "string"}],
                }
            ]
        )
    ).item("g")
    assert group.is_repeating_group


def test_scoring_extension_naming_a_missing_item() -> None:
    ext = {
        "url": "http://hembesok.se/fhir/StructureDefinition/scoring",
        "extension": [
            {
                "url": "area",
                "extension": [
                    {"url": "id", "valueCode": "x"},
                    {"url": "linkId", "valueString": "ghost"},
                ],
            }
        ],
    }
    error = _refusal(minimal([{"linkId": "a", "type": "boolean"}], extension=[ext]))
    assert error.link_id == "ghost"
    assert "area 'x' refers to a missing linkId 'ghost'" in str(error)


def test_scoring_flag_with_unknown_rule() -> None:
    ext = {
        "url": "http://hembesok.se/fhir/StructureDefinition/scoring",
        "extension": [
            {
                "url": "flag",
                "extension": [
                    {"url": "id", "valueCode": "f"},
                    {"url": "rule", "valueCode": "median"},
                ],
            }
        ],
    }
    assert "flag 'f' has unknown rule 'median'" in str(_refusal(minimal([], extension=[ext])))


def test_not_a_questionnaire_and_not_json(tmp_path: Path) -> None:
    assert "not a FHIR Questionnaire" in str(_refusal({"resourceType": "Patient"}))
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(
        QuestionnaireLoadError,
        match=r"^Form 'broken.json' cannot be used: the file cannot be read as JSON",
    ):
        load_questionnaire(bad)


def test_a_real_world_form_with_an_external_value_set_is_refused(tmp_path: Path) -> None:
    # shape of the SDC PHQ-9 example: answers in an external/value set the form does not contain
    data = minimal(
        [
            {
                "linkId": "H1/T1",
                "type": "group",
                "item": [{"linkId": "H1/T1/Q1", "type": "choice", "answerValueSet": "#VSPHQ9"}],
            }
        ]
    )
    path = tmp_path / "sdc-phq9.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(QuestionnaireLoadError) as info:
        load_questionnaire(path)
    assert info.value.link_id == "H1/T1/Q1"
