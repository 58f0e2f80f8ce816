"""The store's one-sentence errors, shown to the nurse in her language.

The store speaks English (its messages also reach logs and the command line). Known sentences
are listed here with ``QT_TRANSLATE_NOOP`` so lupdate puts them in the .ts file under the
context ``StoreErrors``; the UI shows their Swedish translation.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ...store.errors import StoreError

CONTEXT = "StoreErrors"

KNOWN_MESSAGES = (
    QT_TRANSLATE_NOOP("StoreErrors", "A signed journal entry cannot be changed; amend it instead."),
    QT_TRANSLATE_NOOP("StoreErrors", "This journal entry is already signed."),
    QT_TRANSLATE_NOOP("StoreErrors", "An empty journal entry cannot be signed."),
    QT_TRANSLATE_NOOP("StoreErrors", "A signature needs the author's name and title."),
    QT_TRANSLATE_NOOP("StoreErrors", "Only a signed entry is amended; edit an unsigned one."),
    QT_TRANSLATE_NOOP("StoreErrors", "This journal entry is already voided."),
    QT_TRANSLATE_NOOP("StoreErrors", "A journal entry is voided only with a reason."),
    QT_TRANSLATE_NOOP("StoreErrors", "A contact that took place needs its date and time."),
    QT_TRANSLATE_NOOP(
        "StoreErrors", "A measurement needs a weight, a length or a head circumference."
    ),
    QT_TRANSLATE_NOOP("StoreErrors", "Measured values must be greater than zero."),
    QT_TRANSLATE_NOOP("StoreErrors", "A measurement cannot be dated before the child's birth."),
    QT_TRANSLATE_NOOP("StoreErrors", "A completed questionnaire response cannot be changed."),
    QT_TRANSLATE_NOOP("StoreErrors", "This questionnaire response is already completed."),
    QT_TRANSLATE_NOOP("StoreErrors", "This follow-up is already closed."),
    QT_TRANSLATE_NOOP("StoreErrors", "The store is locked."),
)


def error_sentence(error: BaseException) -> str:
    """One sentence for the nurse; the store's own sentence, translated when known."""
    if isinstance(error, StoreError):
        text = str(error)
        translated = QCoreApplication.translate(CONTEXT, text)
        if translated != text or text in KNOWN_MESSAGES:
            return translated
        prefix = QCoreApplication.translate(CONTEXT, "The change could not be saved:")
        return f"{prefix} {text}"
    return QCoreApplication.translate(
        CONTEXT, "Something went wrong and nothing was saved. Try again."
    )
