"""The contract between the family panel and its tabs.

Each tab is a QWidget that also implements ``FamilyTab``: the panel calls ``show_family`` when
the nurse opens a family (or ``None`` when the window is cleared on lock) and ``refresh`` when
a write changed something; a tab reloads only if the change concerns its family and entities.

Optional: ``save_drafts() -> None`` (not part of the protocol, looked up with ``getattr``) is
called before the store is locked (lock button, Ctrl+L, auto-lock, suspend) while the store is
still open; queued writes finish before the store closes. Tabs are added with
``FamilyPanel.add_tab(widget, title)``, usually from a package's ``install`` hook (see
``ui/extensions.py``).
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from ...store.unit_of_work import Changed


@runtime_checkable
class FamilyTab(Protocol):
    def show_family(self, family_id: str | None) -> None: ...

    def refresh(self, changed: Changed) -> None: ...
