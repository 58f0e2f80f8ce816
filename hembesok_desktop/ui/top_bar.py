"""The top bar: the nurse's name and title, the sync status and the lock button."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ..store.unit_of_work import Actor
from . import theme
from .sync_status import SyncStatusWidget


class TopBar(QFrame):
    lock_requested = Signal()

    def __init__(self, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # a store never enrolled nor named has the placeholder user "local": say so in words
        name = actor.full_name or (
            actor.username if actor.username not in ("", "local") else self.tr("Not signed in")
        )
        self.nurse = QLabel(name, self)
        self.nurse.setFont(theme.scaled_font(self, 1.1, bold=True))
        self.nurse.setAccessibleName(self.tr("Signed in as"))
        self.title = QLabel(actor.title, self)
        self.title.setAccessibleName(self.tr("Title"))
        self.sync_status = SyncStatusWidget(self)
        self.lock_button = QPushButton(self.tr("Lock"), self)
        self.lock_button.setAccessibleName(self.tr("Lock Hembesök"))
        self.lock_button.setToolTip(self.tr("Lock now (Ctrl+L). Your work is kept."))
        self.lock_button.clicked.connect(self.lock_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.SPACING)
        layout.addWidget(self.nurse)
        layout.addWidget(self.title)
        layout.addStretch(1)
        layout.addWidget(self.sync_status)
        layout.addSpacing(theme.SPACING)
        layout.addWidget(self.lock_button)
