"""The family's change history ("Show change history" in the Family tab).

``HistoryModel`` is a table over ``store.history.family_history`` (newest first) in the
nurse's words: when, what it concerns ("Guardian Amina Testsson"), what changed ("Address
changed to Storgatan 1"), by whom (the nurse on this laptop, or "Another device") and whether
the edit has been sent. ``HistoryDialog.ask`` shows it. Opening the history writes no
access-log entry: it is part of a record that was logged when it was opened.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.planning import stockholm_tz
from ...store.read.history import FieldChange, HistoryEntry
from .. import labels, theme
from ..field_names import field_name
from ..table_model import RowTableModel
from .child_details import gestation_text

_Index = QModelIndex | QPersistentModelIndex
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1

#: fields whose new value is not repeated in the description (long or structured)
_VALUE_HIDDEN = frozenset(
    {"text", "answers", "subscores", "flags", "participants", "themes", "versions"}
)


class HistoryModel(RowTableModel):
    WHEN, CONCERNS, CHANGE, WHO, SYNC = range(5)
    _rows: list[HistoryEntry]

    # -- Qt ---------------------------------------------------------------------------------
    def column_titles(self) -> tuple[str, ...]:
        return (
            self.tr("When"),
            self.tr("Concerns"),
            self.tr("Change"),
            self.tr("By"),
            self.tr("Sync"),
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        if role == ENTRY_ROLE:
            return entry
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.cell(entry, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.CHANGE:
            return self.describe(entry)
        return None

    # -- content ----------------------------------------------------------------------------
    def set_entries(self, entries: Sequence[HistoryEntry]) -> None:
        self.beginResetModel()
        self._rows = list(entries)
        self.endResetModel()

    def entries(self) -> list[HistoryEntry]:
        return list(self._rows)

    def cell(self, entry: HistoryEntry, column: int) -> str:
        if column == self.WHEN:
            return format_when(entry.when)
        if column == self.CONCERNS:
            return self.concerns(entry)
        if column == self.CHANGE:
            return self.describe(entry)
        if column == self.WHO:
            if entry.origin == "local":
                return entry.who or self.tr("This laptop")
            return self.tr("Another device or the server")
        if column == self.SYNC:
            return {
                "pending": self.tr("Not sent yet"),
                "sent": self.tr("Sent"),
                "quarantined": self.tr("Refused by the server"),
            }.get(entry.state, self.tr("From the server") if entry.origin == "remote" else "")
        return ""

    def concerns(self, entry: HistoryEntry) -> str:
        name = self.entity_name(entry.entity)
        return f"{name} {entry.subject}" if entry.subject else name

    def entity_name(self, entity: str) -> str:
        return {
            "family": self.tr("Family"),
            "guardian": self.tr("Guardian"),
            "child": self.tr("Child"),
            "enrollment": self.tr("Enrollment"),
            "contact": self.tr("Visit"),
            "journal_entry": self.tr("Journal entry"),
            "measurement": self.tr("Measurement"),
            "questionnaire_response": self.tr("Screening"),
            "follow_up_action": self.tr("Follow-up"),
        }.get(entity, entity)

    def describe(self, entry: HistoryEntry) -> str:
        """The change in the nurse's words: "Registered", "Address changed to …; Phone changed"."""
        if entry.created:
            return {
                "family": self.tr("Family registered"),
                "guardian": self.tr("Guardian added"),
                "child": self.tr("Child added"),
                "enrollment": self.tr("Enrolled in the programme"),
                "contact": self.tr("Visit planned"),
                "journal_entry": self.tr("Journal entry written"),
                "measurement": self.tr("Measurement recorded"),
                "questionnaire_response": self.tr("Screening started"),
                "follow_up_action": self.tr("Follow-up offered"),
                "feeding_record": self.tr("Feeding recorded"),
                "vaccination": self.tr("Vaccination recorded"),
                "language_record": self.tr("Language development recorded"),
                "tobacco_exposure": self.tr("Tobacco smoke in the home recorded"),
                "sensory_screening": self.tr("Hearing or vision screening recorded"),
                "referral": self.tr("Referral recorded"),
            }.get(entry.entity, self.tr("Added"))
        parts = [self.describe_change(entry.entity, change) for change in entry.changes]
        return "; ".join(parts) if parts else self.tr("Changed")

    def describe_change(self, entity: str, change: FieldChange) -> str:
        name = self.field_name(entity, change.name)
        if change.name in _VALUE_HIDDEN:
            return self.tr("%1 changed").replace("%1", name)
        value = self.value_text(change)
        if not value:
            return self.tr("%1 cleared").replace("%1", name)
        return self.tr("%1 changed to %2").replace("%1", name).replace("%2", value)

    def value_text(self, change: FieldChange) -> str:
        value = change.value
        if isinstance(value, bool):
            return self.tr("yes") if value else self.tr("no")
        token = value if isinstance(value, str) else ""
        if change.name in ("language", "interpreter_language"):
            return labels.language(token)
        if change.name == "languages" and isinstance(value, list):
            return labels.language_list([str(code) for code in value])
        if change.name == "role":
            return labels.guardian_role(token)
        if change.name == "sex":
            return labels.sexes().get(token, token)
        if change.name == "inclusion_reason":
            return labels.inclusion_reason(token)
        if change.name == "identity_kind":
            return labels.identity_kind(token)
        if change.name == "status" and token:
            return (
                labels.enrollment_status(token)
                if token in ("active", "ended")
                else (labels.contact_state(token))
            )
        if change.name == "gestational_age_days" and isinstance(value, int):
            return gestation_text(value)
        if change.name.endswith("_at") and token:
            try:
                return format_when(datetime.fromisoformat(token))
            except ValueError:
                return change.text
        return change.text

    def field_name(self, entity: str, field: str) -> str:
        return field_name(entity, field)


def format_when(moment: datetime) -> str:
    """A time as the nurse reads it, in Swedish local time: 2025-03-14 09:30."""
    return moment.astimezone(stockholm_tz()).strftime("%Y-%m-%d %H:%M")


class HistoryDialog(QDialog):
    def __init__(self, entries: Sequence[HistoryEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change history"))
        intro = QLabel(
            self.tr(
                "Every change made on this laptop, newest first, and when the current version "
                "of each detail synced from other devices was written. Nothing here can be "
                "changed."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.model = HistoryModel(self)
        self.model.set_entries(entries)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Change history"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HistoryModel.CHANGE, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(self.tr("No changes recorded."), self)
        self.empty.setVisible(not entries)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        theme.roomy(layout)
        layout.addWidget(intro)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(900, 520)

    @classmethod
    def ask(cls, parent: QWidget | None, entries: Sequence[HistoryEntry]) -> None:
        dialog = cls(entries, parent)
        dialog.exec()
        dialog.deleteLater()
