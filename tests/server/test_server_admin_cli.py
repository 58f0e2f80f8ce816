"""``hembesok-server admin`` as a subprocess: commands, --db / HEMBESOK_SERVER_DB, and errors
that print one sentence, exit non-zero and change nothing."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from hembesok_desktop.domain.hlc import HybridLogicalClock
from hembesok_desktop.server import admin, cli
from hembesok_desktop.server.db import make_engine, upgrade
from tests.support.server_harness import (
    SyncClient,
    make_change,
    push_new_family,
    run_admin,
    start_server_process,
)

PASSWORD = "a fine password"


@pytest.fixture(scope="module")
def cli_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('cli')}/cli.sqlite3"


@pytest.fixture(scope="module")
def cli_engine(cli_db: str) -> Iterator[Engine]:
    engine = make_engine(cli_db)
    yield engine
    engine.dispose()


def _snapshot(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    tables = ["team", "nurse", "nurse_team", "device", "family_scope", "record", "console_audit"]
    with engine.connect() as connection:
        return {
            table: [tuple(r) for r in connection.execute(text(f"SELECT * FROM {table}"))]
            for table in tables
        }


def _recorded_moves(engine: Engine) -> list[tuple[object, ...]]:
    """The family moves in the console's audit log (access-log review reads them)."""
    with engine.connect() as connection:
        found = connection.execute(
            text("SELECT user_id, target, address FROM console_audit WHERE action = :action"),
            {"action": admin.FAMILY_MOVE_ACTION},
        )
        return [tuple(r) for r in found]


def test_admin_commands_end_to_end(
    cli_db: str,
    cli_engine: Engine,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the console-script path in real subprocesses ...
    assert run_admin(cli_db, "add-team", "BVC Väster").returncode == 0
    added = run_admin(
        cli_db,
        "add-nurse",
        "vera",
        "--team",
        "BVC Väster",
        "--name",
        "Vera Fiktiv",
        "--title",
        "Distriktssköterska",
        password=PASSWORD,
    )
    assert added.returncode == 0, added.stderr
    assert "Vera" not in added.stdout + added.stderr  # no personal data echoed
    # ... and the same ``main`` in-process for the rest (interpreter start-up costs ~1 s)
    assert _main(capsys, monkeypatch, "admin", "--db", cli_db, "add-team", "BVC Öster")[0] == 0

    with start_server_process(cli_db) as server:
        client = SyncClient.enroll(server.base_url, "vera", PASSWORD, device_name="Lap 1")
        clock = HybridLogicalClock("cli")
        family_id = push_new_family(client, clock)
        entry = make_change(
            "access_log_entry",
            str(uuid.uuid4()),
            family_id,
            {"at": "2026-01-02T10:00:00+00:00", "user": "vera", "action": "open"},
            clock,
        )
        assert client.push([entry]).rejected == []
        client.pull_all()

        code, out, _ = _main(capsys, monkeypatch, "admin", "--db", cli_db, "list-devices")
        assert code == 0
        (line,) = out.splitlines()
        assert line.startswith(f"{client.device_id}\tvera\t") and "\tactive\t" in line

        code, out, _ = _main(
            capsys, monkeypatch, "admin", "--db", cli_db, "access-log", "--family", family_id
        )
        assert code == 0
        lines = out.splitlines()
        assert lines[0].split("\t")[:5] == [
            "2026-01-02T10:00:00+00:00",
            family_id,
            "vera",
            "open",
            "device",
        ]
        assert lines[-1].split("\t")[3:5] == ["sync-pull", "server"]  # newest last
        by_user = _main(
            capsys, monkeypatch, "admin", "--db", cli_db, "access-log", "--user", "vera"
        )
        assert by_user[1] == out

        code, _, _ = _main(
            capsys,
            monkeypatch,
            "admin",
            "--db",
            cli_db,
            "move-family",
            family_id,
            "--team",
            "BVC Öster",
        )
        assert code == 0
        page = client.pull_page(client.cursor)
        assert page.removed_families == [family_id]
        assert _recorded_moves(cli_engine) == [(None, family_id, "command-line")]
        # moving it to the team it is in already changes nothing and records no move
        assert run_admin(cli_db, "move-family", family_id, "--team", "BVC Öster").returncode == 0
        assert _recorded_moves(cli_engine) == [(None, family_id, "command-line")]

        revoked = run_admin(cli_db, "revoke-device", client.device_id)
        assert revoked.returncode == 0
        assert client.pull_raw(client.cursor).status_code == 401
        assert "revoked" in _main(capsys, monkeypatch, "admin", "--db", cli_db, "list-devices")[1]
        client.close()


def test_db_from_environment_and_before_the_subcommand(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path}/env.sqlite3"
    assert run_admin(None, "add-team", "T1", env={"HEMBESOK_SERVER_DB": url}).returncode == 0
    assert _main(capsys, monkeypatch, "admin", "--db", url, "add-team", "T1")[0] == 1
    # --db after the subcommand works too, and wins over the environment
    other = f"sqlite:///{tmp_path}/other.sqlite3"
    assert cli.main(["migrate", "--db", other]) == 0  # admin refuses an unmigrated database
    monkeypatch.setenv("HEMBESOK_SERVER_DB", url)
    assert cli.main(["admin", "add-team", "--db", other, "T1"]) == 0
    assert cli.main(["--db", other, "admin", "add-team", "T2"]) == 0
    assert cli.main(["admin", "add-team", "T2"]) == 0  # from the environment: a new name there
    err = capsys.readouterr().err
    assert err == ""


def _main(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    *argv: str,
    password: str | None = None,
) -> tuple[int, str, str]:
    """Run the CLI's ``main`` in this process (same code path as the console script)."""
    monkeypatch.delenv("HEMBESOK_SERVER_DB", raising=False)
    if password is None:
        monkeypatch.delenv("HEMBESOK_SERVER_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("HEMBESOK_SERVER_PASSWORD", password)
    capsys.readouterr()
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def populated_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A database of its own with one team and nurse, migrated here: the tests that use it may
    run without the end-to-end test, or in another process than it (pytest-xdist)."""
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('populated')}/cli.sqlite3")
    upgrade(engine)
    admin.add_team(engine, "BVC Norr")
    admin.add_nurse(engine, "nils", teams=["BVC Norr"], full_name="N", title="T", password=PASSWORD)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def populated(populated_engine: Engine) -> str:
    return populated_engine.url.render_as_string(hide_password=False)


@pytest.mark.parametrize(
    ("args", "password", "expected"),
    [
        (("add-team", "BVC Norr"), PASSWORD, "already exists"),
        (("add-team", "  "), PASSWORD, "needs a name"),
        (
            ("add-nurse", "nora", "--team", "No Such Team", "--name", "N", "--title", "T"),
            PASSWORD,
            "no team",
        ),
        (
            ("add-nurse", "nora", "--team", "BVC Norr", "--name", "N", "--title", "T"),
            None,
            "HEMBESOK_SERVER_PASSWORD",
        ),
        (
            ("add-nurse", "nora", "--team", "BVC Norr", "--name", "N", "--title", "T"),
            "short",
            "at least 8",
        ),
        (
            ("add-nurse", "nils", "--team", "BVC Norr", "--name", "N", "--title", "T"),
            PASSWORD,
            "already exists",
        ),
        (("move-family", str(uuid.uuid4()), "--team", "BVC Norr"), PASSWORD, "no family"),
        (("move-family", str(uuid.uuid4()), "--team", "Nope"), PASSWORD, "no team"),
        (("revoke-device", str(uuid.uuid4())), PASSWORD, "no device"),
    ],
    ids=[
        "duplicate-team",
        "blank-team",
        "unknown-team",
        "no-password",
        "short-password",
        "duplicate-nurse",
        "unknown-family",
        "move-to-unknown-team",
        "unknown-device",
    ],
)
def test_admin_errors_exit_non_zero_and_change_nothing(
    populated: str,
    populated_engine: Engine,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    password: str | None,
    expected: str,
) -> None:
    before = _snapshot(populated_engine)
    code, _, err = _main(capsys, monkeypatch, "admin", "--db", populated, *args, password=password)
    assert code == 1
    assert _snapshot(populated_engine) == before, "a failed command changed data"
    message = err.strip()
    assert len(message.splitlines()) == 1 and message.endswith("."), message
    assert expected in message


def test_usage_errors_and_a_bad_database_url(
    populated: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, _ = _main(capsys, monkeypatch, "admin", "--db", populated, "access-log")
    assert code == 2  # needs --family or --user
    code, _, err = _main(capsys, monkeypatch, "admin", "--db", "mysql://x", "list-devices")
    assert code == 1
    assert err.strip().endswith("postgresql+psycopg://.")


def test_serve_refuses_plain_http_on_a_public_address(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = _main(
        capsys, monkeypatch, "serve", "--db", "sqlite:///:memory:", "--host", "0.0.0.0"
    )
    assert code == 1
    assert "--tls-cert" in err
    code, _, err = _main(
        capsys, monkeypatch, "serve", "--db", "sqlite:///:memory:", "--tls-cert", "c.pem"
    )
    assert code == 1 and "both" in err
