"""``SyncBanner``: a calm, non-modal line under the top bar – the end-of-day reminder, or what
a sync needs the nurse to know (why it failed, changes the server refused). It never takes the
focus and the nurse can close it.

It never moves what is below it: its one line is reserved in the layout even while no message
shows (``retainSizeWhenHidden``), and a message longer than the line is cut with "…" on screen,
whole in the tooltip and the accessible description. ``changed`` tells when a message shows or
goes (the sync UI hides the top bar's own "Sync now" while the reminder offers one).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from .. import theme

_COLOURS = {"reminder": "today", "error": "overdue", "notice": "due"}


class OneLineLabel(QLabel):
    """A label that keeps its whole text but draws one line, cut with "…" when too long."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setWordWrap(False)

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            rect,
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
            self.palette(),
            self.isEnabled(),
            text,
            self.foregroundRole(),
        )


class SyncBanner(QFrame):
    #: the banner's action button was pressed (its kind)
    action_requested = Signal(str)
    #: the nurse closed the banner (its kind)
    closed = Signal(str)
    #: a message was shown or taken away
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncBanner")
        self.kind = ""
        self.label = OneLineLabel(self)
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
        policy = self.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Fixed)
        policy.setRetainSizeWhenHidden(True)  # the line stays reserved: nothing below moves
        self.setSizePolicy(policy)
        self.hide()

    def set_action_enabled(self, enabled: bool) -> None:
        """The action button is disabled while a sync runs."""
        self.action.setEnabled(enabled)

    def show_message(self, kind: str, text: str, action: str = "") -> None:
        """Show ``text`` (kind: reminder, error or notice), with an optional action button."""
        self.kind = kind
        colours = theme.badge(_COLOURS.get(kind, "muted"))
        self.setStyleSheet(
            f"QFrame#syncBanner {{ background: {colours.fill.name()}; border-radius: 4px; }}"
            f" QFrame#syncBanner QLabel {{ color: {colours.text.name()}; }}"
        )
        self.label.setText(text)
        self.label.setToolTip(text)
        self.action.setText(action)
        self.action.setVisible(bool(action))
        self.setAccessibleDescription(text)
        self.show()
        self.changed.emit()

    def _close(self) -> None:
        kind = self.kind
        self.dismiss()
        self.closed.emit(kind)

    def dismiss(self) -> None:
        self.kind = ""
        self.hide()
        self.changed.emit()
