"""Growth tab: WHO centiles from rcpchgrowth drawn with QPainter; rcpchgrowth loaded lazily."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from hembesok_desktop.store.database import Store
from hembesok_desktop.store.services.clinical import record_measurement
from hembesok_desktop.ui.growth.tab import GrowthTab
from tests.ui.documentation_support import Harness, seed_family, ui_harness

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def harness(store: Store, qtbot: QtBot) -> Iterator[Harness]:
    yield from ui_harness(store)


def test_importing_the_app_does_not_import_rcpchgrowth() -> None:
    code = (
        "import os, sys, pkgutil, importlib\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "import hembesok_desktop.ui as ui\n"
        "for m in pkgutil.walk_packages(ui.__path__, 'hembesok_desktop.ui.'):\n"
        "    importlib.import_module(m.name)\n"
        "for name in ('hembesok_desktop.cli', 'hembesok_desktop.domain.growth'):\n"
        "    try:\n        importlib.import_module(name)\n"
        "    except ModuleNotFoundError as e:\n"
        "        if e.name != name: raise\n"
        "assert 'hembesok_desktop.ui.growth.tab' in sys.modules\n"
        "print(sorted(m for m in sys.modules if m.startswith(('rcpchgrowth', 'scipy'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "[]", result.stdout


def test_growth_tab_draws_centiles_and_points(qtbot: QtBot, harness: Harness, store) -> None:
    seeded = seed_family(store, age_days=300, sex="male")
    born = date.today() - timedelta(days=300)
    with store.write() as uow:
        for days, weight in ((10, 3.6), (61, 5.6), (182, 7.9), (290, 9.0)):
            record_measurement(
                uow,
                child_id=seeded.child_id,
                measured_on=born + timedelta(days=days),
                weight_kg=weight,
                length_cm=50 + days / 10,
            )
    tab = GrowthTab(harness.context)
    harness.keep(tab)
    tab.resize(800, 500)
    tab.show()
    with qtbot.waitSignal(tab.loaded):
        tab.show_family(seeded.family_id)
    qtbot.waitUntil(lambda: len(tab.chart.curves) == 5, timeout=20000)
    assert [c.centile for c in tab.chart.curves] == [3, 15, 50, 85, 97]
    assert len(tab.chart.points) == 4 and tab.chart.points[-1][1] == 9.0
    assert "9 kg" in tab.chart.accessibleDescription()
    image = tab.chart.grab().toImage()
    blue = QColor("#0d47a1").rgb()
    assert any(
        image.pixel(x, y) == blue
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    )
    with qtbot.waitSignal(tab.chart_ready, timeout=20000):
        tab.kind.setCurrentIndex(tab.kind.findData("length"))
    assert tab.chart.points[0][1] == pytest.approx(51.0)
