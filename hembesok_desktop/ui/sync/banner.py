"""``SyncBanner``: a calm, non-modal line under the top bar – the end-of-day reminder, or what
a sync needs the nurse to know (why it failed, changes the server refused). It never takes the
focus and the nurse can close it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from .. import theme

_COLOURS = {"reminder": "today", "error": "overdue", "notice": "due"}


class SyncBanner(QFrame):
    #: the banner's action button was pressed (its kind)
    action_requested = Signal(str)
    #: the nurse closed the banner (its kind)
    closed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncBanner")
        self.kind = ""
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action = QPushButton(self)
        self.action.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.action.clicked.connect(lambda: self.action_requested.emit(self.kind))
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.close_button.setAccessibleName(self.tr("Close the message"))
        self.close_button.clicked.connect(self._close)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(theme.SPACING, 6, theme.SPACING, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action)
        layout.addWidget(self.close_button)
        self.setAccessibleName(self.tr("Sync message"))
        self.hide()

    def show_message(self, kind: str, text: str, action: str = "") -> None:
        """Show ``text`` (kind: reminder, error or notice), with an optional action button."""
        self.kind = kind
        colours = theme.badge(_COLOURS.get(kind, "muted"))
        self.setStyleSheet(
            f"QFrame#syncBanner {{ background: {colours.fill.name()}; border-radius: 4px; }}"
            f" QFrame#syncBanner QLabel {{ color: {colours.text.name()}; }}"
        )
        self.label.setText(text)
        self.action.setText(action)
        self.action.setVisible(bool(action))
        self.setAccessibleDescription(text)
        self.show()

    def _close(self) -> None:
        kind = self.kind
        self.dismiss()
        self.closed.emit(kind)

    def dismiss(self) -> None:
        self.kind = ""
        self.hide()
