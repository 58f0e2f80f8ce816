"""The questionnaire flow without Qt: live enableWhen, validation as you go, completion,
score and flags, drafts, and a draft moved to a newer form version."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from sqlmodel import select

from hembesok_desktop.domain.questionnaire import (
    Coding,
    FormRegistry,
    load_questionnaire,
    parse_questionnaire,
)
from hembesok_desktop.resources import resources_path
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.models import Draft, QuestionnaireResponse
from hembesok_desktop.store.services import drafts, families
from hembesok_desktop.ui.flows.questionnaire import (
    QuestionnaireFlow,
    form_languages,
    is_rtl,
    parent_text,
)
from tests.support.catalogue import CATALOGUE

FORMS = resources_path() / "forms"
YES = Coding("Y", "http://terminology.hl7.org/CodeSystem/v2-0136")
NO = Coding("N", "http://terminology.hl7.org/CodeSystem/v2-0136")


def barnsakert() -> QuestionnaireFlow:
    form = load_questionnaire(FORMS / "barnsakert.json")
    return QuestionnaireFlow(form, family_id="f", language="ar", respondent="guardian-1")


def answer_all(flow: QuestionnaireFlow, value: Coding = NO) -> None:
    for item in flow.form.questions():
        if item.type == "choice" and item.link_id in flow.enabled():
            flow.set_answer(item.link_id, [value])


def test_languages_and_direction() -> None:
    flow = barnsakert()
    assert form_languages(flow.form)[:4] == ["sv", "en", "ar", "so"]
    assert "fa-AF" in form_languages(flow.form)
    assert is_rtl("ar") and is_rtl("fa-AF") and is_rtl("prs") and not is_rtl("sv")
    assert flow.title() == "أسئلة للوالدين عن الحياة اليومية للعائلة"
    assert parent_text("done", "prs") == parent_text("done", "fa-AF")


def test_enable_when_and_validation_as_you_go() -> None:
    flow = barnsakert()
    assert "bs-help-topic" not in flow.enabled()
    assert flow.problems() == {}  # nothing touched, nothing shouted
    flow.set_answer("bs-help", [YES])
    assert "bs-help-topic" in flow.enabled()
    flow.set_answer("bs-economy", [])
    assert [p.code for p in flow.problems()["bs-economy"]] == ["required"]
    assert not flow.try_complete()
    assert "bs-food" in flow.problems()  # after trying, every problem shows
    answer_all(flow)
    flow.set_answer("bs-help", [YES])
    assert flow.is_complete()
    assert flow.answered_count()[0] == flow.answered_count()[1] - 1  # the optional text


def test_score_flags_and_commit(store: Store) -> None:
    with store.write() as uow:
        family = families.create_family(uow, address="Påhittade gatan 1")
    flow = barnsakert()
    flow.family_id = family.id
    answer_all(flow)
    flow.set_answer("bs-economy", [YES])
    flow.set_answer("bs-violence", [YES])
    assert {f.id for f in flow.score().flags} >= {"economy", "violence"}
    assert [s.area for s in flow.suggestions(CATALOGUE.offers)][:2] == ["economy", "violence"]
    with store.write() as uow:
        drafts.save_draft(
            uow, key=flow.key, family_id=family.id, kind="questionnaire", payload=flow.to_payload()
        )
    with store.write() as uow:
        response_id = flow.commit(uow, catalogue=CATALOGUE)
    with store.read() as session:
        response = session.get(QuestionnaireResponse, response_id)
        assert response is not None and response.status == "completed"
        assert response.language == "ar" and response.respondent == "guardian-1"
        assert response.answers["questionnaire"].endswith("|1.0.0")
        assert {f["id"] for f in response.flags} >= {"economy", "violence"}
        assert session.exec(select(Draft)).all() == []


def test_incomplete_cannot_be_committed(store: Store) -> None:
    flow = barnsakert()
    with pytest.raises(ValueError), store.write() as uow:
        flow.commit(uow, catalogue=CATALOGUE)


def test_draft_round_trip_and_migration_to_a_new_version(tmp_path: Path) -> None:
    raw = json.loads((FORMS / "barnsakert.json").read_text(encoding="utf-8"))
    newer = copy.deepcopy(raw)
    newer["version"] = "1.1.0"
    stress = next(i for i in newer["item"] if i["linkId"] == "bs-stress")
    stress["text"] = "Känner du dig ofta stressad?"  # wording changed: its answer is dropped
    registry = FormRegistry([parse_questionnaire(raw), parse_questionnaire(newer)])
    old_flow = QuestionnaireFlow(registry.get(raw["url"], "1.0.0"), family_id="f", language="so")
    old_flow.set_answer("bs-economy", [YES])
    old_flow.set_answer("bs-stress", [NO])
    payload = json.loads(json.dumps(old_flow.to_payload()))  # through JSON, like the store

    same = FormRegistry([parse_questionnaire(raw)])
    again = QuestionnaireFlow.from_payload(payload, family_id="f", registry=same)
    assert again.answers == old_flow.answers and again.migration is None
    assert again.language == "so" and again.session_id == old_flow.session_id

    moved = QuestionnaireFlow.from_payload(payload, family_id="f", registry=registry)
    assert moved.form.version == "1.1.0"
    assert moved.answers == {"bs-economy": (YES,)}
    assert moved.migration is not None and moved.migration.dropped_answers == ("bs-stress",)


# -- SDC features (issue 14): repeating groups, calculated items, quantity and time ----------

SDC_FORM = Path(__file__).resolve().parents[1] / "domain/questionnaire/fixtures"
OFTEN = "http://example.org/CodeSystem/often"


def sdc_flow() -> QuestionnaireFlow:
    form = load_questionnaire(SDC_FORM / "hembesok_sdc_features.json")
    return QuestionnaireFlow(form, family_id="f", language="en")


def test_flow_fills_repeating_group_instances_and_shows_calculated_values() -> None:
    flow = sdc_flow()
    for link_id, code in (("a1", "often"), ("a2", "often"), ("a3", "sometimes")):
        flow.set_answer(link_id, [Coding(code, OFTEN)])
    assert flow.calculated("total")[0].value == 5  # type: ignore[union-attr]
    assert flow.calculated("at-risk") == (True,)
    assert "plan" in flow.enabled()
    flow.add_instance("meds")
    flow.add_instance("meds")
    flow.instance("meds", 0).set_answer("meds.name", ["paracetamol"])
    assert not flow.try_complete()
    assert [(p.link_id, p.params["instance"]) for p in flow.all_problems()] == [("meds.name", 1)]
    flow.remove_instance("meds", 1)
    assert flow.is_complete()
    assert flow.instances("meds") == [{"meds.name": ("paracetamol",)}]


def test_widget_renders_quantity_time_instances_and_read_only_totals(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLineEdit, QPushButton

    from hembesok_desktop.domain.questionnaire import Quantity
    from hembesok_desktop.ui.forms.inputs import CalculatedInput, QuantityInput, TextInput
    from hembesok_desktop.ui.forms.widget import QuestionnaireWidget

    flow = sdc_flow()
    widget = QuestionnaireWidget(flow)
    qtbot.addWidget(widget)
    weight = widget.rows["weight"].input
    assert isinstance(weight, QuantityInput)
    weight.units.setCurrentIndex(1)
    weight.number.setText("4200")
    assert flow.answers["weight"] == (Quantity(4200.0, "g", "http://unitsofmeasure.org", "g"),)
    woke = widget.rows["woke"].input
    assert isinstance(woke, TextInput) and isinstance(woke.edit, QLineEdit)
    woke.edit.setText("06.45")
    assert [str(v) for v in flow.answers["woke"]] == ["06:45:00"]
    total = widget.rows["total"].input
    assert isinstance(total, CalculatedInput) and total.value.isReadOnly()
    flow.set_answer("a1", [Coding("often", OFTEN)])
    widget.update_state()
    assert total.value.text() == "2 points"
    add = next(b for b in widget.findChildren(QPushButton) if b.text().endswith("Medicines"))
    add.click()
    assert flow.instances("meds") == [{}]
    names = [r for path, r in widget.instance_rows if r.item.link_id == "meds.name"]
    assert len(names) == 1
    name_input = names[0].input
    assert isinstance(name_input, TextInput) and isinstance(name_input.edit, QLineEdit)
    name_input.edit.setText("paracetamol")
    assert flow.instances("meds") == [{"meds.name": ("paracetamol",)}]
    reason = next(r for _, r in widget.instance_rows if r.item.link_id == "meds.reason")
    assert not reason.isHidden()
