"""The store's one-sentence errors, shown to the nurse in her language.

The store speaks English (its messages also reach logs and the command line). Known sentences
are listed here as literal ``translate("StoreErrors", ...)`` calls so lupdate puts them in the
.ts file; the UI shows their Swedish translation.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ...store.errors import StoreError

translate = QCoreApplication.translate


def known_messages() -> dict[str, str]:
    """The store's sentences and their translations (literal, so lupdate finds them)."""
    return {
        "A signed journal entry cannot be changed; amend it instead.": translate(
            "StoreErrors", "A signed journal entry cannot be changed; amend it instead."
        ),
        "This journal entry is already signed.": translate(
            "StoreErrors", "This journal entry is already signed."
        ),
        "An empty journal entry cannot be signed.": translate(
            "StoreErrors", "An empty journal entry cannot be signed."
        ),
        "A signature needs the author's name and title.": translate(
            "StoreErrors", "A signature needs the author's name and title."
        ),
        "Only a signed entry is amended; edit an unsigned one.": translate(
            "StoreErrors", "Only a signed entry is amended; edit an unsigned one."
        ),
        "This journal entry is already voided.": translate(
            "StoreErrors", "This journal entry is already voided."
        ),
        "A journal entry is voided only with a reason.": translate(
            "StoreErrors", "A journal entry is voided only with a reason."
        ),
        "A contact that took place needs its date and time.": translate(
            "StoreErrors", "A contact that took place needs its date and time."
        ),
        "A measurement needs a weight, a length or a head circumference.": translate(
            "StoreErrors", "A measurement needs a weight, a length or a head circumference."
        ),
        "Measured values must be greater than zero.": translate(
            "StoreErrors", "Measured values must be greater than zero."
        ),
        "A measurement cannot be dated before the child's birth.": translate(
            "StoreErrors", "A measurement cannot be dated before the child's birth."
        ),
        "A completed questionnaire response cannot be changed.": translate(
            "StoreErrors", "A completed questionnaire response cannot be changed."
        ),
        "This questionnaire response is already completed.": translate(
            "StoreErrors", "This questionnaire response is already completed."
        ),
        "This follow-up is already closed.": translate(
            "StoreErrors", "This follow-up is already closed."
        ),
        "The store is locked.": QCoreApplication.translate("StoreErrors", "The store is locked."),
    }


def error_sentence(error: BaseException) -> str:
    """One sentence for the nurse; the store's own sentence, translated when known."""
    if isinstance(error, StoreError):
        text = str(error)
        known = known_messages()
        if text in known:
            return known[text]
        prefix = QCoreApplication.translate("StoreErrors", "The change could not be saved:")
        return f"{prefix} {text}"
    return QCoreApplication.translate(
        "StoreErrors", "Something went wrong and nothing was saved. Try again."
    )
