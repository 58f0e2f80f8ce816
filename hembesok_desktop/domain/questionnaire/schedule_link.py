"""The link from a QuestionnaireResponse to the screening-schedule entry it fulfils.

A response started from a planned screening (e.g. ``EPDS1`` of ``screening_schedule.json``)
carries the entry's code in an extension of the stored FHIR resource, so no store column is
needed; ``store.programme_figures`` reads it back and counts the response for that entry.

Pure Python, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

SCHEDULE_ENTRY_URL = "http://hembesok.se/fhir/StructureDefinition/schedule-entry"


def with_schedule_entry(resource: Mapping[str, Any], code: str | None) -> dict[str, Any]:
    """A copy of the response ``resource`` naming schedule entry ``code`` (unchanged if None)."""
    linked = dict(resource)
    if not code:
        return linked
    others = [e for e in linked.get("extension", []) if e.get("url") != SCHEDULE_ENTRY_URL]
    linked["extension"] = [*others, {"url": SCHEDULE_ENTRY_URL, "valueCode": code}]
    return linked
