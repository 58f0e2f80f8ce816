"""Response compression: zstd, else gzip, as the client's ``Accept-Encoding`` offers.

A pull page is JSON with the same keys and ids over and over, so it shrinks about tenfold; a
nurse on a phone's hotspot waits for the compressed bytes only. ``Compression`` is a small ASGI
middleware (Starlette's ``GZipMiddleware`` knows gzip only):

* the encoding is the first of ``zstd`` (when the ``zstandard`` package is installed), ``gzip``
  that the request accepts with a non-zero q-value; none, or ``identity``, sends the body as is;
* bodies under ``MIN_SIZE`` bytes, responses that already carry a ``Content-Encoding`` and
  event streams are left alone; every answer says ``Vary: Accept-Encoding``;
* a body in one piece (every JSON answer) is compressed whole, in a worker thread when it is
  large so the event loop keeps serving; a streamed body is compressed as it streams.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from typing import Protocol

import anyio
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

try:
    import zstandard
except ImportError:  # pragma: no cover - the server extra installs it
    zstandard = None  # type: ignore[assignment]

MIN_SIZE = 500
#: bodies over this are compressed in a worker thread (zlib and zstandard release the GIL)
THREAD_SIZE = 64 * 1024
#: zstd's fastest level: on a first download's page of 5,000 records (6.5 MB) it was both faster
#: and smaller than level 3 (12 ms and 85.6 bytes a record, against 17 ms and 89.0)
ZSTD_LEVEL = 1
GZIP_LEVEL = 6


class _Stream(Protocol):
    def chunk(self, data: bytes) -> bytes: ...

    def finish(self) -> bytes: ...


class _Gzip:
    def __init__(self) -> None:
        self._z = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)

    def chunk(self, data: bytes) -> bytes:
        return self._z.compress(data)

    def finish(self) -> bytes:
        return self._z.flush()


class _Zstd:
    def __init__(self) -> None:
        assert zstandard is not None
        self._z = zstandard.ZstdCompressor(level=ZSTD_LEVEL).compressobj()

    def chunk(self, data: bytes) -> bytes:
        return bytes(self._z.compress(data))

    def finish(self) -> bytes:
        return bytes(self._z.flush())


def _gzip_whole(body: bytes) -> bytes:
    stream = _Gzip()
    return stream.chunk(body) + stream.finish()


def _zstd_whole(body: bytes) -> bytes:
    assert zstandard is not None
    return bytes(zstandard.ZstdCompressor(level=ZSTD_LEVEL).compress(body))


_ENCODERS: dict[str, tuple[Callable[[bytes], bytes], Callable[[], _Stream]]] = {
    "gzip": (_gzip_whole, _Gzip),
}
if zstandard is not None:
    _ENCODERS["zstd"] = (_zstd_whole, _Zstd)
#: the server's order of preference
PREFERENCE = tuple(name for name in ("zstd", "gzip") if name in _ENCODERS)


def _accepted(header: str) -> set[str]:
    """The codings an ``Accept-Encoding`` header accepts (q > 0), lower case; ``*`` kept."""
    accepted: set[str] = set()
    for item in header.split(","):
        name, _, params = item.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if name and quality > 0:
            accepted.add(name.strip().lower())
    return accepted


def choose_encoding(accept_encoding: str) -> str | None:
    """The coding to send for this ``Accept-Encoding`` (None: the body as is)."""
    accepted = _accepted(accept_encoding)
    for name in PREFERENCE:
        if name in accepted or "*" in accepted:
            return name
    return None


class Compression:
    """ASGI middleware compressing HTTP responses (see the module docstring)."""

    def __init__(self, app: ASGIApp, minimum_size: int = MIN_SIZE) -> None:
        self.app = app
        self.minimum_size = minimum_size

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        encoding = choose_encoding(Headers(scope=scope).get("accept-encoding", ""))
        responder = _Responder(send, encoding, self.minimum_size)
        await self.app(scope, receive, responder.send)


class _Responder:
    """Holds the response start until the first body chunk shows whether to compress."""

    def __init__(self, send: Send, encoding: str | None, minimum_size: int) -> None:
        self._send = send
        self._encoding = encoding
        self._minimum_size = minimum_size
        self._start: Message | None = None
        self._stream: _Stream | None = None
        self._passthrough = False

    async def send(self, message: Message) -> None:
        kind = message["type"]
        if kind == "http.response.start":
            self._start = message
            headers = MutableHeaders(scope=message)
            headers.add_vary_header("Accept-Encoding")
            skip = (
                self._encoding is None
                or "content-encoding" in headers
                or headers.get("content-type", "").startswith("text/event-stream")
            )
            if skip:
                self._passthrough = True
                await self._send(message)
            return
        if kind != "http.response.body" or self._passthrough:
            await self._send(message)
            return
        await self._body(message)

    async def _body(self, message: Message) -> None:
        body: bytes = message.get("body", b"")
        more: bool = message.get("more_body", False)
        if self._start is not None:
            start, self._start = self._start, None
            if not more:
                await self._whole(start, body)
                return
            self._stream = _ENCODERS[self._encoding or ""][1]()
            headers = MutableHeaders(scope=start)
            headers["Content-Encoding"] = self._encoding or ""
            del headers["content-length"]
            await self._send(start)
        assert self._stream is not None
        data = self._stream.chunk(body)
        if not more:
            data += self._stream.finish()
        await self._send({"type": "http.response.body", "body": data, "more_body": more})

    async def _whole(self, start: Message, body: bytes) -> None:
        if len(body) < self._minimum_size:
            await self._send(start)
            await self._send({"type": "http.response.body", "body": body})
            return
        encode = _ENCODERS[self._encoding or ""][0]
        compressed = (
            await anyio.to_thread.run_sync(encode, body)
            if len(body) > THREAD_SIZE
            else encode(body)
        )
        headers = MutableHeaders(scope=start)
        headers["Content-Encoding"] = self._encoding or ""
        headers["Content-Length"] = str(len(compressed))
        await self._send(start)
        await self._send({"type": "http.response.body", "body": compressed})
