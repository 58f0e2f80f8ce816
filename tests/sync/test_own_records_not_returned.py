"""A pull that names the laptop's replica (``node``) leaves out the records only that laptop
wrote; everything another replica wrote still arrives, and the replicas still converge."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import orjson

from hembesok_desktop.store.services import families
from tests.sync.conftest import Laptop, new_family, snapshot


def _pulled_row_ids(laptop: Laptop, *, node: str | None) -> set[str]:
    """Every row a pull from the start hands this laptop (raw HTTP, all pages)."""
    rows: set[str] = set()
    cursor: str | None = None
    headers = {"Authorization": f"Bearer {laptop.token}"}
    with httpx.Client(base_url=laptop.base_url, headers=headers, timeout=30) as http:
        while True:
            params: dict[str, str | int] = {"limit": 500}
            if cursor:
                params["cursor"] = cursor
            if node:
                params["node"] = node
            response = http.get("/api/v1/sync/pull", params=params)
            assert response.status_code == 200, response.text
            page = orjson.loads(response.content)
            rows.update(row["row_id"] for row in page["rows"])
            cursor = page["next_cursor"]
            if not page["has_more"]:
                return rows


def test_an_upload_is_not_downloaded_again_by_its_laptop(
    laptop_factory: Callable[[str], Laptop],
) -> None:
    one = laptop_factory("a1")
    family_id = new_family(one, "Påhittade gränd 3")
    first = one.sync()
    assert first.pushed == 2

    own = {row_id for _entity, row_id in snapshot(one.store, {family_id})}
    assert len(own) == 2
    assert own <= _pulled_row_ids(one, node=None)
    others = _pulled_row_ids(one, node=one.store.replica_id)
    assert not own & others
    # the sync pulled what other tests' laptops wrote on this server, not its own two records
    assert first.pulled == len(others)


def test_what_another_laptop_wrote_still_arrives_and_replicas_converge(
    laptop_factory: Callable[[str], Laptop],
) -> None:
    one, two = laptop_factory("a1"), laptop_factory("a2")
    family_id = new_family(one, "Påhittade gränd 5")
    one.sync()
    second = two.sync()
    assert second.pulled >= 2  # a new laptop gets everything, its node wrote none of it

    with two.store.write() as uow:
        families.update_family(uow, family_id, phone="070-000 00 05")
    two.sync()
    back = one.sync()
    assert back.pulled == 1  # the family record, now partly written by the other laptop
    assert snapshot(one.store, {family_id}) == snapshot(two.store, {family_id})

    # the other laptop wrote nothing of the child record: it is still not sent to its creator
    rows = _pulled_row_ids(one, node=one.store.replica_id)
    assert family_id in rows
    assert {row_id for entity, row_id in snapshot(one.store, {family_id}) if entity == "child"}
    assert not {
        row_id for entity, row_id in snapshot(one.store, {family_id}) if entity == "child"
    } & rows


def test_a_node_that_is_not_a_replica_name_is_refused(
    laptop_factory: Callable[[str], Laptop],
) -> None:
    one = laptop_factory("a1")
    headers = {"Authorization": f"Bearer {one.token}"}
    with httpx.Client(base_url=one.base_url, headers=headers, timeout=30) as http:
        for node in ("a-b", "x" * 65, "", "ö"):
            response = http.get("/api/v1/sync/pull", params={"node": node})
            assert response.status_code == 422, (node, response.status_code)
