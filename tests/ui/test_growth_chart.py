"""Growth tab: SD channels or centiles (WHO via rcpchgrowth, or a loaded LMS table) drawn with
QPainter; rcpchgrowth loaded lazily; ages corrected for gestational age; the settings."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields, replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from hembesok_desktop.domain.growth import Curve
from hembesok_desktop.domain.planning import today_in_stockholm
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.read.views import ChildView
from hembesok_desktop.store.services.clinical import record_measurement
from hembesok_desktop.ui.growth.chart import GrowthChart, curve_label
from hembesok_desktop.ui.growth.loader import ReferenceChoice
from hembesok_desktop.ui.growth.tab import GrowthTab
from hembesok_desktop.ui.settings import AppSettings
from hembesok_desktop.ui.settings_dialog import SettingsDialog
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
    born = today_in_stockholm() - timedelta(days=300)
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
    tab.lines.setCurrentIndex(tab.lines.findData("centiles"))  # SD channels are the default
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


# -- SD channels, gestational age, a region's LMS table --------------------------------------

LMS_CSV = """sex,measure,age_months,L,M,S
male,weight,0,0.35,3.3,0.14
male,weight,6,0.10,7.9,0.11
male,weight,12,0.00,9.6,0.11
male,length,0,1,50,0.04
male,length,12,1,75,0.035
"""


@dataclass(frozen=True)
class _PretermChildView(ChildView):
    """The child view with the gestational-age column the records branch adds to the store."""

    gestational_age_days: int | None = None


def with_gestation(child: ChildView, days: int) -> ChildView:
    if "gestational_age_days" in {f.name for f in fields(ChildView)}:
        return replace(child, gestational_age_days=days)  # type: ignore[call-arg]
    return _PretermChildView(**asdict(child), gestational_age_days=days)


def seed_weights(store: Store, child_id: str, born: date, weights: dict[int, float]) -> None:
    with store.write() as uow:
        for days, weight in weights.items():
            record_measurement(
                uow, child_id=child_id, measured_on=born + timedelta(days=days), weight_kg=weight
            )


def open_tab(qtbot: QtBot, harness: Harness, family_id: str) -> GrowthTab:
    tab = GrowthTab(harness.context)
    harness.keep(tab)
    tab.resize(800, 500)
    tab.show()
    with qtbot.waitSignal(tab.loaded):
        tab.show_family(family_id)
    return tab


def test_sd_channels_are_the_default_and_plus_two_is_z_two(
    qtbot: QtBot, harness: Harness, store: Store
) -> None:
    seeded = seed_family(store, age_days=200, sex="female")
    born = today_in_stockholm() - timedelta(days=200)
    seed_weights(store, seeded.child_id, born, {30: 4.4, 150: 7.0})
    tab = open_tab(qtbot, harness, seeded.family_id)
    qtbot.waitUntil(lambda: len(tab.chart.curves) == 7, timeout=20000)
    assert [c.sds for c in tab.chart.curves] == [-3, -2, -1, 0, 1, 2, 3]
    reference = harness.context.growth.loaded
    assert reference is not None and reference.key == "who"
    plus_two = next(c for c in tab.chart.curves if c.sds == 2)
    for age, value in plus_two.points[1::10]:
        assert value == pytest.approx(reference.value_at("weight", "female", age, 2.0))
        assert reference.sds("weight", "female", age, value) == pytest.approx(2.0, abs=1e-3)
    assert "WHO" in tab.note.text() and "±3 SD" in tab.note.text()
    image = tab.chart.grab().toImage()
    shades = {
        image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
    }
    assert QColor("#f1f8e9").rgb() in shades and QColor("#dcedc8").rgb() in shades  # channels
    assert tab.chart.right_margin() == 56
    with qtbot.waitSignal(tab.chart_ready, timeout=20000):
        tab.centile_labels.setChecked(True)
    assert tab.chart.centile_labels and tab.chart.right_margin() == 96
    assert curve_label(plus_two, True) == "+2 SD (97,7)"
    assert curve_label(next(c for c in tab.chart.curves if c.sds == -1), False) == "−1 SD"


def test_a_preterm_child_is_plotted_at_her_corrected_age(
    qtbot: QtBot, harness: Harness, store: Store
) -> None:
    """The 32-week girl: 5.2 kg at 4 months sits at −0.05 SD on her corrected age."""
    seeded = seed_family(store, age_days=130, sex="female")
    born = today_in_stockholm() - timedelta(days=130)
    seed_weights(store, seeded.child_id, born, {20: 1.9, 121: 5.2})
    tab = open_tab(qtbot, harness, seeded.family_id)
    qtbot.waitUntil(lambda: len(tab.chart.curves) == 7, timeout=20000)
    assert [v for _, v in tab.chart.points] == [1.9, 5.2] and not tab.chart.corrected
    assert tab.data is not None
    tab.data = replace(tab.data, children=(with_gestation(tab.data.children[0], 32 * 7),))
    with qtbot.waitSignal(tab.chart_ready, timeout=20000):
        tab.redraw()
    # day 20 lies before her due date (56 days after birth): not on the chart
    assert len(tab.chart.points) == 1
    age, value = tab.chart.points[0]
    assert age == pytest.approx((121 - 56) / 365.25) and value == 5.2
    assert tab.chart.corrected and "32+0" in tab.note.text()
    assert "corrected" in tab.chart.x_title
    reference = harness.context.growth.loaded
    assert reference is not None
    assert reference.sds("weight", "female", age, value) == pytest.approx(-0.05, abs=0.005)


def test_a_loaded_lms_table_draws_its_channels(
    qtbot: QtBot, harness: Harness, store: Store, tmp_path: Path
) -> None:
    table = tmp_path / "Region Testland.csv"
    table.write_text(LMS_CSV, encoding="utf-8")
    seeded = seed_family(store, age_days=300, sex="male")
    seed_weights(store, seeded.child_id, today_in_stockholm() - timedelta(days=300), {182: 8.0})
    tab = open_tab(qtbot, harness, seeded.family_id)
    qtbot.waitUntil(lambda: len(tab.chart.curves) == 7, timeout=20000)
    who_plus_two = next(c for c in tab.chart.curves if c.sds == 2).points
    with qtbot.waitSignal(tab.chart_ready, timeout=20000):
        harness.context.growth.configure(ReferenceChoice("lms", str(table)))
    reference = harness.context.growth.loaded
    assert reference is not None and reference.key == "lms:Region Testland"
    plus_two = next(c for c in tab.chart.curves if c.sds == 2)
    assert plus_two.points != who_plus_two
    at_six_months = min(plus_two.points, key=lambda p: abs(p[0] - 0.5))
    point = reference.table.at("weight", "male", at_six_months[0])  # type: ignore[attr-defined]
    assert at_six_months[1] == pytest.approx(point.m * (1 + point.l * point.s * 2) ** (1 / point.l))
    assert reference.sds("weight", "male", 0.5, 8.0) == pytest.approx(
        ((8.0 / 7.9) ** 0.10 - 1) / (0.10 * 0.11)
    )
    assert "Region Testland" in tab.note.text()
    with qtbot.waitSignal(tab.chart_ready, timeout=20000):  # the table has no head circumference
        tab.kind.setCurrentIndex(tab.kind.findData("head_circumference"))
    assert "has no lines for this measure" in tab.chart.message


def test_an_unusable_lms_file_says_why(
    qtbot: QtBot, harness: Harness, store: Store, tmp_path: Path
) -> None:
    table = tmp_path / "broken.csv"
    table.write_text(LMS_CSV.replace("male,length,12", "boy,length,12"), encoding="utf-8")
    harness.context.growth.configure(ReferenceChoice("lms", str(table)))
    seeded = seed_family(store, age_days=300, sex="male")
    tab = open_tab(qtbot, harness, seeded.family_id)
    qtbot.waitUntil(lambda: "cannot be used" in tab.chart.message, timeout=20000)
    assert tab.chart.curves == []
    assert "broken.csv: row 5 of the LMS table: sex must be male or female" in tab.note.text()


def test_the_scale_follows_the_lines_not_a_typo(qtbot: QtBot) -> None:
    chart = GrowthChart()
    line = Curve(50.0, ((0.0, 3.0), (1.0, 9.0)), sds=0.0)
    chart.set_data(curves=[line], points=[(0.5, 70.0)], max_age=1, unit="kg", y_title="")
    low, high = chart.value_range()
    assert high < 12 and low > 1  # 70 kg is drawn on the edge, not in the scale
    chart.set_data(curves=[], points=[(0.5, 70.0)], max_age=1, unit="kg", y_title="")
    assert chart.value_range()[1] > 70


def test_the_growth_reference_setting(qtbot: QtBot, tmp_path: Path) -> None:
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert settings.growth_choice() == ReferenceChoice()  # WHO by default
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.growth.currentData() == "who" and not dialog.growth_file.isEnabled()
    dialog.growth.setCurrentIndex(dialog.growth.findData("lms"))
    assert dialog.growth_file.isEnabled()
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Choose the file" in dialog.growth_error.text()
    dialog.growth_file.setText(str(tmp_path / "missing.json"))
    dialog.accept()
    assert "cannot be read" in dialog.growth_error.text()
    good = tmp_path / "region.csv"
    good.write_text(LMS_CSV, encoding="utf-8")
    dialog.growth_file.setText(str(good))
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    settings.growth_reference = "lms"
    settings.growth_lms_file = str(good)
    assert settings.growth_choice() == ReferenceChoice("lms", str(good))
    with pytest.raises(ValueError):
        settings.growth_reference = "cdc"


def test_the_shell_hands_the_setting_to_the_session(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hembesok_desktop.demo.store import DEMO_PASSPHRASE

    from .shell_support import close_shell, make_shell, settings_in

    table = tmp_path / "region.csv"
    table.write_text(LMS_CSV, encoding="utf-8")
    settings = settings_in(tmp_path)
    settings.growth_reference, settings.growth_lms_file = "lms", str(table)
    shell = make_shell(
        qtbot,
        tmp_path / "demo",
        settings,
        demo=True,
        demo_families=1,
        prepare_demo_server=lambda _folder: None,
    )
    try:
        with qtbot.waitSignal(shell.demo_ready, timeout=30_000):
            shell.start()
        shell.unlock_screen.secret.setText(DEMO_PASSPHRASE)
        with qtbot.waitSignal(shell.unlocked, timeout=10_000):
            qtbot.keyClick(shell.unlock_screen.secret, Qt.Key.Key_Return)
        assert shell.ctx is not None
        assert shell.ctx.growth.choice == ReferenceChoice("lms", str(table))

        def back_to_who(_parent: object, chosen: AppSettings) -> bool:
            chosen.growth_reference = "who"
            return True

        monkeypatch.setattr(SettingsDialog, "ask", classmethod(lambda c, p, s: back_to_who(p, s)))
        with qtbot.waitSignal(shell.ctx.growth.changed):
            shell.window.settings_action.trigger()
        assert shell.ctx.growth.choice == ReferenceChoice()
    finally:
        close_shell(shell)
