"""Sync times in Swedish local time (Europe/Stockholm), as the journal shows them, whatever the
laptop's own time zone: "Synced hh:mm" in the status bar and the times in the conflicts view."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from pytestqt.qtbot import QtBot

from hembesok_desktop.domain.planning import stockholm_tz
from hembesok_desktop.store.read.conflicts import ConflictItem, RefusedItem
from hembesok_desktop.ui.sync.conflicts import ConflictsModel, RefusedModel
from hembesok_desktop.ui.sync.words import when_text
from hembesok_desktop.ui.sync_status import SyncStatusWidget

SUMMER = datetime(2025, 7, 1, 10, 5, tzinfo=UTC)  # 12:05 in Stockholm (CEST)
WINTER = datetime(2025, 1, 15, 8, 0, tzinfo=UTC)  # 09:00 in Stockholm (CET)


@pytest.fixture(autouse=True)
def utc_laptop(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The laptop's own zone is UTC (as on the machine where the gap was seen)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_when_text_is_stockholm_time() -> None:
    assert when_text(SUMMER) == "2025-07-01 12:05"
    assert when_text(WINTER) == "2025-01-15 09:00"
    assert when_text(WINTER.replace(tzinfo=None)) == "2025-01-15 09:00"  # naive is UTC
    assert when_text(None) == ""


def test_synced_time_in_the_status_bar_is_stockholm_time(qtbot: QtBot) -> None:
    status = SyncStatusWidget()
    qtbot.addWidget(status)
    status.set_last_synced(SUMMER)
    assert status.status_text().startswith("Synced 2025-07-01 12:05")
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    status.set_last_synced(now)
    assert status.status_text().startswith(
        "Synced " + now.astimezone(stockholm_tz()).strftime("%H:%M")
    )
    status.set_last_synced(WINTER.replace(tzinfo=None))  # a naive time from the store is UTC
    assert status.status_text().startswith("Synced 2025-01-15 09:00")


def test_conflict_and_refused_times_are_stockholm_time(qtbot: QtBot) -> None:
    conflicts = ConflictsModel()
    conflicts.set_rows(
        [
            ConflictItem(
                id="c1",
                family_id="f1",
                family_name="Test",
                entity="family",
                person="",
                field="phone",
                winning_value="070-1",
                winning_at=SUMMER,
                losing_value="070-2",
                losing_at=WINTER,
            )
        ]
    )
    assert "2025-07-01 12:05" in conflicts.index(0, ConflictsModel.IN_USE).data()
    assert "2025-01-15 09:00" in conflicts.index(0, ConflictsModel.OTHER).data()
    refused = RefusedModel()
    refused.set_rows(
        [
            RefusedItem(
                change_id="p1",
                family_id="f1",
                family_name="Test",
                entity="child",
                fields=("gestational_age_days",),
                reason="x",
                created_at=SUMMER,
            )
        ]
    )
    assert refused.index(0, RefusedModel.WHEN).data() == "2025-07-01 12:05"
    assert refused.index(0, RefusedModel.FIELDS).data() == "Gestational age at birth"
