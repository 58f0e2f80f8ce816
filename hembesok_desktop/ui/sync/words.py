"""The nurse's words for records, fields and values in the conflicts view (translated)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from .. import field_names as names
from .. import labels
from ..common.timefmt import fmt_datetime

translate = QCoreApplication.translate


def record_kind(entity: str) -> str:
    return {
        "family": translate("SyncWords", "Family details"),
        "guardian": translate("SyncWords", "Guardian"),
        "child": translate("SyncWords", "Child"),
        "enrollment": translate("SyncWords", "Programme enrollment"),
        "contact": translate("SyncWords", "Visit"),
        "journal_entry": translate("SyncWords", "Journal entry"),
        "measurement": translate("SyncWords", "Measurement"),
        "questionnaire_response": translate("SyncWords", "Form"),
        "follow_up_action": translate("SyncWords", "Follow-up"),
        "access_log_entry": translate("SyncWords", "Access log"),
        "conflict": translate("SyncWords", "Conflict"),
        "feeding_record": translate("SyncWords", "Feeding"),
        "vaccination": translate("SyncWords", "Vaccination"),
        "language_record": translate("SyncWords", "Language development"),
        "tobacco_exposure": translate("SyncWords", "Tobacco smoke in the home"),
        "sensory_screening": translate("SyncWords", "Hearing or vision screening"),
        "referral": translate("SyncWords", "Referral"),
    }.get(entity, entity)


def field_name(field: str, entity: str = "") -> str:
    """The field's name from the one table of field names (``ui.field_names``)."""
    return names.field_name(entity, field)


def value_text(field: str, value: Any) -> str:
    """A stored (wire) value as the nurse reads it."""
    if value is None or value == "" or value == []:
        return translate("SyncWords", "(empty)")
    if isinstance(value, bool):
        return translate("SyncWords", "Yes") if value else translate("SyncWords", "No")
    if field == "languages" and isinstance(value, list):
        return labels.language_list([str(code) for code in value])
    if field in ("language", "interpreter_language") and isinstance(value, str):
        return labels.language(value)
    if field == "role" and isinstance(value, str):
        return labels.guardian_role(value)
    if field == "sex" and isinstance(value, str):
        return labels.sexes().get(value, value)
    if field == "status" and isinstance(value, str):
        return labels.contact_state(value)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {item}" for key, item in value.items())
    return str(value)


def when_text(moment: datetime | None) -> str:
    """A time in Swedish local time (Europe/Stockholm), as the journal shows it; a naive time
    is UTC, as the store writes it."""
    return fmt_datetime(moment)
