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
after this answer (``push_body`` writes the request from changes already encoded,
``EncodedChange``). Pull: ``GET /api/v1/sync/pull?cursor=C&limit=N`` answers ``PullResponse``: the
current state of rows changed after the cursor, in feed order, plus families removed from scope.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any

import orjson
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from .schema import (
    ENTITIES,
    ID_LIMIT,
    JOURNAL_TEXT_LIMIT,
    JSON_LIMIT,
    MAX_BODY_BYTES,
    MAX_DEPTH,
    MAX_FIELDS_PER_CHANGE,
    TEXT_LIMIT,
)

PROTOCOL_VERSION = 1
#: the longest hybrid-logical-clock timestamp (``hlc``, ``base``) a field version may carry
HLC_LIMIT = 200
#: a replica's node as a pull names it (``GET /sync/pull?node=``): the part of its version stamps
#: after the counter (``domain.hlc``); a laptop's is its store's ``replica_id``
NODE_PATTERN = r"^[A-Za-z0-9_.:]{1,64}$"
#: the longest entity name a change may carry (``Change.entity``)
ENTITY_LIMIT = 200
#: how a push refusal for a clock far ahead of the server's begins (the laptop tells the nurse)
CLOCK_AHEAD_REASON = "The change is stamped more than"


def _plain_text(text: str) -> str:
    if "\x00" in text:
        raise ValueError("must not hold a NUL character")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text") from None
    return text


#: text without NUL characters or lone surrogates (what every database can store)
PlainText = Annotated[str, AfterValidator(_plain_text)]

#: Entities whose rows are synced: those of the typed schema (``protocol.schema``). What may
#: still change once a row is final (signed, completed, voided, append-only) is the finality
#: table in ``domain.finality``.
SYNCED_ENTITIES: frozenset[str] = frozenset(ENTITIES)

#: the characters of change, row, family and batch ids: letters, digits and ``-_.:``
ID_CHARACTERS = "A-Za-z0-9_.:-"
#: change, row, family and batch ids (a UUID in practice)
Identifier = Annotated[
    str,
    StringConstraints(min_length=1, max_length=ID_LIMIT, pattern=rf"^[{ID_CHARACTERS}]+$"),
]


class FieldValue(BaseModel):
    model_config = ConfigDict(frozen=True)

    #: checked against the field's type in ``protocol.schema`` (per change, on push)
    value: Any = Field(
        default=None,
        description=(
            "The field's value, of the field's type in the typed schema: a text of at most "
            f"{TEXT_LIMIT} characters (journal text {JOURNAL_TEXT_LIMIT}; some fields less) "
            "without NUL or lone surrogates, a finite number, true/false, a date YYYY-MM-DD, "
            f"an ISO 8601 date-time, or JSON of at most {JSON_LIMIT} characters nested at most "
            f"{MAX_DEPTH} levels. A value that does not fit refuses its change, not the batch."
        ),
    )
    hlc: str = Field(max_length=HLC_LIMIT)
    base: str | None = Field(default=None, max_length=HLC_LIMIT)


class Change(BaseModel):
    change_id: Identifier
    entity: str = Field(max_length=ENTITY_LIMIT)
    row_id: Identifier
    family_id: Identifier
    #: names and values are checked per change against ``protocol.schema`` (a refusal names
    #: the entity and field; the rest of the batch is applied)
    fields: dict[str, FieldValue] = Field(
        description=(
            f"At least one and at most {MAX_FIELDS_PER_CHANGE} of the entity's own fields (names "
            "of at most 64 characters); a change that creates a record carries every field the "
            "schema requires of a new one. Otherwise the change is refused with a reason."
        )
    )


class PushRequest(BaseModel):
    protocol: int = Field(default=PROTOCOL_VERSION, ge=0, le=1000)
    batch_id: Identifier
    changes: list[Change] = Field(
        description=f"The batch; the whole request body is at most {MAX_BODY_BYTES} bytes (413)."
    )


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


class PageError(ValueError):
    """A pull answer that is not a ``PullResponse``."""


class OtherProtocol(PageError):
    """A pull answer of another protocol version than this laptop's."""


@dataclass(frozen=True, slots=True)
class PulledPage:
    """A pull answer as the laptop applies it: ``rows`` are plain dicts of the ``RowState``
    shape (``{"entity", "row_id", "family_id", "fields": {name: {"value", "hlc", "base"}}}``),
    checked for shape by ``parse_pull_page`` but not turned into a pydantic object per row or
    field (the values themselves are checked against the typed schema when they are stored)."""

    rows: list[dict[str, Any]]
    next_cursor: str
    has_more: bool
    removed_families: list[str] = field(default_factory=list)
    protocol: int = PROTOCOL_VERSION


#: every digit byte as ``0``, every other byte as a space (``has_long_number``)
_DIGITS_ONLY = bytes(48 if 48 <= byte <= 57 else 32 for byte in range(256))


def has_long_number(raw: bytes) -> bool:
    """Whether ``raw`` holds a run of 19 or more digits: a number that may not fit 64 bits
    (orjson would make it a float). A translation and a substring search: ten times faster
    than the regular expression ``\\d{19,}``, which cost 28 ms on a 1.2 MB push body."""
    return b"0" * 19 in raw.translate(_DIGITS_ONLY)


def loads_exact(raw: bytes) -> Any:
    """Parse JSON with orjson, or with ``json`` where a number of 19 digits or more appears, so
    an integer beyond 64 bits stays exact."""
    if has_long_number(raw):
        return json.loads(raw)
    return orjson.loads(raw)


def json_text(value: Any) -> str:
    """JSON text as both replicas store it: orjson, compact UTF-8; ``json`` for what orjson
    refuses (an integer beyond 64 bits inside a free-form JSON value, a key that is not text)."""
    try:
        return orjson.dumps(value).decode()
    except TypeError:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def parse_pull_page(body: bytes) -> PulledPage:
    """The pull answer ``body`` as a ``PulledPage``; ``PageError`` (one sentence) when it is not
    JSON of the ``PullResponse`` shape, or speaks another protocol version."""
    try:
        answer = loads_exact(body)
    except ValueError:
        raise PageError("The server's answer is not JSON.") from None
    if not isinstance(answer, dict):
        raise PageError("The server's answer is not a pull page.")
    protocol = answer.get("protocol", PROTOCOL_VERSION)
    if protocol != PROTOCOL_VERSION:
        raise OtherProtocol(
            f"The server speaks sync protocol {protocol}, this laptop {PROTOCOL_VERSION}."
        )
    rows, cursor, more = answer.get("rows"), answer.get("next_cursor"), answer.get("has_more")
    removed = answer.get("removed_families", [])
    if not (
        isinstance(rows, list)
        and isinstance(cursor, str)
        and isinstance(more, bool)
        and isinstance(removed, list)
        and all(isinstance(family, str) for family in removed)
        and all(_row_shaped(row) for row in rows)
    ):
        raise PageError("The server's answer is not a pull page.")
    return PulledPage(rows=rows, next_cursor=cursor, has_more=more, removed_families=removed)


def _row_shaped(row: Any) -> bool:
    """Whether ``row`` has the ``RowState`` shape (ids are text, every field has a version)."""
    if not isinstance(row, dict):
        return False
    fields = row.get("fields")
    if not (
        isinstance(fields, dict)
        and isinstance(row.get("entity"), str)
        and isinstance(row.get("row_id"), str)
        and isinstance(row.get("family_id"), str)
    ):
        return False
    for version in fields.values():
        if type(version) is not dict and not isinstance(version, Mapping):
            return False
        stamp, base = version.get("hlc"), version.get("base")
        if not (isinstance(stamp, str) and len(stamp) <= HLC_LIMIT):
            return False
        if base is not None and not (isinstance(base, str) and len(base) <= HLC_LIMIT):
            return False
    return True


class EnrollRequest(BaseModel):
    username: PlainText = Field(min_length=1, max_length=100)
    password: PlainText = Field(min_length=1, max_length=1000)
    device_name: PlainText = Field(default="laptop", max_length=200)


class NurseInfo(BaseModel):
    username: str
    full_name: str
    title: str
    teams: list[str]


class EnrollResponse(BaseModel):
    device_id: str
    token: str
    nurse: NurseInfo


@dataclass(frozen=True, slots=True)
class EncodedChange:
    """A ``Change`` already in its wire JSON (one object of a ``PushRequest``'s ``changes``).

    The laptop's outbox keeps each change's fields as JSON text; pushing them as they are stored
    (``push_body``) builds no model per field and serialises nothing twice, which was most of a
    first upload's time on the laptop. ``of`` encodes a ``Change`` model the same way.
    """

    change_id: str
    json: bytes
    #: its place in the laptop's outbox (``ReplicaPort.pending_changes(after=...)``); 0 if none
    seq: int = 0

    @classmethod
    def of(cls, change: Change) -> EncodedChange:
        return cls(change_id=change.change_id, json=change.model_dump_json().encode())


def push_body(batch_id: str, changes: Sequence[EncodedChange]) -> bytes:
    """The JSON body of a ``PushRequest`` of these changes (their JSON embedded verbatim)."""
    return orjson.dumps(
        {
            "protocol": PROTOCOL_VERSION,
            "batch_id": batch_id,
            "changes": [orjson.Fragment(change.json) for change in changes],
        }
    )
