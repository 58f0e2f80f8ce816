"""The Journal tab: the family's entries, a new entry (draft saved continuously), sign, amend,
void. The journal rules live in the store; an error it raises is shown as its sentence."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...store.read import ReadSession
from ...store.read.journal import JournalView, journal_view
from ...store.read.views import JournalEntryView
from ...store.services import drafts, journal
from ...store.unit_of_work import Changed, UnitOfWork
from ..common.draft_saver import DraftSaver
from ..common.guard import alive
from ..common.store_errors import error_sentence
from ..context import AppContext
from .detail import entry_html
from .dialogs import VoidDialog
from .model import JournalModel

#: the most of the table's width the when, author and status columns may take (the time is
#: short and always shown whole)
COLUMN_SHARES = (1.0, 0.22, 0.3)


def fit_columns(table: QTableView, shares: tuple[float, ...]) -> None:
    """Fit the first columns to their content, each at most its share of the viewport."""
    header = table.horizontalHeader()
    width = table.viewport().width()
    for column, share in enumerate(shares):
        table.resizeColumnToContents(column)
        widest = max(60, int(width * share))
        if header.sectionSize(column) > widest:
            header.resizeSection(column, widest)


def draft_key(family_id: str) -> str:
    return f"journal:{family_id}"


class JournalTab(QWidget):
    """FamilyTab "Journal"."""

    loaded = Signal()
    signed = Signal(str)
    failed = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.family_id: str | None = None
        self.amends: str | None = None
        self._restoring = False
        self.saver = DraftSaver(context, "journal", self)
        self.model = JournalModel(self)
        self._build()
        self.show_family(None)

    # -- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Journal entries"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.model.modelReset.connect(self.fit_columns)
        self.table.viewport().installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.detail = QTextBrowser()
        self.detail.setAccessibleName(self.tr("Selected journal entry"))
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(self._follow_link)
        self.amend_button = QPushButton(self.tr("&Correct…"))
        self.amend_button.setToolTip(self.tr("Write a signed correction; the original stays"))
        self.amend_button.clicked.connect(self.start_amend)
        self.void_button = QPushButton(self.tr("&Void…"))
        self.void_button.clicked.connect(self.void_selected)
        actions = QHBoxLayout()
        actions.addWidget(self.amend_button)
        actions.addWidget(self.void_button)
        actions.addStretch(1)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        split = QSplitter(Qt.Orientation.Vertical)  # the list gets the tab's full width
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([300, 200])
        upper_layout.addWidget(split)
        upper_layout.addLayout(actions)
        outer = QSplitter(Qt.Orientation.Vertical)
        outer.addWidget(upper)
        outer.addWidget(self._build_editor())
        outer.setStretchFactor(0, 3)
        outer.setStretchFactor(1, 2)
        outer.setSizes([600, 240])  # the entries first; the new entry below
        layout = QVBoxLayout(self)
        layout.addWidget(outer)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return super().eventFilter(watched, event)

    def fit_columns(self) -> None:
        """When, author and status fit their content, each within its share of the table, so
        a long "Correction of …" never pushes the text out of view (elided cells show their
        full text as a tooltip); the text takes the rest."""
        fit_columns(self.table, COLUMN_SHARES)

    def _build_editor(self) -> QWidget:
        self.editor_box = QGroupBox(self.tr("New entry"))
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(self.tr("Journal text"))
        self.text.setPlaceholderText(self.tr("Write the entry here. It is saved as you type."))
        self.text.setTabChangesFocus(True)
        self.text.textChanged.connect(self._text_changed)
        self.author_name = QLineEdit(self.context.actor.full_name)
        self.author_name.setAccessibleName(self.tr("Signed by (name)"))
        self.author_title = QLineEdit(self.context.actor.title)
        self.author_title.setAccessibleName(self.tr("Title"))
        self.draft_state = QLabel()
        self.draft_state.setAccessibleName(self.tr("Draft status"))
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color:#a00000; font-weight:bold;")
        self.error_label.setAccessibleName(self.tr("Error"))
        self.sign_button = QPushButton(self.tr("&Sign"))
        self.sign_button.setDefault(True)
        self.sign_button.clicked.connect(self.sign)
        self.cancel_amend_button = QPushButton(self.tr("Cancel correction"))
        self.cancel_amend_button.clicked.connect(self.cancel_amend)
        self.cancel_amend_button.hide()
        self.saver.saved.connect(lambda _k: self.draft_state.setText(self.tr("Draft saved")))
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.author_name)
        form.addRow(self.tr("Title:"), self.author_title)
        buttons = QHBoxLayout()
        buttons.addWidget(self.draft_state, 1)
        buttons.addWidget(self.cancel_amend_button)
        buttons.addWidget(self.sign_button)
        layout = QVBoxLayout(self.editor_box)
        layout.addWidget(self.text, 1)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        return self.editor_box

    # -- FamilyTab ----------------------------------------------------------------------------
    def show_family(self, family_id: str | None) -> None:
        self.save_drafts()
        self.family_id = family_id
        self.model.set_entries([])
        self._set_editor("", None)
        self.error_label.clear()
        self.draft_state.clear()
        self.setEnabled(family_id is not None)
        if family_id is not None:
            self._load(family_id, restore_draft=True)
        self._update_buttons()

    def refresh(self, changed: Changed) -> None:
        if self.family_id is None or self.family_id not in changed.family_ids:
            return
        if "journal_entry" in changed.entities:
            self._load(self.family_id, restore_draft=False)

    def save_drafts(self) -> None:
        self.saver.flush()

    # -- loading ------------------------------------------------------------------------------
    def _load(self, family_id: str, *, restore_draft: bool) -> None:
        def query(session: ReadSession) -> JournalView:
            return journal_view(session, family_id, draft_key=draft_key(family_id))

        def done(result: JournalView) -> None:
            if not alive(self) or result.family_id != self.family_id:
                return
            selected = self.selected_entry()
            self.model.set_entries(result.entries)
            if selected is not None:
                self.select_entry(selected.id)
            if restore_draft and result.draft and not self.text.toPlainText():
                self._set_editor(str(result.draft.get("text", "")), result.draft.get("amends"))
                self.draft_state.setText(self.tr("Unsigned draft restored"))
            self._update_buttons()
            self.loaded.emit()

        self.context.read(query, on_done=done, name="journal-load")

    # -- selection ----------------------------------------------------------------------------
    def selected_entry(self) -> JournalEntryView | None:
        index = self.table.currentIndex()
        return self.model.entry(index.row()) if index.isValid() else None

    def select_entry(self, entry_id: str) -> None:
        row = self.model.row_of(entry_id)
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _show_selected(self) -> None:
        entry = self.selected_entry()
        self.detail.setHtml(entry_html(entry, self.model) if entry else "")
        self._update_buttons()

    def _follow_link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("entry:"):
            self.select_entry(text.removeprefix("entry:"))

    def _update_buttons(self) -> None:
        entry = self.selected_entry()
        usable = entry is not None and entry.signed_at is not None and entry.voided_at is None
        self.amend_button.setEnabled(usable and self.amends is None)
        self.void_button.setEnabled(usable)

    # -- editor -------------------------------------------------------------------------------
    def _set_editor(self, text: str, amends: Any) -> None:
        self._restoring = True
        self.amends = str(amends) if amends else None
        self.text.setPlainText(text)
        self._restoring = False
        amending = self.amends is not None
        self.editor_box.setTitle(
            self.tr("Correction (the original stays visible)") if amending else self.tr("New entry")
        )
        self.cancel_amend_button.setVisible(amending)
        self._update_buttons()

    def _text_changed(self) -> None:
        if self._restoring or self.family_id is None:
            return
        self.error_label.clear()
        self.draft_state.setText(self.tr("Saving draft…"))
        self.saver.schedule(
            draft_key(self.family_id),
            self.family_id,
            {"text": self.text.toPlainText(), "amends": self.amends},
        )

    def start_amend(self) -> None:
        entry = self.selected_entry()
        if entry is None or entry.signed_at is None:
            return
        self._set_editor(entry.text, entry.id)
        self._text_changed()
        self.text.setFocus()

    def cancel_amend(self) -> None:
        self._set_editor("", None)
        if self.family_id is not None:
            self.saver.discard(draft_key(self.family_id))
        self.draft_state.clear()

    def sign(self) -> None:
        family_id = self.family_id
        if family_id is None:
            return
        text, amends = self.text.toPlainText(), self.amends
        name, title = self.author_name.text(), self.author_title.text()
        key = draft_key(family_id)

        def change(uow: UnitOfWork) -> str:
            if amends:
                entry = journal.amend_entry(
                    uow, amends, text=text, author_name=name, author_title=title
                )
            else:
                entry = journal.write_entry(uow, family_id=family_id, text=text)
                journal.sign_entry(uow, entry.id, author_name=name, author_title=title)
            drafts.discard_draft(uow, key)
            return entry.id

        def done(changed: Changed) -> None:
            if not alive(self):
                return
            self.sign_button.setEnabled(True)
            self._set_editor("", None)
            self.draft_state.setText(self.tr("Signed"))
            entry_id = next(iter(changed.row_ids - ({amends} if amends else set())), "")
            self.signed.emit(entry_id)
            self.refresh(changed)

        self.sign_button.setEnabled(False)
        # a debounced save queued after this write would bring the discarded draft back
        self.saver.cancel(key)
        self.context.write(change, on_done=done, on_error=self._failed, name="journal-sign")

    def void_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        summary = entry.text.strip()[:200]
        reason = VoidDialog.ask(self, summary)
        if reason is None:
            return
        entry_id, who = entry.id, self.author_name.text().strip() or self.context.actor.full_name

        def change(uow: UnitOfWork) -> None:
            journal.void_entry(uow, entry_id, reason=reason, voided_by=who)

        def done(changed: Changed) -> None:
            if alive(self):
                self.refresh(changed)

        self.context.write(change, on_done=done, on_error=self._failed, name="journal-void")

    def _failed(self, error: BaseException) -> None:
        if not alive(self):
            return
        self.sign_button.setEnabled(True)
        message = error_sentence(error)
        self.error_label.setText(message)
        self._text_changed()  # keep the text as a draft
        self.error_label.setText(message)
        self.failed.emit(message)
