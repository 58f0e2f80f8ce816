"""The embedded demo server (uvicorn in a thread) and the ``hembesok enroll``/``sync`` commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hembesok_desktop.cli import main
from hembesok_desktop.demo import DEMO_NURSE
from hembesok_desktop.demo.server import enroll_demo_device, start_embedded_server
from hembesok_desktop.store import replica
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.services import families
from tests.conftest import PASSPHRASE
from tests.support.sync import sync_store
from tests.sync.conftest import PASSWORD, Teams, create_store


def test_embedded_server_serves_a_demo_nurse_and_restarts_on_its_file(tmp_path: Path) -> None:
    store = create_store(tmp_path / "laptop")
    with start_embedded_server(tmp_path / "server") as server:
        assert server.base_url.startswith("http://127.0.0.1:")
        enroll_demo_device(store, server)
        assert store.actor.full_name == DEMO_NURSE.full_name
        with store.write() as uow:
            family = families.create_family(uow, address="Demogatan 1")
        assert sync_store(store).pushed == 1
    other = create_store(tmp_path / "other")
    with start_embedded_server(tmp_path / "server") as again:  # same file, same demo nurse
        enroll_demo_device(other, again)
        summary = sync_store(other)
        assert summary.pulled == 1
    with other.read() as session:
        from hembesok_desktop.store.models import Family

        assert session.get(Family, family.id) is not None
    store.lock()
    other.lock()


def test_cli_enroll_and_sync(
    tmp_path: Path,
    server: object,
    teams: Teams,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    base_url = server.base_url  # type: ignore[attr-defined]
    data_dir = tmp_path / "cli-store"
    create_store(data_dir).lock()
    monkeypatch.setenv("HEMBESOK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("HEMBESOK_SERVER_PASSWORD", PASSWORD)
    code = main(
        [
            "--data-dir",
            str(data_dir),
            "enroll",
            "--server",
            base_url,
            "--user",
            teams.usernames["a1"],
        ]
    )
    assert code == 0, capsys.readouterr().err
    store = Store.unlock(data_dir, passphrase=PASSPHRASE)
    state = replica.sync_state(store)
    assert state.server_url == base_url and state.device_token and state.device_id
    assert store.actor.username == teams.usernames["a1"] and store.actor.title
    with store.write() as uow:
        families.create_family(uow, address="Kommandoradsvägen 2")
    store.lock()
    capsys.readouterr()

    assert main(["--data-dir", str(data_dir), "sync", "--json"]) == 0
    captured = capsys.readouterr()
    summary = json.loads(captured.out)
    assert summary["pushed"] == 1 and summary["rejected"] == 0
    assert "push: 1/1" in captured.err

    assert main(["--data-dir", str(data_dir), "sync"]) == 0
    assert "pushed" in capsys.readouterr().out

    monkeypatch.setenv("HEMBESOK_SERVER_PASSWORD", "wrong password")
    assert (
        main(
            [
                "--data-dir",
                str(data_dir),
                "enroll",
                "--server",
                base_url,
                "--user",
                teams.usernames["a1"],
            ]
        )
        == 1
    )
    assert capsys.readouterr().err == "hembesok: The user name or password is not correct.\n"
    assert (
        main(["--data-dir", str(data_dir), "enroll", "--server", "http://192.0.2.1", "--user", "x"])
        == 1
    )
    assert "use https://" in capsys.readouterr().err


def test_cli_sync_without_enrollment_is_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "lonely"
    create_store(data_dir).lock()
    monkeypatch.setenv("HEMBESOK_PASSPHRASE", PASSPHRASE)
    assert main(["--data-dir", str(data_dir), "sync"]) == 1
    assert capsys.readouterr().err == (
        "hembesok: This laptop is not enrolled with a server; run 'hembesok enroll'.\n"
    )
