"""SDC features supported since issue 14, each on a small form (fixtures/README.md): quantity,
time, repeating items and groups, calculatedExpression, enableWhenExpression, initialExpression,
weights in every place SDC allows, bundled value sets, and refusals that name feature and item."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from hembesok_desktop.domain.questionnaire import (
    Coding,
    FormRegistry,
    GroupAnswer,
    Quantity,
    QuestionnaireLoadError,
    build_response,
    enabled_link_ids,
    initial_answers,
    parse_questionnaire,
    read_response,
    resolve,
    score,
    validate_answers,
)
from tests.domain.questionnaire.q_support import fixture, minimal

FORM = fixture("hembesok_sdc_features.json")
OFTEN_SYSTEM = "http://example.org/CodeSystem/often"
NEVER, SOMETIMES, OFTEN = (Coding(c, OFTEN_SYSTEM) for c in ("never", "sometimes", "often"))
KG = Quantity(4.2, "kg", "http://unitsofmeasure.org", "kg")
WEIGHT = "http://hl7.org/fhir/StructureDefinition/itemWeight"
CALC = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression"


def _refusal(data: dict[str, Any], **kwargs: Any) -> QuestionnaireLoadError:
    with pytest.raises(QuestionnaireLoadError) as info:
        parse_questionnaire(data, source="test.json", **kwargs)
    return info.value


def _complete(**extra: Any) -> dict[str, Any]:
    return {"a1": OFTEN, "a2": SOMETIMES, "a3": NEVER, **extra}


# -- quantity and time -----------------------------------------------------------------------


def test_quantity_answers_validate_their_unit_and_round_trip() -> None:
    item = FORM.item("weight")
    assert [u.code for u in item.units] == ["kg", "g"]
    assert validate_answers(FORM, _complete(weight=KG)) == []
    stone = Quantity(0.7, "stone")
    assert [p.code for p in validate_answers(FORM, _complete(weight=stone))] == ["no-unit"]
    assert [p.code for p in validate_answers(FORM, _complete(weight=4.2))] == ["wrong-type"]
    resource = json.loads(json.dumps(build_response(FORM, _complete(weight=KG))))
    weight = next(i for i in resource["item"] if i["linkId"] == "weight")
    assert weight["answer"] == [
        {
            "valueQuantity": {
                "value": 4.2,
                "unit": "kg",
                "system": "http://unitsofmeasure.org",
                "code": "kg",
            }
        }
    ]
    assert read_response(FORM, resource).answers["weight"] == (KG,)


def test_time_answers_validate_and_round_trip() -> None:
    woke = dt.time(6, 45)
    assert validate_answers(FORM, _complete(woke=woke)) == []
    assert [p.code for p in validate_answers(FORM, _complete(woke="06:45"))] == ["wrong-type"]
    resource = build_response(FORM, _complete(woke=woke))
    item = next(i for i in resource["item"] if i["linkId"] == "woke")
    assert item["answer"] == [{"valueTime": "06:45:00"}]
    assert read_response(FORM, resource).answers["woke"] == (woke,)


def test_quantity_and_time_enable_when_compare_by_value() -> None:
    items = [
        {"linkId": "w", "type": "quantity"},
        {"linkId": "t", "type": "time"},
        {
            "linkId": "heavy",
            "type": "string",
            "enableWhen": [
                {"question": "w", "operator": ">", "answerQuantity": {"value": 5, "code": "kg"}}
            ],
        },
        {
            "linkId": "late",
            "type": "string",
            "enableWhen": [{"question": "t", "operator": ">=", "answerTime": "09:00:00"}],
        },
    ]
    form = parse_questionnaire(minimal(items))
    assert {"heavy", "late"} & enabled_link_ids(form, {"w": KG, "t": dt.time(8)}) == set()
    heavy = Quantity(5.5, "kg", code="kg")
    assert {"heavy", "late"} <= enabled_link_ids(form, {"w": heavy, "t": dt.time(9)})
    grams = Quantity(5500, "g", code="g")  # other units never compare
    assert "heavy" not in enabled_link_ids(form, {"w": grams})


# -- repeating items and groups --------------------------------------------------------------


def test_repeating_question_keeps_every_answer() -> None:
    answers = _complete(languages=["sv", "ar"])
    assert validate_answers(FORM, answers) == []
    parsed = read_response(FORM, build_response(FORM, answers)).answers
    assert parsed["languages"] == ("sv", "ar")


def test_repeating_group_instances_are_validated_exported_and_read_back() -> None:
    meds = [
        GroupAnswer.of({"meds.name": "paracetamol", "meds.reason": "fever"}),
        GroupAnswer.of({"meds.name": "vitamin D", "meds.dose": Quantity(10, "mg", code="mg")}),
    ]
    answers = _complete(meds=meds)
    assert validate_answers(FORM, answers) == []
    resource = json.loads(json.dumps(build_response(FORM, answers)))
    groups = [i for i in resource["item"] if i["linkId"] == "meds"]
    assert [[c["linkId"] for c in g["item"]] for g in groups] == [
        ["meds.name", "meds.reason"],
        ["meds.name", "meds.dose"],
    ]
    assert read_response(FORM, resource).answers["meds"] == tuple(meds)


def test_enable_when_inside_a_repeating_group_reads_its_own_instance() -> None:
    meds = [
        GroupAnswer.of({"meds.name": "paracetamol", "meds.reason": "fever"}),
        GroupAnswer.of({"meds.name": "vitamin D", "meds.reason": "left over"}),
    ]
    resolved = resolve(FORM, _complete(meds=meds))
    kept = [g.answers for g in resolved.answers["meds"] if isinstance(g, GroupAnswer)]
    assert kept == [
        {"meds.name": ("paracetamol",), "meds.reason": ("fever",)},
        {"meds.name": ("vitamin D",)},  # the reason of a disabled item is not kept
    ]


def test_a_required_item_is_required_in_every_instance() -> None:
    answers = _complete(meds=[GroupAnswer.of({"meds.name": "x"}), GroupAnswer.of({})])
    problems = validate_answers(FORM, answers)
    assert [(p.link_id, p.code, p.params.get("instance")) for p in problems] == [
        ("meds.name", "required", 1)
    ]


# -- calculatedExpression, enableWhenExpression, initialExpression ---------------------------


def test_calculated_total_equals_the_hand_sum_and_replaces_typed_values() -> None:
    # often 2 + sometimes 1 + never 0 = 3
    answers = _complete(total=Quantity(99, "points"))
    resolved = resolve(FORM, answers)
    assert resolved.answers["total"] == (
        Quantity(3.0, "points", "http://unitsofmeasure.org", "{score}"),
    )
    assert resolved.answers["at-risk"] == (False,)
    assert score(FORM, answers).total == 3
    # 2 + 2 + 1 = 5: at risk
    assert resolve(FORM, _complete(a2=OFTEN, a3=SOMETIMES)).answers["at-risk"] == (True,)


def test_calculated_values_are_exported_in_the_response() -> None:
    resource = build_response(FORM, _complete(a3=OFTEN))
    by_id = {i["linkId"]: i for i in resource["item"]}
    assert by_id["total"]["answer"] == [
        {
            "valueQuantity": {
                "value": 5.0,
                "unit": "points",
                "system": "http://unitsofmeasure.org",
                "code": "{score}",
            }
        }
    ]
    assert by_id["at-risk"]["answer"] == [{"valueBoolean": True}]
    assert "extension" not in json.dumps(resource)  # weights are for evaluation only


def test_enable_when_expression_shows_the_plan_only_when_at_risk() -> None:
    assert "plan" not in enabled_link_ids(FORM, _complete())
    at_risk = _complete(a1=OFTEN, a2=OFTEN)
    assert "plan" in enabled_link_ids(FORM, at_risk)
    assert "plan" not in resolve(FORM, {**_complete(), "plan": "x"}).answers


def test_initial_expression_reads_the_launch_context() -> None:
    patient = {"resourceType": "Patient", "birthDate": "2026-03-04"}
    assert initial_answers(FORM, {}, {"patient": patient}) == {"birth": (dt.date(2026, 3, 4),)}
    assert initial_answers(FORM, {}) == {}  # no patient given: the nurse types it
    given = {"birth": (dt.date(2026, 1, 1),)}
    assert initial_answers(FORM, given, {"patient": patient}) == given


def test_a_failing_calculation_blocks_completion_instead_of_scoring() -> None:
    items = [
        {"linkId": "n", "type": "string"},
        {
            "linkId": "c",
            "type": "integer",
            "extension": [
                {
                    "url": CALC,
                    "valueExpression": {
                        "language": "text/fhirpath",
                        "expression": "%resource.item.where(linkId='n').answer.value.length() / 2",
                    },
                }
            ],
        },
    ]
    form = parse_questionnaire(minimal(items))
    assert resolve(form, {"n": "abcd"}).answers["c"] == (2,)
    problems = validate_answers(form, {"n": "abc"})  # 1.5 is no whole number
    assert [(p.link_id, p.code) for p in problems] == [("c", "expression-failed")]
    assert "c" not in resolve(form, {"n": "abc"}).answers


# -- weights ---------------------------------------------------------------------------------


def _vs_form(value_set: dict[str, Any], *more: dict[str, Any]) -> dict[str, Any]:
    return minimal(
        [{"linkId": "q", "type": "choice", "answerValueSet": "#vs"}],
        contained=[
            {"resourceType": "ValueSet", "id": "vs", "status": "active", **value_set},
            *more,
        ],
    )


def _scores(data: dict[str, Any]) -> list[float | None]:
    return [o.score for o in parse_questionnaire(data).item("q").options]


def test_weights_on_the_expansion_contains_property() -> None:
    expansion = {
        "timestamp": "2024-12-06T22:52:00-07:00",
        "property": [{"code": "w", "uri": "http://hl7.org/fhir/concept-properties#itemWeight"}],
        "contains": [
            {"system": "urn:s", "code": "a", "property": [{"code": "w", "valueDecimal": 0}]},
            {"system": "urn:s", "code": "b", "property": [{"code": "w", "valueDecimal": 2.5}]},
        ],
    }
    data = _vs_form({"expansion": expansion})
    assert _scores(data) == [0, 2.5]
    assert score(parse_questionnaire(data), {"q": Coding("b", "urn:s")}).total == 2.5


def test_weights_on_the_r4_cross_version_contains_property_extension() -> None:
    def prop(weight: float) -> dict[str, Any]:
        return {
            "url": "http://hl7.org/fhir/5.0/StructureDefinition/"
            "extension-ValueSet.expansion.contains.property",
            "extension": [
                {"url": "code", "valueCode": "itemWeight"},
                {"url": "value", "valueDecimal": weight},
            ],
        }

    expansion = {
        "extension": [
            {
                "url": "http://hl7.org/fhir/5.0/StructureDefinition/"
                "extension-ValueSet.expansion.property",
                "extension": [
                    {"url": "code", "valueCode": "itemWeight"},
                    {"url": "uri", "valueUri": "http://hl7.org/fhir/concept-properties#itemWeight"},
                ],
            }
        ],
        "contains": [
            {"system": "urn:s", "code": "a", "extension": [prop(1)]},
            {"system": "urn:s", "code": "b", "extension": [prop(3)]},
        ],
    }
    assert _scores(_vs_form({"expansion": expansion})) == [1, 3]


def _code_system(*concepts: dict[str, Any]) -> dict[str, Any]:
    return {
        "resourceType": "CodeSystem",
        "id": "cs",
        "url": "urn:cs",
        "status": "active",
        "content": "complete",
        "property": [
            {
                "code": "itemWeight",
                "uri": "http://hl7.org/fhir/concept-properties#itemWeight",
                "type": "decimal",
            }
        ],
        "concept": list(concepts),
    }


def _concept(code: str, weight: float | None) -> dict[str, Any]:
    concept: dict[str, Any] = {"code": code, "display": code.title()}
    if weight is not None:
        concept["property"] = [{"code": "itemWeight", "valueDecimal": weight}]
    return concept


def test_weights_as_properties_of_a_contained_code_system() -> None:
    cs = _code_system(_concept("never", 0), _concept("often", 2))
    listed = _vs_form(
        {"compose": {"include": [{"system": "urn:cs", "concept": [{"code": "often"}]}]}}, cs
    )
    assert _scores(listed) == [2]
    whole = _vs_form({"compose": {"include": [{"system": "urn:cs"}]}}, cs)
    assert _scores(whole) == [0, 2]
    # the same CodeSystem weighs answerOption codings too
    options = minimal(
        [
            {
                "linkId": "q",
                "type": "choice",
                "answerOption": [{"valueCoding": {"system": "urn:cs", "code": "often"}}],
            }
        ],
        contained=[cs],
    )
    assert _scores(options) == [2]


def test_declared_weights_that_are_missing_refuse_the_form() -> None:
    cs = _code_system(_concept("never", 0), _concept("often", None))
    error = _refusal(_vs_form({"compose": {"include": [{"system": "urn:cs"}]}}, cs))
    assert error.link_id == "q"
    assert "declares weights but concept 'often' has none" in str(error)


def test_bundled_value_set_and_code_system_are_found(tmp_path: Path) -> None:
    cs = _code_system(_concept("never", 0), _concept("often", 2))
    vs = {
        "resourceType": "ValueSet",
        "url": "http://region.example/ValueSet/often",
        "status": "active",
        "compose": {"include": [{"system": "urn:cs"}]},
    }
    form = minimal(
        [
            {
                "linkId": "q",
                "type": "choice",
                "answerValueSet": "http://region.example/ValueSet/often|1",
            }
        ]
    )
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": cs}]}
    (tmp_path / "often.json").write_text(json.dumps(vs), encoding="utf-8")
    (tmp_path / "cs-bundle.json").write_text(json.dumps(bundle), encoding="utf-8")
    (tmp_path / "form.json").write_text(json.dumps(form), encoding="utf-8")
    loaded = FormRegistry.from_directory(tmp_path).get(form["url"])
    assert [o.score for o in loaded.item("q").options] == [0, 2]


# -- what is still refused names the feature and the item ------------------------------------


def test_a_value_set_neither_contained_nor_bundled_is_refused() -> None:
    item = {"linkId": "c", "type": "choice", "answerValueSet": "http://loinc.org/vs/LL358-3"}
    error = _refusal(minimal([item]))
    assert error.link_id == "c"
    assert str(error) == (
        "Form 'http://example.org/Questionnaire/test', item 'c' cannot be used: answerValueSet "
        "'http://loinc.org/vs/LL358-3' has no inline options (answerValueSet "
        "'http://loinc.org/vs/LL358-3' is neither contained in the form nor bundled with the "
        "forms)."
    )


@pytest.mark.parametrize(
    ("expression", "language", "reason"),
    [
        ("%resource.item.nope()", "text/fhirpath", "calls the FHIRPath function 'nope'"),
        ("%unknownVariable + 1", "text/fhirpath", "uses the variable '%unknownVariable'"),
        ("1 +", "text/fhirpath", "cannot be parsed"),
        ("Sum(x)", "text/cql", "calculatedExpression in language 'text/cql' is not supported"),
    ],
)
def test_an_unusable_calculated_expression_is_refused(
    expression: str, language: str, reason: str
) -> None:
    item = {
        "linkId": "score",
        "type": "decimal",
        "extension": [
            {"url": CALC, "valueExpression": {"language": language, "expression": expression}}
        ],
    }
    error = _refusal(minimal([item]))
    assert error.link_id == "score"
    assert reason in str(error)
    assert str(error).count(".") >= 1 and "\n" not in str(error)


def test_calculating_from_a_fhir_query_is_refused() -> None:
    variable = {
        "url": "http://hl7.org/fhir/StructureDefinition/variable",
        "valueExpression": {
            "name": "obs",
            "language": "application/x-fhir-query",
            "expression": "Observation?code=29463-7",
        },
    }
    item = {
        "linkId": "w",
        "type": "decimal",
        "extension": [{"url": CALC, "valueExpression": {"expression": "%obs.value"}}],
    }
    error = _refusal(minimal([item], extension=[variable]))
    assert error.link_id == "w"
    assert "uses the FHIR query variable 'obs'" in str(error)


# -- real-world SDC examples -----------------------------------------------------------------


def test_hl7_sdc_phq9_loads_and_its_quantity_total_is_calculated() -> None:
    phq = fixture("hl7_sdc_phq9_3.0.0.json")
    options = phq.item("H1/T1/Q1").options
    assert [o.score for o in options] == [0, 1, 2, 3]
    weights = [1, 2, 3, 0, 1, 2, 3, 0, 1]  # hand sum: 13
    answers = {f"H1/T1/Q{n}": options[w].value for n, w in enumerate(weights, start=1)}
    resolved = resolve(phq, answers)
    assert resolved.answers["H1/TS"] == (Quantity(13.0),)
    assert score(phq, answers).total == sum(weights) == 13
    assert validate_answers(phq, answers) == []
    all_nearly = {f"H1/T1/Q{n}": options[3].value for n in range(1, 10)}
    assert resolve(phq, all_nearly).answers["H1/TS"] == (Quantity(27.0),)


def test_hl7_sdc_bmi_is_calculated_from_weight_and_height() -> None:
    panel = fixture("hl7_sdc_weight_height_bmi.json")
    # 70 kg, 70 in = 1.778 m: 70 / 1.778^2 = 22.14 -> 22.1
    answers = resolve(panel, {"/29463-7": 70.0, "/8302-2": 70.0}).answers
    assert answers["/39156-5"] == (22.1,)
    assert "/39156-5" not in resolve(panel, {"/29463-7": 70.0}).answers
