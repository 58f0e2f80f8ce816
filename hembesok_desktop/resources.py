"""Where the application's data files (forms, programmes, translations, icons) live.

Resolution order:

1. the ``HEMBESOK_RESOURCES`` environment variable, if set and not empty (a region's own
   resources folder, or a test's temporary copy);
2. inside a PyInstaller bundle, ``<sys._MEIPASS>/resources`` (the spec must add the
   repository's ``resources/`` folder under that name);
3. an installed wheel's ``hembesok_desktop/_resources`` (``setup.py`` maps the repository's
   ``resources/`` folder there);
4. in a source checkout or an editable install (``pip install -e``), where the package is the
   repository's own folder, the repository's ``resources/`` next to it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

RESOURCES_ENV = "HEMBESOK_RESOURCES"
PACKAGE_DIR = Path(__file__).resolve().parent
#: the folder name of the resources inside the installed package (see setup.py)
INSTALLED_NAME = "_resources"


def resources_path() -> Path:
    """The folder holding ``forms/``, ``programmes/``, ``translations/`` and ``icons/``."""
    override = os.environ.get(RESOURCES_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    bundle_dir = getattr(sys, "_MEIPASS", None)
    if isinstance(bundle_dir, str) and bundle_dir:
        return Path(bundle_dir) / "resources"
    return package_resources(PACKAGE_DIR)


def package_resources(package_dir: Path) -> Path:
    """The resources of the ``hembesok_desktop`` package in ``package_dir``.

    The installed copy ``<package_dir>/_resources`` when there is one; else, when
    ``package_dir`` sits in a source checkout (``pyproject.toml`` beside it), the checkout's
    ``resources/``; else the installed path, so that a missing file is reported there.
    """
    installed = package_dir / INSTALLED_NAME
    checkout = package_dir.parent
    if not installed.is_dir() and (checkout / "pyproject.toml").is_file():
        return checkout / "resources"
    return installed


def programmes_path() -> Path:
    """The folder holding the visit-programme JSON files and their schema."""
    return resources_path() / "programmes"
