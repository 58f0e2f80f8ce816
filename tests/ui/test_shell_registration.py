"""The "New family" dialog checks identity numbers as the store does; the write plans the
programme. The planning service plans only applicable contacts, once."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot
from sqlmodel import select

from hembesok_desktop.domain.identity import luhn_check_digit
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.models import Child, Contact, Enrollment
from hembesok_desktop.store.services import families
from hembesok_desktop.store.services.planning import plan_programme
from hembesok_desktop.ui.family.registration import RegistrationDialog
from hembesok_desktop.ui.family.registration_data import register_family
from tests.support.catalogue import CATALOGUE

from .shell_support import a_registration, personal_number

TODAY = date(2025, 3, 14)


def test_identity_numbers_checked_as_typed(qtbot: QtBot) -> None:
    dialog = RegistrationDialog(today=TODAY)
    qtbot.addWidget(dialog)
    field = dialog.guardian1.number
    valid = personal_number(date(1990, 2, 3), "248")
    wrong = valid[:-1] + str((int(valid[-1]) + 1) % 10)
    field.edit.setText(wrong)
    assert field.problem() is not None and not field.hint.isHidden()
    field.edit.setText(valid)
    assert field.problem() is None and field.hint.isHidden()
    field.edit.setText("LMA-12-345")
    assert field.problem() is not None
    field.reserve.setChecked(True)  # a reserve number is accepted as it is
    assert field.problem() is None
    field.edit.setText("LMA 12/345")
    assert field.problem() == "A reserve number may contain only letters, digits and '-'."


def test_form_refuses_until_complete_then_returns_registration(qtbot: QtBot) -> None:
    dialog = RegistrationDialog(today=TODAY)
    qtbot.addWidget(dialog)
    messages = [m for m, _w in dialog.check()]
    assert len(messages) == 3  # guardian's and child's names, the child's date of birth
    dialog.guardian1.given_name.setText("Amina")
    dialog.guardian1.family_name.setText("Testsson")
    dialog.child_given.setText("Sara")
    assert dialog.child_family.text() == "Testsson"  # suggested from the guardian
    born = TODAY - timedelta(days=10)
    dialog.child_number.edit.setText(personal_number(born, "242"))
    assert dialog.birth_date.date() == QDate(born.year, born.month, born.day)
    dialog.start_date.setDate(QDate(born.year, born.month, born.day - 1))
    assert [m for m, _w in dialog.check()] == [
        dialog.tr("The enrollment cannot start before the child was born.")
    ]
    dialog.start_date.setDate(QDate(TODAY.year, TODAY.month, TODAY.day))
    assert dialog.check() == []
    registration = dialog.registration()
    assert registration.child.birth_date == born
    assert registration.guardians[0].birthing_parent
    assert registration.enroll and registration.inclusion_reason == "first_time_parents"


def test_register_and_plan(store: Store) -> None:
    registration = a_registration(TODAY)
    with store.write() as uow:
        family_id = register_family(uow, registration, today=TODAY, catalogue=CATALOGUE)
    with store.read() as session:
        contacts = session.exec(select(Contact).where(Contact.family_id == family_id)).all()
        enrollment = session.exec(select(Enrollment)).one()
    assert sorted(c.contact_code for c in contacts) == sorted(
        ["HB1", "HB2", "HB3", "HB4", "HB5", "HB6", "EM1", "EM2"]
    )
    assert all(c.status == "planned" and c.window_start and c.window_end for c in contacts)
    assert all(c.window_start <= c.planned_date <= c.window_end for c in contacts)  # type: ignore[operator]
    # planning again adds nothing
    with store.write() as uow:
        assert (
            plan_programme(uow, catalogue=CATALOGUE, enrollment_id=enrollment.id, today=TODAY) == []
        )


def test_late_enrollment_skips_passed_windows(store: Store) -> None:
    born = TODAY - timedelta(days=150)
    with store.write() as uow:
        family = families.create_family(uow)
        child = families.add_child(
            uow, family_id=family.id, given_name="Ali", family_name="Test", birth_date=born
        )
        enrollment = families.enroll(
            uow,
            family_id=family.id,
            child_id=child.id,
            programme_id="extended_home_visits",
            start_date=TODAY,
            inclusion_reason="other",
        )
        planned = plan_programme(uow, catalogue=CATALOGUE, enrollment_id=enrollment.id, today=TODAY)
    codes = sorted(c.contact_code for c in planned)
    assert "HB1" not in codes and "HB2" not in codes and "HB3" not in codes
    assert {"HB5", "HB6", "EM1", "EM2"} <= set(codes)
    with store.write() as uow:
        families.end_enrollment(uow, enrollment.id, end_date=TODAY, reason="moved")
        assert (
            plan_programme(uow, catalogue=CATALOGUE, enrollment_id=enrollment.id, today=TODAY) == []
        )


def test_a_birth_date_unlike_the_numbers_is_warned_about_in_swedish_and_saved(
    qtbot: QtBot, store: Store
) -> None:
    """Skatteverket may give a nearby day when a day's serials run out (issue 14)."""
    from PySide6.QtWidgets import QApplication

    from hembesok_desktop.ui.i18n import install_translators, remove_translators

    app = QApplication.instance()
    assert app is not None
    translators = install_translators(app, "sv")
    try:
        dialog = RegistrationDialog(today=TODAY)
        qtbot.addWidget(dialog)
        dialog.guardian1.given_name.setText("Amina")
        dialog.guardian1.family_name.setText("Testsson")
        dialog.child_given.setText("Sara")
        number_day = TODAY - timedelta(days=10)
        dialog.child_number.edit.setText(personal_number(number_day, "242"))
        assert dialog.birth_note.isHidden()
        born = number_day - timedelta(days=1)
        dialog.birth_date.setDate(QDate(born.year, born.month, born.day))
        assert not dialog.birth_note.isHidden()
        assert "skiljer sig från datumet i personnumret" in dialog.birth_note.text()
        assert dialog.check() == []  # a warning, not a refusal
        registration = dialog.registration()
    finally:
        remove_translators(app, translators)
    assert registration.child.birth_date == born
    with store.write() as uow:
        register_family(uow, registration, today=TODAY, catalogue=CATALOGUE)
    with store.read() as session:
        (child,) = session.exec(select(Child)).all()
    assert child.birth_date == born
    assert child.identity_number == personal_number(number_day, "242")


def test_a_coordination_number_without_a_full_date_asks_for_the_date(qtbot: QtBot) -> None:
    dialog = RegistrationDialog(today=TODAY)
    qtbot.addWidget(dialog)
    head = f"{TODAY:%y}0060242"  # month 00, day 60: the birth date is not known
    dialog.child_number.edit.setText(f"{TODAY:%Y}0060242{luhn_check_digit(head)}")
    assert dialog.child_number.problem() is None
    assert not dialog.birth_note.isHidden()
    assert dialog.birth_date.date() == dialog.birth_date.minimumDate()  # nothing filled in
    assert dialog.tr("Child: give the date of birth.") in [m for m, _w in dialog.check()]


def test_the_store_accepts_a_birth_date_unlike_the_numbers(store: Store) -> None:
    number_day = TODAY - timedelta(days=10)
    with store.write() as uow:
        family = families.create_family(uow)
        child = families.add_child(
            uow,
            family_id=family.id,
            given_name="Ali",
            family_name="Test",
            identity_number=personal_number(number_day, "253"),
            birth_date=number_day + timedelta(days=1),
        )
    assert child.birth_date == number_day + timedelta(days=1)
    assert child.identity_kind == "personnummer"


def test_serial_000_is_refused_as_typed(qtbot: QtBot) -> None:
    dialog = RegistrationDialog(today=TODAY)
    qtbot.addWidget(dialog)
    dialog.child_number.edit.setText("20150916-0006")  # serial 000, correct check digit
    assert dialog.child_number.problem() == dialog.tr(
        "The three digits after the date are never 000. Check for a typo."
    )
