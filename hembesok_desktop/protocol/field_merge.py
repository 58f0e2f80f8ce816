"""The merge rule on protocol types: thin adapters over ``protocol.merge`` (the one rule).

The server merges ``FieldValue`` objects from the wire; the laptop store merges the same rule on
``protocol.merge.Version`` directly. Both end in ``protocol.merge.merge_field``, so client and
server can never disagree about which version wins or whether a loser is kept as a Conflict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import merge as rule
from .merge import values_equal
from .wire import FieldValue

__all__ = [
    "FieldMerge",
    "conflict_fields",
    "conflict_row_id",
    "from_version",
    "merge_field",
    "to_version",
    "values_equal",
]


@dataclass(frozen=True, slots=True)
class FieldMerge:
    winner: FieldValue
    #: the concurrent value that lost and differs from the winner, to keep as a Conflict
    loser: FieldValue | None
    #: whether the stored value changes
    changed: bool


def to_version(value: FieldValue) -> rule.Version:
    return rule.Version(value=value.value, hlc=value.hlc, base=value.base)


def from_version(version: rule.Version) -> FieldValue:
    return FieldValue(value=version.value, hlc=version.hlc, base=version.base)


def merge_field(current: FieldValue | None, incoming: FieldValue) -> FieldMerge:
    current_version = None if current is None else to_version(current)
    incoming_version = to_version(incoming)
    result = rule.merge_field(current_version, incoming_version)

    def back(version: rule.Version) -> FieldValue:
        if version is incoming_version or current is None:
            return incoming
        return current

    loser = None if result.loser is None else back(result.loser)
    return FieldMerge(winner=back(result.winner), loser=loser, changed=result.changed)


def conflict_row_id(*, entity: str, row_id: str, field: str, losing_hlc: str) -> str:
    return rule.conflict_row_id(entity=entity, row_id=row_id, field=field, losing_hlc=losing_hlc)


def conflict_fields(
    *, entity: str, row_id: str, field: str, winner: FieldValue, loser: FieldValue
) -> dict[str, Any]:
    """The field values of a Conflict row recording that ``loser`` lost to ``winner``."""
    return rule.conflict_fields(
        entity=entity,
        row_id=row_id,
        field=field,
        winner=to_version(winner),
        loser=to_version(loser),
    )
