"""A schemathesis run over ``/openapi.json`` of a real server process: no 5xx answer and no
status code the schema does not document (401, 413, 422 and 429 are documented). Bounded
(``-n`` examples per operation, a fixed seed) so it takes seconds."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hembesok_desktop.server import admin
from hembesok_desktop.server.db import make_engine
from tests.support.server_harness import SyncClient, start_server_process

PASSWORD = "correct horse battery"


@pytest.mark.skipif(
    shutil.which("schemathesis", path=str(Path(sys.executable).parent)) is None,
    reason="schemathesis is in the dev extra",
)
def test_schemathesis_finds_no_server_error_and_no_undocumented_status(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/server.sqlite3"
    with start_server_process(url) as server:
        engine = make_engine(url)
        admin.add_team(engine, "BVC F")
        admin.add_nurse(
            engine, "fuzz", teams=["BVC F"], full_name="F", title="BVC", password=PASSWORD
        )
        engine.dispose()
        token = SyncClient.enroll(server.base_url, "fuzz", PASSWORD).token
        result = subprocess.run(
            [
                str(Path(sys.executable).parent / "schemathesis"),
                "run",
                f"{server.base_url}/openapi.json",
                "--checks",
                "not_a_server_error,status_code_conformance",
                "--max-examples",
                "60",
                "--seed",
                "12",
                "--header",
                f"Authorization: Bearer {token}",
                "--generation-database",
                "none",
            ],
            capture_output=True,
            text=True,
            timeout=240,
            check=False,
            cwd=tmp_path,
        )
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
        assert "Traceback" not in server.log_tail(400)
