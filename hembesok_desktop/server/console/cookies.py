"""The console's cookies: the session's (HttpOnly, SameSite=Strict, ``Path=/console``, Secure
over TLS or when the settings say so) and the language's."""

from __future__ import annotations

from fastapi import Request, Response

from .access import SESSION_COOKIE, policy_of
from .i18n import LANGUAGE_COOKIE

PATH = "/console"
LANGUAGE_MAX_AGE = 365 * 24 * 3600


def _secure(request: Request) -> bool:
    return request.url.scheme == "https" or policy_of(request).always_secure


def set_session_cookie(response: Response, request: Request, token: str) -> None:
    """A session cookie (no ``Max-Age``: it ends with the browser; the server ends it sooner)."""
    response.set_cookie(
        SESSION_COOKIE, token, path=PATH, httponly=True, samesite="strict",
        secure=_secure(request),
    )


def clear_session_cookie(response: Response, request: Request) -> None:
    response.delete_cookie(
        SESSION_COOKIE, path=PATH, httponly=True, samesite="strict", secure=_secure(request)
    )


def set_language_cookie(response: Response, request: Request, language: str) -> None:
    response.set_cookie(
        LANGUAGE_COOKIE, language, path=PATH, max_age=LANGUAGE_MAX_AGE, httponly=True,
        samesite="strict", secure=_secure(request),
    )
