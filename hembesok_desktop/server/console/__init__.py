"""The region's console: server-rendered pages at ``/console`` on the central server.

It runs in the same app as sync (``server.app.create_app`` calls ``mount_console``), behind
the same TLS, served by ``hembesok-server serve`` and by the demo's embedded server. It never
imports ``store``, ``sync`` or ``ui``. Accounts are separate from nurses and devices: a
device's bearer token opens no console page, and the console's cookie (``Path=/console``)
never reaches push or pull, which read only a bearer token.

Pieces (one definition each):

* ``roles.Role``: administrator, unit manager (limited to her teams), follow-up (aggregates
  only), log reviewer.
* ``access``: ``require(Role.ADMIN, ...)`` gives a page the signed-in ``ConsoleUser`` (id,
  role, ``team_ids`` of a unit manager, CSRF token, address, language) or answers 303 to the
  sign-in page / 403; ``csrf_guard`` refuses every POST without the session's token (403).
* ``sessions``: sessions in the database (token hash only), idle and absolute expiry
  (``ServerSettings.console_idle_min`` / ``console_max_hours``); ``cookies``: HttpOnly,
  SameSite=Strict, Secure over TLS.
* ``accounts``: Argon2id passwords, TOTP (RFC 6238, pyotp, one step either side, a used step
  refused), the QR code as inline SVG; ``add_console_user`` (also ``hembesok-server admin
  add-console-user``).
* ``audit.audit(session, user, action, target)``: every console action, ids only.
  ``require`` audits each GET as ``view``; a page audits what it changes or reveals.
* ``i18n``: Swedish by default, English by a cookie; one message file per page area.
* ``rendering.render(request, "area/page.html", context, user=user)``: Jinja2 templates
  extending ``base.html`` (header with who is signed in and her role, navigation by role,
  skip link, ``main`` landmark), ``csrf_field()`` in every form, ``macros.html`` for fields
  and messages; the style sheet ``static/console.css`` is served by the server itself.

How to add a console page
-------------------------

1. Make ``console/pages/<area>.py`` (it is found and included automatically) with::

       from typing import Annotated
       from fastapi import APIRouter, Depends, Form, Request
       from fastapi.responses import RedirectResponse, Response
       from ..access import AccessTable, ConsoleUser, engine_of, require, roles
       from ..audit import audit
       from ..rendering import NavItem, render
       from ..roles import Role
       from ...db import write_session

       ACCESS: AccessTable = {
           ("GET", "/console/teams"): roles(Role.ADMIN, Role.UNIT_MANAGER),
           ("POST", "/console/teams"): roles(Role.ADMIN),
       }
       NAV = [NavItem("/console/teams", "teams.nav", roles(Role.ADMIN, Role.UNIT_MANAGER), 10)]
       router = APIRouter()

       @router.get("/console/teams")
       def teams(request: Request,
                 user: Annotated[ConsoleUser, Depends(require(Role.ADMIN, Role.UNIT_MANAGER))]
                 ) -> Response:
           return render(request, "teams/list.html", {"teams": ...}, user=user)

       @router.post("/console/teams")
       def add_team(request: Request, user: Annotated[ConsoleUser, Depends(require(Role.ADMIN))],
                    name: Annotated[str, Form(max_length=200)] = "") -> Response:
           with write_session(engine_of(request)) as session:
               ...                                   # the change
               audit(session, user, "team.add", team_id)  # same transaction
           return RedirectResponse("/console/teams", status_code=303)

   Paths are full (``/console/...``). ``ACCESS`` is the one place that says who may use each
   route; ``require(...)`` must say the same (the matrix test checks the running app against
   it). A unit manager asking for a record outside her teams gets 404 (``ConsoleRefused(404,
   "common.not_found")``), not 403, so the matrix's sample ids behave alike for every role.
2. Templates in ``console/templates/<area>/``: ``{% extends "base.html" %}``, a ``title`` and a
   ``content`` block, ``{{ csrf_field() }}`` inside every ``<form method="post">``, texts only
   through ``t("<area>.<key>")``.
3. Messages in ``console/messages/<area>.json``: ``{"key": {"sv": "...", "en": "..."}}``.
4. Tests: ``tests/support/console.py`` makes an account of each role and a signed-in client;
   ``tests/server/console/test_console_authorization.py`` enumerates every ``/console`` route
   and fails for one without an ``ACCESS`` entry; browser tests use ``tests/support/browser.py``.
   No migration is needed: ``0004_console`` made every table the console uses.
"""

from __future__ import annotations

from .mount import collect_access, mount_console

__all__ = ["collect_access", "mount_console"]
