"""``CaseloadPanel``: search as you type, work lists and the caseload table.

The work list is loaded once (``store.read.caseload.caseload_rows``, on the worker) and kept in the
model. Typing restarts an 80 ms timer; when it fires, only
``store.read.caseload.matching_family_ids`` runs on the worker (a few milliseconds on 10,000
families) and the model shows the loaded rows with those ids; only the newest answer applies.
Clearing the search shows the loaded rows at once, without the worker. After a write,
``refresh(changed)`` re-reads just the changed families (``caseload_row``), or the whole list
(and the search) when a family is new to it.

Enter in the search box opens the top hit at once; when the search has not answered yet
(typed faster than the timer), it opens the top hit of the answer. Columns fit their content
(capped, so one long address cannot push the others away); every cell's full text is its tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...store.read import ReadSession
from ...store.read.caseload import (
    WORKLISTS,
    CaseloadRow,
    caseload_row,
    caseload_rows,
    matching_family_ids,
)
from ...store.unit_of_work import Changed
from .. import labels, theme
from ..badges import BadgeDelegate
from ..context import AppContext
from .model import BADGES_ROLE, COL_CHILDREN, COL_FAMILY, COL_NOTES, CaseloadModel

#: typing pause before the search runs (the search itself takes a few milliseconds)
SEARCH_DELAY_MS = 80
# rows measured when fitting the columns to their content (beyond those in view)
FIT_PRECISION_ROWS = 200
# no column is fitted wider than this share of the table
MAX_COLUMN_SHARE = 0.45
# the names share the width so the next contact and the badges stay in view on a laptop
COLUMN_SHARES = {COL_FAMILY: 0.32, COL_CHILDREN: 0.28}


class CaseloadPanel(QWidget):
    #: the nurse opened a family (click, Enter or double-click; moving with the arrow keys
    #: does not open a record, so it is not logged as an access)
    family_activated = Signal(str)
    #: a list query finished (rows shown); used by tests and benchmarks
    rows_loaded = Signal(int)

    def __init__(self, ctx: AppContext, *, worklist: str = "all", parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        #: newest list load and newest search; an older answer is dropped
        self._generation = 0
        self._search_generation = 0
        self._worklist = worklist if worklist in WORKLISTS else "all"
        # a search is on the worker / Enter came before its answer: open the top hit then
        self._searching = False
        self._open_when_found = False
        self.model = CaseloadModel(self)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search name, personal number or address"))
        self.search.setAccessibleName(self.tr("Search the caseload"))
        self.search.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._open_first)

        self.worklist_buttons = QButtonGroup(self)
        self.worklist_buttons.setExclusive(True)
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        names = labels.worklists()
        for key in ("today", "week", "overdue", "followup", "all"):
            button = QPushButton(names[key], self)
            button.setCheckable(True)
            button.setChecked(key == self._worklist)
            button.setProperty("worklist", key)
            button.setAccessibleName(
                self.tr("Work list: %1").replace("%1", names[key].replace("&", ""))
            )
            self.worklist_buttons.addButton(button)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.worklist_buttons.buttonClicked.connect(
            lambda button: self.set_worklist(str(button.property("worklist")))
        )

        self.count_label = QLabel(self)
        self.count_label.setAccessibleName(self.tr("Number of families shown"))

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Families"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 18)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setAccessibleName(self.tr("Column headings"))
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(FIT_PRECISION_ROWS)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.model.modelReset.connect(self.fit_columns)
        metrics = self.fontMetrics()
        header.resizeSection(COL_FAMILY, metrics.horizontalAdvance("M" * 15))
        header.resizeSection(1, metrics.horizontalAdvance("M" * 10))
        header.resizeSection(2, metrics.horizontalAdvance("0000-00-00  HB0") + 24)
        header.resizeSection(COL_NOTES, metrics.horizontalAdvance("M" * 11))
        self.table.setItemDelegateForColumn(COL_NOTES, BadgeDelegate(BADGES_ROLE, self.table))
        self.table.activated.connect(self._activated)
        self.table.doubleClicked.connect(self._activated)
        self.table.clicked.connect(self._activated)

        layout = QVBoxLayout(self)
        theme.roomy(layout, margin=0, spacing=theme.SPACING // 2 + 2)
        layout.addWidget(self.search)
        layout.addLayout(buttons)
        layout.addWidget(self.count_label)
        # an empty list says why (nothing due today, no hit): a page in place of the table,
        # so nothing below it moves
        self.empty_label = QLabel(self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.empty_label.setWordWrap(True)
        self.empty_label.setFrameShape(QFrame.Shape.StyledPanel)  # where the list would be
        self.empty_label.setMargin(theme.MARGIN * 2)
        self.empty_label.setAccessibleName(self.tr("The list is empty"))
        self.list_pages = QStackedWidget(self)
        self.list_pages.addWidget(self.table)
        self.list_pages.addWidget(self.empty_label)
        layout.addWidget(self.list_pages, 1)
        self.model.rowsRemoved.connect(lambda *_: self._update_empty())
        self.model.rowsInserted.connect(lambda *_: self._update_empty())

    # -- loading --------------------------------------------------------------------------
    @property
    def worklist(self) -> str:
        return self._worklist

    def set_worklist(self, worklist: str) -> None:
        if worklist not in WORKLISTS:
            raise ValueError(f"unknown work list {worklist!r}")
        self._worklist = worklist
        for button in self.worklist_buttons.buttons():
            button.setChecked(button.property("worklist") == worklist)
        self.reload()

    def reload(self) -> None:
        """Load the work list (and run the current search) on the worker; newest answer only."""
        self._timer.stop()
        self._generation += 1
        self._search_generation += 1
        generation, search_generation = self._generation, self._search_generation
        worklist, query, today = self._worklist, self.search.text(), self._ctx.today()
        self._searching = bool(query.strip())

        def load(session: ReadSession) -> tuple[list[CaseloadRow], list[str] | None]:
            rows = caseload_rows(session, worklist=worklist, today=today)
            ids = matching_family_ids(session, query) if query.strip() else None
            return rows, ids

        def done(answer: tuple[list[CaseloadRow], list[str] | None]) -> None:
            if generation != self._generation:
                return
            rows, ids = answer
            current = self.current_family_id()
            if search_generation == self._search_generation:
                self._searching = False
                self.model.set_rows(rows, ids)  # no newer search: its answer is the current one
            else:
                self.model.set_rows(rows)
            self._shown(current)
            if self._open_when_found and search_generation == self._search_generation:
                self._open_top()

        self._ctx.read(load, on_done=done, name="caseload")

    def search_now(self) -> None:
        """Narrow the loaded list to the current search text (on the worker); newest only."""
        self._timer.stop()
        self._search_generation += 1
        generation, query = self._search_generation, self.search.text()
        if not query.strip():
            self._searching = False
            self._filter(None)
            return
        self._searching = True

        def done(ids: list[str]) -> None:
            if generation == self._search_generation:
                self._searching = False
                self._filter(ids)
                if self._open_when_found:
                    self._open_top()

        self._ctx.read(
            lambda session: matching_family_ids(session, query),
            on_done=done,
            name="caseload-search",
        )

    def _filter(self, ids: list[str] | None) -> None:
        current = self.current_family_id()
        self.model.set_filter(ids)
        self._shown(current)

    def _shown(self, current: str | None) -> None:
        rows = self.model.rowCount()
        self.count_label.setText(self.tr("%n family(ies)", "", rows))
        self._update_empty()
        if current is not None:
            self.select_family(current, activate=False)
        self.rows_loaded.emit(rows)

    def _update_empty(self) -> None:
        rows = self.model.rowCount()
        self.empty_label.setText("" if rows else self.empty_text())
        self.list_pages.setCurrentWidget(self.table if rows else self.empty_label)

    def empty_text(self) -> str:
        """Why the list is empty: the search found nothing, or the work list has nothing."""
        if self.search.text().strip():
            return self.tr("No family in this list matches the search.")
        return {
            "today": self.tr("No visits are planned for today."),
            "week": self.tr("No visits are planned for this week."),
            "overdue": self.tr("No visit is overdue."),
            "followup": self.tr("No follow-up is waiting."),
        }.get(self._worklist, self.tr("There are no families yet."))

    def refresh(self, changed: Changed) -> None:
        """Re-read only the families a write touched."""
        if not changed.family_ids or not changed.entities - {"access_log_entry"}:
            return
        unknown = [fid for fid in changed.family_ids if not self.model.is_loaded(fid)]
        if unknown:
            self.reload()
            return
        for family_id in changed.family_ids:
            self._reload_row(family_id)
        if any(self.model.row_of(fid) < 0 for fid in changed.family_ids):
            self.search_now()  # a family the search hides may match it after the write

    def _reload_row(self, family_id: str) -> None:
        today = self._ctx.today()

        def done(row: CaseloadRow | None) -> None:
            if row is None:
                self.model.remove_family(family_id)
            else:
                self.model.update_row(row)

        self._ctx.read(
            lambda session: caseload_row(session, family_id, today=today),
            on_done=done,
            name="caseload-row",
        )

    def clear(self) -> None:
        self._generation += 1
        self._search_generation += 1
        self._searching = self._open_when_found = False
        self.model.clear()
        self.search.clear()
        self._timer.stop()
        self.count_label.clear()
        self.list_pages.setCurrentWidget(self.table)

    # -- selection ------------------------------------------------------------------------
    def current_family_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.family_id(index.row()) if index.isValid() else None

    def select_family(self, family_id: str, *, activate: bool = False) -> bool:
        row = self.model.row_of(family_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        if activate:
            self._activated(index)
        return True

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _activated(self, index: QModelIndex) -> None:
        family_id = self.model.family_id(index.row())
        if family_id is not None:
            self.family_activated.emit(family_id)

    def fit_columns(self) -> None:
        """Size the columns to their content, none wider than ``MAX_COLUMN_SHARE``."""
        if self.model.rowCount() == 0:
            return
        header = self.table.horizontalHeader()
        width = self.table.viewport().width()
        for column in range(self.model.columnCount() - 1):  # the last one stretches
            self.table.resizeColumnToContents(column)
            widest = max(120, int(width * COLUMN_SHARES.get(column, MAX_COLUMN_SHARE)))
            if header.sectionSize(column) > widest:
                header.resizeSection(column, widest)

    def _open_first(self) -> None:
        """Enter in the search box: open the top hit (of the answer still to come)."""
        if self._timer.isActive():
            self.search_now()
        if self._searching:
            self._open_when_found = True
            return
        self._open_top()

    def _open_top(self) -> None:
        self._open_when_found = False
        if self.model.rowCount() == 0:
            return
        index = self.model.index(0, 0)
        self.table.setFocus()
        self.table.setCurrentIndex(index)
        if self.search.text().strip():
            self._activated(index)
