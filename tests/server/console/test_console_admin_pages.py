"""The console's administration pages through the real app (``create_app`` on a migrated SQLite
file, FastAPI's TestClient): teams, nurses, devices, families and set-aside rows; what each
change does to the database, the audit entry it leaves, a unit manager kept to her teams, and
bad input answered with one sentence next to its field, a 4xx and nothing changed.

The same app serves sync, so a device's push and pull here are the real endpoints too: they
set the device's last sync times and count its refused changes, and a revoked device is
refused (401)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from html import unescape

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlmodel import select

from hembesok_desktop.domain.hlc import HybridLogicalClock
from hembesok_desktop.domain.identity import personal_identity_from_parts
from hembesok_desktop.protocol.wire import PushRequest
from hembesok_desktop.server import admin, feed
from hembesok_desktop.server.console.access import CSRF_FIELD
from hembesok_desktop.server.console.i18n import LANGUAGE_COOKIE
from hembesok_desktop.server.console.roles import Role
from hembesok_desktop.server.db import read_session, write_session
from hembesok_desktop.server.models import ConsoleAudit, Device, FamilyScope, Nurse, NurseTeam
from hembesok_desktop.server.records import Stored, upsert
from tests.support.console import Account, console_app, make_account, signed_in_session
from tests.support.server_harness import complete, make_change, new_row

NURSE_PASSWORD = "nurse password 1"
NUMBER = personal_identity_from_parts(birth_date=date(2025, 4, 9), serial=246)


@dataclass
class Console:
    engine: Engine
    app: FastAPI
    north: str
    south: str
    admin: Account
    manager: Account  # unit manager of north only


@pytest.fixture(scope="module")
def console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Console]:
    engine, app = console_app(tmp_path_factory.mktemp("console-admin"))
    north, south = "BVC Norr", "BVC Söder"
    admin.add_team(engine, north)
    admin.add_team(engine, south)
    made = Console(
        engine,
        app,
        north,
        south,
        admin=make_account(engine, Role.ADMIN),
        manager=make_account(engine, Role.UNIT_MANAGER, teams=[north]),
    )
    yield made
    app.state.engine.dispose()
    engine.dispose()


def _client(
    console: Console, account: Account, language: str | None = None
) -> tuple[TestClient, str]:
    client = TestClient(console.app, follow_redirects=False)
    if language:
        client.cookies.set(LANGUAGE_COOKIE, language, path="/console")
    return client, signed_in_session(client, console.engine, account)


def _nurse(console: Console, team: str) -> tuple[int, str]:
    username = f"n_{uuid.uuid4().hex[:8]}"
    nurse_id = admin.add_nurse(
        console.engine,
        username,
        teams=[team],
        full_name=f"Syster {username}",
        title="BVC-sjuksköterska",
        password=NURSE_PASSWORD,
    )
    return nurse_id, username


def _enroll(console: Console, username: str, password: str = NURSE_PASSWORD) -> TestClient:
    device = TestClient(console.app)
    answer = device.post(
        "/api/v1/enroll",
        json={"username": username, "password": password, "device_name": "Laptop"},
    )
    if answer.status_code == 200:
        device.headers["Authorization"] = f"Bearer {answer.json()['token']}"
        device.headers["X-Device"] = answer.json()["device_id"]
    device.headers["X-Enroll-Status"] = str(answer.status_code)
    return device


def _audit(console: Console, action: str) -> list[str | None]:
    with read_session(console.engine) as session:
        return list(
            session.exec(select(ConsoleAudit.target).where(ConsoleAudit.action == action)).all()
        )


def _error_next_to(html: str, field: str) -> str:
    """The sentence shown next to ``field`` (the field points at it and is marked invalid)."""
    found = re.search(rf'<p class="field-error" id="error-{field}">([^<]+)</p>', html)
    assert found, f"no error next to {field}"
    sentence = unescape(found.group(1))
    assert re.search(rf'id="field-{field}"[^>]*aria-describedby="[^"]*error-{field}', html) or (
        field == "teams"
    )
    return sentence


def _alert(html: str) -> str:
    found = re.search(r'<p class="message message-error" role="alert">([^<]+)</p>', html)
    assert found, "no error message on the page"
    return unescape(found.group(1))


def _family(console: Console, team: str, child_number: str = "") -> str:
    family_id = str(uuid.uuid4())
    hlc = "000000000000001-00000-test"
    child = complete("child", {"identity_number": child_number, "given_name": "Hemlig"})
    rows = {
        ("family", family_id): Stored(family_id, {"area": {"value": "Norr", "hlc": hlc}}),
        ("child", str(uuid.uuid4())): Stored(
            family_id, {k: {"value": v, "hlc": hlc} for k, v in child.items()}
        ),
    }
    with write_session(console.engine) as session:
        team_id = session.exec(
            text("SELECT id FROM team WHERE name = :n").bindparams(n=team)
        ).one()[0]
        session.add(FamilyScope(family_id=family_id, team_id=team_id))
        upsert(session, rows)
        feed.append(session, list(rows))
    return family_id


# -- teams ---------------------------------------------------------------------------------
def test_an_administrator_adds_a_team_and_bad_names_change_nothing(console: Console) -> None:
    client, csrf = _client(console, console.admin)
    name = f"BVC Ny {uuid.uuid4().hex[:6]}"
    answer = client.post("/console/teams", data={"name": name, CSRF_FIELD: csrf})
    assert (
        answer.status_code == 303 and answer.headers["location"] == "/console/teams?done=team_added"
    )
    page = client.get(answer.headers["location"])
    assert name in page.text and "Teamet är tillagt." in page.text
    assert _audit(console, "team.add")

    before = client.get("/console/teams").text.count("<tr>")
    for bad, sentence in (
        ("  ", "Skriv teamets namn."),
        (name, "Det finns redan ett team med det namnet."),
    ):
        refused = client.post("/console/teams", data={"name": bad, CSRF_FIELD: csrf})
        assert refused.status_code == 400
        assert _error_next_to(refused.text, "name") == sentence
    assert client.get("/console/teams").text.count("<tr>") == before

    manager, manager_csrf = _client(console, console.manager)
    shown = manager.get("/console/teams").text
    assert console.north in shown and console.south not in shown and name not in shown
    assert (
        manager.post("/console/teams", data={"name": "X", CSRF_FIELD: manager_csrf}).status_code
        == 403
    )


# -- nurses --------------------------------------------------------------------------------
def test_a_nurse_is_added_with_her_teams_and_can_enroll(console: Console) -> None:
    client, csrf = _client(console, console.admin)
    username = f"ny_{uuid.uuid4().hex[:6]}"
    form = {
        "username": username,
        "full_name": "Nora Fiktiv",
        "title": "Distriktssköterska",
        "password": "first password",
        "teams": [console.north, console.south],
        CSRF_FIELD: csrf,
    }
    answer = client.post("/console/nurses", data=form)
    assert answer.status_code == 303
    page = client.get(answer.headers["location"])
    assert page.status_code == 200 and "Nora Fiktiv" in page.text
    assert "Sjuksköterskan är tillagd." in page.text
    nurse_id = int(answer.headers["location"].split("/")[3].split("?")[0])
    assert _audit(console, "nurse.add")[-1] == str(nurse_id)
    enrolled = _enroll(console, username, "first password")
    assert enrolled.headers["X-Enroll-Status"] == "200"
    with read_session(console.engine) as session:
        memberships = session.exec(select(NurseTeam).where(NurseTeam.nurse_id == nurse_id)).all()
        assert len(memberships) == 2


@pytest.mark.parametrize(
    ("change", "field", "sentence"),
    [
        ({"password": "short"}, "password", "Lösenordet måste ha minst 8 tecken."),
        ({"full_name": " "}, "full_name", "Skriv hennes namn."),
        ({"title": ""}, "title", "Skriv hennes titel."),
        ({"username": ""}, "username", "Skriv ett användarnamn."),
        ({"teams": []}, "teams", "Välj minst ett team."),
        ({"teams": ["No such team"]}, "teams", "Välj ett av teamen i listan."),
    ],
)
def test_bad_input_for_a_new_nurse_is_one_sentence_next_to_its_field_and_adds_nobody(
    console: Console, change: dict[str, object], field: str, sentence: str
) -> None:
    client, csrf = _client(console, console.admin)
    username = f"bad_{uuid.uuid4().hex[:6]}"
    form: dict[str, object] = {
        "username": username,
        "full_name": "Berit Fiktiv",
        "title": "BVC-sjuksköterska",
        "password": "a fine password",
        "teams": [console.north],
        CSRF_FIELD: csrf,
    }
    form.update(change)
    answer = client.post("/console/nurses", data=form)  # type: ignore[arg-type]
    assert answer.status_code == 400
    assert _error_next_to(answer.text, field) == sentence
    assert answer.text.count('class="field-error"') == 1
    assert 'value="a fine password"' not in answer.text  # a password is never echoed
    assert admin.nurse_id(console.engine, username) is None


def test_a_unit_manager_works_only_with_her_teams_nurses(console: Console) -> None:
    mine_id, mine = _nurse(console, console.north)
    theirs_id, theirs = _nurse(console, console.south)
    client, csrf = _client(console, console.manager)
    listed = client.get("/console/nurses").text
    assert mine in listed and theirs not in listed
    assert client.get(f"/console/nurses/{theirs_id}").status_code == 404
    assert client.get(f"/console/nurses/{mine_id}").status_code == 200
    for path, form in (
        (f"/console/nurses/{theirs_id}/password", {"password": "taken over!"}),
        (f"/console/nurses/{theirs_id}/deactivate", {}),
        (f"/console/nurses/{theirs_id}/teams", {"team": console.north}),
    ):
        assert client.post(path, data={**form, CSRF_FIELD: csrf}).status_code == 404, path
    # she may not put her nurse into another unit's team, nor create one there
    refused = client.post(
        f"/console/nurses/{mine_id}/teams", data={"team": console.south, CSRF_FIELD: csrf}
    )
    assert refused.status_code == 400  # (her page offers no other team, so the error is on top)
    assert _alert(refused.text) == "Välj ett av teamen i listan."
    new = client.post(
        "/console/nurses",
        data={
            "username": f"x_{uuid.uuid4().hex[:6]}",
            "full_name": "X",
            "title": "Y",
            "password": "a fine password",
            "teams": [console.south],
            CSRF_FIELD: csrf,
        },
    )
    assert new.status_code == 400
    assert _enroll(console, theirs, "taken over!").headers["X-Enroll-Status"] == "401"
    assert _enroll(console, theirs).headers["X-Enroll-Status"] == "200"


def test_deactivating_a_nurse_revokes_her_devices_and_refuses_her_enrollment(
    console: Console,
) -> None:
    nurse_id, username = _nurse(console, console.north)
    laptops = [_enroll(console, username), _enroll(console, username)]
    assert all(laptop.get("/api/v1/sync/pull").status_code == 200 for laptop in laptops)
    client, csrf = _client(console, console.manager)
    confirm = client.get(f"/console/nurses/{nurse_id}/deactivate")
    assert confirm.status_code == 200 and "Hennes 2 aktiva datorer" in confirm.text
    with read_session(console.engine) as session:
        assert session.exec(select(Nurse.deactivated_at).where(Nurse.id == nurse_id)).one() is None

    done = client.post(f"/console/nurses/{nurse_id}/deactivate", data={CSRF_FIELD: csrf})
    assert done.status_code == 303
    assert "hennes datorer är återkallade" in client.get(done.headers["location"]).text
    assert all(laptop.get("/api/v1/sync/pull").status_code == 401 for laptop in laptops)
    assert _enroll(console, username).headers["X-Enroll-Status"] == "401"
    assert _audit(console, "nurse.deactivate")[-1] == str(nurse_id)
    again = client.post(f"/console/nurses/{nurse_id}/deactivate", data={CSRF_FIELD: csrf})
    assert again.status_code == 400 and "Hon är redan avstängd." in again.text


def test_a_reset_password_and_team_membership(console: Console) -> None:
    nurse_id, username = _nurse(console, console.north)
    client, csrf = _client(console, console.admin)
    short = client.post(
        f"/console/nurses/{nurse_id}/password", data={"password": "x", CSRF_FIELD: csrf}
    )
    assert short.status_code == 400
    assert _error_next_to(short.text, "password") == "Lösenordet måste ha minst 8 tecken."
    assert _enroll(console, username).headers["X-Enroll-Status"] == "200"
    done = client.post(
        f"/console/nurses/{nurse_id}/password",
        data={"password": "brand new pass", CSRF_FIELD: csrf},
    )
    assert done.status_code == 303
    assert _enroll(console, username).headers["X-Enroll-Status"] == "401"
    assert _enroll(console, username, "brand new pass").headers["X-Enroll-Status"] == "200"
    assert _audit(console, "nurse.reset_password")[-1] == str(nurse_id)

    joined = client.post(
        f"/console/nurses/{nurse_id}/teams", data={"team": console.south, CSRF_FIELD: csrf}
    )
    assert joined.status_code == 303
    left = client.post(
        f"/console/nurses/{nurse_id}/teams/remove", data={"team": console.north, CSRF_FIELD: csrf}
    )
    assert left.status_code == 303
    last = client.post(
        f"/console/nurses/{nurse_id}/teams/remove", data={"team": console.south, CSRF_FIELD: csrf}
    )
    assert last.status_code == 400
    assert _error_next_to(last.text, "team").startswith("Hon måste höra till minst ett team")
    shown = client.get(f"/console/nurses/{nurse_id}").text
    assert "Ta bort ur" not in shown  # her only team offers no removal
    assert [*_audit(console, "nurse.team_add"), *_audit(console, "nurse.team_remove")].count(
        str(nurse_id)
    ) == 2


# -- devices -------------------------------------------------------------------------------
def _device_row(console: Console, device_id: str) -> tuple[object, object, int, object]:
    with read_session(console.engine) as session:
        device = session.get(Device, device_id)
        assert device is not None
        return device.last_push_at, device.last_pull_at, device.refused_changes, device.revoked_at


def test_sync_sets_the_devices_last_times_and_counts_refused_changes(console: Console) -> None:
    _nurse_id, username = _nurse(console, console.north)
    laptop = _enroll(console, username)
    device_id = laptop.headers["X-Device"]
    assert _device_row(console, device_id)[:3] == (None, None, 0)
    clock = HybridLogicalClock("pages")
    family_id = str(uuid.uuid4())
    good = new_row("family", family_id, family_id, {"area": "Norr"}, clock)
    bad = make_change("family", family_id, family_id, {"interpreter_needed": "yes"}, clock)
    unknown = make_change("no_such_kind", str(uuid.uuid4()), family_id, {"x": 1}, clock)
    body = PushRequest(batch_id=str(uuid.uuid4()), changes=[good, bad, unknown])
    pushed = laptop.post(
        "/api/v1/sync/push",
        content=body.model_dump_json(),
        headers={"Content-Type": "application/json"},
    )
    assert pushed.status_code == 200 and len(pushed.json()["rejected"]) == 2
    push_at, pull_at, refused, _ = _device_row(console, device_id)
    assert push_at is not None and pull_at is None and refused == 2
    assert laptop.get("/api/v1/sync/pull").status_code == 200
    _, pull_at, refused, _ = _device_row(console, device_id)
    assert pull_at is not None and refused == 2

    client, _csrf = _client(console, console.admin)
    row = re.search(rf"{device_id}.*?</tr>", client.get("/console/devices").text, re.S)
    assert row is not None
    assert row.group(0).count("Aldrig") == 0 and '<td class="number">2</td>' in row.group(0)


def test_a_revoked_device_is_refused_at_its_next_sync(console: Console) -> None:
    _nurse_id, username = _nurse(console, console.north)
    laptop = _enroll(console, username)
    device_id = laptop.headers["X-Device"]
    assert laptop.get("/api/v1/sync/pull").status_code == 200
    client, csrf = _client(console, console.manager)
    confirm = client.get(f"/console/devices/{device_id}/revoke")
    assert confirm.status_code == 200 and "Återkalla datorn" in confirm.text
    assert _device_row(console, device_id)[3] is None  # the confirmation page changes nothing

    done = client.post(f"/console/devices/{device_id}/revoke", data={CSRF_FIELD: csrf})
    assert done.status_code == 303 and done.headers["location"].endswith("done=device_revoked")
    assert laptop.get("/api/v1/sync/pull").status_code == 401
    assert (
        laptop.post("/api/v1/sync/push", json={"batch_id": "b", "changes": []}).status_code == 401
    )
    assert _audit(console, "device.revoke")[-1] == device_id
    again = client.post(f"/console/devices/{device_id}/revoke", data={CSRF_FIELD: csrf})
    assert again.headers["location"].endswith("done=device_already_revoked")

    _other_id, other = _nurse(console, console.south)
    foreign = _enroll(console, other)
    foreign_id = foreign.headers["X-Device"]
    assert client.get(f"/console/devices/{foreign_id}/revoke").status_code == 404
    assert (
        client.post(f"/console/devices/{foreign_id}/revoke", data={CSRF_FIELD: csrf}).status_code
        == 404
    )
    assert foreign_id not in client.get("/console/devices").text
    assert foreign.get("/api/v1/sync/pull").status_code == 200


# -- families ------------------------------------------------------------------------------
def test_a_family_is_found_by_id_or_by_personal_number_and_the_search_logs_ids_only(
    console: Console,
) -> None:
    family_id = _family(console, console.north, NUMBER.value)
    client, csrf = _client(console, console.admin)
    by_id = client.get("/console/families", params={"family_id": family_id})
    assert (
        by_id.status_code == 303 and by_id.headers["location"] == f"/console/families/{family_id}"
    )
    page = client.get(by_id.headers["location"])
    assert page.status_code == 200 and console.north in page.text
    assert "Hemlig" not in page.text and NUMBER.value not in page.text  # counts, no names
    assert re.search(r"Barn</th><td class=\"number\">1<", page.text)
    missing = client.get("/console/families", params={"family_id": "no-such-family"})
    assert missing.status_code == 404
    assert _error_next_to(missing.text, "family_id").startswith("Det finns ingen familj")

    searched = client.post(
        "/console/families/search",
        data={"personal_number": NUMBER.short_display(), CSRF_FIELD: csrf},
    )
    assert searched.status_code == 303 and searched.headers["location"].endswith(family_id)
    assert _audit(console, "family.search_by_personal_number")[-1] == family_id
    bad = client.post(
        "/console/families/search", data={"personal_number": "20250409-2461", CSRF_FIELD: csrf}
    )
    assert bad.status_code == 400
    assert _error_next_to(bad.text, "personal_number").startswith("Det är inte ett giltigt")
    assert 'value="20250409-2461"' not in bad.text
    assert _audit(console, "family.search_by_personal_number")[-1] is None
    with console.engine.connect() as connection:
        logged = " ".join(
            str(v) for row in connection.execute(text("SELECT * FROM console_audit")) for v in row
        )
    for written in (NUMBER.value, NUMBER.display, NUMBER.short_display(), "20250409"):
        assert written not in logged

    manager, manager_csrf = _client(console, console.manager)
    south_family = _family(console, console.south, NUMBER.value)
    found = manager.post(
        "/console/families/search",
        data={"personal_number": NUMBER.display, CSRF_FIELD: manager_csrf},
    )
    assert found.headers["location"].endswith(family_id)  # not the south family
    assert manager.get(f"/console/families/{south_family}").status_code == 404
    both = client.post(
        "/console/families/search", data={"personal_number": NUMBER.display, CSRF_FIELD: csrf}
    )
    assert both.status_code == 200 and family_id in both.text and south_family in both.text


def test_moving_a_family_shows_what_it_does_then_moves_it(console: Console) -> None:
    family_id = _family(console, console.north)
    _n_id, north_nurse = _nurse(console, console.north)
    _s_id, south_nurse = _nurse(console, console.south)
    north_laptop, south_laptop = _enroll(console, north_nurse), _enroll(console, south_nurse)
    client, csrf = _client(console, console.admin)
    preview = client.get(f"/console/families/{family_id}/move", params={"team": console.south})
    assert preview.status_code == 200
    losing, gaining = preview.text.split('id="gaining"')
    assert f"Syster {north_nurse}" in losing and f"Syster {south_nurse}" in gaining
    assert "2 poster följer med familjen." in preview.text
    assert admin.family_team_name(console.engine, family_id) == console.north

    moved = client.post(
        f"/console/families/{family_id}/move", data={"team": console.south, CSRF_FIELD: csrf}
    )
    assert moved.status_code == 303 and moved.headers["location"].endswith("done=family_moved")
    assert admin.family_team_name(console.engine, family_id) == console.south
    assert _audit(console, "family.move")[-1] == family_id
    pulled = south_laptop.get("/api/v1/sync/pull").json()
    assert any(row["family_id"] == family_id for row in pulled["rows"])
    assert not any(
        row["family_id"] == family_id
        for row in north_laptop.get("/api/v1/sync/pull").json()["rows"]
    )

    no_team = client.get(f"/console/families/{family_id}/move", params={"team": "Nope"})
    assert no_team.status_code == 400
    assert _error_next_to(no_team.text, "team") == "Välj ett av teamen i listan."
    manager, manager_csrf = _client(console, console.manager)
    assert (
        manager.get(
            f"/console/families/{family_id}/move", params={"team": console.north}
        ).status_code
        == 404
    )
    assert (
        manager.post(
            f"/console/families/{family_id}/move",
            data={"team": console.north, CSRF_FIELD: manager_csrf},
        ).status_code
        == 404
    )
    assert admin.family_team_name(console.engine, family_id) == console.south


# -- set-aside rows, roles, language -------------------------------------------------------
def test_the_set_aside_rows_show_ids_and_the_problem_never_a_value(console: Console) -> None:
    family_id = _family(console, console.north)
    row_id = str(uuid.uuid4())
    with write_session(console.engine) as session:
        upsert(
            session,
            {
                ("child", row_id): Stored(
                    family_id,
                    {
                        "given_name": {"value": "Sekretessa", "hlc": "000000000000002-00000-x"},
                        "birth_date": {"value": "2025-02-30", "hlc": "000000000000002-00000-x"},
                    },
                )
            },
        )
        feed.append(session, [("child", row_id)])
    client, _csrf = _client(console, console.admin)
    page = client.get("/console/set-aside")
    assert page.status_code == 200 and row_id in page.text and family_id in page.text
    assert "child.birth_date" in page.text
    assert "Sekretessa" not in page.text and "2025-02-30" not in page.text
    manager, _ = _client(console, console.manager)
    assert row_id in manager.get("/console/set-aside").text
    south_family = _family(console, console.south)
    with write_session(console.engine) as session:
        other = str(uuid.uuid4())
        upsert(
            session,
            {
                ("child", other): Stored(
                    south_family, {"given_name": {"value": 1, "hlc": "000000000000003-00000-x"}}
                )
            },
        )
        feed.append(session, [("child", other)])
    assert other not in manager.get("/console/set-aside").text
    assert other in client.get("/console/set-aside").text


@pytest.mark.parametrize("role", [Role.FOLLOW_UP, Role.LOG_REVIEWER])
def test_follow_up_and_log_reviewers_open_no_administration_page(
    console: Console, role: Role
) -> None:
    client, _ = _client(console, make_account(console.engine, role))
    for path in (
        "/console/teams",
        "/console/nurses",
        "/console/devices",
        "/console/families",
        "/console/set-aside",
    ):
        assert client.get(path).status_code == 403, path
    start = client.get("/console").text
    assert "/console/nurses" not in start and "/console/devices" not in start


def test_the_pages_are_swedish_by_default_and_english_on_request(console: Console) -> None:
    swedish, _ = _client(console, console.admin)
    english, csrf = _client(console, console.admin, language="en")
    assert "Lägg till en sjuksköterska" in swedish.get("/console/nurses").text
    page = english.get("/console/nurses").text
    assert "Add a nurse" in page and "Lägg till en sjuksköterska" not in page
    refused = english.post("/console/teams", data={"name": "", CSRF_FIELD: csrf})
    assert (
        refused.status_code == 400
        and _error_next_to(refused.text, "name") == "Enter the team's name."
    )
