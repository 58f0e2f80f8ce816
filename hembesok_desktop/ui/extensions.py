"""Where other UI packages plug into the shell.

After every unlock, once the ``Workspace`` is built, the shell imports each package named in
``EXTENSION_PACKAGES`` (skipping those not present) and, if it has one, calls

    install(window: MainWindow, workspace: Workspace, ctx: AppContext) -> None

There a package adds its family tabs (``workspace.family_panel.add_tab(widget, title)``; the
widget implements ``FamilyTab`` and may define ``save_drafts()``), its menu actions
(``workspace.add_action(action, menu="print")`` for e.g. "Dagens besök"; menus are
``file``, ``family``, ``print``, ``settings``), and anything else it needs from the session's
``AppContext``. Everything it adds belongs to that session's workspace and disappears on
lock; ``install`` runs again after the next unlock. An ``install`` that raises is logged (type
only, no personal data) and skipped, so one broken extension never blocks unlocking.

``preload_extensions`` imports the packages and calls their ``preload()`` (if any), which
imports the code ``install`` will need. The application runs it at start-up, before
``ui.gc_guard.freeze_startup_heap``: imported on the first unlock instead, those modules (about
110,000 objects) would make the next full garbage collection take some 70 ms on the GUI
thread, and the first unlock would pay their import (about 65 ms).
"""

from __future__ import annotations

import importlib
import logging
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .context import AppContext
    from .main_window import MainWindow
    from .workspace import Workspace

log = logging.getLogger(__name__)

EXTENSION_PACKAGES = (
    "hembesok_desktop.ui.journal",
    "hembesok_desktop.ui.visit",
    "hembesok_desktop.ui.forms",
    "hembesok_desktop.ui.growth",
    "hembesok_desktop.ui.printing",
)


def preload_extensions() -> list[str]:
    """Import every present extension and what its ``install`` imports; returns the names."""
    loaded = []
    for name in EXTENSION_PACKAGES:
        module = _import(name)
        if module is None:
            continue
        preload = getattr(module, "preload", None)
        if preload is not None:
            try:
                preload()
            except ImportError as error:
                log.error("extension %s cannot be preloaded: %s", name, type(error).__name__)
                continue
        loaded.append(name)
    return loaded


def _import(name: str) -> ModuleType | None:
    """The extension package, or None when it is absent or broken (a broken one is logged)."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name is not None and name.startswith(error.name):
            return None  # the package is not there (yet)
        log.error("extension %s cannot be imported: %s", name, type(error).__name__)
        return None


def install_extensions(window: MainWindow, workspace: Workspace, ctx: AppContext) -> list[str]:
    """Install every present extension; returns the names installed."""
    installed = []
    for name in EXTENSION_PACKAGES:
        module = _import(name)
        if module is None:
            continue
        install = getattr(module, "install", None)
        if install is None:
            continue
        try:
            install(window, workspace, ctx)
        except Exception as error:
            log.error("extension %s failed to install: %s", name, type(error).__name__)
            continue
        installed.append(name)
    return installed
