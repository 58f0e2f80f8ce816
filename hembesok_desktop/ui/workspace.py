"""The unlocked workspace: top bar, caseload on the left, the open family on the right.

One ``Workspace`` lives per unlocked session: it is built on unlock with that session's
``AppContext`` and destroyed on lock, so nothing of a family stays on screen or in memory
after locking. It wires the parts together:

- opening a family writes an access-log entry (``services.access_log.log_access``, action
  ``open``) and shows it in the ``FamilyPanel``;
- every write's ``Changed`` (``TaskRunner.changed``) goes to the caseload (one row re-read),
  the family panel and its tabs (``refresh``), and the sync status (pending count); a sync's
  ``Changed`` (``SyncSummary.changed``) takes the same path (``refresh_views``: the sync
  re-reads its status itself when it ends), except that one touching more than
  ``MANY_FAMILIES`` families reloads the caseload once instead of re-reading each row;
- ``place`` / ``restore`` give the open family and tab, so unlocking returns there.

Hooks for other UI work (see also ``extensions``):

- ``Workspace.family_panel.add_tab(widget, title)`` – a tab implementing ``FamilyTab``;
- ``Workspace.add_action(action, menu=...)`` – an action in one of the window's menus
  (``"file"``, ``"family"``, ``"print"``, ``"settings"``), removed when the session ends;
- ``Workspace.ctx`` – the session's ``AppContext``; ``Workspace.current_family_id``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QSplitter, QVBoxLayout, QWidget

from ..store.services.access_log import log_access
from ..store.unit_of_work import Changed, UnitOfWork
from . import theme
from .caseload.panel import CaseloadPanel
from .context import AppContext
from .errors import message_for
from .family.details import FamilyDetailsTab
from .family.panel import FamilyPanel
from .family.registration import RegistrationDialog
from .family.registration_data import register_family
from .family.timeline import TimelineTab
from .flows.session import Place
from .top_bar import TopBar

TIMELINE_TAB = 0
DETAILS_TAB = 1
#: above this many changed families one caseload reload is cheaper than a read per row
MANY_FAMILIES = 200


class Workspace(QWidget):
    lock_requested = Signal()
    #: the open family or tab changed: (family id or None, tab index)
    place_changed = Signal(object, int)
    #: a family was opened and its access logged (family id)
    family_opened = Signal(str)

    def __init__(
        self,
        ctx: AppContext,
        *,
        worklist: str = "all",
        add_menu_action: Callable[[QAction, str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._add_menu_action = add_menu_action
        self._actions: list[QAction] = []
        self.top_bar = TopBar(ctx.actor, self)
        self.top_bar.lock_requested.connect(self.lock_requested)
        self.caseload = CaseloadPanel(ctx, worklist=worklist, parent=self)
        self.family_panel = FamilyPanel(ctx, self)
        self.timeline = TimelineTab(ctx, self.family_panel)
        self.details = FamilyDetailsTab(ctx, self.family_panel)
        self.family_panel.add_tab(self.timeline, self.tr("&Timeline"))
        self.family_panel.add_tab(self.details, self.tr("&Family"))
        self.family_panel.tab_changed.connect(self._tab_changed)
        self.caseload.family_activated.connect(self.open_family)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.caseload)
        splitter.addWidget(self.family_panel)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([560, 700])
        splitter.setHandleWidth(theme.SPACING)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        theme.roomy(layout)
        layout.addWidget(self.top_bar)
        layout.addWidget(splitter, 1)

        ctx.runner.changed.connect(self.refresh)
        self.setTabOrder(self.caseload.search, self.caseload.worklist_buttons.buttons()[0])
        self.setTabOrder(self.caseload.worklist_buttons.buttons()[-1], self.caseload.table)
        self.setTabOrder(self.caseload.table, self.family_panel.tabs)

    # -- session ----------------------------------------------------------------------------
    def start(self, place: Place | None = None) -> None:
        """Load the caseload and return to ``place`` (after unlocking)."""
        self.caseload.reload()
        self.top_bar.sync_status.refresh_from_store(self.ctx)
        if place is not None and place.family_id is not None:
            self.open_family(place.family_id, tab=place.tab)
            family_id = place.family_id
            self.caseload.rows_loaded.connect(
                lambda _n: self.caseload.select_family(family_id),
                Qt.ConnectionType.SingleShotConnection,
            )

    @property
    def current_family_id(self) -> str | None:
        return self.family_panel.family_id

    def place(self) -> Place:
        return Place(self.family_panel.family_id, max(self.family_panel.current_tab, 0))

    def open_family(self, family_id: str, *, tab: int | None = None) -> None:
        if family_id != self.family_panel.family_id:
            self.ctx.write(
                lambda uow: log_access(uow, family_id=family_id, action="open"),
                on_done=lambda _changed: self.family_opened.emit(family_id),
                on_error=self._show_error,
                name="access-log",
            )
            self.family_panel.show_family(family_id)
        if tab is not None:
            self.family_panel.set_current_tab(tab)
        self.place_changed.emit(family_id, self.family_panel.current_tab)

    def refresh(self, changed: Changed) -> None:
        """After a local write: the views ``changed`` names, and the sync status."""
        self.refresh_views(changed)
        self.top_bar.sync_status.refresh_from_store(self.ctx)

    def refresh_views(self, changed: Changed) -> None:
        """Re-read what ``changed`` names: its caseload rows, the open family's tabs."""
        if len(changed.family_ids) > MANY_FAMILIES:
            self.caseload.reload()
        else:
            self.caseload.refresh(changed)
        self.family_panel.refresh(changed)

    def save_drafts(self) -> None:
        self.family_panel.save_drafts()

    def teardown(self) -> None:
        """Clear every view and take this session's actions out of the menus."""
        for action in self._actions:
            for widget in action.associatedObjects():
                if isinstance(widget, QWidget):
                    widget.removeAction(action)
            action.deleteLater()
        self._actions.clear()
        with contextlib.suppress(RuntimeError, TypeError):
            self.ctx.runner.changed.disconnect(self.refresh)
        self.family_panel.show_family(None)
        self.caseload.clear()

    # -- actions ----------------------------------------------------------------------------
    def add_action(self, action: QAction, menu: str = "family") -> None:
        """Put ``action`` into the window's ``menu`` for this session."""
        action.setParent(self)
        self._actions.append(action)
        if self._add_menu_action is not None:
            self._add_menu_action(action, menu)

    def new_family(self) -> None:
        registration = RegistrationDialog.ask(self, today=self.ctx.today())
        if registration is None:
            return
        today, catalogue = self.ctx.today(), self.ctx.catalogue
        created: dict[str, str] = {}

        def change(uow: UnitOfWork) -> None:
            created["id"] = register_family(uow, registration, today=today, catalogue=catalogue)

        def done(_changed: Changed) -> None:
            family_id = created["id"]
            self.caseload.rows_loaded.connect(
                lambda _n: self.caseload.select_family(family_id),
                Qt.ConnectionType.SingleShotConnection,
            )
            self.open_family(family_id, tab=TIMELINE_TAB)

        self.ctx.write(change, on_done=done, on_error=self._show_error, name="register-family")

    def focus_search(self) -> None:
        self.caseload.focus_search()

    def _tab_changed(self, index: int) -> None:
        self.place_changed.emit(self.family_panel.family_id, index)

    def _show_error(self, error: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Not saved"), message_for(error))
