"""The access-log review pages through the real app (``create_app`` on a migrated SQLite file,
real sessions, real CSRF): a family's extract and its CSV, a user's log with filters, marking a
flag reviewed, the unit manager's limits, follow-up refused, the console's own audit log."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import col, select

from hembesok_desktop.server import admin
from hembesok_desktop.server.access_flags import STOCKHOLM
from hembesok_desktop.server.console.access import CSRF_FIELD
from hembesok_desktop.server.console.roles import Role
from hembesok_desktop.server.db import read_session, write_session
from hembesok_desktop.server.models import (
    AccessFlagReview,
    AccessLog,
    ConsoleAudit,
    Device,
    FamilyScope,
    Team,
)
from tests.support.console import Account, console_app, make_account, signed_in_session

#: a Wednesday 10:00 and 22:00 Stockholm time
DAY = datetime(2025, 1, 15, 10, 0, tzinfo=STOCKHOLM)
NIGHT = datetime(2025, 1, 15, 22, 0, tzinfo=STOCKHOLM)


@dataclass
class Region:
    engine: Engine
    app: FastAPI
    north: str
    south: str
    device: str
    family: str
    accounts: dict[Role, Account]
    manager_south: Account


def _team_id(engine: Engine, name: str) -> int:
    with read_session(engine) as s:
        return s.exec(select(Team.id).where(Team.name == name)).one()  # type: ignore[return-value]


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Region]:
    engine, app = console_app(tmp_path_factory.mktemp("access"))
    north, south = "BVC Norr", "BVC Söder"
    admin.add_team(engine, north)
    admin.add_team(engine, south)
    anna = admin.add_nurse(
        engine,
        "anna",
        teams=[north],
        full_name="Anna Andersson",
        title="BVC-sjuksköterska",
        password="nurse password 1",
    )
    device = str(uuid.uuid4())
    family = str(uuid.uuid4())
    with write_session(engine) as s:
        s.add(Device(id=device, nurse_id=anna, name="Annas laptop", token_hash=uuid.uuid4().hex))
        s.add(FamilyScope(family_id=family, team_id=_team_id(engine, north)))
    accounts = {
        Role.ADMIN: make_account(engine, Role.ADMIN, full_name="Ada Admin"),
        Role.LOG_REVIEWER: make_account(engine, Role.LOG_REVIEWER, full_name="Rut Granskare"),
        Role.FOLLOW_UP: make_account(engine, Role.FOLLOW_UP),
        Role.UNIT_MANAGER: make_account(engine, Role.UNIT_MANAGER, teams=[north]),
    }
    manager_south = make_account(engine, Role.UNIT_MANAGER, teams=[south])
    yield Region(engine, app, north, south, device, family, accounts, manager_south)
    app.state.engine.dispose()
    engine.dispose()


def log(region: Region, at: datetime, *, action: str = "open", family: str | None = None) -> str:
    entry_id = str(uuid.uuid4())
    with write_session(region.engine) as s:
        s.add(
            AccessLog(
                id=entry_id,
                source="device",
                family_id=family or region.family,
                username="anna",
                action=action,
                at=at.astimezone(UTC).isoformat(timespec="seconds"),
                device_id=region.device,
            )
        )
    return entry_id


def client(region: Region, account: Account) -> tuple[TestClient, str]:
    c = TestClient(region.app, follow_redirects=False)
    return c, signed_in_session(c, region.engine, account)


def audited(region: Region, account: Account, action: str) -> list[str | None]:
    with read_session(region.engine) as s:
        return list(
            s.exec(
                select(ConsoleAudit.target)
                .where(ConsoleAudit.user_id == account.user_id, ConsoleAudit.action == action)
                .order_by(col(ConsoleAudit.id))
            ).all()
        )


def test_extract_shows_the_entries_in_stockholm_time_and_is_audited(region: Region) -> None:
    log(region, DAY)
    reviewer = region.accounts[Role.LOG_REVIEWER]
    c, _ = client(region, reviewer)
    page = c.get("/console/access-log/family", params={"id": region.family})
    assert page.status_code == 200
    html = page.text
    assert "Utdrag ur åtkomstloggen" in html and "2025-01-15 10:00" in html
    assert "Anna Andersson" in html and "BVC-sjuksköterska" in html and "Annas laptop" in html
    assert "Öppnade journalen" in html and "<caption>" in html and 'scope="col"' in html
    assert region.family in audited(region, reviewer, "access_log.family_extract")


def test_extract_in_english(region: Region) -> None:
    c, _ = client(region, region.accounts[Role.ADMIN])
    c.cookies.set("hembesok_console_lang", "en", path="/console")
    html = c.get("/console/access-log/family", params={"id": region.family}).text
    assert "Access-log extract" in html and "Utdrag ur" not in html


def test_csv_is_utf8_with_bom_swedish_columns_and_guarded_cells(region: Region) -> None:
    family = str(uuid.uuid4())
    with write_session(region.engine) as s:
        s.add(FamilyScope(family_id=family, team_id=_team_id(region.engine, region.north)))
    log(region, DAY, family=family)
    log(region, DAY + timedelta(minutes=1), family=family, action='=HYPERLINK("http://x")')
    reviewer = region.accounts[Role.LOG_REVIEWER]
    c, _ = client(region, reviewer)
    answer = c.get("/console/access-log/family.csv", params={"id": family})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    assert answer.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [
        [
            "Tid (svensk tid)",
            "Användarnamn",
            "Namn",
            "Titel",
            "Åtgärd",
            "Dator",
            "Datorns id",
            "Källa",
        ],
        [
            "2025-01-15 10:00",
            "anna",
            "Anna Andersson",
            "BVC-sjuksköterska",
            "Öppnade journalen",
            "Annas laptop",
            region.device,
            "Datorn",
        ],
        [
            "2025-01-15 10:01",
            "anna",
            "Anna Andersson",
            "BVC-sjuksköterska",
            '\'=HYPERLINK("http://x")',
            "Annas laptop",
            region.device,
            "Datorn",
        ],
    ]
    assert family in audited(region, reviewer, "access_log.family_csv")


def test_marking_a_flag_reviewed_needs_csrf_and_a_note_and_shows_who(region: Region) -> None:
    night = log(region, NIGHT)
    reviewer = region.accounts[Role.LOG_REVIEWER]
    c, csrf = client(region, reviewer)
    form = {
        "entry_id": night,
        "kind": "outside_hours",
        "note": "Jourbesök, ok.",
        "next": f"/console/access-log/family?id={region.family}",
    }
    assert c.post("/console/access-log/review", data=form).status_code == 403
    empty = c.post("/console/access-log/review", data={**form, "note": " ", CSRF_FIELD: csrf})
    assert empty.status_code == 400 and "Skriv en anteckning" in empty.text
    wrong = c.post("/console/access-log/review", data={**form, "kind": "burst", CSRF_FIELD: csrf})
    assert wrong.status_code == 400 and "inte den flaggan" in wrong.text
    done = c.post("/console/access-log/review", data={**form, CSRF_FIELD: csrf})
    assert done.status_code == 303
    assert done.headers["location"].startswith(f"/console/access-log/family?id={region.family}")
    html = c.get(done.headers["location"]).text
    assert "av Rut Granskare" in html and "Jourbesök, ok." in html
    with read_session(region.engine) as s:
        stored = s.exec(
            select(AccessFlagReview.flag_kind, AccessFlagReview.reviewer_id).where(
                AccessFlagReview.access_log_id == night
            )
        ).one()
    assert tuple(stored) == ("outside_hours", reviewer.user_id)
    assert f"{night}:outside_hours" in audited(region, reviewer, "access_log.review")
    again = c.post("/console/access-log/review", data={**form, CSRF_FIELD: csrf})
    assert again.status_code == 400 and "redan granskad" in again.text


def test_review_never_redirects_off_the_access_log(region: Region) -> None:
    entry = log(region, NIGHT + timedelta(minutes=5))
    c, csrf = client(region, region.accounts[Role.ADMIN])
    done = c.post(
        "/console/access-log/review",
        data={
            "entry_id": entry,
            "kind": "outside_hours",
            "note": "ok",
            "next": "https://evil.example/",
            CSRF_FIELD: csrf,
        },
    )
    assert done.status_code == 303
    assert done.headers["location"].startswith("/console/access-log#")


def test_user_log_filters(region: Region) -> None:
    printed = log(region, DAY + timedelta(days=1), action="print")
    c, _ = client(region, region.accounts[Role.LOG_REVIEWER])
    page = c.get("/console/access-log/user", params={"username": "anna", "action": "print"})
    assert page.status_code == 200
    assert f'id="entry-{printed}"' in page.text and page.text.count('id="entry-') == 1
    flagged = c.get("/console/access-log/user", params={"username": "anna", "flagged": "1"})
    assert (
        "Utanför arbetstid" in flagged.text and "Skrev ut" not in flagged.text.split("<tbody>")[1]
    )
    assert (
        c.get("/console/access-log/user", params={"username": "anna", "since": "15/1"}).status_code
        == 400
    )
    assert (
        c.get("/console/access-log/user", params={"username": "anna", "action": "x"}).status_code
        == 400
    )
    assert c.get("/console/access-log/user", params={"username": "nobody"}).status_code == 404


def test_unit_manager_sees_only_her_teams_and_follow_up_nothing(region: Region) -> None:
    north, _ = client(region, region.accounts[Role.UNIT_MANAGER])
    south, _ = client(region, region.manager_south)
    follow, _ = client(region, region.accounts[Role.FOLLOW_UP])
    family = {"id": region.family}
    assert north.get("/console/access-log/family", params=family).status_code == 200
    assert south.get("/console/access-log/family", params=family).status_code == 404
    assert south.get("/console/access-log/family.csv", params=family).status_code == 404
    assert south.get("/console/access-log/user", params={"username": "anna"}).status_code == 404
    assert "anna" not in south.get("/console/access-log").text
    assert "anna" in north.get("/console/access-log").text
    assert follow.get("/console/access-log/family", params=family).status_code == 403
    assert north.get("/console/audit-log").status_code == 403


def test_console_audit_log_shows_console_actions(region: Region) -> None:
    reviewer = region.accounts[Role.LOG_REVIEWER]
    c, _ = client(region, reviewer)
    c.get("/console/access-log/family", params={"id": region.family})
    page = c.get("/console/audit-log")
    assert page.status_code == 200
    assert "access_log.family_extract" in page.text and region.family in page.text
    assert "Rut Granskare" in page.text
    assert c.get("/console/audit-log", params={"since": "igår"}).status_code == 400


def test_a_move_on_the_command_line_shows_in_the_audit_log(region: Region) -> None:
    family = str(uuid.uuid4())
    with write_session(region.engine) as s:
        s.add(FamilyScope(family_id=family, team_id=_team_id(region.engine, region.south)))
    assert admin.move_family(region.engine, family, region.north)
    c, _ = client(region, region.accounts[Role.ADMIN])
    page = c.get("/console/audit-log")
    assert page.status_code == 200
    row = next(r for r in page.text.split("<tr>") if family in r)
    assert "family.move" in row and "Kommandoraden (hembesok-server admin)" in row


@pytest.mark.parametrize("bad", ["x" * 65, "a\x00b"])
def test_a_bad_family_id_is_one_sentence_and_400(region: Region, bad: str) -> None:
    c, _ = client(region, region.accounts[Role.ADMIN])
    answer = c.get("/console/access-log/family", params={"id": bad})
    assert answer.status_code == 400 and "högst 64 tecken" in answer.text
