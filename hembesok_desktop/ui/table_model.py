"""The shared base of the flat tables (journal, contacts, responses, history, conflicts).

A subclass keeps its rows in ``self._rows``, names its columns in ``column_titles()`` (with
``self.tr`` there, so the translation context stays the subclass's) and answers ``data``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class RowTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def column_titles(self) -> Sequence[str]:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.column_titles())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = self.column_titles()
        return titles[section] if 0 <= section < len(titles) else None

    def row_of(self, row_id: str) -> int:
        """The number of the row whose ``id`` is ``row_id``, or -1."""
        return next((i for i, row in enumerate(self._rows) if row.id == row_id), -1)
