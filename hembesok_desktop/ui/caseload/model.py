"""``CaseloadModel``: the nurse's families as a table, in the order the store gives them
(by next due contact).

Rows are ``store.caseload.CaseloadRow`` values. ``set_rows`` replaces the loaded work list;
``set_filter`` narrows what is shown to a set of family ids (a search, answered by
``store.read.caseload.matching_family_ids``) or shows every loaded row again (``None``), without
reloading anything; ``update_row`` / ``remove_family`` change one row after a write, so the list
never jumps under the nurse's cursor. ``rows``, ``row_of`` and ``family_id`` speak of the rows
shown.

Why filtering happens here and not in a ``QSortFilterProxyModel``: the search answer is a small
id set, and one model reset onto the few matching rows is cheaper than a proxy re-testing and
removing thousands of rows one range at a time.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from ...store.read.caseload import CaseloadRow
from .. import labels

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
BADGES_ROLE = Qt.ItemDataRole.UserRole + 2
FAMILY_ID_ROLE = Qt.ItemDataRole.UserRole + 3

COL_FAMILY, COL_CHILDREN, COL_NEXT, COL_NOTES, COL_ADDRESS = range(5)

_Index = QModelIndex | QPersistentModelIndex


class _Keep:
    """``set_rows(rows)`` keeps the current filter."""


KEEP = _Keep()
translate = QCoreApplication.translate


def badges(row: CaseloadRow) -> list[tuple[str, str]]:
    """(kind, text) of the row's badges, most urgent first."""
    out: list[tuple[str, str]] = []
    if row.urgent_findings:  # EPDS item 10: its own red badge, never the amber one
        out.append(
            ("urgent", translate("Caseload", "%n urgent finding(s)", "", row.urgent_findings))
        )
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
        #: the loaded work list, in the store's order
        self._loaded: list[CaseloadRow] = []
        #: family ids to show, or None for every loaded row
        self._wanted: frozenset[str] | None = None
        #: the rows shown: ``_loaded`` narrowed to ``_wanted``
        self._rows: list[CaseloadRow] = []
        #: family id -> its number in ``_rows``
        self._numbers: dict[str, int] = {}

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
    def set_rows(
        self, rows: Sequence[CaseloadRow], family_ids: Collection[str] | _Keep | None = KEEP
    ) -> None:
        """Replace the loaded list; and the filter too when ``family_ids`` is given."""
        self._loaded = list(rows)
        if not isinstance(family_ids, _Keep):
            self._wanted = None if family_ids is None else frozenset(family_ids)
        self._show()

    def set_filter(self, family_ids: Collection[str] | None) -> None:
        """Show only these families (None: every loaded row)."""
        self._wanted = None if family_ids is None else frozenset(family_ids)
        self._show()

    @property
    def filtered(self) -> bool:
        return self._wanted is not None

    def clear(self) -> None:
        self._wanted = None
        self.set_rows([])

    def _show(self) -> None:
        wanted = self._wanted
        shown = (
            self._loaded
            if wanted is None
            else [row for row in self._loaded if row.family_id in wanted]
        )
        if not self._rows and not shown:
            return
        self.beginResetModel()
        self._rows = list(shown)
        self._numbers = {row.family_id: number for number, row in enumerate(self._rows)}
        self.endResetModel()

    def row_of(self, family_id: str) -> int:
        return self._numbers.get(family_id, -1)

    def is_loaded(self, family_id: str) -> bool:
        """Whether the family is in the loaded list (shown or filtered out)."""
        return any(row.family_id == family_id for row in self._loaded)

    def family_id(self, row: int) -> str | None:
        return self._rows[row].family_id if 0 <= row < len(self._rows) else None

    def update_row(self, row: CaseloadRow) -> bool:
        """Replace the family's row in place; False if the family is not loaded."""
        for number, loaded in enumerate(self._loaded):
            if loaded.family_id == row.family_id:
                self._loaded[number] = row
                break
        else:
            return False
        shown = self.row_of(row.family_id)
        if shown >= 0:
            self._rows[shown] = row
            self.dataChanged.emit(self.index(shown, 0), self.index(shown, self.columnCount() - 1))
        return True

    def remove_family(self, family_id: str) -> None:
        self._loaded = [row for row in self._loaded if row.family_id != family_id]
        number = self.row_of(family_id)
        if number >= 0:
            self.beginRemoveRows(QModelIndex(), number, number)
            del self._rows[number]
            self._numbers = {row.family_id: n for n, row in enumerate(self._rows)}
            self.endRemoveRows()

    def rows(self) -> list[CaseloadRow]:
        """The rows shown."""
        return list(self._rows)
