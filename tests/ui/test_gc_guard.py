"""Cyclic garbage is collected on the GUI thread, never by the automatic collector."""

from __future__ import annotations

import gc

from pytestqt.qtbot import QtBot

from hembesok_desktop.ui.gc_guard import GuiThreadGarbageCollector


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_the_guard_disables_automatic_collection_and_collects_on_its_timer(qtbot: QtBot) -> None:
    guard = GuiThreadGarbageCollector(interval_ms=10)
    try:
        assert not gc.isenabled()
        gc.collect()
        for _ in range(5000):
            Cycle()
        assert gc.get_count()[0] > gc.get_threshold()[0]
        qtbot.waitUntil(lambda: gc.get_count()[0] < gc.get_threshold()[0], timeout=2000)
    finally:
        guard.stop()
    assert gc.isenabled()


def test_freeze_startup_heap_moves_live_objects_out_of_the_collectors_way() -> None:
    from hembesok_desktop.ui.gc_guard import freeze_startup_heap

    try:
        frozen = freeze_startup_heap()
        assert frozen == gc.get_freeze_count() > 0
        assert len(gc.get_objects()) < frozen  # a full collection walks only what came later
    finally:
        gc.unfreeze()
