"""Request limits and input-safe error answers.

``BodyLimit`` (pure ASGI middleware) answers 413 to a request whose body exceeds
``max_bytes``: at once when ``Content-Length`` says so, else as soon as the streamed body
passes the bound (nothing of it is parsed). ``validation_detail`` turns a request validation
error into one sentence per problem *without* the offending input, which FastAPI's default
handler echoes (and cannot even encode when it holds a lone surrogate).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi.exceptions import RequestValidationError

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class _TooLarge(Exception):
    pass


class BodyLimit:
    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    too_large = int(value) > self.max_bytes
                except ValueError:
                    too_large = False
                if too_large:
                    await self._refuse(send)
                    return
        seen = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        body = json.dumps(
            {"detail": f"The request body is larger than {self.max_bytes} bytes."}
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _safe(text: object) -> str:
    """Text fit for an answer: non-encodable characters replaced, at most 100 characters."""
    return str(text).encode("utf-8", "replace").decode("utf-8")[:100]


def validation_detail(exc: RequestValidationError) -> list[dict[str, Any]]:
    """The problems of a request, with their place and kind but never the input."""
    problems: list[dict[str, Any]] = []
    for error in list(exc.errors())[:20]:
        location = [item if isinstance(item, int) else _safe(item) for item in error.get("loc", ())]
        problems.append(
            {
                "loc": location,
                "msg": _safe(error.get("msg", "invalid")),
                "type": _safe(error.get("type", "invalid")),
            }
        )
    return problems
