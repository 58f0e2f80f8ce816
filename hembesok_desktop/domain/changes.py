"""``Changed``: what a write or a sync changed (entity kinds, row ids, family ids), so views
refresh only that.

A local write returns one (``store.unit_of_work``), and so does applying the server's rows or
removing families that left the scope (``store.replica``); the sync engine adds up the pages'
values into the sync's summary. It lives in the domain because both the store and the sync
engine name it and neither may import the other. Ids only, never personal data.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Changed:
    """What a write changed, so views refresh only that."""

    entities: frozenset[str] = frozenset()
    row_ids: frozenset[str] = frozenset()
    family_ids: frozenset[str] = frozenset()

    @property
    def row_id(self) -> str:
        """The id of the row a single-row write made or changed."""
        return next(iter(self.row_ids))

    @property
    def empty(self) -> bool:
        """Nothing changed."""
        return not (self.entities or self.row_ids or self.family_ids)

    def __or__(self, other: Changed) -> Changed:
        """Everything either changed."""
        return Changed(
            entities=self.entities | other.entities,
            row_ids=self.row_ids | other.row_ids,
            family_ids=self.family_ids | other.family_ids,
        )


@dataclass(frozen=True, slots=True)
class PageApplied:
    """What applying one pulled page did on the laptop (``sync.engine.ReplicaPort.apply_page``)."""

    rows: int
    new_conflicts: int
    #: the rows the page inserted or changed locally
    changed: Changed = field(default_factory=Changed)
    #: rows that could not be stored and were set aside with their reason
    set_aside: int = 0
