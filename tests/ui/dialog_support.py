"""Answering a modal question from a test: the real ``QMessageBox`` is shown (``exec``) and a
timer reads its text and clicks the button with the given label."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QWidget


def answer_next_question(button_text: str, seen: list[str], *, tries: int = 200) -> None:
    """When the next modal message box shows, note its title and text in ``seen`` and click
    the button whose text (without ``&``) is ``button_text``."""

    def attempt(left: int) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(f"{box.windowTitle()}\n{box.text()}")
            seen.extend(b.text().replace("&", "") for b in box.buttons())
            button = _button(box, button_text)
            if button is None:
                box.reject()
            else:
                button.click()
            return
        if left:
            QTimer.singleShot(10, lambda: attempt(left - 1))

    QTimer.singleShot(0, lambda: attempt(tries))


def _button(box: QWidget, text: str) -> QAbstractButton | None:
    matches: Callable[[QAbstractButton], bool] = lambda b: b.text().replace("&", "") == text  # noqa: E731
    return next((b for b in box.findChildren(QAbstractButton) if matches(b)), None)
