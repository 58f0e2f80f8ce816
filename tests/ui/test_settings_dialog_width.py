"""The settings dialog is wide enough for its whole Swedish title ("Inställningar") beside a
window manager's buttons, and for the LMS file field's placeholder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont, QFontMetrics
from pytestqt.qtbot import QtBot

from hembesok_desktop.ui.settings import AppSettings
from hembesok_desktop.ui.settings_dialog import SettingsDialog

from .test_sync_support import swedish

pytestmark = pytest.mark.usefixtures("swedish")
__all__ = ["swedish"]


def test_title_and_file_field_fit(qtbot: QtBot, tmp_path: Path) -> None:
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Inställningar"
    bold = QFont(dialog.font())
    bold.setBold(True)
    title = QFontMetrics(bold).horizontalAdvance(dialog.windowTitle())
    assert dialog.width() >= dialog.minimumWidth() >= title + 180
    field = dialog.growth_file
    placeholder = field.fontMetrics().horizontalAdvance(field.placeholderText())
    assert field.width() >= placeholder + 8  # the placeholder is not cut
