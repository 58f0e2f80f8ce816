"""Compressed pushes (``server.request_decoding``): zstd and gzip bodies are applied like plain
ones; a body that decodes past the bound, an unknown coding and a damaged body are refused with
one sentence and change nothing; every answer names the codings the server decodes."""

from __future__ import annotations

import gzip
import uuid

import pytest
import zstandard
from sqlalchemy import Engine
from sqlmodel import Session, select

from hembesok_desktop.domain.hlc import HybridLogicalClock
from hembesok_desktop.protocol.schema import MAX_BODY_BYTES
from hembesok_desktop.protocol.wire import PushRequest
from hembesok_desktop.server.models import Record
from tests.support.server_harness import SyncClient, new_row, rows_of

_PLAIN = {"Content-Type": "application/json"}


def _family_body(family_id: str, area: str = "Packad") -> bytes:
    clock = HybridLogicalClock(f"z{uuid.uuid4().hex[:6]}")
    change = new_row("family", family_id, family_id, {"area": area}, clock)
    return PushRequest(batch_id=str(uuid.uuid4()), changes=[change]).model_dump_json().encode()


def _compress(coding: str, body: bytes) -> bytes:
    if coding == "zstd":
        return bytes(zstandard.ZstdCompressor().compress(body))
    return gzip.compress(body)


def _stored(engine: Engine, family_id: str) -> list[Record]:
    with Session(engine) as session:
        return list(session.exec(select(Record).where(Record.family_id == family_id)).all())


@pytest.mark.parametrize("coding", ["zstd", "gzip"])
def test_a_compressed_push_is_applied_like_a_plain_one(a1: SyncClient, coding: str) -> None:
    family_id = str(uuid.uuid4())
    body = _compress(coding, _family_body(family_id))
    response = a1.http.post(
        "/api/v1/sync/push", content=body, headers={**_PLAIN, "Content-Encoding": coding}
    )
    assert response.status_code == 200, response.text
    assert response.json()["rejected"] == [] and len(response.json()["accepted"]) == 1
    pages, _ = a1.pull_all()
    assert rows_of(pages, family_id)[("family", family_id)]["area"] == "Packad"


def test_every_answer_names_the_codings_the_server_decodes(a1: SyncClient) -> None:
    for response in (a1.http.get("/api/v1/health"), a1.pull_raw()):
        offered = {c.strip() for c in response.headers["accept-encoding"].split(",")}
        assert {"zstd", "gzip"} <= offered


@pytest.mark.parametrize("coding", ["zstd", "gzip"])
def test_a_body_that_decompresses_past_the_bound_is_refused_and_changes_nothing(
    a1: SyncClient, engine: Engine, coding: str
) -> None:
    family_id = str(uuid.uuid4())
    plain = _family_body(family_id)
    bomb = _compress(coding, plain[:-1] + b" " * MAX_BODY_BYTES + b"}")  # valid JSON, too big
    assert len(bomb) < MAX_BODY_BYTES // 100
    response = a1.http.post(
        "/api/v1/sync/push", content=bomb, headers={**_PLAIN, "Content-Encoding": coding}
    )
    assert response.status_code == 413
    assert response.json()["detail"] == (
        f"The request body is larger than {MAX_BODY_BYTES} bytes once decompressed."
    )
    assert _stored(engine, family_id) == []


@pytest.mark.parametrize(
    ("coding", "body", "status"),
    [
        ("br", b"\x1b\x00", 415),
        ("gzip", b"this is not gzip at all", 400),
        ("zstd", b"this is not zstd at all", 400),
        ("gzip", "truncated", 400),
    ],
    ids=["unknown-coding", "not-gzip", "not-zstd", "truncated-gzip"],
)
def test_an_unknown_coding_or_a_damaged_body_is_one_sentence_and_changes_nothing(
    a1: SyncClient, engine: Engine, coding: str, body: bytes | str, status: int
) -> None:
    family_id = str(uuid.uuid4())
    if body == "truncated":
        body = gzip.compress(_family_body(family_id))[:-12]
    assert isinstance(body, bytes)
    response = a1.http.post(
        "/api/v1/sync/push", content=body, headers={**_PLAIN, "Content-Encoding": coding}
    )
    assert response.status_code == status
    detail = response.json()["detail"]
    assert detail.endswith(".") and detail.count(".") == 1
    assert _stored(engine, family_id) == []
