"""The Visits tab: the family's contacts; document a planned one or an unplanned one.

A contact's measurement is corrected or voided with a reason from the row's context menu
(right-click, the Menu key or Shift+F10): the original stays visible, struck through or as
"corrected from …" with "Voided: reason" in its tooltip."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.programmes import Language
from ...store.read.views import ContactView
from ...store.unit_of_work import Changed
from ..common.draft_saver import DraftSaver
from ..common.guard import alive
from ..context import AppContext
from ..flows.visit import draft_key
from .data import VisitData, load_visit_data
from .form import VisitForm
from .measurements import MeasurementActions
from .model import ContactsModel

ENTITIES = frozenset({"contact", "measurement", "journal_entry", "child"})


class VisitTab(QWidget):
    """FamilyTab "Besök"."""

    loaded = Signal()
    form_opened = Signal(object)  # the VisitForm

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.family_id: str | None = None
        self.data: VisitData | None = None
        self.form: VisitForm | None = None
        self.saver = DraftSaver(context, "visit", self)
        self.saver.saved.connect(self._draft_saved)
        self.model = ContactsModel(self)
        self.measurement_actions = MeasurementActions(context, self)
        self.measurement_actions.done.connect(self.refresh)
        self.measurement_actions.failed.connect(self._action_failed)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_list())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.show_family(None)

    def _build_list(self) -> QWidget:
        page = QWidget()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Contacts"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda *_: self.document_selected())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        menu_key = QShortcut(QKeySequence("Shift+F10"), self.table)
        menu_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        menu_key.activated.connect(self._context_menu_at_current)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.document_button = QPushButton(self.tr("&Document visit"))
        self.document_button.clicked.connect(self.document_selected)
        self.ad_hoc_button = QPushButton(self.tr("&Unplanned contact…"))
        self.ad_hoc_button.clicked.connect(lambda: self.open_form(None))
        self.hint = QLabel(
            self.tr("Choose a planned contact and document it, or record an unplanned one.")
        )
        self.hint.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color:#a00000; font-weight:bold;")
        self.error_label.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.ad_hoc_button)
        buttons.addWidget(self.document_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        return page

    # -- correcting a measurement -------------------------------------------------------------
    def measurement_menu(self, contact: ContactView) -> QMenu | None:
        """The contact's context menu: correct or void its measurement (None without one)."""
        measurement = self.model.measurement(contact.id)
        if measurement is None:
            return None
        menu = QMenu(self)
        correct = menu.addAction(self.tr("&Correct measurement…"))
        correct.triggered.connect(lambda: self.measurement_actions.correct(measurement))
        void = menu.addAction(self.tr("&Void measurement…"))
        void.triggered.connect(lambda: self.measurement_actions.void(measurement))
        return menu

    def _context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if not index.isValid():
            return
        self.table.setCurrentIndex(index)
        menu = self.measurement_menu(self.model.contact(index.row()))
        if menu is not None:
            menu.exec(self.table.viewport().mapToGlobal(position))

    def _context_menu_at_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._context_menu(self.table.visualRect(index).center())

    def _action_failed(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    # -- FamilyTab ----------------------------------------------------------------------------
    def show_family(self, family_id: str | None) -> None:
        self.save_drafts()
        self._close_form()
        self.family_id = family_id
        self.data = None
        self.model.set_contacts([], {}, {}, set(), self.context.today())
        self.setEnabled(family_id is not None)
        if family_id is not None:
            self._load(family_id)
        self._update_buttons()

    def refresh(self, changed: Changed) -> None:
        if self.family_id is None or self.family_id not in changed.family_ids:
            return
        if changed.entities & ENTITIES:
            self._load(self.family_id)

    def save_drafts(self) -> None:
        self.saver.flush()

    # -- data ---------------------------------------------------------------------------------
    def _load(self, family_id: str, then_select: str | None = None) -> None:
        def done(data: VisitData) -> None:
            if not alive(self) or data.family_id != self.family_id:
                return
            self.data = data
            titles = {c.id: data.planned_visit(c).title for c in data.contacts if c.contact_code}
            with_drafts = {
                c.id for c in data.contacts if draft_key(data.family_id, c.id) in data.drafts
            }
            selected = then_select or self._selected_id()
            self.model.set_contacts(
                data.contacts,
                data.measurements,
                titles,
                with_drafts,
                self.context.today(),
                data.voided_measurements,
            )
            self.error_label.hide()
            if selected:
                self.select_contact(selected)
            else:
                self._select_next_planned()
            self._update_buttons()
            self.loaded.emit()

        catalogue = self.context.catalogue
        language: Language = "en" if self.context.language == "en" else "sv"
        self.context.read(
            lambda session: load_visit_data(session, family_id, catalogue, language),
            on_done=done,
            name="visits-load",
        )

    def _selected_id(self) -> str | None:
        contact = self.selected_contact()
        return contact.id if contact else None

    def selected_contact(self) -> ContactView | None:
        index = self.table.currentIndex()
        return self.model.contact(index.row()) if index.isValid() else None

    def select_contact(self, contact_id: str) -> None:
        row = self.model.row_of(contact_id)
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _select_next_planned(self) -> None:
        for row in range(self.model.rowCount()):
            if self.model.contact(row).status == "planned":
                self.select_contact(self.model.contact(row).id)
                return

    def _update_buttons(self) -> None:
        contact = self.selected_contact()
        self.document_button.setEnabled(
            self.data is not None and contact is not None and contact.status == "planned"
        )
        self.ad_hoc_button.setEnabled(self.data is not None)

    # -- the form -----------------------------------------------------------------------------
    def document_selected(self) -> None:
        contact = self.selected_contact()
        if contact is not None and contact.status == "planned":
            self.open_form(contact)

    def open_form(self, contact: ContactView | None) -> VisitForm | None:
        if self.data is None:
            return None
        actor = self.context.actor
        flow = self.data.flow(contact, author_name=actor.full_name, author_title=actor.title)
        self._close_form()
        self.form = VisitForm(self.context, flow, self.saver)
        self.form.signed.connect(self._signed)
        self.form.closed.connect(self._form_closed)
        self.stack.addWidget(self.form)
        self.stack.setCurrentWidget(self.form)
        self.form.when.setFocus()
        self.form_opened.emit(self.form)
        return self.form

    def _close_form(self) -> None:
        if self.form is not None:
            self.stack.removeWidget(self.form)
            self.form.deleteLater()
            self.form = None
        self.stack.setCurrentIndex(0)

    def _form_closed(self) -> None:
        self._close_form()
        if self.family_id:
            self._load(self.family_id)

    def _signed(self, contact_id: str) -> None:
        self._close_form()
        if self.family_id:
            self._load(self.family_id, then_select=contact_id)

    def _draft_saved(self, _key: str) -> None:
        if self.form is not None:
            self.form.draft_state.setText(self.tr("Draft saved"))
