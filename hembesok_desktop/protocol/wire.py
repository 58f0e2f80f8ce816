"""Sync protocol, version 1: the JSON payloads shared by the laptop client and the server.

A *change* carries new values for some fields of one row. Each field value travels with the
hybrid-logical-clock timestamp (``hlc``) of the write that made it and the timestamp of the value
the writer saw before (``base``); a write whose ``base`` is not the version it overwrites was made
without seeing that version, i.e. concurrently, and if the two values differ the loser is kept
as a Conflict (see ``merge``).

Rows are identified by ``entity`` (a table name from ``SYNCED_ENTITIES``) and ``row_id`` (a
UUID string); every row belongs to one family (``family_id``), the unit of scope.

Push: ``POST /api/v1/sync/push`` with a ``PushRequest``; the server applies each change
idempotently by ``change_id`` and answers ``PushResponse``. The client marks changes sent only
after this answer. Pull: ``GET /api/v1/sync/pull?cursor=C&limit=N`` answers ``PullResponse``: the
current state of rows changed after the cursor, in feed order, plus families removed from scope.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

PROTOCOL_VERSION = 1

#: Entities whose rows are synced. What may still change once a row is final (signed,
#: completed, voided, append-only) is the finality table in ``domain.finality``.
SYNCED_ENTITIES: frozenset[str] = frozenset(
    {
        "family",
        "guardian",
        "child",
        "enrollment",
        "contact",
        "journal_entry",
        "measurement",
        "questionnaire_response",
        "follow_up_action",
        "access_log_entry",
        "conflict",
        # structured child-health records (issue 14; fields in domain.child_health)
        "feeding_record",
        "vaccination",
        "language_record",
        "tobacco_exposure",
        "sensory_screening",
        "referral",
    }
)


class FieldValue(BaseModel):
    model_config = ConfigDict(frozen=True)

    value: Any = None
    hlc: str
    base: str | None = None


class Change(BaseModel):
    change_id: str = Field(min_length=1, max_length=64)
    entity: str
    row_id: str = Field(min_length=1, max_length=64)
    family_id: str = Field(min_length=1, max_length=64)
    fields: dict[str, FieldValue]


class PushRequest(BaseModel):
    protocol: int = PROTOCOL_VERSION
    batch_id: str
    changes: list[Change]


class Rejection(BaseModel):
    change_id: str
    reason: str


class PushResponse(BaseModel):
    protocol: int = PROTOCOL_VERSION
    accepted: list[str]
    rejected: list[Rejection] = []


class RowState(BaseModel):
    """The server's current merged state of one row: every field with its winning version."""

    entity: str
    row_id: str
    family_id: str
    fields: dict[str, FieldValue]


class PullResponse(BaseModel):
    protocol: int = PROTOCOL_VERSION
    rows: list[RowState]
    next_cursor: str
    has_more: bool
    removed_families: list[str] = []


class EnrollRequest(BaseModel):
    username: str
    password: str
    device_name: str = Field(default="laptop", max_length=200)


class NurseInfo(BaseModel):
    username: str
    full_name: str
    title: str
    teams: list[str]


class EnrollResponse(BaseModel):
    device_id: str
    token: str
    nurse: NurseInfo
