"""Pages from Jinja2 templates (``templates/``, autoescaped): ``render(request, name, ...)``.

Every template gets ``t(key, **params)`` (the request's language), ``lang``, ``user`` (the
``ConsoleUser`` or None), ``nav`` (the navigation entries her role may open), ``path`` and
the global ``csrf_field()``, which writes the session's CSRF token as a hidden form field:
put it in every ``<form method="post">``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup, escape

from .access import CSRF_FIELD, ConsoleUser, Visit
from .i18n import LANGUAGE_COOKIE, Catalogue, choose_language
from .roles import Role

TEMPLATES_DIR = Path(__file__).parent / "templates"


@dataclass(frozen=True, slots=True)
class NavItem:
    """A navigation entry: shown to ``roles``, in ``order`` (lower first)."""

    path: str
    label_key: str
    roles: frozenset[Role]
    order: int = 100


@pass_context
def csrf_field(context: Context) -> Markup:
    token = context.get("csrf_token", "")
    return Markup(f'<input type="hidden" name="{CSRF_FIELD}" value="{escape(token)}">')


def make_environment(directory: Path = TEMPLATES_DIR) -> Environment:
    env = Environment(
        loader=FileSystemLoader(directory),
        autoescape=select_autoescape(("html", "svg")),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["csrf_field"] = csrf_field
    return env


@dataclass(frozen=True, slots=True)
class Renderer:
    env: Environment
    catalogue: Catalogue
    nav: Sequence[NavItem]

    def page(
        self,
        request: Request,
        name: str,
        context: Mapping[str, Any],
        *,
        language: str,
        user: ConsoleUser | None,
        csrf_token: str,
        status_code: int,
    ) -> HTMLResponse:
        def t(key: str, **params: object) -> str:
            return self.catalogue.text(language, key, **params)

        nav = [item for item in self.nav if user is not None and user.role in item.roles]
        html = self.env.get_template(name).render(
            {
                **context,
                "t": t,
                "lang": language,
                "user": user,
                "nav": nav,
                "path": request.url.path,
                "csrf_token": csrf_token,
            }
        )
        return HTMLResponse(html, status_code=status_code)


def renderer_of(request: Request) -> Renderer:
    renderer: Renderer = request.app.state.console.renderer
    return renderer


def render(
    request: Request,
    name: str,
    context: Mapping[str, Any] | None = None,
    *,
    user: ConsoleUser | None = None,
    visit: Visit | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """The page ``name`` for the signed-in ``user`` (or, before sign-in, the ``visit``)."""
    if user is not None:
        language, csrf = user.language, user.csrf_token
    elif visit is not None:
        language, csrf = visit.language, visit.csrf_token
    else:
        language, csrf = choose_language(request.cookies.get(LANGUAGE_COOKIE)), ""
    return renderer_of(request).page(
        request, name, context or {}, language=language, user=user, csrf_token=csrf,
        status_code=status_code,
    )
