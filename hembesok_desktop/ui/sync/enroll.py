"""Settings → "Connect to server…": enroll this laptop with the region's server.

``EnrollDialog.ask(parent)`` asks for the server address, the nurse's user name and password
and returns an ``EnrollRequest`` (or None). ``Enrollment(ctx).start(request)`` then does what
``hembesok enroll`` does: the HTTP call on a thread of its own (the window and the store worker
stay free), then ``replica.save_enrollment`` as one short task on the store worker. The device
token is kept only inside the encrypted store; the password is never stored.
"""

from __future__ import annotations

import contextlib
import platform
import threading
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...protocol.wire import EnrollResponse
from ...store.sync_port import save_enrollment
from ...sync import client as sync_client
from ..context import AppContext
from .messages import sync_error_message


@dataclass(frozen=True)
class EnrollRequest:
    server_url: str
    username: str
    password: str = field(repr=False)
    device_name: str = field(default_factory=lambda: platform.node() or "laptop")


class EnrollDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, server_url: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connect to server"))
        intro = QLabel(
            self.tr(
                "Connect this laptop to your region's Hembesök server once. Use the address "
                "from IT support and your own user name and password."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.server = QLineEdit(server_url, self)
        self.server.setPlaceholderText("https://hembesok.region.se")
        self.user = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Server &address:"), self.server)
        form.addRow(self.tr("&User name:"), self.user)
        form.addRow(self.tr("&Password:"), self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Connect"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        for edit in (self.server, self.user, self.password):
            edit.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(all(e.text().strip() for e in (self.server, self.user, self.password)))

    def _accept(self) -> None:
        try:
            sync_client.check_server_url(self.server.text())
        except sync_client.SyncError as error:
            self.error.setText(sync_error_message(error))
            self.error.show()
            return
        self.accept()

    def request(self) -> EnrollRequest:
        return EnrollRequest(
            server_url=sync_client.check_server_url(self.server.text()),
            username=self.user.text().strip(),
            password=self.password.text(),
        )

    @classmethod
    def ask(cls, parent: QWidget | None, *, server_url: str = "") -> EnrollRequest | None:
        dialog = cls(parent, server_url=server_url)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.request()


class Enrollment(QObject):
    """One enrollment in the background: ``finished(device_id)`` or ``failed(sentence)``."""

    finished = Signal(str)
    failed = Signal(str)
    _answered = Signal(object, object)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._answered.connect(self._save)
        self._request: EnrollRequest | None = None

    def start(self, request: EnrollRequest) -> None:
        self._request = request

        def call() -> None:
            answer: EnrollResponse | None = None
            failure: BaseException | None = None
            try:
                answer = sync_client.enroll(
                    request.server_url, request.username, request.password, request.device_name
                )
            except BaseException as error:
                failure = error
            with contextlib.suppress(RuntimeError):
                self._answered.emit(answer, failure)

        threading.Thread(target=call, name="enroll", daemon=True).start()

    def _save(self, answer: EnrollResponse | None, error: BaseException | None) -> None:
        request = self._request
        if answer is None or request is None:
            self.failed.emit(sync_error_message(error or RuntimeError()))
            return
        store = self._ctx.store

        def save() -> str:
            return save_enrollment(store, answer, server_url=request.server_url)

        self._ctx.runner.run(
            save,
            on_done=self.finished.emit,
            on_error=lambda e: self.failed.emit(sync_error_message(e)),
            name="save-enrollment",
        )
