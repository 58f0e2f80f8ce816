"""Where the application's data files (forms, programmes, translations, icons) live.

Resolution order:

1. the ``HEMBESOK_RESOURCES`` environment variable, if set and not empty (a region's own
   resources folder, or a test's temporary copy);
2. inside a PyInstaller bundle, ``<sys._MEIPASS>/resources`` (the spec must add the
   repository's ``resources/`` folder under that name);
3. otherwise the repository's ``resources/`` folder, next to the ``hembesok_desktop`` package.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

RESOURCES_ENV = "HEMBESOK_RESOURCES"


def resources_path() -> Path:
    """The folder holding ``forms/``, ``programmes/``, ``translations/`` and ``icons/``."""
    override = os.environ.get(RESOURCES_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    bundle_dir = getattr(sys, "_MEIPASS", None)
    if isinstance(bundle_dir, str) and bundle_dir:
        return Path(bundle_dir) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def programmes_path() -> Path:
    """The folder holding the visit-programme JSON files and their schema."""
    return resources_path() / "programmes"
