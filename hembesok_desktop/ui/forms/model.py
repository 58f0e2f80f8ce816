"""The family's questionnaire responses and drafts as a table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from ..common.timefmt import fmt_datetime
from ..flows.questionnaire import language_name
from ..table_model import Index, RowTableModel
from .data import ResponseRow

# the red of an urgent finding, as the follow-up panel's "Urgent" line
URGENT_RED = "#a00000"


class ResponsesModel(RowTableModel):
    _rows: list[ResponseRow]

    def set_rows(self, rows: list[ResponseRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, row: int) -> ResponseRow:
        return self._rows[row]

    def column_titles(self) -> tuple[str, ...]:
        return (
            self.tr("Date"),
            self.tr("Form"),
            self.tr("Respondent"),
            self.tr("Language"),
            self.tr("Status"),
            self.tr("Score and flags"),
        )

    def status_text(self, status: str) -> str:
        return {
            "draft": self.tr("In progress (draft)"),
            "completed": self.tr("Completed"),
            "in-progress": self.tr("In progress"),
            "voided": self.tr("Voided"),
        }.get(status, status)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            if column == 0:
                return fmt_datetime(row.when)
            if column == 1:
                return (
                    f"{row.form_title} ({row.form_version})" if row.form_version else row.form_title
                )
            if column == 2:
                return row.respondent
            if column == 3:
                return language_name(row.language) if row.language else ""
            if column == 4:
                if row.awaiting_acute:
                    return self.tr("Not closed: record the acute assessment")
                return self.status_text(row.status)
            urgent = self.tr("Urgent") if row.urgent else ""
            return " · ".join(p for p in (urgent, row.score, *row.flags) if p)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.urgent and (column == 5 or (column == 4 and row.awaiting_acute)):
                return QColor(URGENT_RED)
            if column == 5 and row.flags:
                return QColor("#8a5a00")
        if role == Qt.ItemDataRole.FontRole and row.urgent and column in (4, 5):
            font = QFont()
            font.setBold(True)
            return font
        return None
