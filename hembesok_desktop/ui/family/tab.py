"""The contract between the family panel and its tabs.

Each tab is a QWidget that also implements ``FamilyTab``: the panel calls ``show_family`` when
the nurse opens a family (or ``None`` when the window is cleared on lock) and ``refresh`` when
a write changed something; a tab reloads only if the change concerns its family and entities.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from ...store.unit_of_work import Changed


@runtime_checkable
class FamilyTab(Protocol):
    def show_family(self, family_id: str | None) -> None: ...

    def refresh(self, changed: Changed) -> None: ...
