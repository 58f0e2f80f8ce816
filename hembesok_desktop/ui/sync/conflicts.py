"""The conflicts view: open conflicts to settle, and changes the server refused.

A conflict arises when two laptops changed the same field before either synced. Hembesök uses
the more recent value everywhere and keeps the other as a conflict; here the nurse sees both
(which family, which record and field, each value and when it was written) and chooses:
"Keep the value in use" or "Use the other value" (``store.replica.settle_conflict``, a normal
write that syncs like any other). Both values stay on the conflict row as history.

Refused changes are local changes the server would not accept, with its reason; "Send again"
requeues them for the next sync (``replica.retry_quarantined``).

``ConflictsDialog(ctx)`` loads on the worker (``loaded`` when shown); ``ConflictsDialog.ask``
runs it modally. The models are plain ``QAbstractTableModel``\\ s (checked with qtmodeltester).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...store import replica
from ...store.read import ReadSession
from ...store.read.conflicts import ConflictItem, RefusedItem, conflict_items, refused_items
from ..context import AppContext
from ..errors import message_for
from ..table_model import RowTableModel
from .words import field_name, record_kind, value_text, when_text

_Index = QModelIndex | QPersistentModelIndex


class _TableModel(RowTableModel):
    headers: Sequence[str] = ()

    def column_titles(self) -> Sequence[str]:
        return self.headers

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> Any:
        return self._rows[index]

    def cell(self, item: Any, column: int) -> str:
        raise NotImplementedError

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cell(self._rows[index.row()], index.column())
        return None


class ConflictsModel(_TableModel):
    FAMILY, RECORD, FIELD, IN_USE, OTHER = range(5)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headers = (
            self.tr("Family"),
            self.tr("Record"),
            self.tr("Field"),
            self.tr("Value in use now"),
            self.tr("Other value"),
        )

    def cell(self, item: ConflictItem, column: int) -> str:
        if column == self.FAMILY:
            return item.family_name
        if column == self.RECORD:
            kind = record_kind(item.entity)
            return f"{kind}: {item.person}" if item.person else kind
        if column == self.FIELD:
            return field_name(item.field, item.entity)
        if column == self.IN_USE:
            return self._value(item.field, item.winning_value, when_text(item.winning_at))
        if column == self.OTHER:
            return self._value(item.field, item.losing_value, when_text(item.losing_at))
        return ""

    def _value(self, field: str, value: Any, when: str) -> str:
        text = value_text(field, value)
        return self.tr("%1 (written %2)").replace("%1", text).replace("%2", when) if when else text


class RefusedModel(_TableModel):
    FAMILY, RECORD, FIELDS, REASON, WHEN = range(5)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headers = (
            self.tr("Family"),
            self.tr("Record"),
            self.tr("Changed fields"),
            self.tr("The server's reason"),
            self.tr("Changed"),
        )

    def cell(self, item: RefusedItem, column: int) -> str:
        if column == self.FAMILY:
            return item.family_name
        if column == self.RECORD:
            return record_kind(item.entity)
        if column == self.FIELDS:
            return ", ".join(field_name(name, item.entity) for name in item.fields)
        if column == self.REASON:
            return item.reason
        if column == self.WHEN:
            return when_text(item.created_at)
        return ""


def _table(model: _TableModel, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setWordWrap(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class ConflictsDialog(QDialog):
    #: the lists were (re)loaded (conflicts, refused changes)
    loaded = Signal(int, int)
    #: a conflict was settled / refused changes were requeued
    settled = Signal(str)
    requeued = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setWindowTitle(self.tr("Conflicts and refused changes"))
        self.conflicts = ConflictsModel(self)
        self.refused = RefusedModel(self)
        self.tabs = QTabWidget(self)

        page = QWidget(self.tabs)
        intro = QLabel(
            self.tr(
                "Two laptops changed the same information before they were synced. Hembesök "
                "uses the most recent value; the other one is kept here. Choose which value is "
                "right. Both values stay in the history."
            ),
            page,
        )
        intro.setWordWrap(True)
        self.conflict_view = _table(self.conflicts, page)
        self.conflict_view.setAccessibleName(self.tr("Open conflicts"))
        self.keep_button = QPushButton(self.tr("&Keep the value in use"), page)
        self.other_button = QPushButton(self.tr("&Use the other value"), page)
        self.keep_button.clicked.connect(lambda: self.settle_selected("winning"))
        self.other_button.clicked.connect(lambda: self.settle_selected("losing"))
        self.empty_conflicts = QLabel(self.tr("There are no conflicts to settle."), page)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.other_button)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(self.empty_conflicts)
        layout.addWidget(self.conflict_view, 1)
        layout.addLayout(buttons)
        self.tabs.addTab(page, self.tr("&Conflicts"))

        page2 = QWidget(self.tabs)
        intro2 = QLabel(
            self.tr(
                "The server did not accept these changes. They are kept on this laptop. Correct "
                "what the reason says, then send them again."
            ),
            page2,
        )
        intro2.setWordWrap(True)
        self.refused_view = _table(self.refused, page2)
        self.refused_view.setAccessibleName(self.tr("Refused changes"))
        self.retry_button = QPushButton(self.tr("&Send again at the next sync"), page2)
        self.retry_button.clicked.connect(self.retry_refused)
        self.empty_refused = QLabel(self.tr("The server has refused no changes."), page2)
        layout2 = QVBoxLayout(page2)
        layout2.addWidget(intro2)
        layout2.addWidget(self.empty_refused)
        layout2.addWidget(self.refused_view, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.retry_button)
        layout2.addLayout(row)
        self.tabs.addTab(page2, self.tr("&Refused changes"))

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        main = QVBoxLayout(self)
        main.addWidget(self.tabs, 1)
        main.addWidget(close)
        self.conflict_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()
        self.resize(1000, 480)

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: AppContext) -> None:
        dialog = cls(ctx, parent)
        dialog.load()
        dialog.exec()

    def load(self) -> None:
        def query(session: ReadSession) -> tuple[list[ConflictItem], list[RefusedItem]]:
            return conflict_items(session), refused_items(session)

        self._ctx.read(query, on_done=self._show, name="conflicts")

    def _show(self, result: tuple[list[ConflictItem], list[RefusedItem]]) -> None:
        conflicts, refused = result
        self.conflicts.set_rows(conflicts)
        self.refused.set_rows(refused)
        self.conflict_view.resizeRowsToContents()
        self.refused_view.resizeRowsToContents()
        self.empty_conflicts.setVisible(not conflicts)
        self.conflict_view.setVisible(bool(conflicts))
        self.empty_refused.setVisible(not refused)
        self.refused_view.setVisible(bool(refused))
        if conflicts:
            self.conflict_view.selectRow(0)
        elif refused:
            self.tabs.setCurrentIndex(1)
        self._update_buttons()
        self.loaded.emit(len(conflicts), len(refused))

    def selected_conflict(self) -> ConflictItem | None:
        rows = self.conflict_view.selectionModel().selectedRows()
        if not rows:
            return None
        item: ConflictItem = self.conflicts.row(rows[0].row())
        return item

    def settle_selected(self, keep: str) -> None:
        item = self.selected_conflict()
        if item is None:
            return
        conflict_id = item.id
        self.keep_button.setEnabled(False)
        self.other_button.setEnabled(False)
        self._ctx.write(
            lambda uow: replica.settle_conflict(uow, conflict_id, keep=keep),
            on_done=lambda _changed: self._settled(conflict_id),
            on_error=self._failed,
            name="settle-conflict",
        )

    def _settled(self, conflict_id: str) -> None:
        self.settled.emit(conflict_id)
        self.load()

    def retry_refused(self) -> None:
        store = self._ctx.store

        def done(count: int) -> None:
            self.requeued.emit(count)
            self.load()

        self._ctx.runner.run(
            lambda: replica.retry_quarantined(store),
            on_done=done,
            on_error=self._failed,
            name="retry-refused",
        )

    def _failed(self, error: BaseException) -> None:
        self._update_buttons()
        QMessageBox.warning(self, self.tr("Not saved"), message_for(error))

    def _update_buttons(self) -> None:
        chosen = self.selected_conflict() is not None
        self.keep_button.setEnabled(chosen)
        self.other_button.setEnabled(chosen)
        self.retry_button.setEnabled(self.refused.rowCount() > 0)
