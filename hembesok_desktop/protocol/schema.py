"""The one typed schema of every synced entity and field, shared by the laptop and the server.

``ENTITIES`` is a declarative table: entity -> field -> ``FieldSpec`` (kind, nullable, maximum
length, allowed values, whether a new row needs it). The server validates every pushed change
against it (``check_change``) and leaves stored rows that fail it out of pull answers; the
laptop converts pulled values through it (``check_value``) and sets aside a row that fails.
A test keeps it equal to the laptop store's tables, column by column.

Kinds and their wire forms:

* ``text``: a string without NUL characters or lone surrogates, at most ``max_length``
  characters (``TEXT_LIMIT`` unless said otherwise; journal text ``JOURNAL_TEXT_LIMIT``);
* ``id``: a reference to another record, a text of at most 36 characters (a UUID);
* ``int`` / ``float``: a JSON number (``float`` also takes an integer; never a boolean), finite;
* ``bool``: ``true`` or ``false``;
* ``date``: ``YYYY-MM-DD``, a real calendar date; ``datetime``: ISO 8601, e.g.
  ``2026-03-01T09:30:00+00:00`` (a time without offset is read as UTC);
* ``list`` / ``object`` / ``json``: a JSON array / object / any value, nested at most
  ``MAX_DEPTH`` levels, at most ``JSON_LIMIT`` characters when serialised, texts inside as
  ``text``.

Limits of a change as a whole: at most the entity's own fields (``MAX_FIELDS_PER_CHANGE`` at
most), names of at most 64 characters. Adding an entity or a field is one entry in ``ENTITIES``
(and the store's table and migration).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal

import orjson

from ..domain.child_health import (
    FEEDING_STATUSES,
    GIVEN_WHERE,
    INTERPRETER_FORMS,
    LANGUAGE_ACTIONS,
    LANGUAGE_AGE_POINTS,
    LANGUAGE_KINDS,
    LANGUAGE_RESULTS,
    REFERRAL_REASONS,
    REFERRAL_RECEIVERS,
    SENSORY_RESULTS,
    SENSORY_TESTS,
    TOBACCO_AGE_POINTS,
    TOBACCO_EXPOSURES,
)
from ..domain.record_labels import IDENTITY_LEVEL_VALUES

Kind = Literal["text", "id", "int", "float", "bool", "date", "datetime", "list", "object", "json"]

#: ids on the wire (change, row, family ids)
ID_LIMIT = 64
#: a field referring to another record (``id`` kind): a UUID, as the laptop's columns hold
REF_LIMIT = 36
TEXT_LIMIT = 2_000
JOURNAL_TEXT_LIMIT = 100_000
JSON_LIMIT = 200_000
MAX_DEPTH = 16
MAX_FIELDS_PER_CHANGE = 64
#: the request body of a push may be at most this many bytes (answered 413)
MAX_BODY_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class FieldSpec:
    kind: Kind
    nullable: bool = False
    #: a new row needs this field (the laptop's table has no default for it)
    required: bool = False
    max_length: int | None = None
    allowed: frozenset[str] | None = None

    @property
    def limit(self) -> int:
        if self.max_length is not None:
            return self.max_length
        if self.kind == "id":
            return REF_LIMIT
        return JSON_LIMIT if self.kind in ("list", "object", "json") else TEXT_LIMIT


def _f(kind: Kind, *, null: bool = False, req: bool = False, max_length: int | None = None,
       allowed: tuple[str, ...] | None = None) -> FieldSpec:
    return FieldSpec(kind, null, req, max_length, None if allowed is None else frozenset(allowed))


TEXT = _f("text")
BOOL = _f("bool")
LIST = _f("list")
OBJECT = _f("object")
DATE_OR_NULL = _f("date", null=True)
DATETIME_OR_NULL = _f("datetime", null=True)
ID_OR_NULL = _f("id", null=True)
FLOAT_OR_NULL = _f("float", null=True)
IDENTITY_KINDS = ("personnummer", "samordningsnummer", "reserve", "none")
#: a coordination number's identity level (styrkt, sannolik, osäker); "" = not recorded
IDENTITY_LEVELS = IDENTITY_LEVEL_VALUES

#: the columns every structured child-health record has (child, contact, author, void)
CHILD_HEALTH_ROW: dict[str, FieldSpec] = {
    "child_id": _f("id", req=True),
    "contact_id": ID_OR_NULL,
    "recorded_by": _f("text", max_length=60),
    "voided_reason": _f("text", max_length=500),
}

ENTITIES: dict[str, dict[str, FieldSpec]] = {
    "family": {
        "address": TEXT,
        "postal_code": TEXT,
        "area": TEXT,
        "phone": TEXT,
        "languages": LIST,
        "interpreter_needed": BOOL,
        "interpreter_language": TEXT,
        "team_id": TEXT,
        "nurse_username": TEXT,
        "created_at": _f("datetime", req=True),
    },
    "guardian": {
        "given_name": _f("text", req=True),
        "family_name": _f("text", req=True),
        "identity_kind": _f("text", allowed=IDENTITY_KINDS),
        "identity_number": TEXT,
        "linked_identity_number": TEXT,
        "identity_level": _f("text", allowed=IDENTITY_LEVELS),
        "birth_date": DATE_OR_NULL,
        "role": TEXT,
        "language": TEXT,
        "first_child_in_sweden": BOOL,
        "birthing_parent": BOOL,
    },
    "child": {
        "given_name": _f("text", req=True),
        "family_name": _f("text", req=True),
        "identity_kind": _f("text", allowed=IDENTITY_KINDS),
        "identity_number": TEXT,
        "linked_identity_number": TEXT,
        "identity_level": _f("text", allowed=IDENTITY_LEVELS),
        "birth_date": _f("date", req=True),
        "sex": _f("text", allowed=("female", "male", "")),
        "gestational_age_days": _f("int", null=True),
        "bcg_indicated": BOOL,
        "mother_hbsag_positive": BOOL,
        "rotavirus_three_dose": BOOL,
    },
    "enrollment": {
        "child_id": _f("id", req=True),
        "programme_id": _f("text", req=True),
        "programme_version": TEXT,
        "start_date": _f("date", req=True),
        "inclusion_reason": _f("text", req=True),
        "status": _f("text", allowed=("active", "ended")),
        "end_date": DATE_OR_NULL,
        "end_reason": TEXT,
    },
    "contact": {
        "child_id": ID_OR_NULL,
        "programme_id": TEXT,
        "contact_code": TEXT,
        "kind": _f("text", allowed=("home", "clinic", "phone")),
        "status": _f(
            "text", allowed=("planned", "done", "missed", "cancelled", "rescheduled")
        ),
        "planned_date": DATE_OR_NULL,
        "window_start": DATE_OR_NULL,
        "window_end": DATE_OR_NULL,
        "performed_at": DATETIME_OR_NULL,
        "participants": LIST,
        "interpreter_used": BOOL,
        "interpreter_language": _f("text", max_length=20),
        "interpreter_form": _f("text", allowed=("", *INTERPRETER_FORMS)),
        "themes": LIST,
        "status_reason": TEXT,
    },
    "journal_entry": {
        "child_id": ID_OR_NULL,
        "contact_id": ID_OR_NULL,
        "text": _f("text", max_length=JOURNAL_TEXT_LIMIT),
        "author_name": TEXT,
        "author_title": TEXT,
        "created_at": _f("datetime", req=True),
        "signed_at": DATETIME_OR_NULL,
        "amends": ID_OR_NULL,
        "voided_at": DATETIME_OR_NULL,
        "voided_reason": TEXT,
        "voided_by": TEXT,
    },
    "measurement": {
        "child_id": _f("id", req=True),
        "contact_id": ID_OR_NULL,
        "measured_on": _f("date", req=True),
        "weight_kg": FLOAT_OR_NULL,
        "length_cm": FLOAT_OR_NULL,
        "head_circumference_cm": FLOAT_OR_NULL,
        "recorded_by": TEXT,
        "voided_reason": TEXT,
    },
    "questionnaire_response": {
        "child_id": ID_OR_NULL,
        "contact_id": ID_OR_NULL,
        "form_id": _f("text", req=True),
        "form_version": _f("text", req=True),
        "language": TEXT,
        "respondent": TEXT,
        "status": _f("text", allowed=("in-progress", "completed")),
        "answers": OBJECT,
        "score": FLOAT_OR_NULL,
        "subscores": OBJECT,
        "flags": LIST,
        "authored_at": _f("datetime", req=True),
        "completed_at": DATETIME_OR_NULL,
        "voided_reason": TEXT,
    },
    "follow_up_action": {
        "response_id": ID_OR_NULL,
        "area": TEXT,
        "offer_kind": _f("text", req=True),
        "with_social_services": BOOL,
        "with_whom": TEXT,
        "offered_at": _f("datetime", req=True),
        "decision": _f("text", allowed=("offered", "accepted", "declined")),
        "status": _f("text", allowed=("open", "done")),
        "outcome": TEXT,
        "closed_at": DATETIME_OR_NULL,
        "recorded_by": TEXT,
    },
    "access_log_entry": {
        "at": _f("datetime", req=True),
        "user": _f("text", req=True),
        "care_unit": TEXT,
        "action": _f("text", req=True, allowed=("open", "print", "export")),
        "detail": TEXT,
        "device_id": TEXT,
    },
    "conflict": {
        "row_entity": _f("text", req=True),
        "row_id": _f("text", req=True),
        "field": _f("text", req=True),
        "losing_value": _f("json", null=True),
        "losing_hlc": TEXT,
        "winning_value": _f("json", null=True),
        "winning_hlc": TEXT,
        "status": _f("text", allowed=("open", "settled")),
        "settled_value": _f("json", null=True),
        "settled_at": DATETIME_OR_NULL,
        "settled_by": TEXT,
    },
    # the structured child-health records (issue 14); allowed values from domain.child_health
    "feeding_record": {
        **CHILD_HEALTH_ROW,
        "recorded_on": _f("date", req=True),
        "status": _f("text", req=True, allowed=FEEDING_STATUSES),
        "other_food_first_on": DATE_OR_NULL,
    },
    "vaccination": {
        **CHILD_HEALTH_ROW,
        "vaccine": _f("text", req=True, max_length=40),
        "dose_number": _f("int", req=True),
        "given_on": _f("date", req=True),
        "given_where": _f("text", allowed=GIVEN_WHERE),
        "batch_number": _f("text", max_length=40),
        "schedule_code": _f("text", max_length=20),
    },
    "language_record": {
        **CHILD_HEALTH_ROW,
        "recorded_on": _f("date", req=True),
        "kind": _f("text", req=True, allowed=LANGUAGE_KINDS),
        "age_point": _f("text", allowed=("", *LANGUAGE_AGE_POINTS)),
        "result": _f("text", allowed=("", *LANGUAGE_RESULTS)),
        "action": _f("text", allowed=("", *LANGUAGE_ACTIONS)),
        "note": _f("text", max_length=1000),
    },
    "tobacco_exposure": {
        **CHILD_HEALTH_ROW,
        "recorded_on": _f("date", req=True),
        "age_point": _f("text", req=True, allowed=TOBACCO_AGE_POINTS),
        "exposure": _f("text", req=True, allowed=TOBACCO_EXPOSURES),
    },
    "sensory_screening": {
        **CHILD_HEALTH_ROW,
        "screened_on": _f("date", req=True),
        "test": _f("text", req=True, allowed=SENSORY_TESTS),
        "result": _f("text", req=True, allowed=SENSORY_RESULTS),
    },
    "referral": {
        **CHILD_HEALTH_ROW,
        "referred_on": _f("date", req=True),
        "to_whom": _f("text", req=True, allowed=REFERRAL_RECEIVERS),
        "reason": _f("text", req=True, allowed=REFERRAL_REASONS),
        "note": _f("text", max_length=1000),
        "outcome": _f("text", max_length=1000),
        "outcome_on": DATE_OR_NULL,
    },
}

#: each entity's fields a new row must carry (``missing_required`` runs for every pulled row)
_REQUIRED: dict[str, frozenset[str]] = {
    entity: frozenset(name for name, spec in fields.items() if spec.required)
    for entity, fields in ENTITIES.items()
}


class SchemaError(ValueError):
    """A value or change that does not fit the schema; ``str()`` names entity and field."""


def _check_text(text: str, limit: int) -> str | None:
    if len(text) > limit:
        return f"is longer than {limit} characters"
    if "\x00" in text:
        return "holds a NUL character"
    if text.isascii():  # no surrogate to find: skip the copy that encoding makes
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "is not valid Unicode text"
    return None


def _check_json(value: Any, depth: int = 0) -> str | None:
    """Why ``value`` is not plain JSON within the depth bound, or None."""
    if depth > MAX_DEPTH:
        return f"is nested more than {MAX_DEPTH} levels deep"
    if value is None or isinstance(value, bool | int):
        return None
    if isinstance(value, float):
        return None if math.isfinite(value) else "holds a number that is not finite"
    if isinstance(value, str):
        return _check_text(value, JSON_LIMIT)
    if isinstance(value, list):
        for item in value:
            if (why := _check_json(item, depth + 1)) is not None:
                return why
        return None
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str) or (why := _check_text(key, TEXT_LIMIT)) is not None:
                return "has a key that is not valid text"
            if (why := _check_json(item, depth + 1)) is not None:
                return why
        return None
    return "is not a JSON value"


def _problem(spec: FieldSpec, value: Any) -> str | None:
    """Why ``value`` (wire form) does not fit ``spec``, or None when it does."""
    if value is None:
        return None if spec.nullable else "may not be empty (null)"
    kind = spec.kind
    if kind in ("text", "id"):
        if not isinstance(value, str):
            return "must be a text"
        if (why := _check_text(value, spec.limit)) is not None:
            return why
        if spec.allowed is not None and value not in spec.allowed:
            return "has a value that is not allowed"
        return None
    if kind == "bool":
        return None if isinstance(value, bool) else "must be true or false"
    if kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2**63
        return None if ok else "must be a whole number"
    if kind == "float":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "must be a number"
        return None if math.isfinite(float(value)) and abs(value) < 1e15 else "is out of range"
    if kind == "date":
        if not isinstance(value, str) or len(value) != 10:
            return "must be a date (YYYY-MM-DD)"
        try:
            date.fromisoformat(value)
        except ValueError:
            return "is not a real date (YYYY-MM-DD)"
        return None
    if kind == "datetime":
        if not isinstance(value, str) or not 10 <= len(value) <= 40:
            return "must be a date and time (ISO 8601)"
        try:
            datetime.fromisoformat(value)
        except ValueError:
            return "is not a real date and time (ISO 8601)"
        return None
    if kind == "list" and not isinstance(value, list):
        return "must be a list"
    if kind == "object" and not isinstance(value, dict):
        return "must be an object"
    if (why := _check_json(value)) is not None:
        return why
    if _json_length(value, spec.limit) > spec.limit:
        return f"is longer than {spec.limit} characters"
    return None


def _json_length(value: Any, limit: int) -> int:
    """The length of ``json.dumps(value, ensure_ascii=False)``, or a bound at most ``limit`` of
    it: that text is at most twice orjson's compact UTF-8 bytes (one space per separator), so a
    value whose orjson form is at most ``limit / 2`` bytes fits without the slow encoder."""
    try:
        if 2 * len(orjson.dumps(value)) <= limit:
            return 0
    except TypeError:  # an integer beyond 64 bits: measure it the exact way
        pass
    return len(json.dumps(value, ensure_ascii=False))


def check_value(entity: str, field: str, value: Any) -> None:
    """Raise ``SchemaError`` unless ``value`` (wire form) fits ``entity.field``."""
    fields = ENTITIES.get(entity)
    if fields is None:
        raise SchemaError(f"Records of kind '{entity[:64]}' are not synced.")
    spec = fields.get(field)
    if spec is None:
        raise SchemaError(f"There is no field '{field[:64]}' on {entity} records.")
    why = _problem(spec, value)
    if why is not None:
        raise SchemaError(f"The field {entity}.{field} {why}.")


def check_fields(entity: str, values: Mapping[str, Any]) -> None:
    """Raise ``SchemaError`` unless every (field, value) fits ``entity``."""
    fields = ENTITIES.get(entity)
    if fields is None:
        raise SchemaError(f"Records of kind '{entity[:64]}' are not synced.")
    if len(values) > min(len(fields), MAX_FIELDS_PER_CHANGE):
        raise SchemaError(f"A change of a {entity} record carries more fields than it has.")
    for name, value in values.items():
        check_value(entity, name, value)


def missing_required(entity: str, present: set[str] | frozenset[str]) -> list[str]:
    """The fields a new row of ``entity`` needs that ``present`` lacks."""
    required = _REQUIRED.get(entity)
    if not required:
        return []
    return sorted(required - present) if not required <= present else []


def python_value(entity: str, field: str, value: Any) -> Any:
    """A checked wire value as a Python value: a ``date`` for a date field, an aware
    ``datetime`` (UTC when the text has no offset) for a date-and-time field, else as it is.
    Unknown fields and ``None`` pass unchanged."""
    spec = ENTITIES.get(entity, {}).get(field)
    if spec is None or not isinstance(value, str):
        return value
    if spec.kind == "date":
        return date.fromisoformat(value)
    if spec.kind == "datetime":
        moment = datetime.fromisoformat(value)
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return value


def python_row(entity: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """Every value of a checked row (``check_fields``) through ``python_value``."""
    return {name: python_value(entity, name, value) for name, value in values.items()}
