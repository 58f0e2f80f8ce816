"""store.read.journal, visits, growth and responses on a demo store with drafts and a voided
entry added through the services: what each documentation tab shows, as frozen views."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import col, select

from hembesok_desktop.store.database import Store
from hembesok_desktop.store.models import (
    Child,
    Contact,
    FollowUpAction,
    JournalEntry,
    Measurement,
    QuestionnaireResponse,
    SyncedRow,
)
from hembesok_desktop.store.read.growth import growth_view
from hembesok_desktop.store.read.journal import journal_view
from hembesok_desktop.store.read.responses import forms_view
from hembesok_desktop.store.read.visits import visits_view
from hembesok_desktop.store.services import drafts, journal
from tests.store.read_support import assert_views_only, busiest_family, fill


@pytest.fixture
def family_id(store: Store) -> str:
    fill(store)
    family_id = busiest_family(store)
    with store.write() as uow:
        entry = journal.write_entry(uow, family_id=family_id, text="Felskrivet")
        journal.sign_entry(uow, entry.id, author_name="Anna", author_title="BVC-sjuksköterska")
        journal.void_entry(uow, entry.id, reason="Fel familj", voided_by="Anna")
        for kind in ("journal", "visit", "questionnaire"):
            drafts.save_draft(
                uow, key=f"{kind}:{family_id}", family_id=family_id, kind=kind, payload={"k": kind}
            )
        drafts.save_draft(uow, key="visit:other", family_id="other", kind="visit", payload={})
    return family_id


def ids(store: Store, model: type[SyncedRow], family_id: str) -> set[str]:
    with store.read() as session:
        return set(session.exec(select(model.id).where(col(model.family_id) == family_id)))


def test_journal_view_has_every_entry_and_the_draft(store: Store, family_id: str) -> None:
    with store.read() as session:
        view = journal_view(session, family_id, draft_key=f"journal:{family_id}")
        none = journal_view(session, family_id, draft_key="journal:nobody")
    assert_views_only(view)
    assert {e.id for e in view.entries} == ids(store, JournalEntry, family_id)
    assert [e.created_at for e in view.entries] == sorted(e.created_at for e in view.entries)
    (voided,) = [e for e in view.entries if e.voided_at is not None]
    assert (voided.voided_reason, voided.voided_by, voided.text) == (
        "Fel familj",
        "Anna",
        "Felskrivet",
    )
    assert view.draft == {"k": "journal"} and none.draft is None


def test_visits_view_sorted_with_measurements_by_contact_and_visit_drafts(
    store: Store, family_id: str
) -> None:
    with store.read() as session:
        view = visits_view(session, family_id)
        measured = {
            m.contact_id: m.id
            for m in session.exec(select(Measurement).where(Measurement.family_id == family_id))
            if m.contact_id
        }
    assert_views_only(view)
    assert {c.id for c in view.contacts} == ids(store, Contact, family_id)
    days = [
        (c.performed_at.date() if c.performed_at else c.planned_date or date.min).isoformat()
        for c in view.contacts
    ]
    assert days == sorted(days)
    assert {k: m.id for k, m in view.measurements.items()} == measured and measured
    assert {c.id for c in view.children} == ids(store, Child, family_id)
    assert view.drafts == {f"visit:{family_id}": {"k": "visit"}}


def test_growth_view_children_oldest_first_and_every_measurement(
    store: Store, family_id: str
) -> None:
    with store.read() as session:
        view = growth_view(session, family_id)
    assert_views_only(view)
    births = [c.birth_date for c in view.children]
    assert births == sorted(births) and births
    assert {m.id for m in view.measurements} == ids(store, Measurement, family_id)
    measured = [m.measured_on for m in view.measurements]
    assert measured == sorted(measured)


def test_forms_view_responses_newest_first_questionnaire_drafts_and_follow_ups(
    store: Store, family_id: str
) -> None:
    with store.read() as session:
        view = forms_view(session, family_id)
    assert_views_only(view)
    responses = ids(store, QuestionnaireResponse, family_id)
    assert {r.id for r in view.responses} == responses and responses
    when = [r.completed_at or r.authored_at for r in view.responses]
    assert when == sorted(when, reverse=True)
    assert all(isinstance(r.flags, tuple) for r in view.responses)
    assert [d.key for d in view.drafts] == [f"questionnaire:{family_id}"]
    assert view.drafts[0].payload == {"k": "questionnaire"}
    follow_ups = ids(store, FollowUpAction, family_id)
    assert {f.id for f in view.follow_ups} == follow_ups and follow_ups
    assert view.guardians and view.children
