"""An urgent finding (EPDS item 10, thoughts of self-harm) never fades into an ordinary one: its
own red badge in the caseload list and the family header, the ``urgent`` flag first on the
timeline, a red marker in the print, and a follow-up section that names self-harm."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from hembesok_desktop.domain.planning import today_in_stockholm
from hembesok_desktop.domain.questionnaire import suggest_offers
from hembesok_desktop.domain.questionnaire.model import LocalizedText
from hembesok_desktop.domain.questionnaire.scoring import Flag, ScoreResult
from hembesok_desktop.domain.timeline import TimelineKind
from hembesok_desktop.store import derived
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.read.caseload import CaseloadRow, caseload_row
from hembesok_desktop.store.read.responses import forms_view
from hembesok_desktop.store.read.timeline import timeline_view
from hembesok_desktop.store.services import clinical
from hembesok_desktop.ui import theme
from hembesok_desktop.ui.caseload.model import BADGES_ROLE, COL_NOTES, CaseloadModel, badges
from hembesok_desktop.ui.family.panel import FamilyHeader
from hembesok_desktop.ui.forms.followup import SuggestionBox, suggestion_title
from hembesok_desktop.ui.printing.html import _urgent_marker
from tests.support.catalogue import CATALOGUE
from tests.ui.documentation_support import Harness, seed_family, ui_harness

EPDS_POSITIVE = {"id": "epds-positive", "area": "depression", "severity": "positive"}
SELF_HARM = {"id": "self-harm", "area": "depression", "severity": "urgent"}
ECONOMY = {"id": "economy", "area": "economy", "severity": "positive"}


@pytest.fixture
def harness(store: Store, qtbot: QtBot) -> Iterator[Harness]:
    yield from ui_harness(store)


def screened(store: Store, family_id: str, flags: list[dict[str, str]]) -> str:
    """A completed response with ``flags``; an urgent one has the same-day acute assessment
    recorded first, as closing it requires (``acute_offer_of`` finds that follow-up)."""
    with store.write() as uow:
        response = clinical.save_response(
            uow, family_id=family_id, form_id="epds", form_version="1", answers={}
        )
        if any(f["severity"] == "urgent" for f in flags):  # closing needs the acute offer
            clinical.record_follow_up(
                uow,
                family_id=family_id,
                offer_kind="acute-assessment-same-day",
                area="depression",
                response_id=response.id,
                decision="accepted",
                catalogue=CATALOGUE,
            )
        clinical.complete_response(
            uow,
            response.id,
            score=14,
            subscores={},
            flags=[dict(f) for f in flags],
            catalogue=CATALOGUE,
        )
    return response.id


def acute_offer_of(store: Store, family_id: str, response_id: str) -> str:
    """The id of the follow-up recorded for ``response_id`` (its acute assessment)."""
    with store.read() as session:
        view = forms_view(session, family_id)
    return next(f.id for f in view.follow_ups if f.response_id == response_id)


def row_of(store: Store, family_id: str) -> CaseloadRow:
    with store.read() as session:
        row = caseload_row(session, family_id, today=today_in_stockholm())
    assert row is not None
    return row


def test_the_caseload_counts_urgent_findings_apart_until_a_follow_up_is_closed(
    store: Store,
) -> None:
    epds = seed_family(store)
    barnsakert = seed_family(store, address="Påhittade gatan 2")
    response = screened(store, epds.family_id, [EPDS_POSITIVE, SELF_HARM])
    screened(store, barnsakert.family_id, [ECONOMY])
    row = row_of(store, epds.family_id)
    assert (row.urgent_findings, row.flagged_screenings) == (1, 0)
    other = row_of(store, barnsakert.family_id)
    assert (other.urgent_findings, other.flagged_screenings) == (0, 1)
    # an offer is recorded (the acute assessment, at closing): the urgent finding stays
    action = acute_offer_of(store, epds.family_id, response)
    row = row_of(store, epds.family_id)
    assert (row.urgent_findings, row.open_follow_ups) == (1, 1)
    with store.write() as uow:
        clinical.close_follow_up(uow, action, outcome="Bedömd av läkare samma dag")
    assert row_of(store, epds.family_id).urgent_findings == 0
    with store.read() as session:
        assert derived.stale_families(session) == []


def test_the_urgent_badge_is_red_and_first_in_the_list_and_the_header(
    qtbot: QtBot, harness: Harness, store: Store
) -> None:
    seeded = seed_family(store)
    screened(store, seeded.family_id, [EPDS_POSITIVE, SELF_HARM])
    screened(store, seeded.family_id, [ECONOMY])
    row = row_of(store, seeded.family_id)
    kinds = [kind for kind, _text in badges(row)]
    assert kinds[0] == "urgent" and kinds.count("flag") == 1  # the economy finding
    assert "urgent" in badges(row)[0][1]
    model = CaseloadModel()
    model.set_rows([row])
    assert model.index(0, COL_NOTES).data(BADGES_ROLE)[0][0] == "urgent"
    assert theme.badge("urgent") != theme.badge("flag")
    assert theme.badge("urgent").fill.name() == "#a00000"
    header = FamilyHeader()
    harness.keep(header)
    header.show_row(row)
    first = header._badges.itemAt(0).widget()
    assert first is not None and "urgent" in first.text()  # type: ignore[attr-defined]
    assert "#a00000" in first.styleSheet() and "bold" in first.styleSheet()


def test_the_timeline_flags_the_screening_urgent(store: Store) -> None:
    seeded = seed_family(store)
    screened(store, seeded.family_id, [EPDS_POSITIVE, SELF_HARM])
    screened(store, seeded.family_id, [ECONOMY])
    with store.read() as session:
        today = today_in_stockholm()
        view = timeline_view(session, seeded.family_id, today=today, catalogue=CATALOGUE)
    items = [i for i in view.items if i.kind == TimelineKind.SCREENING]
    flags = sorted(i.flags for i in items)
    # the urgent screening could only be closed with its acute assessment recorded
    assert ("urgent", "epds-positive", "self-harm") in flags
    assert ("economy", "follow_up_missing") in flags


def test_the_print_marks_the_urgent_screening() -> None:
    assert "Urgent finding" in _urgent_marker([EPDS_POSITIVE, SELF_HARM])
    assert "#a00000" in _urgent_marker([SELF_HARM])
    assert _urgent_marker([ECONOMY]) == ""


def test_the_follow_up_section_names_self_harm(qtbot: QtBot, harness: Harness) -> None:
    total = Flag(
        "epds-positive",
        "depression",
        "positive",
        LocalizedText("EPDS 12 poäng eller mer", (("en", "EPDS score of 12 or more"),)),
    )
    item_10 = Flag(
        "self-harm",
        "depression",
        "urgent",
        LocalizedText("Tankar på att skada sig själv (fråga 10)", ()),
    )
    [suggestion] = suggest_offers(ScoreResult(14, flags=[total, item_10]), CATALOGUE.offers)
    title = suggestion_title(suggestion, "sv")
    assert title.startswith("Tankar på att skada sig själv")
    assert "EPDS 12 poäng eller mer" in title
    box = SuggestionBox(suggestion, "sv")
    harness.keep(box)
    assert box.title() == title
    [only_total] = suggest_offers(ScoreResult(13, flags=[total]), CATALOGUE.offers)
    assert suggestion_title(only_total, "sv") == "EPDS 12 poäng eller mer"
