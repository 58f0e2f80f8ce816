"""The change history screen: ``store.history.family_history`` (frozen ``HistoryEntry`` values)."""

from __future__ import annotations

from ..history import FieldChange, HistoryEntry, family_history

__all__ = ["FieldChange", "HistoryEntry", "family_history"]
