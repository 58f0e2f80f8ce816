"""An EPDS with item 10 above 0 that the nurse tried to finish ("Slutför") before recording the
acute offer stays in progress, but with its score and flags stored: until it is closed it counts
as an urgent finding in the caseload index and shows on the timeline (issue 14)."""

from __future__ import annotations

import pytest

from hembesok_desktop.domain.finality import is_final
from hembesok_desktop.domain.planning import today_in_stockholm
from hembesok_desktop.domain.questionnaire.followup import awaits_urgent_offer
from hembesok_desktop.domain.timeline import TimelineKind
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.errors import InvalidInput
from hembesok_desktop.store.models import QuestionnaireResponse
from hembesok_desktop.store.read.caseload import caseload_row
from hembesok_desktop.store.read.timeline import timeline_view
from hembesok_desktop.store.services import clinical
from hembesok_desktop.ui.flows.questionnaire import QuestionnaireFlow, close_response
from tests.domain.questionnaire.q_support import epds
from tests.store.test_urgent_closing import ITEM_10
from tests.support.catalogue import CATALOGUE
from tests.ui.documentation_support import seed_family

EPDS = "http://hembesok.se/fhir/Questionnaire/epds"


def _held(store: Store) -> tuple[str, str, QuestionnaireFlow]:
    family_id = seed_family(store).family_id
    flow = QuestionnaireFlow(CATALOGUE.forms.get(EPDS), family_id=family_id)
    for n, code in enumerate(ITEM_10, start=1):
        flow.set_answer(f"epds-{n}", [epds(code)])
    with store.write() as uow:
        response_id = flow.commit(uow, catalogue=CATALOGUE)
    return family_id, response_id, flow


def _urgent(store: Store, family_id: str) -> int:
    with store.read() as session:
        row = caseload_row(session, family_id, today=today_in_stockholm())
    assert row is not None
    return row.urgent_findings


def _screenings(store: Store, family_id: str) -> list[tuple[str, ...]]:
    with store.read() as session:
        view = timeline_view(session, family_id, today=today_in_stockholm(), catalogue=CATALOGUE)
    return [i.flags for i in view.items if i.kind == TimelineKind.SCREENING]


def test_a_held_urgent_response_is_an_urgent_finding_until_closed(store: Store) -> None:
    family_id, response_id, flow = _held(store)
    with store.read() as session:
        response = session.get(QuestionnaireResponse, response_id)
        assert response is not None
        assert response.status == "in-progress"
        assert response.score == flow.score().total and response.score is not None
        assert awaits_urgent_offer(response.status, response.flags)
        assert not is_final("questionnaire_response", {"status": response.status})
    assert _urgent(store, family_id) == 1
    [flags] = _screenings(store, family_id)
    assert flags[0] == "urgent"
    # the acute offer recorded (and even its follow-up closed): still urgent until closed
    with store.write() as uow:
        action = clinical.record_follow_up(
            uow,
            family_id=family_id,
            offer_kind="acute-assessment-same-day",
            area="depression",
            response_id=response_id,
            catalogue=CATALOGUE,
        )
    with store.write() as uow:
        clinical.close_follow_up(uow, action.id, outcome="Bedömd samma dag")
    assert _urgent(store, family_id) == 1
    with store.write() as uow:
        close_response(uow, response_id, flow.score(), catalogue=CATALOGUE)
    # closed, with its follow-up closed: the completed rule applies (no longer urgent)
    assert _urgent(store, family_id) == 0
    assert len(_screenings(store, family_id)) == 1
    assert store.check() is None  # the derived index matches the records


def test_a_voided_held_response_is_not_counted(store: Store) -> None:
    family_id, response_id, _flow = _held(store)
    with store.write() as uow:
        uow.update(uow.session.get(QuestionnaireResponse, response_id), voided_reason="Fel familj")
    assert _urgent(store, family_id) == 0


def test_only_an_urgent_response_is_held_open(store: Store) -> None:
    family_id = seed_family(store).family_id
    with store.write() as uow:
        response = clinical.save_response(
            uow, family_id=family_id, form_id="epds", form_version="1", answers={}
        )
    with pytest.raises(InvalidInput), store.write() as uow:
        clinical.hold_urgent_response(
            uow,
            response.id,
            score=3,
            subscores={},
            flags=[{"id": "epds-positive", "severity": "positive"}],
        )
    assert _urgent(store, family_id) == 0
