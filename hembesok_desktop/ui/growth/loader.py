"""The session's growth reference: made once on the store worker, then read on the GUI thread.

Which reference is a setting (``AppSettings.growth_choice()``): the WHO standards (default), or
a region's LMS table read from the file the settings name (``resources/growth/README.md``
describes the format). ``GrowthReference.load()`` (call it inside a task: the first WHO load
imports rcpchgrowth and SciPy) returns the session's ``domain.growth.Reference``, or raises
:class:`GrowthReferenceError` with one sentence when the file cannot be used; ``loaded`` is the
reference when some view already loaded it, else None, without loading. ``configure`` switches
to another choice (the settings dialog) and emits ``changed`` so charts redraw. The
``AppContext`` owns one per unlocked session.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QObject, Signal

from ...domain.growth import Reference, WhoReference
from ...domain.growth_lms import LmsFormatError, LmsReference, LmsTable, parse_lms

# the largest LMS file read (a table by day from birth to 5 years is about 0.5 MB)
MAX_FILE_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class ReferenceChoice:
    kind: Literal["who", "lms"] = "who"
    # the LMS file (``.csv`` or ``.json``) when ``kind`` is "lms"
    path: str = ""


class GrowthReferenceError(Exception):
    """The chosen growth reference cannot be used; the message is one sentence."""


def read_lms_file(path: str | Path) -> LmsTable:
    """The LMS table in the file at ``path`` (named after the file, unless its JSON names it)."""
    file = Path(path)
    fmt: Literal["csv", "json"]
    if file.suffix.lower() == ".csv":
        fmt = "csv"
    elif file.suffix.lower() == ".json":
        fmt = "json"
    else:
        raise GrowthReferenceError("The growth reference file must be a .csv or .json file.")
    try:
        if file.stat().st_size > MAX_FILE_BYTES:
            raise GrowthReferenceError("The growth reference file is too large.")
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raise GrowthReferenceError(
            f"The growth reference file {file.name} cannot be read as UTF-8 text."
        ) from None
    try:
        return parse_lms(text, fmt=fmt, name=file.stem)
    except LmsFormatError as error:
        raise GrowthReferenceError(f"{file.name}: {error}.") from None


def make_reference(choice: ReferenceChoice) -> Reference:
    if choice.kind == "lms":
        if not choice.path:
            raise GrowthReferenceError("No growth reference file is chosen in the settings.")
        return LmsReference(read_lms_file(choice.path))
    return WhoReference()


class GrowthReference(QObject):
    # the choice changed (on the GUI thread): views drop their lines and redraw
    changed = Signal()

    def __init__(self, choice: ReferenceChoice | None = None) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._choice = choice or ReferenceChoice()
        self._reference: Reference | None = None

    @property
    def choice(self) -> ReferenceChoice:
        return self._choice

    def load(self) -> Reference:
        with self._lock:
            if self._reference is None:
                self._reference = make_reference(self._choice)
            return self._reference

    @property
    def loaded(self) -> Reference | None:
        return self._reference

    def configure(self, choice: ReferenceChoice) -> None:
        """Use ``choice`` from now on (GUI thread); the next ``load`` makes it."""
        with self._lock:
            if choice == self._choice:
                return
            self._choice = choice
            self._reference = None
        self.changed.emit()
