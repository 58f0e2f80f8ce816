"""Translated words for the stable tokens the store and domain use (states, kinds, roles...).

Every function builds its table when called, so it follows the installed translator. Unknown
tokens are shown as they are rather than hidden.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QLocale

translate = QCoreApplication.translate


def _lookup(table: dict[str, str], token: str | None) -> str:
    if not token:
        return ""
    return table.get(token, token)


def contact_state(token: str | None) -> str:
    return _lookup(
        {
            "planned": translate("Labels", "Planned"),
            "due": translate("Labels", "Due now"),
            "overdue": translate("Labels", "Overdue"),
            "done": translate("Labels", "Done"),
            "missed": translate("Labels", "Missed"),
            "cancelled": translate("Labels", "Cancelled"),
            "rescheduled": translate("Labels", "Rescheduled"),
            "not_applicable": translate("Labels", "Not applicable"),
            # vaccination doses
            "given": translate("Labels", "Given"),
            # screenings
            "positive": translate("Labels", "Finding"),
            "negative": translate("Labels", "No finding"),
            # follow-up actions
            "offered": translate("Labels", "Offered"),
            "accepted": translate("Labels", "Accepted"),
            "declined": translate("Labels", "Declined"),
            "open": translate("Labels", "Open"),
            # journal entries
            "signed": translate("Labels", "Signed"),
            "voided": translate("Labels", "Voided"),
        },
        token,
    )


def timeline_kind(token: str | None) -> str:
    return _lookup(
        {
            "contact": translate("Labels", "Contact"),
            "measurement": translate("Labels", "Measurement"),
            "screening": translate("Labels", "Screening"),
            "follow_up": translate("Labels", "Follow-up"),
            "journal": translate("Labels", "Journal entry"),
            "vaccination": translate("Labels", "Vaccination"),
            "record": translate("Labels", "Child-health record"),
            "referral": translate("Labels", "Referral"),
            "today": translate("Labels", "Today"),
        },
        token,
    )


def flag(token: str) -> str:
    return _lookup(
        {
            "follow_up_missing": translate("Labels", "Follow-up missing"),
            "urgent": translate("Labels", "Urgent"),
            "amended": translate("Labels", "Corrected"),
            "amendment": translate("Labels", "Correction"),
            "voided": translate("Labels", "Voided"),
            "unsigned": translate("Labels", "Not signed"),
            "concern": translate("Labels", "Concern"),
            # screening areas (resources/forms): BarnSäkert-style and EPDS
            "economy": translate("Labels", "Money worries"),
            "depression": translate("Labels", "Low mood"),
            "stress": translate("Labels", "Parental stress"),
            "alcohol": translate("Labels", "Alcohol"),
            "violence": translate("Labels", "Violence between adults"),
            "food": translate("Labels", "Food"),
            "punishment": translate("Labels", "Harsh punishment"),
            "help": translate("Labels", "Wants help"),
            "epds-positive": translate("Labels", "EPDS above the cut-off"),
            "self-harm": translate("Labels", "Thoughts of self-harm"),
        },
        token,
    )


def inclusion_reasons() -> dict[str, str]:
    return {
        "first_time_parents": translate("Labels", "First-time parents"),
        "first_child_in_sweden": translate("Labels", "First child in Sweden"),
        "other": translate("Labels", "Other reason"),
    }


def inclusion_reason(token: str | None) -> str:
    return _lookup(inclusion_reasons(), token)


def guardian_roles() -> dict[str, str]:
    return {
        "mother": translate("Labels", "Mother"),
        "father": translate("Labels", "Father"),
        "parent": translate("Labels", "Parent"),
        "other": translate("Labels", "Other guardian"),
    }


def guardian_role(token: str | None) -> str:
    return _lookup(guardian_roles(), token)


def sexes() -> dict[str, str]:
    return {
        "": translate("Labels", "Not stated"),
        "female": translate("Labels", "Girl"),
        "male": translate("Labels", "Boy"),
    }


def enrollment_status(token: str | None) -> str:
    return _lookup(
        {"active": translate("Labels", "Active"), "ended": translate("Labels", "Ended")}, token
    )


def identity_kind(token: str | None) -> str:
    return _lookup(
        {
            "personnummer": translate("Labels", "Personal identity number"),
            "samordningsnummer": translate("Labels", "Coordination number"),
            "reserve": translate("Labels", "Reserve number"),
            "none": translate("Labels", "No number yet"),
        },
        token,
    )


def languages() -> dict[str, str]:
    """ISO 639 codes of the languages common in the caseload, with their names."""
    return {
        "sv": translate("Labels", "Swedish"),
        "ar": translate("Labels", "Arabic"),
        "so": translate("Labels", "Somali"),
        "ti": translate("Labels", "Tigrinya"),
        "am": translate("Labels", "Amharic"),
        "fa": translate("Labels", "Persian"),
        "prs": translate("Labels", "Dari"),
        "ps": translate("Labels", "Pashto"),
        "ku": translate("Labels", "Kurdish"),
        "tr": translate("Labels", "Turkish"),
        "pl": translate("Labels", "Polish"),
        "uk": translate("Labels", "Ukrainian"),
        "ru": translate("Labels", "Russian"),
        "bs": translate("Labels", "Bosnian"),
        "es": translate("Labels", "Spanish"),
        "fi": translate("Labels", "Finnish"),
        "en": translate("Labels", "English"),
    }


def language(code: str | None) -> str:
    return _lookup(languages(), code)


def language_list(codes: Sequence[str]) -> str:
    return ", ".join(language(code) for code in codes)


def worklists() -> dict[str, str]:
    return {
        "today": translate("Labels", "&Today"),
        "week": translate("Labels", "This &week"),
        "overdue": translate("Labels", "O&verdue"),
        "followup": translate("Labels", "Follow-&up"),
        "all": translate("Labels", "&All"),
    }


def format_date(day: date | None) -> str:
    """A date as the nurse reads it (ISO in Sweden: 2025-03-14)."""
    if day is None:
        return ""
    return day.isoformat()


def format_long_date(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)
