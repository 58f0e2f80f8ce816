"""Per-field last-writer-wins merge by hybrid logical clock: the one rule every replica uses.

A field's ``Version`` is its ``value`` (in its wire form: JSON types, dates as ISO text), the
``hlc`` timestamp of the write that made it and the ``base``: the timestamp of the version the
writer saw before. ``merge_field`` decides which of two versions wins. The larger ``hlc`` always
wins, so every replica that has seen the same writes holds the same value (convergence). A write
that did not see the version it competes with (its ``base`` differs from the other's ``hlc`` and
vice versa) is *concurrent*; if the two values differ, the losing one is returned so the caller
keeps it as a Conflict. Nothing is lost silently.

A conflict's row id is derived from what lost, so recording the same conflict twice (a batch sent
again, two replicas merging the same pair) yields one row.

The laptop store (``store.replica``) and the server (through the thin adapters in
``protocol.field_merge``) both call this module, so the rule is identical on client and server.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

_CONFLICT_NAMESPACE = uuid.UUID("6f1c1f0e-6a43-4c5e-9a57-2b1f3d7c9e11")


@dataclass(frozen=True, slots=True)
class Version:
    """One version of one field: its value, the write's timestamp, and what the writer saw."""

    value: Any
    hlc: str
    base: str | None = None


@dataclass(frozen=True, slots=True)
class FieldMerge:
    winner: Version
    #: the concurrent value that lost and differs from the winner, to keep as a Conflict
    loser: Version | None
    #: whether the stored value changes
    changed: bool


def merge_field(current: Version | None, incoming: Version) -> FieldMerge:
    """Merge ``incoming`` into the stored ``current`` version of a field."""
    if current is None:
        return FieldMerge(winner=incoming, loser=None, changed=True)
    if incoming.hlc == current.hlc:
        return FieldMerge(winner=current, loser=None, changed=False)
    incoming_wins = incoming.hlc > current.hlc
    winner, loser = (incoming, current) if incoming_wins else (current, incoming)
    concurrent = incoming.base != current.hlc and current.base != incoming.hlc
    kept = loser if concurrent and not values_equal(loser.value, winner.value) else None
    return FieldMerge(winner=winner, loser=kept, changed=incoming_wins)


def values_equal(left: Any, right: Any) -> bool:
    return bool(left == right and type(left) is type(right))


def conflict_row_id(*, entity: str, row_id: str, field: str, losing_hlc: str) -> str:
    return str(uuid.uuid5(_CONFLICT_NAMESPACE, f"{entity}/{row_id}/{field}/{losing_hlc}"))


def conflict_fields(
    *, entity: str, row_id: str, field: str, winner: Version, loser: Version
) -> dict[str, Any]:
    """The field values of a Conflict row recording that ``loser`` lost to ``winner``."""
    return {
        "row_entity": entity,
        "row_id": row_id,
        "field": field,
        "losing_value": loser.value,
        "losing_hlc": loser.hlc,
        "winning_value": winner.value,
        "winning_hlc": winner.hlc,
        "status": "open",
    }
