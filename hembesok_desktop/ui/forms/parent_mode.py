"""Parent mode: the form alone, full screen, large text, in the parent's language (right to
left for Arabic and Dari). Nothing else of the application is reachable; leaving needs the
nurse's passphrase, checked on the store worker. Answers are saved continuously as a draft."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QFont, QFontMetrics, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..common.draft_saver import DraftSaver
from ..common.guard import alive
from ..context import AppContext
from ..flows.questionnaire import (
    QuestionnaireFlow,
    form_languages,
    is_rtl,
    language_name,
    parent_text,
)
from .widget import QuestionnaireWidget

PARENT_FONT_POINTS = 17


def indicator_style(line_height: int) -> str:
    """Answer circles and boxes as tall as a line of the large text (a style sheet without a
    font, so the large font set on the window still reaches every child)."""
    size = max(line_height, 16)
    return (
        f"QRadioButton::indicator, QCheckBox::indicator {{ width: {size}px; height: {size}px; }}"
        f" QRadioButton, QCheckBox {{ spacing: {size // 2}px; }}"
    )


class PassphraseDialog(QDialog):
    """The nurse's passphrase to leave parent mode."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Leave parent mode"))
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("The nurse's passphrase is needed to leave parent mode.")))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        layout.addWidget(self.passphrase)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None) -> str | None:
        dialog = cls(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.passphrase.text()


class ParentModeWindow(QWidget):
    """A top-level, application-modal window; ``left`` is emitted after the nurse unlocked it."""

    left = Signal()
    finished_by_parent = Signal()
    refused = Signal()

    def __init__(
        self,
        context: AppContext,
        flow: QuestionnaireFlow,
        saver: DraftSaver,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.context = context
        self.flow = flow
        self.saver = saver
        self._may_close = False
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowTitle(flow.title())
        font = QFont(self.font())
        font.setPointSize(PARENT_FONT_POINTS)
        self.setFont(font)
        self.setStyleSheet(indicator_style(QFontMetrics(font).height()))
        self.language = QComboBox()
        for language in form_languages(flow.form):
            self.language.addItem(language_name(language), language)
        self.language.setCurrentIndex(max(self.language.findData(flow.language), 0))
        self.language.currentIndexChanged.connect(self._language_changed)
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language)
        self.leave_button = QPushButton(self.tr("Nurse"))
        self.leave_button.setAccessibleName(self.tr("Leave parent mode (nurse)"))
        self.leave_button.setToolTip(self.tr("Leave parent mode (nurse)"))
        self.leave_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.leave_button.clicked.connect(self.request_leave)
        self.message = QLabel()
        palette = self.message.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#a00000"))
        self.message.setPalette(palette)
        top = QHBoxLayout()
        top.addWidget(self.language_label)
        top.addWidget(self.language)
        top.addStretch(1)
        top.addWidget(self.message)
        top.addWidget(self.leave_button)
        self.form = QuestionnaireWidget(flow, parent_mode=True)
        self.form.answer_changed.connect(self._answer_changed)
        self.done_button = QPushButton()
        self.done_button.clicked.connect(self._done)
        self.missing = QLabel()
        self.missing.setPalette(palette)
        bottom = QHBoxLayout()
        bottom.addWidget(self.missing, 1)
        bottom.addWidget(self.done_button)
        answering = QWidget()
        answering_layout = QVBoxLayout(answering)
        answering_layout.addWidget(self.form, 1)
        answering_layout.addLayout(bottom)
        self.thanks = QLabel()
        self.thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thanks.setWordWrap(True)
        self.thanks.setStyleSheet("font-size: 28pt;")
        self.pages = QStackedWidget()
        self.pages.addWidget(answering)
        self.pages.addWidget(self.thanks)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        self._apply_language()

    # -- language -----------------------------------------------------------------------------
    def _language_changed(self) -> None:
        self.form.set_language(str(self.language.currentData()))
        self._apply_language()
        self._answer_changed("")

    def _apply_language(self) -> None:
        language = self.flow.language
        direction = (
            Qt.LayoutDirection.RightToLeft if is_rtl(language) else Qt.LayoutDirection.LeftToRight
        )
        self.setLayoutDirection(direction)
        self.setWindowTitle(self.flow.title())
        self.language_label.setText(parent_text("language", language) + ":")
        self.language.setAccessibleName(parent_text("language", language))
        self.done_button.setText(parent_text("done", language))
        self.thanks.setText(parent_text("thanks", language))
        self.missing.clear()

    # -- answering ----------------------------------------------------------------------------
    def _answer_changed(self, _link_id: str) -> None:
        self.missing.clear()
        self.saver.schedule(self.flow.key, self.flow.family_id, self.flow.to_payload())

    def _done(self) -> None:
        if not self.flow.try_complete():
            self.form.update_state()
            self.missing.setText(parent_text("missing", self.flow.language))
            self.form.first_problem_row()
            return
        self.saver.flush()
        self.pages.setCurrentIndex(1)
        self.finished_by_parent.emit()

    def save_drafts(self) -> None:
        self.saver.schedule(self.flow.key, self.flow.family_id, self.flow.to_payload())
        self.saver.flush()

    # -- leaving ------------------------------------------------------------------------------
    def request_leave(self) -> None:
        passphrase = PassphraseDialog.ask(self)
        if passphrase is None:
            return
        store = self.context.store
        self.context.runner.run(
            lambda: store.verify_passphrase(passphrase),
            on_done=self._verified,
            name="verify-passphrase",
        )

    def _verified(self, ok: bool) -> None:
        if not alive(self):
            return
        if not ok:
            self.message.setText(self.tr("Wrong passphrase"))
            self.refused.emit()
            return
        self.save_drafts()
        self._may_close = True
        self.close()
        self.left.emit()

    @property
    def may_close(self) -> bool:
        return self._may_close

    def force_close(self) -> None:
        """For the shell on lock: save the draft and close without the passphrase (the whole
        application is then locked and needs the passphrase anyway)."""
        self.save_drafts()
        self._may_close = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_close:
            event.accept()
        else:
            event.ignore()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.ignore()
            return
        super().keyPressEvent(event)
