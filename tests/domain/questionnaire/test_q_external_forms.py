"""Forms written by others (see fixtures/README.md) load, enable, score and round-trip."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hembesok_desktop.domain.questionnaire import (
    Coding,
    build_response,
    enabled_answers,
    read_response,
    score,
    validate_answers,
    visible_items,
)
from tests.domain.questionnaire.q_support import fixture

PHQ9 = fixture("phq9_lhc_44249-1.json")
BB = fixture("hl7_r4_bluebook.json")
NOT_AT_ALL, SEVERAL, MORE_THAN_HALF, NEARLY = "LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"
PHQ_IDS = ["44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3"]
PHQ_IDS = [f"/{c}" for c in [*PHQ_IDS, "44260-8"]]


def _phq(codes: list[str]) -> dict[str, Any]:
    return {link_id: Coding(code) for link_id, code in zip(PHQ_IDS, codes, strict=True)}


def test_phq9_loads_with_its_ordinal_values() -> None:
    assert PHQ9.title.default == "PHQ-9 quick depression assessment panel"
    assert PHQ9.scoring is None
    first = PHQ9.item("/44250-9")
    assert [o.score for o in first.options] == [0, 1, 2, 3]
    assert first.required
    assert not PHQ9.item("/44260-8").required
    assert [o.score for o in PHQ9.item("/69722-7").options] == [None] * 4


def test_phq9_total_is_the_sum_of_ordinal_values() -> None:
    # 1 + 2 + 3 + 0 + 1 + 0 + 2 + 0 + 1 = 10
    codes = [SEVERAL, MORE_THAN_HALF, NEARLY, NOT_AT_ALL, SEVERAL, NOT_AT_ALL, MORE_THAN_HALF]
    answers: dict[str, Any] = {
        **_phq([*codes, NOT_AT_ALL, SEVERAL]),
        "/69722-7": Coding("LA6573-5"),  # unscored
        "/39156-5": 25.0,  # a typed-in total is an answer, not a score
    }
    result = score(PHQ9, answers)
    assert result.total == 10
    assert result.flags == []
    assert validate_answers(PHQ9, answers) == []


def test_phq9_all_nearly_every_day_is_27() -> None:
    assert score(PHQ9, _phq([NEARLY] * 9)).total == 27


def test_phq9_round_trips_through_a_response() -> None:
    answers = {**_phq([SEVERAL] * 9), "/69722-7": Coding("LA6574-3")}
    authored = dt.datetime(2024, 5, 2, 10, 30, tzinfo=dt.UTC)
    resource = json.loads(json.dumps(build_response(PHQ9, answers, authored=authored)))
    assert resource["questionnaire"] == PHQ9.url  # no url/version in the source: the id-based url
    assert resource["authored"] == "2024-05-02T10:30:00+00:00"
    first = resource["item"][0]
    assert first == {
        "linkId": "/44250-9",
        "text": "Little interest or pleasure in doing things?",
        "answer": [{"valueCoding": {"code": SEVERAL, "display": "Several days"}}],
    }
    parsed = read_response(PHQ9, resource)
    assert parsed.answers == {k: (v,) for k, v in answers.items()}
    assert score(PHQ9, parsed.answers).total == 9


def test_bluebook_vitamin_k_doses_appear_only_once_vitamin_k_is_answered() -> None:
    before = {i.link_id for i in visible_items(BB, {})}
    assert "vitaminKgivenDoses" not in before
    assert "vitaminKDose1" not in before
    assert {"hepBgivenDate", "abnormalitiesAtBirth"} <= before
    after = {i.link_id for i in visible_items(BB, {"vitaminKgiven": Coding("INJECTION")})}
    assert {"vitaminKgivenDoses", "vitaminKDose1", "vitaminKDose2"} <= after


def test_bluebook_dose_answers_without_vitamin_k_are_not_kept() -> None:
    answers = {"vitaminKDose1": "1972-11-30"}
    assert enabled_answers(BB, answers) == {}
    resource = build_response(BB, answers)
    assert "item" not in resource


def test_bluebook_round_trip_with_answers_nested_under_answers() -> None:
    answers: dict[str, Any] = {
        "nameOfChild": "Cathy Jones",
        "sex": Coding("F"),
        "birthWeight": 3.25,
        "birthLength": 44.3,
        "vitaminKgiven": Coding("INJECTION"),
        "vitaminKDose1": "1972-11-30",
        "vitaminKDose2": "1972-12-11",
        "hepBgiven": True,
        "hepBgivenDate": dt.date(1972, 12, 4),
        "abnormalitiesAtBirth": "None noted",
    }
    assert validate_answers(BB, answers) == []
    resource = json.loads(json.dumps(build_response(BB, answers, status="in-progress")))
    assert resource["status"] == "in-progress"
    neonatal = resource["item"][0]["item"][1]
    vitamin_k = neonatal["item"][2]
    assert vitamin_k["answer"][0]["valueCoding"] == {"code": "INJECTION"}
    doses = vitamin_k["answer"][0]["item"][0]
    assert doses["linkId"] == "vitaminKgivenDoses"
    assert doses["item"][0]["answer"] == [{"valueDateTime": "1972-11-30"}]
    assert neonatal["item"][3]["answer"][0]["item"][0]["answer"] == [{"valueDate": "1972-12-04"}]
    parsed = read_response(BB, resource)
    assert parsed.answers == {k: (v,) for k, v in answers.items()}
    assert parsed.status == "in-progress"
    assert score(BB, answers).total == 0


def test_bluebook_child_of_an_unanswered_question_goes_under_the_item() -> None:
    resource = build_response(BB, {"hepBgivenDate": dt.date(1972, 12, 4)})
    hep_b = resource["item"][0]["item"][0]["item"][0]
    assert hep_b["linkId"] == "hepBgiven" and "answer" not in hep_b
    assert read_response(BB, resource).answers == {"hepBgivenDate": (dt.date(1972, 12, 4),)}
