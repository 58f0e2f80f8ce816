"""The first-run dialogs, both opened through ``ask`` (tests replace ``ask``):

- ``NewStoreDialog.ask(parent, flow) -> NewStoreRequest | None``: the nurse's name and title and
  a passphrase typed twice, with a strength meter; ``None`` when she cancels;
- ``RecoveryKeyDialog.ask(parent, flow) -> bool``: the recovery key, shown once, with "Print…"
  and the box "I have stored the recovery key"; True once she ticked it and continued.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import theme
from ..flows.first_run import FirstRunFlow, NewStoreRequest, Problem
from ..flows.passphrase import Strength, strength
from .recovery_print import print_recovery_key


class NewStoreDialog(QDialog):
    def __init__(self, flow: FirstRunFlow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = flow
        self.request: NewStoreRequest | None = None
        self.setWindowTitle(self.tr("Welcome to Hembesök"))
        intro = QLabel(
            self.tr(
                "Everything you record is stored encrypted on this computer. Choose a passphrase "
                "that only you know. A few ordinary words in a row are easy to remember and hard "
                "to guess, for example “blue boat under old bridge”."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.full_name = QLineEdit(self)
        self.full_name.setAccessibleName(self.tr("Your full name"))
        self.title = QLineEdit(self.tr("Child-health nurse"), self)
        self.title.setAccessibleName(self.tr("Your title"))
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("New passphrase"))
        self.repeated = QLineEdit(self)
        self.repeated.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeated.setAccessibleName(self.tr("Repeat the passphrase"))
        self.meter = QProgressBar(self)
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(True)
        self.meter.setAccessibleName(self.tr("Passphrase strength"))
        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        form = QFormLayout()
        form.setVerticalSpacing(theme.SPACING // 2 + 2)
        form.addRow(self.tr("Your &name:"), self.full_name)
        form.addRow(self.tr("Your &title:"), self.title)
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        form.addRow(self.tr("Strength:"), self.meter)
        form.addRow(self.tr("&Repeat it:"), self.repeated)
        self.buttons = QDialogButtonBox(self)
        self.create_button = self.buttons.addButton(
            self.tr("&Create"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.create_button.setAccessibleName(self.tr("Create the encrypted store"))
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        theme.roomy(layout, margin=theme.MARGIN + 8)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        for edit in (self.full_name, self.title, self.passphrase, self.repeated):
            edit.textChanged.connect(self._update)
        if flow.error:
            self.problems.setText(flow.error)
        self._update()
        self.resize(560, self.sizeHint().height())

    def _problem_texts(self, problems: list[Problem]) -> list[str]:
        texts = {
            Problem.NAME_MISSING: self.tr("Write your name; it is used when you sign."),
            Problem.TITLE_MISSING: self.tr("Write your title; it is used when you sign."),
            Problem.TOO_SHORT: self.tr("The passphrase needs at least 8 characters."),
            Problem.TOO_WEAK: self.tr("The passphrase is easy to guess. Add a word or two."),
            Problem.MISMATCH: self.tr("The two passphrases are not the same."),
        }
        return [texts[p] for p in problems]

    def _update(self) -> None:
        level = strength(self.passphrase.text())
        names = {
            Strength.TOO_SHORT: self.tr("Too short"),
            Strength.WEAK: self.tr("Weak"),
            Strength.FAIR: self.tr("Fair"),
            Strength.GOOD: self.tr("Good"),
            Strength.STRONG: self.tr("Strong"),
        }
        self.meter.setValue(int(level))
        self.meter.setFormat(names[level])
        self.meter.setAccessibleDescription(names[level])
        problems = self.flow.check(
            self.passphrase.text(),
            self.repeated.text(),
            full_name=self.full_name.text(),
            title=self.title.text(),
        )
        shown = [p for p in problems if p is not Problem.MISMATCH or self.repeated.text()]
        if self.passphrase.text() or self.repeated.text():
            self.problems.setText("\n".join(self._problem_texts(shown)))
        self.create_button.setEnabled(not problems)

    def _submit(self) -> None:
        self.request = self.flow.submit(
            self.passphrase.text(),
            self.repeated.text(),
            full_name=self.full_name.text(),
            title=self.title.text(),
        )
        if self.request is None:
            self.problems.setText("\n".join(self._problem_texts(self.flow.problems)))
            return
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, flow: FirstRunFlow) -> NewStoreRequest | None:
        dialog = cls(flow, parent)
        dialog.exec()
        return dialog.request


class RecoveryKeyDialog(QDialog):
    def __init__(self, flow: FirstRunFlow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = flow
        self.setWindowTitle(self.tr("Your recovery key"))
        intro = QLabel(
            self.tr(
                "If you forget your passphrase, this recovery key is the only way to open your "
                "records. It is shown only now. Print it or write it down, and keep it locked "
                "away, apart from the computer."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.key = QLabel(flow.recovery_key or "", self)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(max(mono.pointSizeF(), self.font().pointSizeF()) * 1.25)
        self.key.setFont(mono)
        self.key.setWordWrap(True)
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key.setAccessibleName(self.tr("Recovery key"))
        self.key.setMargin(theme.SPACING)
        self.key.setFrameShape(QLabel.Shape.StyledPanel)
        self.print_button = QPushButton(self.tr("&Print…"), self)
        self.print_button.setAccessibleName(self.tr("Print the recovery key"))
        self.print_button.clicked.connect(self._print)
        self.stored = QCheckBox(self.tr("I have &stored the recovery key in a safe place"), self)
        self.stored.setAccessibleName(self.tr("I have stored the recovery key in a safe place"))
        self.stored.toggled.connect(self._stored_changed)
        self.buttons = QDialogButtonBox(self)
        self.continue_button = self.buttons.addButton(
            self.tr("&Continue"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.continue_button.setAccessibleName(self.tr("Continue"))
        self.continue_button.setEnabled(False)
        self.buttons.accepted.connect(self._finish)
        layout = QVBoxLayout(self)
        theme.roomy(layout, margin=theme.MARGIN + 8)
        layout.addWidget(intro)
        layout.addWidget(self.key)
        layout.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(theme.SPACING)
        layout.addWidget(self.stored)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    def _stored_changed(self, checked: bool) -> None:
        self.flow.confirm_stored(checked)
        self.continue_button.setEnabled(self.flow.can_finish)

    def _print(self) -> None:
        if print_recovery_key(self, self.flow.recovery_key or ""):
            self.flow.mark_printed()

    def _finish(self) -> None:
        if self.flow.can_finish:
            self.accept()

    def reject(self) -> None:
        """Escape does not close it: the key must be stored first."""
        if self.flow.can_finish:
            super().reject()

    @classmethod
    def ask(cls, parent: QWidget | None, flow: FirstRunFlow) -> bool:
        dialog = cls(flow, parent)
        dialog.exec()
        return flow.can_finish
