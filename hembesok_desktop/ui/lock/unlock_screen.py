"""The unlock screen: shows an ``UnlockFlow`` (passphrase or recovery key, the countdown after a
failed attempt, the reason the app was locked, and in demo mode the demo passphrase).

It never touches the store: ``unlock_requested(secret, use_recovery_key)`` asks the shell, which
runs ``Store.unlock`` on a worker thread and calls ``update_state`` when it is done. While the
countdown runs, a QTimer refreshes the text; the GUI never sleeps.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import theme
from ..flows.session import LockReason
from ..flows.unlock import UnlockFailure, UnlockFlow, UnlockState


class UnlockScreen(QWidget):
    unlock_requested = Signal(str, bool)

    def __init__(
        self,
        flow: UnlockFlow,
        *,
        demo_passphrase: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.flow = flow
        self.lock_reason: LockReason | None = None

        card = QFrame(self)
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMaximumWidth(520)
        title = QLabel(self.tr("Hembesök is locked"), card)
        title.setFont(theme.scaled_font(self, 1.5, bold=True))
        self.reason_label = QLabel(card)
        self.reason_label.setWordWrap(True)
        self.prompt = QLabel(card)
        self.secret = QLineEdit(card)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.prompt.setBuddy(self.secret)
        self.unlock_button = QPushButton(self.tr("&Unlock"), card)
        self.unlock_button.setDefault(True)
        self.unlock_button.setAccessibleName(self.tr("Unlock"))
        self.status = QLabel(card)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Unlock status"))
        self.mode_button = QPushButton(card)
        self.mode_button.setFlat(True)
        self.mode_button.setAccessibleName(self.tr("Switch between passphrase and recovery key"))
        self.demo_hint = QLabel(card)
        self.demo_hint.setWordWrap(True)
        self.demo_hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if demo_passphrase:
            self.demo_hint.setText(
                self.tr(
                    "Demo: the passphrase is “%1”. All people in the demo are made up."
                ).replace("%1", demo_passphrase)
            )
            self.demo_hint.setStyleSheet(theme.badge_style("demo"))
        else:
            self.demo_hint.hide()

        row = QHBoxLayout()
        row.setSpacing(theme.SPACING)
        row.addWidget(self.secret, 1)
        row.addWidget(self.unlock_button)
        card_layout = QVBoxLayout(card)
        theme.roomy(card_layout, margin=theme.MARGIN * 2)
        card_layout.addWidget(title)
        card_layout.addWidget(self.reason_label)
        card_layout.addSpacing(theme.SPACING)
        card_layout.addWidget(self.prompt)
        card_layout.addLayout(row)
        card_layout.addWidget(self.status)
        card_layout.addWidget(self.mode_button, 0, Qt.AlignmentFlag.AlignLeft)
        card_layout.addWidget(self.demo_hint)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(card, 3)
        centred.addStretch(1)
        outer.addLayout(centred)
        outer.addStretch(2)

        self._ticker = QTimer(self)
        self._ticker.setInterval(250)
        self._ticker.timeout.connect(self.update_state)
        self.secret.returnPressed.connect(self._submit)
        self.secret.textChanged.connect(lambda _text: self.update_state())
        self.unlock_button.clicked.connect(self._submit)
        self.mode_button.clicked.connect(self._toggle_mode)
        self._apply_mode()
        self.update_state()

    def set_lock_reason(self, reason: LockReason | None) -> None:
        self.lock_reason = reason
        texts = {
            LockReason.IDLE: self.tr("Locked after a while without activity. Your work is kept."),
            LockReason.SUSPEND: self.tr("Locked when the computer went to sleep."),
            LockReason.NURSE: self.tr("You locked Hembesök. Your work is kept."),
        }
        self.reason_label.setText(
            texts.get(reason, self.tr("Unlock with your passphrase to see your caseload."))
            if reason is not None
            else self.tr("Unlock with your passphrase to see your caseload.")
        )

    def reset(self) -> None:
        self.secret.clear()
        self.update_state()
        self.secret.setFocus()

    def _toggle_mode(self) -> None:
        self.flow.use_recovery_key = not self.flow.use_recovery_key
        self.secret.clear()
        self._apply_mode()

    def _apply_mode(self) -> None:
        if self.flow.use_recovery_key:
            self.prompt.setText(self.tr("&Recovery key:"))
            self.secret.setEchoMode(QLineEdit.EchoMode.Normal)
            self.secret.setAccessibleName(self.tr("Recovery key"))
            self.secret.setPlaceholderText("XXXX-XXXX-XXXX-…")
            self.mode_button.setText(self.tr("Use the passphrase instead"))
        else:
            self.prompt.setText(self.tr("&Passphrase:"))
            self.secret.setEchoMode(QLineEdit.EchoMode.Password)
            self.secret.setAccessibleName(self.tr("Passphrase"))
            self.secret.setPlaceholderText("")
            self.mode_button.setText(self.tr("Forgot the passphrase? Use the recovery key"))
        self.update_state()

    def _submit(self) -> None:
        secret = self.secret.text()
        if not self.flow.can_attempt(secret):
            self.update_state()
            return
        self.flow.begin(secret)
        self.update_state()
        self.unlock_requested.emit(secret, self.flow.use_recovery_key)

    def update_state(self) -> None:
        state = self.flow.state
        waiting = state is UnlockState.WAITING
        working = state is UnlockState.WORKING
        self.unlock_button.setEnabled(self.flow.can_attempt(self.secret.text()))
        self.secret.setReadOnly(working)
        if waiting and not self._ticker.isActive():
            self._ticker.start()
            # and exactly when the wait is over, so the button comes back at once
            QTimer.singleShot(int(self.flow.seconds_left_exact() * 1000) + 5, self.update_state)
        elif not waiting and self._ticker.isActive():
            self._ticker.stop()
        self.status.setText(self._status_text(state))
        self.status.setStyleSheet(
            theme.badge_style("overdue") if self.flow.failure is not None and not working else ""
        )

    def _status_text(self, state: UnlockState) -> str:
        if state is UnlockState.WORKING:
            return self.tr("Unlocking…")
        failure = self.flow.failure
        if failure is None:
            return ""
        texts = {
            UnlockFailure.WRONG_PASSPHRASE: self.tr("The passphrase is not correct."),
            UnlockFailure.WRONG_RECOVERY_KEY: self.tr("The recovery key is not correct."),
            UnlockFailure.DAMAGED: self.tr(
                "The data file is damaged and cannot be opened. Contact your IT support; "
                "nothing has been changed."
            ),
            UnlockFailure.OTHER: self.tr("Hembesök could not be unlocked. Please try again."),
        }
        text = texts[failure]
        if state is UnlockState.WAITING:
            seconds = self.flow.seconds_left()
            text += " " + self.tr("You can try again in %n second(s).", "", seconds)
        return text
