"""``FamilyPanel``: the open family's header and its tabs (right side of the window).

Integration point for other UI work: any widget that implements the ``FamilyTab`` protocol
(``family/tab.py``: ``show_family(family_id | None)`` and ``refresh(changed)``) can be added with
``FamilyPanel.add_tab(widget, title)``; the panel then calls ``show_family`` when the nurse opens
a family (``None`` when the window is cleared on lock) and ``refresh`` after every write. A tab
may also define ``save_drafts() -> None``: it is called before the store is locked (auto-lock,
the lock button, suspend), while the store is still open, so unsigned text is kept as a draft.
Tabs reach the store only through the ``AppContext`` they were built with (``ctx.read`` /
``ctx.write``), never on the GUI thread.

Only the tab in view loads a family when it opens: the hidden tabs are cleared at once
(``show_family(None)``, which also saves their drafts) and get ``show_family(family_id)`` when
the nurse switches to them. Clearing the window (``show_family(None)``, on lock) still reaches
every tab. Opening a family therefore queues two reads (header and the tab in
view) instead of one per tab, so the record shows without waiting behind the other tabs'
loads; a hidden tab never holds another family than the open one.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...store.read.caseload import CaseloadRow, caseload_row
from ...store.unit_of_work import Changed
from .. import theme
from ..caseload.model import badges
from ..context import AppContext
from .tab import FamilyTab


class FamilyHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLabel(self)
        self.name.setFont(theme.scaled_font(self, 1.35, bold=True))
        self.name.setTextInteractionFlags(self.name.textInteractionFlags())
        self.subtitle = QLabel(self)
        self.subtitle.setWordWrap(True)
        self._badges = QHBoxLayout()
        self._badges.setSpacing(6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(4)
        layout.addWidget(self.name)
        layout.addWidget(self.subtitle)
        layout.addLayout(self._badges)

    def show_row(self, row: CaseloadRow | None) -> None:
        while self._badges.count():
            item = self._badges.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        if row is None:
            self.name.clear()
            self.subtitle.clear()
            return
        self.name.setText(row.display_name)
        parts = [row.children, ", ".join(p for p in (row.address, row.area) if p)]
        self.subtitle.setText("  ·  ".join(p for p in parts if p))
        for kind, text in badges(row):
            label = QLabel(text, self)
            label.setStyleSheet(theme.badge_style(kind))
            self._badges.addWidget(label)
        self._badges.addStretch(1)


class FamilyPanel(QWidget):
    #: the nurse switched tab (index)
    tab_changed = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.family_id: str | None = None
        self.header = FamilyHeader(self)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Family record"))
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._load_current_tab)
        self.tabs.currentChanged.connect(self.tab_changed)
        #: the family each tab was last given (``show_family``); hidden tabs lag behind
        self._shown: dict[object, str | None] = {}

        self._empty = QLabel(
            self.tr("Choose a family in the list to the left, or register a new family (Ctrl+N)."),
            self,
        )
        self._empty.setWordWrap(True)
        self._empty.setMargin(theme.MARGIN * 2)
        family_page = QWidget(self)
        page_layout = QVBoxLayout(family_page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.setSpacing(theme.SPACING)
        page_layout.addWidget(self.header)
        page_layout.addWidget(self.tabs, 1)
        self._stack = QStackedWidget(self)
        self._stack.addWidget(self._empty)
        self._stack.addWidget(family_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)

    # -- tabs -------------------------------------------------------------------------------
    def add_tab(self, widget: QWidget, title: str) -> int:
        """Add a tab (a QWidget implementing ``FamilyTab``); returns its index."""
        if not isinstance(widget, FamilyTab):
            raise TypeError(f"{type(widget).__name__} does not implement FamilyTab")
        index = self.tabs.addTab(widget, title)
        self._shown[widget] = None
        if self.family_id is not None and self.tabs.currentWidget() is widget:
            self._show_in(widget, self.family_id)
        return index

    def family_tabs(self) -> list[FamilyTab]:
        found: list[FamilyTab] = []
        for number in range(self.tabs.count()):
            widget = self.tabs.widget(number)
            if isinstance(widget, FamilyTab):
                found.append(widget)
        return found

    @property
    def current_tab(self) -> int:
        return self.tabs.currentIndex()

    def set_current_tab(self, index: int) -> None:
        if 0 <= index < self.tabs.count():
            self.tabs.setCurrentIndex(index)

    # -- family -----------------------------------------------------------------------------
    def show_family(self, family_id: str | None) -> None:
        self.family_id = family_id
        self._stack.setCurrentIndex(0 if family_id is None else 1)
        if family_id is None:
            self.header.show_row(None)
        else:
            self._load_header()
        current = self.tabs.currentWidget()
        for tab in self.family_tabs():
            if family_id is None or tab is current:
                self._show_in(tab, family_id)  # every tab is told when the window is cleared
            elif self._shown.get(tab) is not None:
                self._show_in(tab, None)  # loaded when the nurse switches to it

    def refresh(self, changed: Changed) -> None:
        mine = self.family_id is not None and self.family_id in changed.family_ids
        if mine and changed.entities - {"access_log_entry"}:
            self._load_header()
        for tab in self.family_tabs():
            tab.refresh(changed)

    def _load_current_tab(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if isinstance(tab, FamilyTab) and self._shown.get(tab) != self.family_id:
            self._show_in(tab, self.family_id)

    def _show_in(self, tab: FamilyTab, family_id: str | None) -> None:
        self._shown[tab] = family_id
        tab.show_family(family_id)

    def save_drafts(self) -> None:
        for tab in self.family_tabs():
            hook = getattr(tab, "save_drafts", None)
            if callable(hook):
                hook()

    def _load_header(self) -> None:
        family_id, today = self.family_id, self._ctx.today()
        if family_id is None:
            return

        def done(row: CaseloadRow | None) -> None:
            if self.family_id == family_id:
                self.header.show_row(row)

        self._ctx.read(
            lambda session: caseload_row(session, family_id, today=today),
            on_done=done,
            name="family-header",
        )
