"""EPDS item 10 above 0: the response is closed only once the acute offer is recorded (issue 14).

The rule lives in ``clinical.complete_response`` so no path (forms tab, visit, demo) skips it.
"""

from __future__ import annotations

import pytest

from hembesok_desktop.domain.questionnaire import score
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.errors import InvalidInput
from hembesok_desktop.store.models import QuestionnaireResponse
from hembesok_desktop.store.services import clinical, families
from hembesok_desktop.ui.flows.questionnaire import QuestionnaireFlow, close_response
from tests.domain.questionnaire.q_support import epds
from tests.support.catalogue import CATALOGUE

URGENT = [{"id": "self-harm", "area": "depression", "severity": "urgent", "label": "x"}]
ITEM_10 = ["1a", "2a", "3d", "4a", "5d", "6d", "7d", "8d", "9d", "10b"]


def _response(store: Store) -> tuple[str, str]:
    with store.write() as uow:
        family = families.create_family(uow)
        response = clinical.save_response(
            uow, family_id=family.id, form_id="epds", form_version="1.0.0", answers={}
        )
    return family.id, response.id


def _close(store: Store, response_id: str) -> None:
    with store.write() as uow:
        clinical.complete_response(
            uow, response_id, score=2, subscores={}, flags=URGENT, catalogue=CATALOGUE
        )


def _offer(store: Store, family_id: str, response_id: str, offer: str) -> None:
    with store.write() as uow:
        clinical.record_follow_up(
            uow,
            family_id=family_id,
            response_id=response_id,
            area="depression",
            offer_kind=offer,
            catalogue=CATALOGUE,
        )


def _status(store: Store, response_id: str) -> str:
    with store.read() as session:
        response = session.get(QuestionnaireResponse, response_id)
        assert response is not None
        return response.status


def test_an_urgent_response_is_not_closed_before_the_acute_offer(store: Store) -> None:
    family_id, response_id = _response(store)
    with pytest.raises(InvalidInput, match="acute assessment the same day"):
        _close(store, response_id)
    assert _status(store, response_id) == "in-progress"  # nothing changed
    _offer(store, family_id, response_id, "bvc-conversation")  # a generic offer is not enough
    with pytest.raises(InvalidInput):
        _close(store, response_id)
    _offer(store, family_id, response_id, "acute-assessment-same-day")
    _close(store, response_id)
    assert _status(store, response_id) == "completed"


def test_the_acute_offer_of_another_response_does_not_count(store: Store) -> None:
    family_id, first = _response(store)
    _offer(store, family_id, first, "acute-assessment-same-day")
    _other_family, second = _response(store)
    with pytest.raises(InvalidInput):
        _close(store, second)


def test_a_response_without_an_urgent_flag_closes_as_before(store: Store) -> None:
    _family_id, response_id = _response(store)
    with store.write() as uow:
        clinical.complete_response(
            uow,
            response_id,
            score=13,
            subscores={},
            flags=[{"id": "epds-positive", "severity": "positive"}],
            catalogue=CATALOGUE,
        )
    assert _status(store, response_id) == "completed"


def test_the_acute_offer_is_suggested_first_for_item_10() -> None:
    form = CATALOGUE.forms.get("http://hembesok.se/fhir/Questionnaire/epds")
    answers = {f"epds-{n}": epds(code) for n, code in enumerate(ITEM_10, start=1)}
    from hembesok_desktop.domain.questionnaire import suggest_offers

    (suggestion,) = suggest_offers(score(form, answers), CATALOGUE.offers)
    assert suggestion.urgent
    assert suggestion.offers[0].id == "acute-assessment-same-day"
    assert CATALOGUE.offer_label("acute-assessment-same-day") == "Akut bedömning samma dag"


def test_the_flow_keeps_an_item_10_response_open_until_the_acute_offer(store: Store) -> None:
    with store.write() as uow:
        family = families.create_family(uow)
    form = CATALOGUE.forms.get("http://hembesok.se/fhir/Questionnaire/epds")
    flow = QuestionnaireFlow(form, family_id=family.id, language="ar")
    for n, code in enumerate(ITEM_10, start=1):
        flow.set_answer(f"epds-{n}", [epds(code)])
    assert flow.score().urgent and flow.needs_acute_offer(CATALOGUE.offers)
    with store.write() as uow:
        response_id = flow.commit(uow, catalogue=CATALOGUE)
    assert _status(store, response_id) == "in-progress"
    with pytest.raises(InvalidInput), store.write() as uow:
        close_response(uow, response_id, flow.score(), catalogue=CATALOGUE)
    _offer(store, family.id, response_id, "acute-assessment-same-day")
    with store.write() as uow:
        close_response(uow, response_id, flow.score(), catalogue=CATALOGUE)
    with store.read() as session:
        response = session.get(QuestionnaireResponse, response_id)
        assert response is not None and response.status == "completed"
        assert [f["id"] for f in response.flags] == ["self-harm"]
