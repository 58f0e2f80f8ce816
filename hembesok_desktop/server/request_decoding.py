"""Compressed request bodies: a push may arrive zstd- or gzip-encoded (``Content-Encoding``).

A first upload is tens of megabytes of JSON that shrinks about tenfold, sent over a phone's
hotspot. ``RequestDecoding`` is a small ASGI middleware that decodes such a body before the app
reads it, and answers with one sentence instead:

* 415 for a coding other than ``zstd`` (when the ``zstandard`` package is installed), ``gzip``
  or ``identity``;
* 413 when the decoded body would pass ``max_bytes`` (the same bound as an uncompressed body:
  decoding stops there, so a small bomb never becomes a large buffer);
* 400 when the body does not decode.

It sits inside ``limits.BodyLimit``, which bounds the bytes as sent. Every answer of the server
names the codings it decodes in an ``Accept-Encoding`` response header (RFC 7694), so a laptop
compresses its pushes only once its server said it can read them (``sync.client``): an older
server, which never says so, keeps getting plain JSON.
"""

from __future__ import annotations

import io
import json
import zlib

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

try:
    import zstandard
except ImportError:  # pragma: no cover - the server extra installs it
    zstandard = None  # type: ignore[assignment]

CODINGS = ("zstd", "gzip") if zstandard is not None else ("gzip",)
ACCEPTED = ", ".join(CODINGS).encode()
UNSUPPORTED = "The request body's Content-Encoding is not supported; send zstd, gzip or plain."
DAMAGED = "The request body could not be decompressed."


class _TooLarge(Exception):
    pass


def decode(coding: str, body: bytes, max_bytes: int) -> bytes:
    """``body`` decoded; ``_TooLarge`` past ``max_bytes``, ``ValueError`` when damaged."""
    if coding == "gzip":
        inflate = zlib.decompressobj(wbits=31)
        try:
            out = inflate.decompress(body, max_bytes + 1)
        except zlib.error:
            raise ValueError(DAMAGED) from None
        if len(out) > max_bytes or inflate.unconsumed_tail:
            raise _TooLarge
        if not inflate.eof:
            raise ValueError(DAMAGED)
        return out
    assert zstandard is not None and coding == "zstd"
    try:
        with zstandard.ZstdDecompressor().stream_reader(io.BytesIO(body)) as reader:
            out = reader.read(max_bytes + 1)
    except zstandard.ZstdError:
        raise ValueError(DAMAGED) from None
    if len(out) > max_bytes:
        raise _TooLarge
    return bytes(out)


class RequestDecoding:
    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _advertising(send)
        coding = _coding(scope)
        if coding in ("", "identity"):
            await self.app(scope, receive, send)
            return
        if coding not in CODINGS:
            await _refuse(send, 415, UNSUPPORTED)
            return
        body = await _read_all(receive)
        try:
            decoded = decode(coding, body, self.max_bytes)
        except _TooLarge:
            detail = f"The request body is larger than {self.max_bytes} bytes once decompressed."
            await _refuse(send, 413, detail)
            return
        except ValueError:
            await _refuse(send, 400, DAMAGED)
            return
        await self.app(_decoded_scope(scope, len(decoded)), _replay(decoded, receive), send)


def _coding(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"content-encoding":
            return bytes(value).decode("latin-1").strip().lower()
    return ""


def _advertising(send: Send) -> Send:
    async def advertise(message: Message) -> None:
        if message["type"] == "http.response.start":
            MutableHeaders(scope=message).append("Accept-Encoding", ACCEPTED.decode())
        await send(message)

    return advertise


async def _read_all(receive: Receive) -> bytes:
    parts: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        parts.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(parts)


def _decoded_scope(scope: Scope, length: int) -> Scope:
    headers = [
        (name, value)
        for name, value in scope["headers"]
        if name not in (b"content-encoding", b"content-length")
    ]
    headers.append((b"content-length", str(length).encode()))
    return {**scope, "headers": headers}


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


async def _refuse(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
