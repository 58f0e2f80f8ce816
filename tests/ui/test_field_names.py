"""Every synced field of every record has the nurse's name (one table, ``ui.field_names``), so
the change history and the sync views never show an internal field name."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hembesok_desktop.protocol.schema import ENTITIES
from hembesok_desktop.store.history import FieldChange, HistoryEntry
from hembesok_desktop.ui.family.history import HistoryModel
from hembesok_desktop.ui.field_names import field_name, has_name
from hembesok_desktop.ui.i18n import install_translators, remove_translators
from hembesok_desktop.ui.sync.words import field_name as sync_field_name

CHILD_DETAILS = (
    FieldChange("gestational_age_days", 259, "259"),
    FieldChange("bcg_indicated", True, "true"),
    FieldChange("mother_hbsag_positive", False, "false"),
    FieldChange("rotavirus_three_dose", True, "true"),
)


@pytest.fixture
def swedish(qtbot: QtBot) -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, "sv")
    assert translators, "hembesok_sv.qm is missing: run the translations build"
    yield
    remove_translators(app, translators)


@pytest.mark.parametrize("entity", sorted(ENTITIES))
def test_every_synced_field_has_a_name(entity: str) -> None:
    missing = [f for f in ENTITIES[entity] if not has_name(entity, f)]
    assert missing == [], f"{entity}: no name in ui/field_names.py for {missing}"
    for field in ENTITIES[entity]:
        assert "_" not in field_name(entity, field)


def test_a_field_can_mean_something_else_on_another_record() -> None:
    assert field_name("contact", "kind") == "Kind of visit"
    assert field_name("language_record", "kind") == "Kind of language record"
    assert field_name("follow_up_action", "area") == "Area of concern"
    assert field_name("family", "area") == "Area"
    assert sync_field_name("area", "follow_up_action") == "Area of concern"


def child_details_entry() -> HistoryEntry:
    return HistoryEntry(
        when=datetime(2025, 3, 14, 8, 30, tzinfo=UTC),
        entity="child",
        row_id="c1",
        subject="Sara Test",
        changes=CHILD_DETAILS,
        created=False,
        origin="local",
        who="Anna",
        state="pending",
    )


def test_the_history_names_the_child_details(qtbot: QtBot) -> None:
    model = HistoryModel()
    model.set_entries([child_details_entry()])
    assert model.index(0, HistoryModel.CHANGE).data() == (
        "Gestational age at birth changed to 37+0 weeks; BCG vaccination indicated changed to "
        "yes; Mother HBsAg-positive changed to no; Rotavirus vaccine with three doses changed "
        "to yes"
    )


@pytest.mark.usefixtures("swedish")
def test_the_history_names_the_child_details_in_swedish(qtbot: QtBot) -> None:
    model = HistoryModel()
    model.set_entries([child_details_entry()])
    text = model.index(0, HistoryModel.CHANGE).data()
    assert text == (
        "Gestationsålder vid födseln ändrades till 37+0 veckor; BCG-vaccination indicerad "
        "ändrades till ja; Mamman HBsAg-positiv ändrades till nej; Rotavirusvaccin med tre "
        "doser ändrades till ja"
    )
    assert "_" not in text
