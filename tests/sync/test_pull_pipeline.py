"""The laptop fetches the next pull page while it applies the current one, but never past a page
that reports families removed from the scope: the server forgets such a family once a cursor
acknowledges that page, so a laptop that stopped before storing it would keep the family for
good. And its pull pages are parsed without pydantic, yet a page that is not one is refused
with one sentence."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import orjson
import pytest

from hembesok_desktop.domain.changes import PageApplied
from hembesok_desktop.protocol.wire import PulledPage
from hembesok_desktop.server import admin
from hembesok_desktop.store.models import Family
from hembesok_desktop.store.services import families
from hembesok_desktop.store.sync_port import StoreReplica
from hembesok_desktop.sync import client as sync_client
from hembesok_desktop.sync.session import sync_replica
from tests.sync.conftest import Laptop, Teams


class _Stopped(Exception):
    """The laptop stopped (power cut) while applying a page."""


class _StopsOnRemoval(StoreReplica):
    """The real replica, stopping before it stores the first page that reports a removal."""

    def apply_page(self, page: PulledPage) -> PageApplied:
        if page.removed_families:
            raise _Stopped
        return super().apply_page(page)


def _new_family(laptop: Laptop, name: str) -> str:
    with laptop.store.write() as uow:
        family = families.create_family(uow, address="Låtsasvägen 9", area="Demo")
        families.add_guardian(uow, family_id=family.id, given_name="Påhittad", family_name=name)
        families.add_child(
            uow,
            family_id=family.id,
            given_name="Liten",
            family_name=name,
            birth_date=date(2025, 2, 3),
        )
    return family.id


def _holds(laptop: Laptop, family_id: str) -> bool:
    with laptop.store.read() as session:
        return session.get(Family, family_id) is not None


def test_a_removal_survives_a_laptop_that_stops_before_storing_the_page_reporting_it(
    laptop_factory: Callable[[str], Laptop], teams: Teams
) -> None:
    laptop, colleague = laptop_factory("a1"), laptop_factory("a2")
    moved = _new_family(laptop, "Flyttad")
    laptop.sync()
    _new_family(colleague, "Kollega")  # rows after the laptop's cursor: the next pull has pages
    colleague.sync()
    assert admin.move_family(teams.engine, moved, teams.team_b)
    with laptop.client() as http, pytest.raises(_Stopped):
        sync_replica(_StopsOnRemoval(laptop.store), client=http, page_size=1)
    assert _holds(laptop, moved)
    summary = laptop.sync(page_size=1)
    assert summary.removed_families == 1
    assert not _holds(laptop, moved)


def test_a_download_in_many_small_pages_holds_what_one_page_holds(
    laptop_factory: Callable[[str], Laptop],
) -> None:
    writer = laptop_factory("a1")
    made = [_new_family(writer, f"Sida{n}") for n in range(3)]
    writer.sync()
    small, large = laptop_factory("a2"), laptop_factory("a3")
    assert small.sync(page_size=2).pulled == large.sync(page_size=5000).pulled
    assert all(_holds(small, family) and _holds(large, family) for family in made)


# -- pages that are not pull pages --------------------------------------------------------------
@pytest.fixture
def stand_in() -> Iterator[Callable[[bytes], str]]:
    """A stand-in for another server on 127.0.0.1: answers every request with the given body."""
    answer: list[bytes] = [b""]

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer[0])))
            self.end_headers()
            self.wfile.write(answer[0])

        def log_message(self, *_args: object) -> None:
            return

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()

    def serve(body: bytes) -> str:
        answer[0] = body
        return f"http://127.0.0.1:{httpd.server_port}"

    try:
        yield serve
    finally:
        httpd.shutdown()
        httpd.server_close()


def _page(**changes: object) -> bytes:
    row = {
        "entity": "family",
        "row_id": "f1",
        "family_id": "f1",
        "fields": {"area": {"value": "Demo", "hlc": "001-00000-a"}},
    }
    page = {"protocol": 1, "rows": [row], "next_cursor": "c", "has_more": False}
    return orjson.dumps({**page, **changes})


def test_a_page_of_another_protocol_version_is_one_sentence(
    stand_in: Callable[[bytes], str],
) -> None:
    url = stand_in(_page(protocol=2, rows="a shape this laptop does not know"))
    with (
        sync_client.SyncClient(url, "token") as http,
        pytest.raises(sync_client.ProtocolMismatch) as refused,
    ):
        http.pull(None, 10)
    assert str(refused.value) == "The server speaks sync protocol 2, this laptop 1."


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[]",
        _page(rows=[{"entity": "family", "row_id": "f1", "fields": {}}]),
        _page(rows=[{"entity": "family", "row_id": "f1", "family_id": "f1", "fields": []}]),
        _page(rows=[{"entity": "family", "row_id": 1, "family_id": "f1", "fields": {}}]),
        _page(
            rows=[
                {
                    "entity": "family",
                    "row_id": "f1",
                    "family_id": "f1",
                    "fields": {"area": {"value": "Demo"}},
                }
            ]
        ),
        _page(
            rows=[
                {
                    "entity": "family",
                    "row_id": "f1",
                    "family_id": "f1",
                    "fields": {"area": {"value": "Demo", "hlc": "x" * 201}},
                }
            ]
        ),
        _page(
            rows=[
                {
                    "entity": "family",
                    "row_id": "f1",
                    "family_id": "f1",
                    "fields": {"area": {"value": "Demo", "hlc": "a", "base": 5}},
                }
            ]
        ),
        _page(has_more="yes"),
        _page(next_cursor=None),
        _page(removed_families=[1]),
    ],
)
def test_a_page_that_is_not_a_pull_page_is_one_sentence(
    stand_in: Callable[[bytes], str], body: bytes
) -> None:
    with (
        sync_client.SyncClient(stand_in(body), "token") as http,
        pytest.raises(sync_client.ProtocolMismatch) as refused,
    ):
        http.pull(None, 10)
    assert str(refused.value) == "The server's answer was not understood; is it a Hembesök server?"


def test_a_pull_page_keeps_integers_beyond_64_bits_exact(
    stand_in: Callable[[bytes], str],
) -> None:
    big = 123456789012345678901234567890
    body = _page().replace(b'"Demo"', str(big).encode())
    with sync_client.SyncClient(stand_in(body), "token") as http:
        page = http.pull(None, 10)
    assert page.rows[0]["fields"]["area"]["value"] == big
    assert page.next_cursor == "c" and page.has_more is False and page.removed_families == []
