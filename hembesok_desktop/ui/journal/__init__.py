"""The journal tab: signed entries, amendments and voids, and shared helpers of the
documentation tabs (draft saving, store-error sentences, time formatting).

``install`` is the shell's extension hook for all documentation tabs (see ``ui.documentation``).
"""

from __future__ import annotations

from typing import Any


def install(window: Any, workspace: Any, ctx: Any) -> None:
    from ..documentation import install as install_documentation

    install_documentation(window, workspace, ctx)
