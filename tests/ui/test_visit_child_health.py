"""The visit form records feeding, a vaccination and the interpreter in one signing; they are
in the store linked to the contact, and the timeline shows the dose given, the others due or
overdue (the timeline model passes qtmodeltester)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from pytestqt.qtbot import QtBot
from sqlmodel import select

from hembesok_desktop.domain import child_health as ch
from hembesok_desktop.domain.planning import today_in_stockholm
from hembesok_desktop.domain.timeline import ChildPlan, TimelineKind, build_timeline
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.family_record import family_timeline
from hembesok_desktop.store.models import Contact, FeedingRecord, JournalEntry, Vaccination
from hembesok_desktop.store.services import contacts, families
from hembesok_desktop.ui.family.timeline import TimelineModel
from hembesok_desktop.ui.visit.form import VisitForm
from hembesok_desktop.ui.visit.tab import VisitTab
from tests.support.catalogue import CATALOGUE
from tests.ui.documentation_support import Harness, ui_harness


@pytest.fixture
def harness(store: Store, qtbot: QtBot) -> Iterator[Harness]:
    yield from ui_harness(store)


def seed(store: Store) -> tuple[str, str, str]:
    born = today_in_stockholm() - timedelta(days=183)
    with store.write() as uow:
        family = families.create_family(uow, address="Påhittade gatan 1", languages=["ar"])
        child = families.add_child(
            uow, family_id=family.id, given_name="Test", family_name="Barn", birth_date=born
        )
        contact = contacts.plan_contact(
            uow,
            family_id=family.id,
            child_id=child.id,
            planned_date=today_in_stockholm(),
            programme_id="extended_home_visits",
            contact_code="HB4",
            participants=["nurse", "parental_advisor"],
        )
    return family.id, child.id, contact.id


def test_visit_signs_feeding_vaccination_and_interpreter_together(
    qtbot: QtBot, harness: Harness, store: Store, qtmodeltester
) -> None:
    family_id, child_id, contact_id = seed(store)
    tab = VisitTab(harness.context)
    harness.keep(tab)
    with qtbot.waitSignal(tab.loaded):
        tab.show_family(family_id)
    with qtbot.waitSignal(tab.form_opened) as opened:
        tab.document_button.click()
    form: VisitForm = opened.args[0]
    records = form.records
    # due at six months: the overdue doses and feeding show, a referral only on request
    assert not records.sections["vaccination"].isHidden()
    assert records.sections["referral"].isHidden()
    records.show_all.setChecked(True)
    assert not records.sections["referral"].isHidden()
    records.feeding.setCurrentIndex(records.feeding.findData("partial"))
    records.other_food.setChecked(True)
    records.other_food_date.setDate(records.other_food_date.date().addDays(-20))
    records.vaccine.setCurrentIndex(records.vaccine.findData("pcv"))
    assert records.dose_number.value() == 1  # prefilled: the first pcv dose is not given
    records.batch.setText("AB123")
    records.add_dose_button.click()
    form.interpreter.setChecked(True)
    form.interpreter_language.setCurrentIndex(form.interpreter_language.findData("ar"))
    form.interpreter_form.setCurrentIndex(form.interpreter_form.findData("video"))
    form.text.setPlainText("Hembesök 4 med tolk.")
    qtbot.waitUntil(lambda: form.sign_button.isEnabled(), timeout=5000)
    assert "Vaccinations given: 1" in form.plan.text()
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        form.sign_button.click()
    with store.read() as session:
        contact = session.get(Contact, contact_id)
        assert contact is not None and contact.status == "done"
        assert (contact.interpreter_language, contact.interpreter_form) == ("ar", "video")
        [feeding] = session.exec(select(FeedingRecord)).all()
        assert (feeding.status, feeding.contact_id) == ("partial", contact_id)
        assert feeding.other_food_first_on == today_in_stockholm() - timedelta(days=20)
        [dose] = session.exec(select(Vaccination)).all()
        assert (dose.vaccine, dose.dose_number, dose.schedule_code) == ("pcv", 1, "V3M")
        assert (dose.batch_number, dose.contact_id, dose.child_id) == (
            "AB123",
            contact_id,
            child_id,
        )
        [entry] = session.exec(select(JournalEntry)).all()
        assert entry.contact_id == contact_id and entry.signed_at is not None
        items = family_timeline(session, family_id, catalogue=CATALOGUE, today=today_in_stockholm())
    given = next(i for i in items if i.ref_id == dose.id)
    assert given.kind is TimelineKind.VACCINATION and given.state == "given"
    assert "Pneumokocker, dos 1" in given.title and "batch AB123" in given.detail
    rota = next(i for i in items if i.title == "Vaccination: Rotavirus, dos 1")
    assert rota.state == "overdue"
    assert not any(i.state == "overdue" and "Pneumokocker, dos 1" in i.title for i in items)
    feeding_item = next(i for i in items if i.ref_id == feeding.id)
    assert feeding_item.title == "Amning och mat: Delvis ammad"
    model = TimelineModel()
    model.set_items(items)
    qtmodeltester.check(model, force_py=True)
    row = items.index(given)
    assert "Given" in model.data(model.index(row))


def test_timeline_dose_states_given_due_overdue() -> None:
    schedule = ch.vaccination_schedule(CATALOGUE.programmes.values())
    assert schedule is not None
    born = date(2025, 1, 1)
    doses = ch.plan_doses(schedule, born, ())
    v3m = next(d for d in doses if d.code == "V3M" and d.vaccine == "pcv")
    today = v3m.window_start + timedelta(days=1)  # the 3-month doses are due
    from hembesok_desktop.domain.timeline import VaccinationRecord

    given = VaccinationRecord(
        "v1", "c1", "rotavirus", 1, born + timedelta(days=45), "here", "", "V6W"
    )
    items = build_timeline(
        today=today,
        plans=[ChildPlan("c1", doses=tuple(doses))],
        vaccinations=[given],
        vaccine_labels={},
    )
    states = {(i.title, i.state) for i in items if i.kind is TimelineKind.VACCINATION}
    assert ("Vaccination: Rotavirus, dos 1", "given") in states
    assert ("Vaccination: Pneumokocker, dos 1", "due") in states
    # later doses are not shown before their window opens
    assert not any("Mässling" in title for title, _ in states)
    later = build_timeline(
        today=v3m.window_end + timedelta(days=1), plans=[ChildPlan("c1", doses=tuple(doses))]
    )
    assert any(
        i.title == "Vaccination: Pneumokocker, dos 1" and i.state == "overdue" for i in later
    )
    assert any(i.title == "Vaccination: Rotavirus, dos 1" and i.state == "overdue" for i in later)


def test_the_print_shows_the_records_in_swedish_without_codes(store: Store, qtbot: QtBot) -> None:
    from hembesok_desktop.store.read.printing import print_record
    from hembesok_desktop.store.services import child_health
    from hembesok_desktop.ui.printing.html import PrintNames, family_summary_html

    family_id, child_id, _contact_id = seed(store)
    day = today_in_stockholm() - timedelta(days=2)
    with store.write() as uow:
        ids = {"child_id": child_id}
        child_health.record_feeding(uow, recorded_on=day, status="exclusive", **ids)
        child_health.record_vaccination(
            uow,
            vaccine="rotavirus",
            dose_number=1,
            given_on=day,
            given_where="elsewhere",
            schedule_code="V6W",
            catalogue=CATALOGUE,
            **ids,
        )
        child_health.record_language(
            uow, recorded_on=day, kind="observation", result="concern", action="follow_up", **ids
        )
        child_health.record_tobacco(
            uow, recorded_on=day, age_point="4w", exposure="outdoors", **ids
        )
        child_health.record_sensory(uow, screened_on=day, test="hearing", result="deviation", **ids)
        child_health.record_referral(
            uow, referred_on=day, to_whom="speech_therapist", reason="language", **ids
        )
    with store.read() as session:
        record = print_record(session, family_id)
    assert record is not None
    html = family_summary_html(record, today_in_stockholm(), PrintNames(CATALOGUE))
    for words in (
        "Helt ammad",
        "Rotavirus, dos 1",
        "given på annat ställe",
        "Språkutveckling: Oro",
        "åtgärd: Uppföljning",
        "Tobaksrök i hemmet (4 veckor): Rökning endast utomhus",
        "Hörselscreening: Avvikelse",
        "Remiss till Logoped",
        "orsak: Språk",
    ):
        assert words in html, words
    for code in (
        "exclusive",
        "elsewhere",
        "concern",
        "follow_up",
        "outdoors",
        "deviation",
        "speech_therapist",
        ">language<",
        "rotavirus",
        "V6W",
        "4w",
    ):
        assert code not in html, code
