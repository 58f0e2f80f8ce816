"""Loading the UI translation: Swedish by default, English on request (``AppSettings``).

Source strings are English (``self.tr`` / ``QCoreApplication.translate``); the Swedish text
lives in ``resources/translations/hembesok_sv.ts`` and is built to ``hembesok_sv.qm`` by
``python -m hembesok_desktop.ui.translations_build``; the ``.qm`` is committed, and the wheel
and the bundle carry it (``resources_path()`` finds it in each). A missing one is logged as
"no built translation" and the UI stays English (``tests/packaging/test_wheel.py`` fails on
that line). Qt's own strings (standard dialog buttons) come from Qt's bundled
``qtbase_sv.qm`` when present.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..resources import resources_path

log = logging.getLogger(__name__)


def translations_dir() -> Path:
    return resources_path() / "translations"


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the app's and Qt's translators for ``language``; returns them (keep them alive)."""
    QLocale.setDefault(
        QLocale(
            QLocale.Language.Swedish if language == "sv" else QLocale.Language.English,
            QLocale.Country.Sweden,
        )
    )
    installed: list[QTranslator] = []
    if language == "en":
        return installed  # the source strings are English
    ours = QTranslator(app)
    if ours.load(f"hembesok_{language}", str(translations_dir())):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning(
            "no built translation for %s in %s; run the translations build",
            language,
            translations_dir(),
        )
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt)
        installed.append(qt)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
