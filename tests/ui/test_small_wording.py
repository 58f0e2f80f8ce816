"""Small wording: a store never named shows "Ej inloggad", not the placeholder "local"; the
timeline and the visit tab say "Dags nu" alike."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from hembesok_desktop.store.unit_of_work import Actor
from hembesok_desktop.ui import labels
from hembesok_desktop.ui.top_bar import TopBar

from .test_sync_support import swedish

pytestmark = pytest.mark.usefixtures("swedish")
__all__ = ["swedish"]


def test_a_store_never_named_shows_no_placeholder(qtbot: QtBot) -> None:
    bar = TopBar(Actor())
    qtbot.addWidget(bar)
    assert bar.nurse.text() == "Ej inloggad"
    named = TopBar(Actor(username="anna", full_name="Anna Andersson"))
    qtbot.addWidget(named)
    assert named.nurse.text() == "Anna Andersson"


def test_due_now_is_one_wording() -> None:
    assert labels.contact_state("due") == "Dags nu"
    assert QCoreApplication.translate("ContactsModel", "Due now") == "Dags nu"  # Besök
