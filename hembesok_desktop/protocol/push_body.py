"""A push body (``POST /api/v1/sync/push``) parsed without building a pydantic object per field.

Validating a first upload's bodies into ``wire.PushRequest`` (a model per change and per field
version) was most of the server's CPU on a push, and FastAPI did it on the event loop, stalling
every other request of the worker. ``parse_push_body`` takes the raw bytes instead, so the
endpoint (a plain ``def``, run in the threadpool) parses them off the loop: ``orjson`` and a
hand-written shape check into ``PushedBatch`` / ``PushedChange`` / ``PushedField``, which carry
the attribute names of the pydantic models, so ``server.push`` reads either alike.

The pydantic models stay the documented schema (OpenAPI) and the judge of every body the fast
check does not pass: it accepts only the plain case it can vouch for (exact JSON types, values
within the models' bounds, parsed by orjson, so no lone surrogate and no integer beyond 64 bits
anywhere), and hands anything else to ``PushRequest.model_validate`` on the data as the
stdlib ``json`` parses it, which is what FastAPI did before. So the acceptance is the models'
exactly, lax conversions included (``"protocol": "1"`` or ``1.0`` or ``true`` still mean 1;
``tests/protocol/test_push_body.py`` checks the equivalence as a property), and only bodies
that were refused or odd take the slow road.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import orjson
from pydantic import ValidationError

from .schema import ID_LIMIT
from .wire import (
    ENTITY_LIMIT,
    HLC_LIMIT,
    ID_CHARACTERS,
    PROTOCOL_VERSION,
    Change,
    PushRequest,
    has_long_number,
)

#: ``wire.Identifier`` as one match (``fullmatch``: pydantic's ``$`` allows no final newline)
_IDENTIFIER = re.compile(rf"[{ID_CHARACTERS}]{{1,{ID_LIMIT}}}").fullmatch
NOT_JSON = "The push body is not JSON."
NOT_UTF = "The push body is not JSON text in UTF-8."
TOO_DEEP = "The push body is nested too deeply to read."
EMPTY_BODY = "The push body is empty."
NOT_JSON_TYPE = "The push body must be sent as application/json."


class BodyRefused(ValueError):
    """A push body the server does not take: ``status`` (400 or 422) and one sentence."""

    def __init__(self, status: int, sentence: str) -> None:
        super().__init__(sentence)
        self.status = status
        self.sentence = sentence


@dataclass(slots=True)
class PushedField:
    """One field version of a pushed change (``wire.FieldValue``'s attributes).

    Not frozen: a frozen dataclass's ``__init__`` costs three times as much (0.4 against 1.1
    microseconds), and a first upload's body holds some 10,000 of these; nothing writes them.
    """

    value: Any
    hlc: str
    base: str | None = None


@dataclass(frozen=True, slots=True)
class PushedChange:
    """One pushed change (``wire.Change``'s attributes)."""

    change_id: str
    entity: str
    row_id: str
    family_id: str
    fields: dict[str, PushedField]

    @classmethod
    def of(cls, change: Change) -> PushedChange:
        return cls(
            change_id=change.change_id,
            entity=change.entity,
            row_id=change.row_id,
            family_id=change.family_id,
            fields={
                name: PushedField(value=version.value, hlc=version.hlc, base=version.base)
                for name, version in change.fields.items()
            },
        )


@dataclass(frozen=True, slots=True)
class PushedBatch:
    """A push body (``wire.PushRequest``'s attributes)."""

    batch_id: str
    changes: list[PushedChange] = field(default_factory=list)
    protocol: int = PROTOCOL_VERSION

    @classmethod
    def of(cls, request: PushRequest) -> PushedBatch:
        """The batch of a validated model (a body the fast check left to pydantic, a test's)."""
        return cls(
            batch_id=request.batch_id,
            changes=[PushedChange.of(change) for change in request.changes],
            protocol=request.protocol,
        )


def parse_push_body(raw: bytes) -> PushedBatch:
    """The push body ``raw`` as a ``PushedBatch``; ``BodyRefused`` when it is not JSON (422;
    400 for bytes that are no Unicode text, as before) or not of the ``PushRequest`` shape."""
    if not has_long_number(raw):
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError:
            pass  # NaN, a lone surrogate, UTF-16, a BOM, ...: the stdlib may still read it
        else:
            batch = _plain_batch(data)
            if batch is not None:
                return batch
            return _judged(orjson.loads(raw))  # afresh: the check replaced field versions
    return _judged(_stdlib_json(raw))


def _stdlib_json(raw: bytes) -> Any:
    """``raw`` as the stdlib reads it (what FastAPI's ``Request.json`` did)."""
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        raise BodyRefused(422, NOT_JSON) from None
    except UnicodeDecodeError:
        raise BodyRefused(400, NOT_UTF) from None
    except RecursionError:  # nested past the parser's depth: 400, as FastAPI answered it
        raise BodyRefused(400, TOO_DEEP) from None


def _judged(data: Any) -> PushedBatch:
    """``data`` validated by the pydantic model: the schema's verdict on an unusual body."""
    try:
        return PushedBatch.of(PushRequest.model_validate(data))
    except ValidationError as exc:
        raise BodyRefused(422, refusal(exc)) from None


def refusal(exc: ValidationError) -> str:
    """One sentence naming the first problem's place and kind, never the input."""
    error = exc.errors(include_input=False, include_url=False)[0]
    place = ".".join(str(item) for item in error.get("loc", ()))
    message = str(error.get("msg", "invalid")).rstrip(".")
    problems = exc.error_count()
    more = {1: "", 2: " (and 1 more problem)"}.get(problems, f" (and {problems - 1} more problems)")
    where = f" at {_printable(place)}" if place else ""
    return f"The push body is malformed{where}: {_printable(message)}{more}."


def _printable(text: str) -> str:
    """``text`` fit for a one-line answer: at most 100 characters, each control character or
    lone surrogate (a client's field name may hold any) replaced by ``?``."""
    return "".join(char if char.isprintable() else "?" for char in text[:100])


def _plain_batch(data: Any) -> PushedBatch | None:
    """The batch when ``data`` (from orjson) is of the plain valid shape, else None. Each
    ``fields`` object of ``data`` becomes its change's ``fields``, its versions replaced in
    place by ``PushedField``s (a new dict per change cost a third of the check's time), so
    ``data`` is spent either way."""
    if type(data) is not dict:
        return None
    protocol = data.get("protocol", PROTOCOL_VERSION)
    batch_id, items = data.get("batch_id"), data.get("changes")
    if not (
        type(protocol) is int
        and 0 <= protocol <= 1000
        and type(batch_id) is str
        and _IDENTIFIER(batch_id)
        and type(items) is list
    ):
        return None
    changes: list[PushedChange] = []
    for item in items:
        change = _plain_change(item)
        if change is None:
            return None
        changes.append(change)
    return PushedBatch(batch_id=batch_id, changes=changes, protocol=protocol)


def _plain_change(item: Any) -> PushedChange | None:
    if type(item) is not dict:
        return None
    change_id, entity = item.get("change_id"), item.get("entity")
    row_id, family_id, versions = item.get("row_id"), item.get("family_id"), item.get("fields")
    if not (
        type(change_id) is str
        and _IDENTIFIER(change_id)
        and type(entity) is str
        and len(entity) <= ENTITY_LIMIT
        and type(row_id) is str
        and _IDENTIFIER(row_id)
        and type(family_id) is str
        and _IDENTIFIER(family_id)
        and type(versions) is dict
    ):
        return None
    for name, version in versions.items():
        if type(version) is not dict:
            return None
        hlc = version.get("hlc")
        base = version.get("base")
        if type(hlc) is not str or len(hlc) > HLC_LIMIT:
            return None
        if base is not None and (type(base) is not str or len(base) > HLC_LIMIT):
            return None
        versions[name] = PushedField(version.get("value"), hlc, base)  # same keys: no resize
    return PushedChange(change_id, entity, row_id, family_id, versions)
