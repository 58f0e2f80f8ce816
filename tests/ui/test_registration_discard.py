"""The "New family" form is never thrown away unasked: Esc on a half-filled form asks and
names what will be lost; an empty form closes at once. Its error summary goes once fixed."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hembesok_desktop.ui.family.registration import RegistrationDialog

from .dialog_support import answer_next_question
from .shell_support import personal_number

TODAY = date(2025, 3, 14)


def test_esc_on_a_half_filled_form_asks_first(qtbot: QtBot) -> None:
    dialog = RegistrationDialog(today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.guardian1.given_name.setText("Amina")
    asked: list[str] = []
    answer_next_question("Continue editing", asked)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked and "will be lost" in asked[0]
    assert dialog.isVisible() and dialog.guardian1.given_name.text() == "Amina"
    answer_next_question("Discard", asked)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == RegistrationDialog.DialogCode.Rejected


def test_esc_on_an_empty_form_closes_without_a_question(qtbot: QtBot) -> None:
    dialog = RegistrationDialog(today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    asked: list[str] = []
    answer_next_question("Continue editing", asked, tries=5)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    qtbot.wait(100)
    assert asked == []


def test_the_error_summary_goes_once_the_problems_are_fixed(qtbot: QtBot) -> None:
    dialog = RegistrationDialog(today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.guardian1.given_name.setText("Amina")
    dialog.guardian1.family_name.setText("Testsson")
    born = TODAY - timedelta(days=10)
    dialog.child_number.edit.setText(personal_number(born, "242"))
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.problems.isVisible() and "Child" in dialog.problems.text()
    dialog.child_given.setText("Sara")  # the last problem fixed
    assert not dialog.problems.isVisible()
    assert dialog.isVisible()  # fixing does not save by itself
