"""Application preferences in ``QSettings`` (never personal data: no names, no family ids).

Keys: ``ui/language`` (``sv`` default, or ``en``), ``security/idle_minutes`` (auto-lock after
this many minutes without input, default 5; 0 turns it off), ``caseload/worklist`` (the last
chosen work list), ``growth/reference`` (``who`` default, or ``lms``: a region's LMS table),
``growth/lms_file`` (the path of that table), ``window/geometry`` (the main window's size,
position and maximised state, ``QMainWindow.saveGeometry``) and ``window/splitter`` (the
caseload/family split, ``QSplitter.saveState``). Tests point ``QSettings`` at a temporary folder.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from .growth.loader import ReferenceChoice

ORGANIZATION = "Hembesok"
APPLICATION = "Hembesok"
LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"
DEFAULT_IDLE_MINUTES = 5.0
GROWTH_REFERENCES = ("who", "lms")


class AppSettings:
    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings or QSettings(ORGANIZATION, APPLICATION)

    @property
    def language(self) -> str:
        value = str(self._settings.value("ui/language", DEFAULT_LANGUAGE))
        return value if value in LANGUAGES else DEFAULT_LANGUAGE

    @language.setter
    def language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(f"unknown language {value!r}")
        self._settings.setValue("ui/language", value)

    @property
    def idle_minutes(self) -> float:
        raw = self._settings.value("security/idle_minutes", DEFAULT_IDLE_MINUTES)
        try:
            return max(0.0, float(raw))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return DEFAULT_IDLE_MINUTES

    @idle_minutes.setter
    def idle_minutes(self, value: float) -> None:
        self._settings.setValue("security/idle_minutes", float(value))

    @property
    def worklist(self) -> str:
        return str(self._settings.value("caseload/worklist", "all"))

    @worklist.setter
    def worklist(self, value: str) -> None:
        self._settings.setValue("caseload/worklist", value)

    @property
    def growth_reference(self) -> str:
        value = str(self._settings.value("growth/reference", "who"))
        return value if value in GROWTH_REFERENCES else "who"

    @growth_reference.setter
    def growth_reference(self, value: str) -> None:
        if value not in GROWTH_REFERENCES:
            raise ValueError(f"unknown growth reference {value!r}")
        self._settings.setValue("growth/reference", value)

    @property
    def growth_lms_file(self) -> str:
        return str(self._settings.value("growth/lms_file", ""))

    @growth_lms_file.setter
    def growth_lms_file(self, value: str) -> None:
        self._settings.setValue("growth/lms_file", value)

    def growth_choice(self) -> ReferenceChoice:
        """The growth reference the charts and plausibility checks use."""
        if self.growth_reference == "lms":
            return ReferenceChoice("lms", self.growth_lms_file)
        return ReferenceChoice()

    @property
    def window_geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._settings.setValue("window/geometry", value)

    @property
    def splitter_state(self) -> QByteArray | None:
        return self._bytes("window/splitter")

    @splitter_state.setter
    def splitter_state(self, value: QByteArray) -> None:
        self._settings.setValue("window/splitter", value)

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        if isinstance(value, QByteArray) and not value.isEmpty():
            return value
        if isinstance(value, bytes) and value:
            return QByteArray(value)
        return None

    def sync(self) -> None:
        self._settings.sync()
