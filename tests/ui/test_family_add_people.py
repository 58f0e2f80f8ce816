"""Adding to an open family from the Family tab: a guardian, a child (reserve numbers allowed),
enrollment of a child not yet enrolled (with its planned visits); and the timeline's child
selector narrowing the timeline to one child."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QDate
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlmodel import select

from hembesok_desktop.store.database import Store
from hembesok_desktop.store.models import Child, Contact, Enrollment, Guardian
from hembesok_desktop.store.services import families
from hembesok_desktop.store.services.planning import plan_programme
from hembesok_desktop.ui.family.details import FamilyDetailsTab
from hembesok_desktop.ui.family.people import (
    AddChildDialog,
    AddGuardianDialog,
    EnrollDialog,
    EnrollmentInput,
)
from hembesok_desktop.ui.family.registration_data import ChildInput, PersonInput
from hembesok_desktop.ui.family.timeline import TimelineTab
from tests.support.catalogue import CATALOGUE
from tests.ui.documentation_support import Harness, ui_harness
from tests.ui.shell_support import personal_number


@pytest.fixture
def harness(store: Store, qtbot: QtBot) -> Iterator[Harness]:
    yield from ui_harness(store)


def make_family(store: Store, *, born: date) -> tuple[str, str]:
    with store.write() as uow:
        family = families.create_family(uow, address="Påhittade gatan 1")
        families.add_guardian(uow, family_id=family.id, given_name="Amina", family_name="Test")
        child = families.add_child(
            uow, family_id=family.id, given_name="Sara", family_name="Test", birth_date=born
        )
    return family.id, child.id


def open_details(qtbot: QtBot, harness: Harness, family_id: str) -> FamilyDetailsTab:
    tab = FamilyDetailsTab(harness.context)
    harness.keep(tab)
    harness.context.runner.changed.connect(tab.refresh)
    with qtbot.waitSignal(tab.loaded):
        tab.show_family(family_id)
    return tab


def rows(store: Store, model: Any, family_id: str) -> list[Any]:
    with store.read() as session:
        return list(session.exec(select(model).where(model.family_id == family_id)).all())


def test_add_guardian_and_child_with_reserve_number(
    qtbot: QtBot, harness: Harness, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    today = harness.context.today()
    family_id, _ = make_family(store, born=today - timedelta(days=400))
    tab = open_details(qtbot, harness, family_id)
    father = PersonInput(
        given_name="Ali",
        family_name="Test",
        identity_number=personal_number(date(1988, 5, 6), "253"),
        role="father",
        language="ar",
    )
    monkeypatch.setattr(
        AddGuardianDialog, "ask", classmethod(lambda cls, parent, family_name: father)
    )
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        tab.add_guardian_button.click()
    assert {g.given_name for g in tab.record.guardians} == {"Amina", "Ali"}  # type: ignore[union-attr]
    [ali] = [g for g in rows(store, Guardian, family_id) if g.given_name == "Ali"]
    assert ali.identity_kind == "personnummer" and ali.role == "father"

    baby = ChildInput(
        given_name="Omar",
        family_name="Test",
        identity_number="LMA-12-345",
        reserve=True,
        birth_date=today - timedelta(days=20),
        sex="male",
    )
    asked: dict[str, object] = {}

    def ask_child(cls: type, parent: object, *, today: date, family_name: str) -> ChildInput:
        asked["family_name"] = family_name
        return baby

    monkeypatch.setattr(AddChildDialog, "ask", classmethod(ask_child))
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        tab.add_child_button.click()
    assert asked["family_name"] == "Test"  # suggested from the family
    [omar] = [c for c in rows(store, Child, family_id) if c.given_name == "Omar"]
    assert omar.identity_kind == "reserve" and omar.identity_number == "LMA-12-345"
    # neither child is enrolled: each gets an "Enroll" button
    assert set(tab.enroll_buttons) == {c.id for c in rows(store, Child, family_id)}


def test_a_wrong_number_is_refused_with_a_message(
    qtbot: QtBot, harness: Harness, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    family_id, _ = make_family(store, born=harness.context.today() - timedelta(days=30))
    tab = open_details(qtbot, harness, family_id)
    valid = personal_number(date(1990, 2, 3), "248")
    wrong = valid[:-1] + str((int(valid[-1]) + 1) % 10)
    monkeypatch.setattr(
        AddGuardianDialog,
        "ask",
        classmethod(lambda cls, parent, family_name: PersonInput("Ali", "Test", wrong)),
    )
    warnings: list[str] = []
    monkeypatch.setattr(
        "hembesok_desktop.ui.family.details.QMessageBox.warning",
        lambda parent, title, text: warnings.append(text),
    )
    tab.add_guardian_button.click()
    qtbot.waitUntil(lambda: bool(warnings), timeout=5000)
    assert [g.given_name for g in rows(store, Guardian, family_id)] == ["Amina"]


def test_dialogs_check_before_saving(qtbot: QtBot) -> None:
    today = date(2025, 3, 14)
    guardian = AddGuardianDialog(family_name="Test")
    qtbot.addWidget(guardian)
    assert len(guardian.problems()) == 1  # no given name yet
    guardian.box.given_name.setText("Ali")
    guardian.box.number.edit.setText("LMA-12")
    assert len(guardian.problems()) == 1  # not a personal number
    guardian.box.number.reserve.setChecked(True)
    assert guardian.problems() == []
    assert guardian.value().reserve and guardian.value().family_name == "Test"

    child = AddChildDialog(today=today, family_name="Test")
    qtbot.addWidget(child)
    child.given_name.setText("Omar")
    assert [m for m, _w in child.problems()] == [child.tr("Give the date of birth.")]
    born = today - timedelta(days=9)
    child.number.edit.setText(personal_number(born, "253"))
    assert child.birth_date.date() == QDate(born.year, born.month, born.day)
    assert child.problems() == []
    assert child.value().birth_date == born

    enroll = EnrollDialog(child_name="Omar", birth_date=born, today=today)
    qtbot.addWidget(enroll)
    enroll.start_date.setDate(QDate(born.year, born.month, born.day).addDays(-1))
    assert len(enroll.problems()) == 1
    enroll.start_date.setDate(QDate(today.year, today.month, today.day))
    assert enroll.problems() == []
    assert enroll.value() == EnrollmentInput(today, "first_time_parents")


def test_enroll_plans_the_programme(
    qtbot: QtBot, harness: Harness, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    today = harness.context.today()
    family_id, child_id = make_family(store, born=today - timedelta(days=5))
    tab = open_details(qtbot, harness, family_id)
    assert list(tab.enroll_buttons) == [child_id]
    monkeypatch.setattr(
        EnrollDialog,
        "ask",
        classmethod(
            lambda cls, parent, *, child_name, birth_date, today: EnrollmentInput(
                today, "first_child_in_sweden"
            )
        ),
    )
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        tab.enroll_buttons[child_id].click()
    [enrollment] = rows(store, Enrollment, family_id)
    assert (
        enrollment.child_id == child_id and enrollment.inclusion_reason == "first_child_in_sweden"
    )
    codes = sorted(c.contact_code for c in rows(store, Contact, family_id))
    assert codes == sorted(["HB1", "HB2", "HB3", "HB4", "HB5", "HB6", "EM1", "EM2"])
    assert tab.enroll_buttons == {}  # enrolled now: no button


def test_child_selector_narrows_the_timeline(
    qtbot: QtBot, harness: Harness, store: Store, qtmodeltester: ModelTester
) -> None:
    today = harness.context.today()
    family_id, older = make_family(store, born=today - timedelta(days=700))
    with store.write() as uow:
        younger = families.add_child(
            uow,
            family_id=family_id,
            given_name="Omar",
            family_name="Test",
            birth_date=today - timedelta(days=5),
        ).id
        for child_id in (older, younger):
            families.enroll(
                uow,
                family_id=family_id,
                child_id=child_id,
                programme_id="extended_home_visits",
                start_date=today,
                inclusion_reason="other",
            )
    with store.write() as uow:
        for enrollment in uow.session.exec(select(Enrollment)).all():
            plan_programme(uow, catalogue=CATALOGUE, enrollment_id=enrollment.id, today=today)
    tab = TimelineTab(harness.context)
    harness.keep(tab)
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        tab.show_family(family_id)
    everything = tab.model.rowCount()
    assert tab.child_filter.count() == 3 and tab.child_filter.isEnabled()
    assert tab.child_id is None
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        tab.set_child(younger)
    only_omar = tab.model.rowCount()
    assert tab.child_id == younger
    assert 1 < only_omar < everything
    qtmodeltester.check(tab.model)
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        tab.set_child(older)
    assert 1 <= tab.model.rowCount() < everything
    assert tab.model.rowCount() + only_omar == everything + 1  # the today marker in both
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        tab.set_child(None)
    assert tab.model.rowCount() == everything
    # another family starts with all children
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        tab.set_child(younger)
    other_id, _ = make_family(store, born=today - timedelta(days=40))
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        tab.show_family(other_id)
    assert tab.child_id is None and tab.child_filter.count() == 2
    assert not tab.child_filter.isEnabled()
