"""The journal entries of one family as a table: when, author, status, text."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from ...store.read.views import JournalEntryView
from ..common.timefmt import fmt_datetime
from ..table_model import Index, RowTableModel

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def entry_time(entry: JournalEntryView) -> datetime:
    return entry.signed_at or entry.created_at


class JournalModel(RowTableModel):
    """When, author, status, text."""

    _rows: list[JournalEntryView]

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._by_id: dict[str, JournalEntryView] = {}
        self._amended_by: dict[str, JournalEntryView] = {}

    def set_entries(self, entries: Sequence[JournalEntryView]) -> None:
        self.beginResetModel()
        self._rows = sorted(entries, key=entry_time, reverse=True)
        self._by_id = {entry.id: entry for entry in self._rows}
        self._amended_by = {e.amends: e for e in self._rows if e.amends}
        self.endResetModel()

    def entry(self, row: int) -> JournalEntryView:
        return self._rows[row]

    def entry_by_id(self, entry_id: str) -> JournalEntryView | None:
        return self._by_id.get(entry_id)

    def amendment_of(self, entry_id: str) -> JournalEntryView | None:
        """The entry that corrects ``entry_id``, if any."""
        return self._amended_by.get(entry_id)

    # -- Qt model ---------------------------------------------------------------------------
    def column_titles(self) -> tuple[str, ...]:
        return (self.tr("When"), self.tr("Author"), self.tr("Status"), self.tr("Text"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:  # the cell's full text (it may be elided)
            return entry.text if column == 3 else self._display(entry, column)
        if role == Qt.ItemDataRole.FontRole and entry.voided_at is not None:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == ENTRY_ID_ROLE:
            return entry.id
        return None

    def status_text(self, entry: JournalEntryView) -> str:
        if entry.voided_at is not None:
            return self.tr("Voided")
        parts = []
        if entry.amends:
            original = self._by_id.get(entry.amends)
            when = fmt_datetime(entry_time(original)) if original else ""
            parts.append(self.tr("Correction of %1").replace("%1", when).strip())
        if entry.id in self._amended_by:
            parts.append(self.tr("Corrected"))
        if not parts:
            parts.append(self.tr("Signed") if entry.signed_at else self.tr("Unsigned"))
        return ", ".join(parts)

    def _display(self, entry: JournalEntryView, column: int) -> str:
        if column == 0:
            return fmt_datetime(entry_time(entry))
        if column == 1:
            return entry.author_name  # the title is in the detail view
        if column == 2:
            return self.status_text(entry)
        first_line = entry.text.strip().splitlines()[0] if entry.text.strip() else ""
        return first_line[:120]
