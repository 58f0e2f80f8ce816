"""The question before the window closes with work not yet where it belongs.

``ask_before_closing`` names what is at stake: changes not yet sent to the server (they stay
on this laptop and go with the next sync; "Sync now" starts it and keeps the window open), a
draft being saved (it is saved before closing), a sync under way (it stops between two steps).
With nothing at stake it does not ask. Answers: ``"close"``, ``"sync"`` or ``"cancel"``.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

CloseAnswer = Literal["close", "sync", "cancel"]

translate = QCoreApplication.translate


def close_reasons(*, unsent: int, saving_drafts: bool, syncing: bool) -> list[str]:
    """One sentence per thing the nurse should know before the window closes."""
    reasons = []
    if syncing:
        reasons.append(
            translate(
                "Closing",
                "A sync is running; it stops now and what it has not sent goes with the next sync.",
            )
        )
    elif unsent:
        reasons.append(
            translate(
                "Closing",
                "%n change(s) are not sent to the server yet. They stay on this laptop and are "
                "sent the next time you sync.",
                "",
                unsent,
            )
        )
    if saving_drafts:
        reasons.append(
            translate("Closing", "A draft is being saved; it is saved before Hembesök closes.")
        )
    return reasons


def ask_before_closing(
    parent: QWidget, *, unsent: int, saving_drafts: bool, syncing: bool
) -> CloseAnswer:
    reasons = close_reasons(unsent=unsent, saving_drafts=saving_drafts, syncing=syncing)
    if not reasons:
        return "close"
    box = QMessageBox(
        QMessageBox.Icon.Question, translate("Closing", "Close Hembesök?"), "", parent=parent
    )
    box.setText(" ".join(reasons))
    sync = None
    if unsent and not syncing:
        sync = box.addButton(translate("Closing", "&Sync now"), QMessageBox.ButtonRole.AcceptRole)
    close = box.addButton(translate("Closing", "C&lose"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(translate("Closing", "&Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(sync or cancel)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if sync is not None and clicked is sync:
        return "sync"
    return "close" if clicked is close else "cancel"
