"""``CaseloadModel``: the nurse's families as a table, in the order the store gives them
(by next due contact).

Rows are ``store.caseload.CaseloadRow`` values. ``set_rows`` replaces the list (a new search or
work list); ``update_row`` / ``remove_family`` change one row after a write, so the list never
jumps under the nurse's cursor.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from ...store.caseload import CaseloadRow
from .. import labels

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
BADGES_ROLE = Qt.ItemDataRole.UserRole + 2
FAMILY_ID_ROLE = Qt.ItemDataRole.UserRole + 3

COL_FAMILY, COL_CHILDREN, COL_NEXT, COL_NOTES, COL_ADDRESS = range(5)

_Index = QModelIndex | QPersistentModelIndex
translate = QCoreApplication.translate


def badges(row: CaseloadRow) -> list[tuple[str, str]]:
    """(kind, text) of the row's badges, most urgent first."""
    out: list[tuple[str, str]] = []
    if row.overdue:
        out.append(("overdue", translate("Caseload", "%n overdue", "", row.overdue)))
    if row.flagged_screenings:
        out.append(
            ("flag", translate("Caseload", "%n screening finding(s)", "", row.flagged_screenings))
        )
    if row.open_follow_ups:
        out.append(("follow_up", translate("Caseload", "%n follow-up(s)", "", row.open_follow_ups)))
    if row.interpreter_needed:
        language = labels.language(row.interpreter_language)
        text = (
            translate("Caseload", "Interpreter: %1").replace("%1", language)
            if language
            else translate("Caseload", "Interpreter")
        )
        out.append(("interpreter", text))
    return out


class CaseloadModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CaseloadRow] = []

    # -- Qt model API ---------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = [
            self.tr("Family"),
            self.tr("Children"),
            self.tr("Next contact"),
            self.tr("Good to know"),
            self.tr("Address"),
        ]
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == ROW_ROLE:
            return row
        if role == FAMILY_ID_ROLE:
            return row.family_id
        if role == BADGES_ROLE:
            return badges(row) if column == COL_NOTES else []
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_NOTES:
                return "\n".join(text for _kind, text in badges(row)) or None
            return self._text(row, column) or None
        return None

    def _text(self, row: CaseloadRow, column: int) -> str:
        if column == COL_FAMILY:
            return row.display_name
        if column == COL_CHILDREN:
            return row.children
        if column == COL_NEXT:
            if row.next_due_date is None:
                return self.tr("None planned")
            return f"{labels.format_date(row.next_due_date)}  {row.next_due_code}".strip()
        if column == COL_ADDRESS:
            return ", ".join(part for part in (row.address, row.area) if part)
        if column == COL_NOTES:
            return "; ".join(text for _kind, text in badges(row))
        return ""

    # -- changing -------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[CaseloadRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def row_of(self, family_id: str) -> int:
        for number, row in enumerate(self._rows):
            if row.family_id == family_id:
                return number
        return -1

    def family_id(self, row: int) -> str | None:
        return self._rows[row].family_id if 0 <= row < len(self._rows) else None

    def update_row(self, row: CaseloadRow) -> bool:
        """Replace the family's row in place; False if the family is not listed."""
        number = self.row_of(row.family_id)
        if number < 0:
            return False
        self._rows[number] = row
        self.dataChanged.emit(self.index(number, 0), self.index(number, self.columnCount() - 1))
        return True

    def remove_family(self, family_id: str) -> None:
        number = self.row_of(family_id)
        if number >= 0:
            self.beginRemoveRows(QModelIndex(), number, number)
            del self._rows[number]
            self.endRemoveRows()

    def rows(self) -> list[CaseloadRow]:
        return list(self._rows)
