"""One clear Swedish sentence for an error shown in the GUI.

The store's errors carry one English sentence. The known, fixed sentences are listed below as
translatable source strings (context ``StoreErrors``), so ``hembesok_sv.ts`` holds their Swedish
text; ``message_for`` looks the sentence up at run time. An unknown sentence gets a general
Swedish sentence for its kind of error. Nothing here logs or shows personal data.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from ..domain.identity import InvalidIdentityNumber
from ..store.errors import (
    DatabaseDamaged,
    InvalidInput,
    JournalRuleViolation,
    NotFound,
    StoreError,
    StoreLocked,
    VaultDamaged,
    WrongPassphrase,
    WrongRecoveryKey,
)

translate = QCoreApplication.translate


def _known() -> list[str]:
    """The store's fixed sentences, so lupdate puts them into the .ts files."""
    return [
        translate("StoreErrors", "A measurement needs a weight, a length or a head circumference."),
        translate("StoreErrors", "Measured values must be greater than zero."),
        translate("StoreErrors", "A measurement cannot be dated before the child's birth."),
        translate("StoreErrors", "The birth date does not match the personal identity number."),
        translate("StoreErrors", "A child needs a birth date or a personal identity number."),
        translate("StoreErrors", "A child's birth date cannot lie in the future."),
        translate(
            "StoreErrors", "Only a person with a reserve number can be linked to a new number."
        ),
        translate("StoreErrors", "The child does not belong to this family."),
        translate(
            "StoreErrors",
            "An urgent finding needs the acute assessment the same day recorded before the "
            "screening can be closed.",
        ),
        translate("StoreErrors", "An enrollment cannot start before the child was born."),
        translate("StoreErrors", "An enrollment is ended only with a reason."),
        translate("StoreErrors", "An enrollment cannot end before it started."),
        translate("StoreErrors", "Both a given name and a family name are needed."),
        translate("StoreErrors", "The passphrase is not correct."),
        translate("StoreErrors", "The recovery key is not correct."),
        translate("StoreErrors", "The store is locked."),
    ]


def identity_message(error: InvalidIdentityNumber, *, reserve: bool = False) -> str:
    """Why an identity number was refused, from its machine-readable reason."""
    if reserve:
        return {
            "length": translate("Identity", "A reserve number has 1 to 40 characters."),
        }.get(
            error.reason,
            translate("Identity", "A reserve number may contain only letters, digits and '-'."),
        )
    return {
        "length": translate("Identity", "The number has the wrong number of digits."),
        "format": translate(
            "Identity", "Write the number as YYYYMMDD-NNNN or YYMMDD-NNNN, digits only."
        ),
        "date": translate("Identity", "The date of birth in the number does not exist."),
        "check_digit": translate(
            "Identity", "The last digit does not match the rest of the number. Check for a typo."
        ),
        "plus_rule": translate(
            "Identity", "The '+' sign is only used for people who are 100 years or older."
        ),
        "serial": translate(
            "Identity", "The three digits after the date are never 000. Check for a typo."
        ),
    }.get(error.reason, translate("Identity", "The number is not valid."))


def message_for(error: BaseException) -> str:
    """One sentence in the UI language for ``error``."""
    if isinstance(error, InvalidIdentityNumber):
        return identity_message(error)
    if isinstance(error, StoreError):
        text = str(error)
        translated = translate("StoreErrors", text)
        if translated != text:
            return translated
        if QLocale().language() == QLocale.Language.English:
            return text  # the store's own sentence is English already
        if isinstance(error, WrongPassphrase):
            return translate("Errors", "The passphrase is not correct.")
        if isinstance(error, WrongRecoveryKey):
            return translate("Errors", "The recovery key is not correct.")
        if isinstance(error, DatabaseDamaged | VaultDamaged):
            return translate(
                "Errors",
                "The data file is damaged and cannot be opened. Contact your IT support; "
                "nothing has been changed.",
            )
        if isinstance(error, StoreLocked):
            return translate("Errors", "Hembesök is locked. Unlock it and try again.")
        if isinstance(error, NotFound):
            return translate("Errors", "The record could not be found. It may have been moved.")
        if isinstance(error, JournalRuleViolation):
            return translate("Errors", "Signed records cannot be changed.")
        if isinstance(error, InvalidInput):
            return translate("Errors", "Some information is missing or not valid.")
        return translate("Errors", "The action could not be completed; nothing was changed.")
    return translate(
        "Errors", "Something unexpected went wrong; nothing was changed. Please try again."
    )
