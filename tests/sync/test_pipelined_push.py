"""The push overlaps the laptop's work with the server's: while the server applies one batch,
the laptop acknowledges the previous one and reads the next. A batch lost at any point loses
and doubles nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import httpx
import pytest

from hembesok_desktop.protocol.wire import EncodedChange, PulledPage, PushResponse
from hembesok_desktop.store.sync_port import StoreReplica
from hembesok_desktop.sync.client import SyncClient, SyncError
from hembesok_desktop.sync.engine import run_sync
from tests.sync.conftest import Laptop, new_family, outbox, snapshot


def _families(laptop: Laptop, count: int) -> set[str]:
    return {new_family(laptop, f"Påhittade gränd {n}") for n in range(count)}


class _Recorded(StoreReplica):
    """The real replica, noting when the engine reads and acknowledges the outbox."""

    def __init__(self, laptop: Laptop, events: list[str]) -> None:
        super().__init__(laptop.store)
        self.events = events

    def pending_changes(self, limit: int, *, after: int = 0) -> list[EncodedChange]:
        found = super().pending_changes(limit, after=after)
        self.events.append(f"read {len(found)}")
        return found

    def acknowledge(self, accepted: Sequence[str], rejected: Sequence[tuple[str, str]]) -> None:
        self.events.append("ack")
        super().acknowledge(accepted, rejected)


class _RecordedClient:
    """The real client, noting when a push reaches the server and when its answer is back."""

    def __init__(self, client: SyncClient, events: list[str]) -> None:
        self.client = client
        self.events = events

    def push(
        self, changes: Sequence[EncodedChange], *, batch_id: str | None = None
    ) -> PushResponse:
        self.events.append("push")
        answer = self.client.push(changes, batch_id=batch_id)
        self.events.append("answered")
        return answer

    def pull(self, cursor: str | None, limit: int, *, node: str | None = None) -> PulledPage:
        return self.client.pull(cursor, limit, node=node)


def test_the_next_batch_is_read_while_the_server_applies_the_previous_one(
    laptop_factory: Callable[[str], Laptop],
) -> None:
    laptop = laptop_factory("a1")
    _families(laptop, 3)  # six changes: three batches of two
    events: list[str] = []
    with laptop.client() as http:
        summary = run_sync(
            _Recorded(laptop, events), _RecordedClient(http, events), batch_size=2, page_size=50
        )
    assert summary.pushed == 6 and not outbox(laptop.store, "pending")
    pushes = [n for n, event in enumerate(events) if event == "push"]
    reads = [n for n, event in enumerate(events) if event.startswith("read")]
    assert len(pushes) == 3
    # the second batch was read before the first one's answer came back
    assert reads[1] < events.index("answered")
    # each batch is acknowledged once, after its answer, and the last read finds nothing
    assert events.count("ack") == 3
    assert events[reads[-1]] == "read 0"


class _NthPushFails(httpx.BaseTransport):
    """A real transport whose ``nth`` push fails: dropped before it reaches the server, or
    after the server applied it (its answer lost)."""

    def __init__(self, kind: str, nth: int) -> None:
        self.inner = httpx.HTTPTransport(retries=0)
        self.kind = kind
        self.nth = nth
        self.pushes = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/sync/push"):
            self.pushes += 1
            if self.pushes == self.nth:
                if self.kind == "before":
                    raise httpx.ConnectError("injected: connection refused", request=request)
                response = self.inner.handle_request(request)
                response.read()
                response.close()
                raise httpx.ReadError("injected: connection dropped", request=request)
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


@pytest.mark.parametrize("kind", ["before", "after"])
@pytest.mark.parametrize("nth", [1, 2, 3])
def test_a_batch_lost_in_a_pipelined_push_loses_and_doubles_nothing(
    laptop_factory: Callable[[str], Laptop], kind: str, nth: int
) -> None:
    laptop = laptop_factory("a1")
    made = _families(laptop, 3)
    laptop.transport = _NthPushFails(kind, nth)
    with pytest.raises(SyncError):
        laptop.sync(batch_size=2)
    laptop.transport = None
    again = laptop.sync(batch_size=2)
    assert again.rejected == 0
    assert not outbox(laptop.store, "pending") and not outbox(laptop.store, "quarantined")

    other = laptop_factory("a2")
    other.sync()
    assert snapshot(other.store, made) == snapshot(laptop.store, made)
    assert len(snapshot(other.store, made)) == 6
