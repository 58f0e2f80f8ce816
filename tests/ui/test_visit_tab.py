"""Visits tab: document a planned contact; signed, it shows as done with its measurements."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot
from sqlmodel import select

from hembesok_desktop.domain.planning import today_in_stockholm
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.models import Contact, Draft, JournalEntry, Measurement
from hembesok_desktop.store.services import contacts, families
from hembesok_desktop.ui.context import AppContext
from hembesok_desktop.ui.visit.form import VisitForm
from hembesok_desktop.ui.visit.tab import VisitTab
from tests.ui.documentation_support import Harness, ui_harness


@pytest.fixture
def harness(store: Store, qtbot: QtBot) -> Iterator[Harness]:
    yield from ui_harness(store)


@pytest.fixture
def context(harness: Harness) -> AppContext:
    return harness.context


def seed(store: Store) -> tuple[str, str, str]:
    born = today_in_stockholm() - timedelta(days=183)
    with store.write() as uow:
        family = families.create_family(uow, address="Påhittade gatan 1")
        child = families.add_child(
            uow,
            family_id=family.id,
            given_name="Test",
            family_name="Barn",
            birth_date=born,
            sex="female",
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


def open_tab(qtbot: QtBot, harness: Harness, family_id: str) -> VisitTab:
    tab = VisitTab(harness.context)
    harness.keep(tab)
    with qtbot.waitSignal(tab.loaded):
        tab.show_family(family_id)
    return tab


def test_contacts_model(qtbot: QtBot, qtmodeltester, harness, context, store) -> None:
    family_id, _, _ = seed(store)
    tab = open_tab(qtbot, harness, family_id)
    assert tab.model.rowCount() == 1
    qtmodeltester.check(tab.model)


def test_document_and_sign_a_planned_visit(qtbot: QtBot, harness, context, store) -> None:
    family_id, child_id, contact_id = seed(store)
    tab = open_tab(qtbot, harness, family_id)
    assert tab.model.index(0, 1).data() == "Hembesök 4 (6 månader)"
    assert tab.document_button.isEnabled()
    with qtbot.waitSignal(tab.form_opened) as opened:
        tab.document_button.click()
    form: VisitForm = opened.args[0]
    assert form.participant_boxes[1]["parental_advisor"].isChecked()
    assert set(form.theme_boxes[1]) == {  # the programme's checklist for HB4
        "child_safety",
        "feeding_and_breastfeeding",
        "language_development",
        "social_network",
    }
    assert not form.sign_button.isEnabled()  # no journal text yet
    form.measure_edits["weight"].setText("75")  # typo: warned, not blocked
    assert "75" in form.measure_edits["weight"].text()
    form.text.setPlainText("Hembesök 4 genomfört tillsammans med föräldrarådgivaren.")
    assert form.sign_button.isEnabled()
    qtbot.waitUntil(lambda: "SD from the WHO median" in form.issues.text(), timeout=5000)
    form.measure_edits["weight"].setText("7,3")
    form.measure_edits["length"].setText("66")
    form.measure_edits["head_circumference"].setText("42,5")
    form.interpreter.setChecked(True)
    first_theme = next(iter(form.theme_boxes[1].values()))
    first_theme.setChecked(True)
    qtbot.waitUntil(lambda: form.issues.text() == "", timeout=5000)
    assert "7,3 kg" in form.plan.text().replace("Weight ", "")
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        form.sign_button.click()
    row = tab.model.row_of(contact_id)
    assert tab.model.index(row, 3).data() == "Done"
    assert tab.model.index(row, 4).data() == "7,3 kg, 66 cm, HC 42,5 cm"
    with store.read() as session:
        contact = session.get(Contact, contact_id)
        assert contact is not None and contact.status == "done" and contact.interpreter_used
        assert len(contact.themes) == 1
        [m] = session.exec(select(Measurement)).all()
        assert m.child_id == child_id and m.weight_kg == 7.3
        [entry] = session.exec(select(JournalEntry)).all()
        assert entry.contact_id == contact_id and entry.signed_at is not None
        assert entry.author_name == "Anna Testsköterska"
        assert session.exec(select(Draft)).all() == []
    assert not tab.document_button.isEnabled()


def test_visit_draft_survives_reopening(qtbot: QtBot, harness, context, store) -> None:
    family_id, _, _ = seed(store)
    tab = open_tab(qtbot, harness, family_id)
    form = tab.open_form(tab.model.contact(0))
    assert form is not None
    with qtbot.waitSignal(tab.saver.saved, timeout=3000):
        form.text.setPlainText("Halvskriven text")
        form.measure_edits["weight"].setText("7,1")
    other = open_tab(qtbot, harness, family_id)
    assert other.model.index(0, 3).data().endswith("draft")
    again = other.open_form(other.model.contact(0))
    assert again is not None
    assert again.text.toPlainText() == "Halvskriven text"
    assert again.measure_edits["weight"].text() == "7,1"


def test_unplanned_phone_contact(qtbot: QtBot, harness, context, store) -> None:
    family_id, _, _ = seed(store)
    tab = open_tab(qtbot, harness, family_id)
    with qtbot.waitSignal(tab.form_opened) as opened:
        tab.ad_hoc_button.click()
    form: VisitForm = opened.args[0]
    form.kind.setCurrentIndex(form.kind.findData("phone"))
    form.text.setPlainText("Telefonsamtal om sömn.")
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        form.sign_button.click()
    assert tab.model.rowCount() == 2
    with store.read() as session:
        kinds = sorted((c.kind, c.status) for c in session.exec(select(Contact)))
    assert kinds == [("home", "planned"), ("phone", "done")]
