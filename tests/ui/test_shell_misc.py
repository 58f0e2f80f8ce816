"""Demo mode, the smoke start, the recovery-key printout and the Swedish translation."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from hembesok_desktop.demo.store import DEMO_MARKER, DEMO_PASSPHRASE
from hembesok_desktop.ui.i18n import install_translators, remove_translators
from hembesok_desktop.ui.lock.recovery_print import print_to
from hembesok_desktop.ui.translations_build import check

from .shell_support import make_shell, settings_in, shells

pytestmark = pytest.mark.usefixtures("shells")
__all__ = ["shells"]


def test_demo_mode(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    ready: list[Path] = []
    shell = make_shell(
        qtbot,
        folder,
        settings_in(tmp_path),
        demo=True,
        demo_families=3,
        prepare_demo_server=ready.append,
    )
    assert not shell.window.demo_banner.isHidden()
    with qtbot.waitSignal(shell.demo_ready, timeout=30_000):
        shell.start()
    assert ready == [folder] and (folder / DEMO_MARKER).exists()
    screen = shell.unlock_screen
    assert DEMO_PASSPHRASE in screen.demo_hint.text()
    screen.secret.setText(DEMO_PASSPHRASE)
    with qtbot.waitSignal(shell.unlocked, timeout=10_000):
        qtbot.keyClick(screen.secret, Qt.Key.Key_Return)
    workspace = shell.workspace
    assert workspace is not None
    qtbot.waitUntil(lambda: workspace.caseload.model.rowCount() == 3, timeout=10_000)
    assert workspace.top_bar.nurse.text() == "Demo Sköterska"


def test_demo_never_empties_a_folder_it_did_not_make(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "precious"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me")
    from hembesok_desktop.demo.store import prepare_demo_dir

    with pytest.raises(RuntimeError):
        prepare_demo_dir(folder)
    assert (folder / "notes.txt").exists()


def test_smoke_start(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HEMBESOK_DATA_DIR": str(tmp_path)}
    env.pop("HEMBESOK_PASSPHRASE", None)
    result = subprocess.run(
        [sys.executable, "-m", "hembesok_desktop.cli", "--smoke"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert not any(tmp_path.iterdir())  # the throwaway store lived in its own temp folder


def test_recovery_key_prints_to_pdf(tmp_path: Path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    pdf = tmp_path / "key.pdf"
    printer.setOutputFileName(str(pdf))
    print_to(printer, "ABCD-EFGH-IJKL-MNOP")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 1000


def test_every_ui_string_has_a_swedish_translation() -> None:
    """Generic over all of hembesok_desktop/ui: run
    ``python -m hembesok_desktop.ui.translations_build --update`` and translate what is listed."""
    missing = check()
    assert not missing, "untranslated: " + "; ".join(
        f"{m.context}: {m.source}" for m in missing[:40]
    )


def test_swedish_is_the_default_and_loads(qtbot: QtBot, tmp_path: Path) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    assert settings_in(tmp_path).language == "sv"
    translators = install_translators(app, "sv")
    try:
        assert translators, "hembesok_sv.qm is missing: run the translations build"
        assert QCoreApplication.translate("Labels", "Overdue") == "Försenad"
        assert QCoreApplication.translate("Caseload", "%n overdue", "", 3) == "3 försenade"
        shell = make_shell(qtbot, tmp_path / "x", settings_in(tmp_path))
        assert shell.window.menu("file").title() == "&Arkiv"
    finally:
        remove_translators(app, translators)
