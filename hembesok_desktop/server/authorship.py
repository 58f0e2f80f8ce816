"""Authorship bound to the authenticated nurse.

A pushed change may only name as author the nurse who owns the pushing device: a journal
entry's ``author_name`` and ``author_title`` are her full name and title; ``voided_by`` (a
journal void), ``recorded_by`` (a measurement, a follow-up action, a structured child-health
record) and an access-log entry's ``user`` are her user name or full name (the laptop writes
the user name for the latter, the name shown in the journal for a void). Empty values are not
authorship (the store's defaults). Refusal reasons name the entity and field, never the values.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: entity -> field -> which of the nurse's attributes the value must equal
_BOUND: dict[str, dict[str, tuple[str, ...]]] = {
    "journal_entry": {
        "author_name": ("full_name",),
        "author_title": ("title",),
        "voided_by": ("full_name", "username"),
    },
    "measurement": {"recorded_by": ("username", "full_name")},
    "follow_up_action": {"recorded_by": ("username", "full_name")},
    "access_log_entry": {"user": ("username", "full_name")},
    **{
        entity: {"recorded_by": ("username", "full_name")}
        for entity in (
            "feeding_record",
            "vaccination",
            "language_record",
            "tobacco_exposure",
            "sensory_screening",
            "referral",
        )
    },
}


def check_authorship(
    entity: str, values: Mapping[str, Any], *, username: str, full_name: str, title: str
) -> str | None:
    """The refusal reason when ``values`` name someone else than the nurse, else None."""
    nurse = {"username": username, "full_name": full_name, "title": title}
    for name, attributes in _BOUND.get(entity, {}).items():
        value = values.get(name)
        if not isinstance(value, str) or not value.strip():
            continue
        if value.strip() not in {nurse[attribute] for attribute in attributes}:
            return (
                f"The field {entity}.{name} must name the nurse who owns this device; "
                "it names someone else."
            )
    return None
