"""The timeline screen: the family's (or one child's) timeline and the children to filter by.

The items are ``domain.timeline.TimelineItem`` values (frozen), built by
``store.family_record.timeline_of``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...domain.catalogue import Catalogue
from ...domain.programmes import Language
from ...domain.timeline import TimelineItem
from ..family_record import family_timeline, load_family, timeline_of
from . import ReadSession
from .views import ChildView, view_of

__all__ = ["TimelineView", "family_timeline", "timeline_view"]


@dataclass(frozen=True)
class TimelineView:
    children: tuple[ChildView, ...]
    items: tuple[TimelineItem, ...]


def timeline_view(
    session: ReadSession,
    family_id: str,
    *,
    today: date,
    catalogue: Catalogue,
    child_id: str | None = None,
    language: Language = "sv",
) -> TimelineView:
    """The children and the timeline; a ``child_id`` the family no longer has shows them all."""
    record = load_family(session, family_id)
    known = any(child.id == child_id for child in record.children)
    items = timeline_of(
        record,
        today=today,
        catalogue=catalogue,
        child_id=child_id if known else None,
        language=language,
    )
    return TimelineView(
        children=tuple(view_of(ChildView, c) for c in record.children), items=tuple(items)
    )
