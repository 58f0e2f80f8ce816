"""Parent mode: full screen, Arabic right to left, cannot be left without the passphrase."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlmodel import select

from hembesok_desktop.store.database import Store
from hembesok_desktop.store.models import Draft
from hembesok_desktop.ui.forms.dialogs import NewScreening, NewScreeningDialog
from hembesok_desktop.ui.forms.inputs import ChoiceInput
from hembesok_desktop.ui.forms.parent_mode import ParentModeWindow, PassphraseDialog
from hembesok_desktop.ui.forms.tab import FormsTab
from tests.conftest import PASSPHRASE
from tests.ui.documentation_support import Harness, seed_family, ui_harness

BARNSAKERT = "http://hembesok.se/fhir/Questionnaire/barnsakert-style"


@pytest.fixture
def harness(store: Store, qtbot: QtBot) -> Iterator[Harness]:
    yield from ui_harness(store)


def open_parent_mode(
    qtbot: QtBot, harness: Harness, store: Store, monkeypatch: pytest.MonkeyPatch, language: str
) -> tuple[FormsTab, ParentModeWindow]:
    seeded = seed_family(store)
    tab = FormsTab(harness.context)
    harness.keep(tab)
    with qtbot.waitSignal(tab.loaded):
        tab.show_family(seeded.family_id)
    choice = NewScreening(BARNSAKERT, seeded.guardian_id, language)
    monkeypatch.setattr(NewScreeningDialog, "ask", classmethod(lambda cls, *a, **k: choice))
    tab.new_button.click()
    window = tab.open_parent_mode()
    assert window is not None
    harness.keep(window)
    return tab, window


def test_arabic_is_laid_out_right_to_left(qtbot, harness, store, monkeypatch) -> None:
    _tab, window = open_parent_mode(qtbot, harness, store, monkeypatch, "ar")
    assert window.isFullScreen() or window.windowState() & Qt.WindowState.WindowFullScreen
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.form.layoutDirection() == Qt.LayoutDirection.RightToLeft
    economy = window.form.rows["bs-economy"].input
    assert isinstance(economy, ChoiceInput)
    assert economy.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert economy.buttons[0].text() == "نعم"
    assert window.done_button.text() == "انتهيت"
    assert window.font().pointSize() >= 16  # large text
    assert not window.form.score_label.isVisibleTo(window)  # no score for the parent
    window.language.setCurrentIndex(window.language.findData("sv"))
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    window.language.setCurrentIndex(window.language.findData("fa-AF"))  # Dari
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_cannot_leave_without_the_passphrase(qtbot, harness, store, monkeypatch) -> None:
    tab, window = open_parent_mode(qtbot, harness, store, monkeypatch, "ar")
    assert window.windowModality() == Qt.WindowModality.ApplicationModal
    window.close()
    assert window.isVisible()  # closing is refused
    QApplication.sendEvent(
        window, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    )
    assert window.isVisible()
    monkeypatch.setattr(PassphraseDialog, "ask", classmethod(lambda cls, parent: "fel lösenord"))
    with qtbot.waitSignal(window.refused):
        window.leave_button.click()
    assert window.isVisible() and window.message.text()
    monkeypatch.setattr(PassphraseDialog, "ask", classmethod(lambda cls, parent: None))
    window.leave_button.click()  # cancelled
    assert window.isVisible()

    economy = window.form.rows["bs-economy"].input
    assert isinstance(economy, ChoiceInput)
    economy.buttons[0].click()
    monkeypatch.setattr(PassphraseDialog, "ask", classmethod(lambda cls, parent: PASSPHRASE))
    with qtbot.waitSignal(window.left):
        window.leave_button.click()
    assert not window.isVisible()
    assert tab.parent_window is None
    assert tab.flow is not None and "bs-economy" in tab.flow.answers  # back in nurse mode
    assert tab.form_widget is not None
    assert tab.form_widget.rows["bs-economy"].input.buttons[0].isChecked()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: _draft_count(store) == 1)


def test_parent_finishing_shows_thanks_and_keeps_draft(qtbot, harness, store, monkeypatch):
    _tab, window = open_parent_mode(qtbot, harness, store, monkeypatch, "so")
    window.done_button.click()
    assert window.missing.text() == "Su'aalo qaar weli jawaab ma laha."
    assert window.pages.currentIndex() == 0
    for row in window.form.rows.values():
        if isinstance(row.input, ChoiceInput) and row.isVisibleTo(window):
            row.input.buttons[1].click()
    assert not any(r.error.isVisibleTo(window) for r in window.form.rows.values())
    with qtbot.waitSignal(window.finished_by_parent):
        window.done_button.click()
    assert window.pages.currentIndex() == 1
    assert "Mahadsanid" in window.thanks.text()
    qtbot.waitUntil(lambda: _draft_count(store) == 1)
    window.force_close()


def _draft_count(store: Store) -> int:
    with store.read() as session:
        return len(session.exec(select(Draft)).all())
