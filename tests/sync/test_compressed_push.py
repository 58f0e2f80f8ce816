"""The laptop compresses its pushes once the server has said it decodes them: the first push of
a sync goes plain, later ones zstd-compressed, and the server applies every change."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from hembesok_desktop.store.models import Family
from hembesok_desktop.store.services import families
from tests.sync.conftest import Laptop, outbox


class _Recording(httpx.BaseTransport):
    """A real transport that notes each push's ``Content-Encoding`` (None when plain)."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport(retries=0)
        self.pushes: list[str | None] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/sync/push"):
            self.pushes.append(request.headers.get("content-encoding"))
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def test_pushes_after_the_first_are_compressed_and_all_applied(
    laptop_factory: Callable[[str], Laptop],
) -> None:
    laptop, colleague = laptop_factory("a1"), laptop_factory("a2")
    family_ids = []
    with laptop.store.write() as uow:
        for number in range(30):
            family = families.create_family(
                uow, address=f"Låtsasvägen {number}", area="Packat område med lång text"
            )
            family_ids.append(family.id)
    recording = _Recording()
    laptop.transport = recording
    summary = laptop.sync(batch_size=10)
    assert summary.rejected == 0 and summary.pushed >= 30
    assert outbox(laptop.store, "pending") == []
    assert recording.pushes[0] is None
    assert len(recording.pushes) >= 3 and set(recording.pushes[1:]) == {"zstd"}
    colleague.sync()
    with colleague.store.read() as session:
        assert all(session.get(Family, family_id) is not None for family_id in family_ids)
