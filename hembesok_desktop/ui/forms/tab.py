"""The Forms tab: the family's responses (each shown with its own form version), drafts to
resume, "New screening", nurse mode and parent mode, and follow-up after completion."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...store.read.views import FollowUpView
from ...store.unit_of_work import Changed, UnitOfWork
from ..common.draft_saver import DraftSaver
from ..common.guard import alive
from ..common.store_errors import error_sentence
from ..context import AppContext
from ..flows.questionnaire import (
    QuestionnaireFlow,
    form_languages,
    held_response_flow,
    language_name,
)
from .data import FormsData, load_forms_data
from .dialogs import NewScreeningDialog
from .followup import FollowUpPanel, offer_labels
from .model import ResponsesModel
from .parent_mode import ParentModeWindow
from .render import response_html
from .widget import QuestionnaireWidget

#: the form's title and its score and flags: they wrap rather than being cut
WRAPPED_COLUMNS = (1, 5)
ENTITIES = frozenset({"questionnaire_response", "follow_up_action", "guardian"})


class FormsTab(QWidget):
    """FamilyTab "Formulär"."""

    loaded = Signal()
    completed = Signal(str)
    parent_mode_opened = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.family_id: str | None = None
        self.data: FormsData | None = None
        self.flow: QuestionnaireFlow | None = None
        self.form_widget: QuestionnaireWidget | None = None
        self.parent_window: ParentModeWindow | None = None
        self.follow_up: FollowUpPanel | None = None
        self.saver = DraftSaver(context, "questionnaire", self)
        self.saver.saved.connect(lambda _k: self.draft_state.setText(self.tr("Draft saved")))
        self.model = ResponsesModel(self)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_list())
        self.pages.addWidget(self._build_session())
        self.follow_up_scroll = QScrollArea()
        self.follow_up_scroll.setWidgetResizable(True)
        self.pages.addWidget(self._wrap_follow_up())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.show_family(None)

    # -- pages --------------------------------------------------------------------------------
    def _build_list(self) -> QWidget:
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Questionnaire responses"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        # the form's title and the score share the width left and wrap, never cut off; the
        # short columns fit their content
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in WRAPPED_COLUMNS:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.table.doubleClicked.connect(lambda *_: self.resume_selected())
        self.detail = QTextBrowser()
        self.detail.setAccessibleName(self.tr("Selected response"))
        self.new_button = QPushButton(self.tr("&New screening…"))
        self.new_button.clicked.connect(self.new_screening)
        self.resume_button = QPushButton(self.tr("&Continue draft"))
        self.resume_button.clicked.connect(self.resume_selected)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.resume_button)
        buttons.addWidget(self.new_button)
        split = QSplitter(Qt.Orientation.Vertical)  # the list gets the tab's full width
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        return page

    def _build_session(self) -> QWidget:
        page = QWidget()
        self.session_title = QLabel()
        self.session_title.setWordWrap(True)
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language of the form"))
        self.language.currentIndexChanged.connect(self._language_changed)
        self.migration_note = QLabel()
        self.migration_note.setWordWrap(True)
        self.migration_note.setStyleSheet(
            "background:#fff4d6; border:1px solid #d9a400; padding:6px;"
        )
        self.migration_note.hide()
        self.session_body = QVBoxLayout()
        self.draft_state = QLabel()
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color:#a00000; font-weight:bold;")
        self.parent_button = QPushButton(self.tr("&Parent mode"))
        self.parent_button.setToolTip(
            self.tr("Full screen for the parent, in their language; leaving needs your passphrase")
        )
        self.parent_button.clicked.connect(self.open_parent_mode)
        self.close_button = QPushButton(self.tr("Close (keep draft)"))
        self.close_button.clicked.connect(self.close_session)
        self.complete_button = QPushButton(self.tr("&Complete"))
        self.complete_button.clicked.connect(self.complete)
        top = QHBoxLayout()
        top.addWidget(self.session_title, 1)
        top.addWidget(QLabel(self.tr("Language:")))
        top.addWidget(self.language)
        buttons = QHBoxLayout()
        buttons.addWidget(self.draft_state, 1)
        buttons.addWidget(self.error_label)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.parent_button)
        buttons.addWidget(self.complete_button)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.migration_note)
        layout.addLayout(self.session_body, 1)
        layout.addLayout(buttons)
        return page

    def _wrap_follow_up(self) -> QWidget:
        page = QWidget()
        self.back_button = QPushButton(self.tr("Back to the list"))
        self.back_button.clicked.connect(self._back_to_list)
        layout = QVBoxLayout(page)
        layout.addWidget(self.follow_up_scroll, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        layout.addLayout(buttons)
        return page

    # -- FamilyTab ----------------------------------------------------------------------------
    def show_family(self, family_id: str | None) -> None:
        self.save_drafts()
        self._end_session()
        self.family_id = family_id
        self.data = None
        self.model.set_rows([])
        self.detail.clear()
        self.pages.setCurrentIndex(0)
        self.setEnabled(family_id is not None)
        if family_id is not None:
            self._load(family_id)
        self._update_buttons()

    def refresh(self, changed: Changed) -> None:
        if self.family_id and self.family_id in changed.family_ids and changed.entities & ENTITIES:
            self._load(self.family_id)

    def save_drafts(self) -> None:
        if self.parent_window is not None and alive(self.parent_window):
            self.parent_window.save_drafts()
        elif self.flow is not None:
            self.saver.schedule(self.flow.key, self.flow.family_id, self.flow.to_payload())
        self.saver.flush()

    # -- data ---------------------------------------------------------------------------------
    def _load(self, family_id: str) -> None:
        def done(data: FormsData) -> None:
            if not alive(self) or data.family_id != self.family_id:
                return
            selected = self._selected_id()
            self.data = data
            self.model.set_rows(data.rows())
            if selected:
                self.select_row(selected)
            self._show_selected()
            if self.follow_up is not None:
                self.follow_up.show_actions(data.follow_ups)
            self._update_buttons()
            self.loaded.emit()

        registry = self.context.catalogue.forms
        self.context.read(
            lambda session: load_forms_data(session, family_id, registry),
            on_done=done,
            name="forms-load",
        )

    def _selected_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()).id if index.isValid() else None

    def select_row(self, row_id: str) -> None:
        row = self.model.row_of(row_id)
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _show_selected(self) -> None:
        self._update_buttons()
        index = self.table.currentIndex()
        if not index.isValid() or self.data is None:
            self.detail.clear()
            return
        row = self.model.row(index.row())
        if row.kind == "draft":
            self.detail.setHtml(
                "<p>" + self.tr("Not completed yet. Continue the draft to finish it.") + "</p>"
            )
            return
        response = self.data.response(row.id)
        if response is not None:
            note = ""
            if row.awaiting_acute:
                note = (
                    '<p style="color:#a00000; font-weight:bold;">'
                    + self.tr(
                        "Urgent finding, not closed: record the acute assessment the same day, "
                        "then close the screening."
                    )
                    + "</p>"
                )
            self.detail.setHtml(
                note
                + response_html(
                    self.data.form_for(response.answers),
                    response,
                    [a for a in self.data.follow_ups if a.response_id == response.id],
                    offer_labels(self.context.catalogue, self.context.language),
                )
            )

    def _update_buttons(self) -> None:
        index = self.table.currentIndex()
        row = self.model.row(index.row()) if index.isValid() else None
        held = row is not None and row.awaiting_acute
        self.resume_button.setEnabled(row is not None and (row.kind == "draft" or held))
        self.resume_button.setText(
            self.tr("&Record the acute assessment…") if held else self.tr("&Continue draft")
        )
        self.new_button.setEnabled(self.data is not None)

    # -- sessions -----------------------------------------------------------------------------
    def new_screening(self) -> QuestionnaireFlow | None:
        if self.data is None or self.family_id is None:
            return None
        respondents = [(g.id, f"{g.given_name} {g.family_name}") for g in self.data.guardians]
        preferred = next((g.language for g in self.data.guardians), "sv")
        choice = NewScreeningDialog.ask(self, self.data.registry.latest(), respondents, preferred)
        if choice is None:
            return None
        form = self.data.registry.get(choice.form_url)
        child = min(self.data.children, key=lambda c: c.birth_date, default=None)
        flow = QuestionnaireFlow(
            form,
            family_id=self.family_id,
            language=choice.language,
            respondent=choice.respondent,
            child_id=child.id if child else None,
        )
        self._start_session(flow)
        return flow

    def resume_selected(self) -> QuestionnaireFlow | None:
        index = self.table.currentIndex()
        if not index.isValid() or self.data is None or self.family_id is None:
            return None
        row = self.model.row(index.row())
        if row.awaiting_acute:
            return self.reopen_held(row.id)
        draft = self.data.draft(row.id) if row.kind == "draft" else None
        if draft is None:
            return None
        flow = QuestionnaireFlow.from_payload(
            dict(draft.payload), family_id=self.family_id, registry=self.data.registry
        )
        self._start_session(flow)
        return flow

    def reopen_held(self, response_id: str) -> QuestionnaireFlow | None:
        """Back to the follow-up of a response held open for its acute offer: record the
        offer, then close the screening."""
        response = self.data.response(response_id) if self.data is not None else None
        if response is None or self.family_id is None or self.data is None:
            return None
        if self.data.form_for(response.answers) is None:  # its form version is not loaded
            return None
        flow = held_response_flow(
            dict(response.answers),
            family_id=self.family_id,
            language=response.language,
            respondent=response.respondent,
            child_id=response.child_id,
            registry=self.data.registry,
        )
        self._show_follow_up(flow, response.id, self.data.follow_ups)
        return flow

    def _start_session(self, flow: QuestionnaireFlow) -> None:
        self._end_session()
        self.flow = flow
        respondent = self.data.respondent_name(flow.respondent) if self.data else flow.respondent
        self.session_title.setText(
            f"<b>{flow.form.title.default}</b> ({flow.form.version}) — {respondent}"
        )
        self.language.blockSignals(True)
        self.language.clear()
        for language in form_languages(flow.form):
            self.language.addItem(language_name(language), language)
        self.language.setCurrentIndex(max(self.language.findData(flow.language), 0))
        self.language.blockSignals(False)
        self._show_migration(flow)
        self.form_widget = QuestionnaireWidget(flow)
        self.form_widget.answer_changed.connect(self._answer_changed)
        self.session_body.addWidget(self.form_widget)
        self.error_label.clear()
        self.draft_state.clear()
        self.pages.setCurrentIndex(1)
        self.saver.schedule(flow.key, flow.family_id, flow.to_payload())

    def _show_migration(self, flow: QuestionnaireFlow) -> None:
        report = flow.migration
        if report is None:
            self.migration_note.hide()
            return
        text = self.tr("The form was updated from version %1 to %2 since this draft was saved.")
        text = text.replace("%1", report.old_version).replace("%2", report.new_version)
        if report.dropped_answers:
            names = ", ".join(report.dropped_answers)
            text += " " + self.tr(
                "These answers were removed and must be asked again: %1."
            ).replace("%1", names)
        else:
            text += " " + self.tr("All answers were kept.")
        if report.added:
            text += " " + self.tr("New questions: %1.").replace("%1", ", ".join(report.added))
        self.migration_note.setText(text)
        self.migration_note.show()

    def _end_session(self) -> None:
        if self.parent_window is not None and alive(self.parent_window):
            self.parent_window.force_close()
            self.parent_window.deleteLater()
        self.parent_window = None
        if self.form_widget is not None:
            self.session_body.removeWidget(self.form_widget)
            self.form_widget.deleteLater()
        self.form_widget = None
        self.flow = None
        if self.follow_up is not None:
            self.follow_up_scroll.takeWidget()
            self.follow_up.deleteLater()
            self.follow_up = None

    def _reload(self) -> None:
        if self.family_id:
            self._load(self.family_id)

    def _answer_changed(self, _link_id: str) -> None:
        if self.flow is None:
            return
        self.draft_state.setText(self.tr("Saving draft…"))
        self.saver.schedule(self.flow.key, self.flow.family_id, self.flow.to_payload())

    def _language_changed(self) -> None:
        if self.form_widget is not None:
            self.form_widget.set_language(str(self.language.currentData()))
            self._answer_changed("")

    def close_session(self) -> None:
        self.save_drafts()
        self._back_to_list()

    def _back_to_list(self) -> None:
        self._end_session()
        self.pages.setCurrentIndex(0)
        if self.family_id:
            self._load(self.family_id)

    # -- parent mode --------------------------------------------------------------------------
    def open_parent_mode(self) -> ParentModeWindow | None:
        if self.flow is None:
            return None
        self.saver.flush()
        window = ParentModeWindow(self.context, self.flow, self.saver)
        window.left.connect(self._parent_mode_left)
        self.parent_window = window
        window.showFullScreen()
        self.parent_mode_opened.emit(window)
        return window

    def _parent_mode_left(self) -> None:
        window, self.parent_window = self.parent_window, None
        if window is not None:
            window.deleteLater()
        if self.form_widget is not None and self.flow is not None:
            self.language.blockSignals(True)
            self.language.setCurrentIndex(max(self.language.findData(self.flow.language), 0))
            self.language.blockSignals(False)
            self.form_widget.rebuild()

    # -- completing ---------------------------------------------------------------------------
    def complete(self) -> None:
        flow = self.flow
        if flow is None or self.form_widget is None:
            return
        if not flow.try_complete():
            self.form_widget.update_state()
            self.form_widget.first_problem_row()
            self.error_label.setText(self.tr("Some questions need an answer."))
            return
        if not self._confirm_complete(flow):
            return
        self.complete_button.setEnabled(False)
        self.saver.cancel(flow.key)
        written: dict[str, str] = {}
        catalogue = self.context.catalogue

        def change(uow: UnitOfWork) -> None:
            written["id"] = flow.commit(uow, catalogue=catalogue)

        def done(changed: Changed) -> None:
            if not alive(self):
                return
            self.complete_button.setEnabled(True)
            self._show_follow_up(flow, written["id"])
            self.completed.emit(written["id"])
            self.refresh(changed)

        def failed(error: BaseException) -> None:
            if alive(self):
                self.complete_button.setEnabled(True)
                self.error_label.setText(error_sentence(error))
                self.saver.schedule(flow.key, flow.family_id, flow.to_payload())

        self.context.write(change, on_done=done, on_error=failed, name="questionnaire-complete")

    def _confirm_complete(self, flow: QuestionnaireFlow) -> bool:
        """Completing locks the answers for good: ask first, naming the form."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Complete the form?"), "", parent=self)
        box.setText(
            self.tr(
                "When %1 is completed its answers are locked and can no longer be changed. "
                "The draft stays if you cancel."
            ).replace("%1", flow.form.title.default)
        )
        complete = box.addButton(self.tr("&Complete"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(self.tr("C&ancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(complete)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is complete

    def _show_follow_up(
        self, flow: QuestionnaireFlow, response_id: str, actions: list[FollowUpView] | None = None
    ) -> None:
        suggestions = flow.suggestions(self.context.catalogue.offers)
        self._end_session()
        assert self.family_id is not None
        awaiting = flow.needs_acute_offer(self.context.catalogue.offers)
        self.follow_up = FollowUpPanel(
            self.context,
            family_id=self.family_id,
            response_id=response_id,
            suggestions=suggestions,
            close_with=flow.score() if awaiting else None,
        )
        self.follow_up.show_actions(actions or [])
        self.follow_up.recorded.connect(self._reload)
        self.follow_up_scroll.setWidget(self.follow_up)
        self.pages.setCurrentIndex(2)
