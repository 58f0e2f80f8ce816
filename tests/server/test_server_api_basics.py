"""Health, OpenAPI, enrollment and bearer-token refusal on a real server process."""

from __future__ import annotations

import ssl
import time
import uuid
from pathlib import Path

import httpx
import pytest

from hembesok_desktop.protocol import schema
from hembesok_desktop.server import admin
from tests.support.server_harness import (
    ServerProcess,
    SyncClient,
    World,
    make_change,
    self_signed_certificate,
    start_server_process,
)


def test_health_answers_protocol_1(server: ServerProcess) -> None:
    response = httpx.get(f"{server.base_url}/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "protocol": 1}


def test_openapi_documents_every_endpoint(server: ServerProcess) -> None:
    assert httpx.get(f"{server.base_url}/docs").status_code == 200
    paths = httpx.get(f"{server.base_url}/openapi.json").json()["paths"]
    assert {"/api/v1/health", "/api/v1/enroll", "/api/v1/sync/push", "/api/v1/sync/pull"} <= set(
        paths
    )


def test_openapi_states_the_limits_of_a_push(server: ServerProcess) -> None:
    document = httpx.get(f"{server.base_url}/openapi.json").json()
    models = document["components"]["schemas"]
    value = models["FieldValue"]["properties"]["value"]["description"]
    for limit in (schema.TEXT_LIMIT, schema.JOURNAL_TEXT_LIMIT, schema.JSON_LIMIT):
        assert f"{limit} characters" in value or f"journal text {limit}" in value
    assert f"nested at most {schema.MAX_DEPTH} levels" in value
    fields = models["Change"]["properties"]["fields"]["description"]
    assert f"at most {schema.MAX_FIELDS_PER_CHANGE} of the entity's own fields" in fields
    assert "requires of a new one" in fields
    changes = models["PushRequest"]["properties"]["changes"]["description"]
    assert f"{schema.MAX_BODY_BYTES} bytes (413)" in changes
    push = document["paths"]["/api/v1/sync/push"]["post"]["responses"]
    assert {"401", "413", "422"} <= set(push)
    assert "429" in document["paths"]["/api/v1/enroll"]["post"]["responses"]


def test_enroll_returns_token_nurse_and_teams(world: World) -> None:
    response = httpx.post(
        f"{world.base_url}/api/v1/enroll",
        json={
            "username": world.usernames["a1"],
            "password": world.password,
            "device_name": "Lap 7",
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert uuid.UUID(body["device_id"])
    assert len(body["token"]) >= 43  # 256 bits, base64url
    assert body["nurse"] == {
        "username": world.usernames["a1"],
        "full_name": "Test Nurse",
        "title": "BVC nurse",
        "teams": [world.team_a],
    }
    devices = {d.device_id: d for d in admin.list_devices(world.engine)}
    assert devices[body["device_id"]].name == "Lap 7"


def test_enroll_refuses_wrong_password_and_unknown_user_alike(world: World) -> None:
    url = f"{world.base_url}/api/v1/enroll"

    def timed(payload: dict[str, str]) -> tuple[httpx.Response, float]:
        started = time.perf_counter()
        response = httpx.post(url, json=payload)
        return response, time.perf_counter() - started

    # the fastest of three of each, so one scheduling hiccup on a busy machine cannot decide it
    wrongs = [timed({"username": world.usernames["a1"], "password": "nope nope"}) for _ in "abc"]
    unknowns = [timed({"username": "nobody-" + uuid.uuid4().hex, "password": "x"}) for _ in "abc"]
    wrong, wrong_time = wrongs[0][0], min(t for _r, t in wrongs)
    unknown, unknown_time = unknowns[0][0], min(t for _r, t in unknowns)
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    detail = wrong.json()["detail"]
    assert detail.endswith(".") and detail.count(".") == 1
    # an unknown user costs an Argon2 verification too (no fast path to probe user names)
    assert unknown_time > 0.3 * wrong_time


SYNC_CALLS = ["push", "pull"]


def _call(client: SyncClient, which: str, family_id: str) -> httpx.Response:
    if which == "push":
        from hembesok_desktop.domain.hlc import HybridLogicalClock

        clock = HybridLogicalClock("x")
        return client.push_raw([make_change("family", family_id, family_id, {"a": 1}, clock)])
    return client.pull_raw()


@pytest.mark.parametrize("which", SYNC_CALLS)
@pytest.mark.parametrize("token", ["missing", "wrong", "revoked"])
def test_sync_endpoints_refuse_bad_tokens(world: World, which: str, token: str) -> None:
    if token == "revoked":
        client = world.enroll("a1")
        assert admin.revoke_device(world.engine, client.device_id)
    elif token == "wrong":
        client = SyncClient(world.base_url, "not-a-token-" + uuid.uuid4().hex)
    else:
        client = SyncClient(world.base_url, None)
    family_id = str(uuid.uuid4())
    try:
        response = _call(client, which, family_id)
    finally:
        client.close()
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["detail"].endswith(".")
    # nothing was stored: the family does not exist for anyone
    assert admin.family_team_name(world.engine, family_id) is None


def test_revocation_takes_effect_on_the_next_request(world: World) -> None:
    client = world.enroll("a2")
    assert client.pull_raw().status_code == 200
    assert admin.revoke_device(world.engine, client.device_id)
    assert client.pull_raw().status_code == 401
    assert not admin.revoke_device(world.engine, client.device_id)  # already revoked


def test_wrong_protocol_version_and_oversized_batch_are_refused(a1: SyncClient) -> None:
    bad = a1.http.post("/api/v1/sync/push", json={"protocol": 2, "batch_id": "x", "changes": []})
    assert bad.status_code == 400
    change = {
        "change_id": "c",
        "entity": "family",
        "row_id": "r",
        "family_id": "r",
        "fields": {"a": {"value": 1, "hlc": "000000000000001-00000-x"}},
    }
    big = a1.http.post(
        "/api/v1/sync/push",
        json={"protocol": 1, "batch_id": "x", "changes": [change] * 2001},
    )
    assert big.status_code == 413


def test_serve_with_tls_answers_over_https(tmp_path: Path) -> None:
    cert, key = self_signed_certificate(tmp_path)
    url = f"sqlite:///{tmp_path}/tls.sqlite3"
    with start_server_process(url, tls=(cert, key)) as tls_server:
        assert tls_server.base_url.startswith("https://")
        context = ssl.create_default_context(cafile=str(cert))
        response = httpx.get(f"{tls_server.base_url}/api/v1/health", verify=context)
        assert response.json() == {"status": "ok", "protocol": 1}
        with pytest.raises(httpx.TransportError):  # an untrusted certificate is refused
            httpx.get(f"{tls_server.base_url}/api/v1/health")
