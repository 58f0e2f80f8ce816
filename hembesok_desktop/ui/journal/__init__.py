"""The journal tab: signed entries, amendments and voids (the helpers the documentation tabs
share are in ``ui.common``).

``install`` is the shell's extension hook for all documentation tabs (see ``ui.documentation``).
"""

from __future__ import annotations

import importlib
from typing import Any


def preload() -> None:
    """Import the documentation tabs now (see ``ui.extensions.preload_extensions``)."""
    importlib.import_module("hembesok_desktop.ui.documentation")


def install(window: Any, workspace: Any, ctx: Any) -> None:
    from ..documentation import install as install_documentation

    install_documentation(window, workspace, ctx)
