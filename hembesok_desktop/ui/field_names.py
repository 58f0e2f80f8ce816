"""The nurse's name of every synced field of every record (``protocol.schema.ENTITIES``), in one
table used by the change history and the sync views (translated, context "FieldNames").

A field means the same on every record unless an ``entity.field`` entry says otherwise (a
contact's ``kind`` is the kind of visit, a language record's the kind of observation). A test
checks that every field of every entity has a name here, so a new field cannot be forgotten.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def _table() -> dict[str, str]:
    return {
        # family
        "address": translate("FieldNames", "Address"),
        "postal_code": translate("FieldNames", "Postal code"),
        "area": translate("FieldNames", "Area"),
        "phone": translate("FieldNames", "Phone"),
        "languages": translate("FieldNames", "Languages"),
        "interpreter_needed": translate("FieldNames", "Interpreter needed"),
        "interpreter_language": translate("FieldNames", "Interpreter language"),
        "team_id": translate("FieldNames", "Team"),
        "nurse_username": translate("FieldNames", "Nurse"),
        "created_at": translate("FieldNames", "Created"),
        # guardian and child
        "given_name": translate("FieldNames", "Given name"),
        "family_name": translate("FieldNames", "Family name"),
        "identity_kind": translate("FieldNames", "Kind of identity number"),
        "identity_number": translate("FieldNames", "Identity number"),
        "linked_identity_number": translate("FieldNames", "Linked personal number"),
        "identity_level": translate("FieldNames", "Identity level"),
        "birth_date": translate("FieldNames", "Date of birth"),
        "role": translate("FieldNames", "Role"),
        "language": translate("FieldNames", "Language"),
        "first_child_in_sweden": translate("FieldNames", "First child in Sweden"),
        "birthing_parent": translate("FieldNames", "Gave birth to the child"),
        "sex": translate("FieldNames", "Sex"),
        "gestational_age_days": translate("FieldNames", "Gestational age at birth"),
        "bcg_indicated": translate("FieldNames", "BCG vaccination indicated"),
        "mother_hbsag_positive": translate("FieldNames", "Mother HBsAg-positive"),
        "rotavirus_three_dose": translate("FieldNames", "Rotavirus vaccine with three doses"),
        # enrollment
        "child_id": translate("FieldNames", "Child"),
        "programme_id": translate("FieldNames", "Programme"),
        "programme_version": translate("FieldNames", "Programme version"),
        "start_date": translate("FieldNames", "Start date"),
        "inclusion_reason": translate("FieldNames", "Reason for inclusion"),
        "status": translate("FieldNames", "Status"),
        "end_date": translate("FieldNames", "End date"),
        "end_reason": translate("FieldNames", "Reason for ending"),
        # contact
        "contact_id": translate("FieldNames", "Visit"),
        "contact_code": translate("FieldNames", "Contact in the programme"),
        "kind": translate("FieldNames", "Kind of visit"),
        "planned_date": translate("FieldNames", "Planned date"),
        "window_start": translate("FieldNames", "Window opens"),
        "window_end": translate("FieldNames", "Window closes"),
        "performed_at": translate("FieldNames", "Time of the visit"),
        "participants": translate("FieldNames", "Participants"),
        "interpreter_used": translate("FieldNames", "Interpreter used"),
        "interpreter_form": translate("FieldNames", "Form of interpreting"),
        "themes": translate("FieldNames", "Themes"),
        "status_reason": translate("FieldNames", "Reason"),
        # journal entry
        "text": translate("FieldNames", "Text"),
        "author_name": translate("FieldNames", "Author"),
        "author_title": translate("FieldNames", "Author's title"),
        "signed_at": translate("FieldNames", "Signed"),
        "amends": translate("FieldNames", "Corrects the entry"),
        "voided_at": translate("FieldNames", "Voided"),
        "voided_reason": translate("FieldNames", "Reason for voiding"),
        "voided_by": translate("FieldNames", "Voided by"),
        # measurement
        "measured_on": translate("FieldNames", "Date of measurement"),
        "weight_kg": translate("FieldNames", "Weight (kg)"),
        "length_cm": translate("FieldNames", "Length (cm)"),
        "head_circumference_cm": translate("FieldNames", "Head circumference (cm)"),
        "recorded_by": translate("FieldNames", "Recorded by"),
        # questionnaire response
        "form_id": translate("FieldNames", "Form"),
        "form_version": translate("FieldNames", "Form version"),
        "respondent": translate("FieldNames", "Respondent"),
        "answers": translate("FieldNames", "Answers"),
        "score": translate("FieldNames", "Score"),
        "subscores": translate("FieldNames", "Subscores"),
        "flags": translate("FieldNames", "Findings"),
        "authored_at": translate("FieldNames", "Started"),
        "completed_at": translate("FieldNames", "Completed"),
        # follow-up action
        "response_id": translate("FieldNames", "Screening"),
        "follow_up_action.area": translate("FieldNames", "Area of concern"),
        "offer_kind": translate("FieldNames", "Offer"),
        "with_social_services": translate("FieldNames", "Together with social services"),
        "with_whom": translate("FieldNames", "With whom"),
        "offered_at": translate("FieldNames", "Offered"),
        "decision": translate("FieldNames", "The family's decision"),
        "outcome": translate("FieldNames", "Outcome"),
        "closed_at": translate("FieldNames", "Closed"),
        # access log
        "at": translate("FieldNames", "Time"),
        "user": translate("FieldNames", "User"),
        "care_unit": translate("FieldNames", "Care unit"),
        "action": translate("FieldNames", "Action taken"),
        "access_log_entry.action": translate("FieldNames", "What was done"),
        "detail": translate("FieldNames", "Detail"),
        "device_id": translate("FieldNames", "Device"),
        # conflict
        "row_entity": translate("FieldNames", "Kind of record"),
        "row_id": translate("FieldNames", "Record"),
        "field": translate("FieldNames", "Field"),
        "losing_value": translate("FieldNames", "Value not kept"),
        "losing_hlc": translate("FieldNames", "Time of the value not kept"),
        "winning_value": translate("FieldNames", "Value kept"),
        "winning_hlc": translate("FieldNames", "Time of the value kept"),
        "settled_value": translate("FieldNames", "Value chosen"),
        "settled_at": translate("FieldNames", "Resolved"),
        "settled_by": translate("FieldNames", "Resolved by"),
        # child-health records
        "recorded_on": translate("FieldNames", "Date"),
        "feeding_record.status": translate("FieldNames", "Feeding"),
        "other_food_first_on": translate("FieldNames", "Other food first given"),
        "vaccine": translate("FieldNames", "Vaccine"),
        "dose_number": translate("FieldNames", "Dose"),
        "given_on": translate("FieldNames", "Given on"),
        "given_where": translate("FieldNames", "Given where"),
        "batch_number": translate("FieldNames", "Batch number"),
        "schedule_code": translate("FieldNames", "Planned dose"),
        "language_record.kind": translate("FieldNames", "Kind of language record"),
        "age_point": translate("FieldNames", "Age"),
        "result": translate("FieldNames", "Result"),
        "note": translate("FieldNames", "Note"),
        "exposure": translate("FieldNames", "Tobacco smoke in the home"),
        "screened_on": translate("FieldNames", "Date of screening"),
        "test": translate("FieldNames", "Kind of screening"),
        "referred_on": translate("FieldNames", "Date of referral"),
        "to_whom": translate("FieldNames", "Referred to"),
        "reason": translate("FieldNames", "Reason"),
        "referral.reason": translate("FieldNames", "Reason for referral"),
        "outcome_on": translate("FieldNames", "Date of outcome"),
    }


def has_name(entity: str, field: str) -> bool:
    """True when ``field`` of ``entity`` has a name in the table."""
    table = _table()
    return f"{entity}.{field}" in table or field in table


def field_name(entity: str, field: str) -> str:
    """The nurse's name of ``field`` on a record of kind ``entity`` ("" when the entity is
    not known: the field's general name)."""
    table = _table()
    return table.get(f"{entity}.{field}") or table.get(field) or field.replace("_", " ")
