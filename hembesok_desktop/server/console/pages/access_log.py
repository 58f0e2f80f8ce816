"""Access-log review (Patientdatalagen): a family's extract (printable, and as CSV), a user's log
with filters, flags a reviewer marks reviewed with a note, and the console's own audit log.

Log reviewers and administrators see every family and nurse; a unit manager only her teams'
families and the nurses of her teams; follow-up nothing. Every view, download and review is
audited (``access_log.*`` with the family's id, the nurse's id or the entry's id). The queries
and the flag rules are ``server.access_review`` and ``server.access_flags``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import col, select

from ...access_csv import csv_bytes
from ...access_flags import STOCKHOLM, FlagKind, ReviewRules
from ...access_review import (
    ExtractRow,
    FamilyExtract,
    ReviewError,
    UserFilter,
    console_audit_log,
    family_extract,
    mark_reviewed,
    user_log,
)
from ...db import read_session, write_session
from ...models import ID_LEN, Nurse, NurseTeam
from ..access import AccessTable, ConsoleRefused, ConsoleUser, engine_of, require, roles
from ..audit import audit
from ..i18n import Catalogue
from ..rendering import NavItem, render, renderer_of
from ..roles import Role

PAGE = "/console/access-log"
FAMILY = f"{PAGE}/family"
FAMILY_CSV = f"{PAGE}/family.csv"
USER = f"{PAGE}/user"
REVIEW = f"{PAGE}/review"
AUDIT_LOG = "/console/audit-log"

REVIEWERS = roles(Role.ADMIN, Role.LOG_REVIEWER, Role.UNIT_MANAGER)
AUDITORS = roles(Role.ADMIN, Role.LOG_REVIEWER)
ACCESS: AccessTable = {
    ("GET", PAGE): REVIEWERS,
    ("GET", FAMILY): REVIEWERS,
    ("GET", FAMILY_CSV): REVIEWERS,
    ("GET", USER): REVIEWERS,
    ("POST", REVIEW): REVIEWERS,
    ("GET", AUDIT_LOG): AUDITORS,
}
NAV = [
    NavItem(PAGE, "access_log.nav", REVIEWERS, order=30),
    NavItem(AUDIT_LOG, "access_log.audit_nav", AUDITORS, order=40),
]
#: the actions a user's log can be filtered by (the laptop's, and the server's own)
ACTIONS = ("open", "print", "export", "sync-pull")

router = APIRouter()
Reviewer = Annotated[ConsoleUser, Depends(require(*REVIEWERS))]


def rules_of(request: Request) -> ReviewRules:
    rules: ReviewRules = request.app.state.review_rules
    return rules


def _teams(user: ConsoleUser) -> tuple[int, ...] | None:
    return user.team_ids if user.limited_to_teams else None


def local(moment: datetime) -> str:
    """A time as the reviewer reads it: Stockholm wall clock, ISO order."""
    return moment.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")


def _family_id(raw: str | None) -> str:
    value = (raw or "").strip()
    if len(value) > ID_LEN or not value.isprintable():
        raise ConsoleRefused(400, "access_log.bad_family_id")
    return value


def _day(raw: str | None) -> date | None:
    value = (raw or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConsoleRefused(400, "access_log.bad_date") from None


@router.get(PAGE)
def index(request: Request, user: Reviewer) -> Response:
    with read_session(engine_of(request)) as session:
        query = select(Nurse.username, Nurse.full_name).order_by(col(Nurse.full_name))
        if user.limited_to_teams:
            query = query.where(
                col(Nurse.id).in_(
                    select(NurseTeam.nurse_id).where(col(NurseTeam.team_id).in_(user.team_ids))
                )
            )
        nurses = session.exec(query).all()
    rules = rules_of(request)
    catalogue = renderer_of(request).catalogue
    days = ", ".join(
        catalogue.text(user.language, f"access_log.day_{d}") for d in sorted(rules.hours.days)
    )
    context = {"nurses": nurses, "hours": rules.hours, "burst": rules.burst, "days": days}
    return render(request, "access_log/index.html", context, user=user)


def _load_extract(
    request: Request, user: ConsoleUser, family_id: str, action: str
) -> FamilyExtract:
    with write_session(engine_of(request)) as session:
        extract = family_extract(session, family_id, rules_of(request), _teams(user))
        if extract is None:
            raise ConsoleRefused(404, "common.not_found")
        audit(session, user, action, family_id)
    return extract


@router.get(FAMILY)
def family_page(request: Request, user: Reviewer, id: str | None = None) -> Response:
    family_id = _family_id(id)
    if not family_id:
        return render(request, "access_log/family.html", {"extract": None}, user=user)
    extract = _load_extract(request, user, family_id, "access_log.family_extract")
    context = {
        "extract": extract,
        "local": local,
        "printed_at": local(datetime.now(UTC)),
        "next": f"{FAMILY}?id={family_id}",
        "actions": ACTIONS,
    }
    return render(request, "access_log/family.html", context, user=user)


@router.get(FAMILY_CSV)
def family_csv(request: Request, user: Reviewer, id: str | None = None) -> Response:
    family_id = _family_id(id)
    if not family_id:
        raise ConsoleRefused(400, "access_log.bad_family_id")
    extract = _load_extract(request, user, family_id, "access_log.family_csv")
    catalogue = renderer_of(request).catalogue
    data = extract_csv(extract.rows, catalogue, user.language)
    return Response(
        data,
        media_type="text/csv; charset=utf-8",
        headers={
            "content-disposition": f'attachment; filename="atkomstlogg-{_safe(family_id)}.csv"'
        },
    )


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() or c == "-" else "_" for c in text)


CSV_COLUMNS = ("time", "username", "name", "title", "action", "device", "device_id", "source")


def extract_csv(rows: Sequence[ExtractRow], catalogue: Catalogue, language: str) -> bytes:
    def t(key: str) -> str:
        return catalogue.text(language, f"access_log.{key}")

    header = [t(f"csv_{c}") for c in CSV_COLUMNS]
    body = [
        [
            local(r.at),
            r.username,
            r.nurse_name,
            r.nurse_title,
            action_text(catalogue, language, r.action),
            r.device_name,
            r.device_id or "",
            t(f"source_{r.source}"),
        ]
        for r in rows
    ]
    return csv_bytes(header, body)


def action_text(catalogue: Catalogue, language: str, action: str) -> str:
    key = f"access_log.action_{action}"
    return catalogue.text(language, key) if key in catalogue.messages else action


@router.get(USER)
def user_page(
    request: Request,
    user: Reviewer,
    username: str | None = None,
    since: str | None = None,
    until: str | None = None,
    action: str | None = None,
    family_id: str | None = None,
    flagged: str | None = None,
) -> Response:
    who = (username or "").strip()[:100]
    filters = UserFilter(
        since=_day(since),
        until=_day(until),
        action=_action(action),
        family_id=_family_id(family_id) or None,
        flagged_only=flagged == "1",
    )
    context: dict[str, object] = {
        "log": None,
        "filters": filters,
        "actions": ACTIONS,
        "username": who,
    }
    if who:
        with write_session(engine_of(request)) as session:
            found = user_log(session, who, filters, rules_of(request), _teams(user))
            if found is None:
                raise ConsoleRefused(404, "common.not_found")
            audit(session, user, "access_log.user_log", found.nurse_id)
        context.update(log=found, local=local, next=str(request.url.path) + "?" + request.url.query)
    return render(request, "access_log/user.html", context, user=user)


def _action(raw: str | None) -> str | None:
    value = (raw or "").strip()
    if value and value not in ACTIONS:
        raise ConsoleRefused(400, "access_log.bad_action")
    return value or None


@router.post(REVIEW)
def review(
    request: Request,
    user: Reviewer,
    entry_id: Annotated[str, Form(max_length=ID_LEN)],
    kind: Annotated[str, Form(max_length=32)],
    note: Annotated[str, Form(max_length=4000)] = "",
    next: Annotated[str, Form(max_length=2000)] = PAGE,
) -> Response:
    if kind not in set(FlagKind):
        raise ConsoleRefused(400, "access_log.review_no_flag")
    with write_session(engine_of(request)) as session:
        try:
            mark_reviewed(
                session, entry_id, kind, user.user_id, note, rules_of(request), _teams(user)
            )
        except ReviewError as refused:
            raise ConsoleRefused(400, f"access_log.review_{refused.code}") from None
        audit(session, user, "access_log.review", f"{entry_id}:{kind}")
    back = next if next.startswith(PAGE + "/") and "//" not in next else PAGE
    return RedirectResponse(f"{back}#entry-{entry_id}", status_code=303)


@router.get(AUDIT_LOG)
def audit_log(
    request: Request,
    user: Annotated[ConsoleUser, Depends(require(*AUDITORS))],
    since: str | None = None,
    until: str | None = None,
) -> Response:
    first, last = _day(since), _day(until)
    with write_session(engine_of(request)) as session:
        rows, more = console_audit_log(session, first, last)
        audit(session, user, "access_log.audit_log")
    context = {"rows": rows, "more": more, "local": local, "since": first, "until": last}
    return render(request, "access_log/audit.html", context, user=user)
