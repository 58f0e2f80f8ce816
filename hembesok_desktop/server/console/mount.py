"""Assembling the console: every page module under ``pages/``, its static files, its error
pages and security headers, mounted on the server's app at ``/console``."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..settings import ServerSettings
from . import pages
from .access import PUBLIC, AccessTable, ConsoleRefused, SignInRequired, csrf_guard
from .i18n import load_catalogue
from .rendering import NavItem, Renderer, make_environment, render
from .sessions import SessionPolicy

PREFIX = "/console"
STATIC_DIR = Path(__file__).parent / "static"
SIGN_IN_PATH = f"{PREFIX}/sign-in"
#: the routes the console itself adds besides the page modules' (the static files)
CORE_ACCESS: AccessTable = {("GET", f"{PREFIX}/static"): PUBLIC}

_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
     b"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


@dataclass(frozen=True, slots=True)
class ConsoleState:
    """What console requests read from ``app.state.console``."""

    policy: SessionPolicy
    renderer: Renderer


def page_modules() -> list[ModuleType]:
    """Every module in ``console/pages`` (each has ``router``, whose paths start with
    ``/console``, and ``ACCESS``), by name."""
    names = sorted(info.name for info in pkgutil.iter_modules(pages.__path__))
    return [importlib.import_module(f"{pages.__name__}.{name}") for name in names]


def collect_access() -> dict[tuple[str, str], Any]:
    """Every declared expectation: the console's own and each page module's ``ACCESS``."""
    table: dict[tuple[str, str], Any] = dict(CORE_ACCESS)
    for module in page_modules():
        for key, expectation in module.ACCESS.items():
            if key in table:
                raise ValueError(f"{module.__name__} declares {key} again")
            table[key] = expectation
    return table


def _nav_items(modules: Sequence[ModuleType]) -> list[NavItem]:
    items = [item for module in modules for item in getattr(module, "NAV", ())]
    return sorted(items, key=lambda item: (item.order, item.path))


def console_router(modules: Sequence[ModuleType]) -> APIRouter:
    router = APIRouter(dependencies=[Depends(csrf_guard)], include_in_schema=False)
    for module in modules:
        router.include_router(module.router)
    return router


async def _refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ConsoleRefused)
    return render(
        request, "error.html", {"message_key": exc.message_key}, status_code=exc.status_code
    )


async def _sign_in_first(_request: Request, _exc: Exception) -> Response:
    return RedirectResponse(SIGN_IN_PATH, status_code=303)


class ConsoleHeaders:
    """Security headers and ``no-store`` on every console answer (pure ASGI)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not path.startswith(PREFIX):
            await self.app(scope, receive, send)
            return
        static = path.startswith(f"{PREFIX}/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.extend(_HEADERS)
                if not static:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def mount_console(app: FastAPI, settings: ServerSettings) -> None:
    """Serve the console at ``/console`` on ``app`` (whose ``state.engine`` is set)."""
    modules = page_modules()
    app.state.console = ConsoleState(
        policy=SessionPolicy(
            idle=timedelta(minutes=settings.console_idle_min),
            absolute=timedelta(hours=settings.console_max_hours),
            always_secure=settings.console_secure_cookie,
        ),
        renderer=Renderer(make_environment(), load_catalogue(), _nav_items(modules)),
    )
    app.include_router(console_router(modules))
    app.mount(f"{PREFIX}/static", StaticFiles(directory=STATIC_DIR), name="console-static")
    app.add_exception_handler(ConsoleRefused, _refused)
    app.add_exception_handler(SignInRequired, _sign_in_first)
    app.add_middleware(ConsoleHeaders)
