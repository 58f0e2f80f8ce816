"""Rejections are quarantined with the server's reason while the rest syncs; a family that left
the scope is removed after its changes were answered; errors are one clear sentence."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlmodel import func, select

from hembesok_desktop.server import admin
from hembesok_desktop.store import replica
from hembesok_desktop.store.models import (
    CaseloadFamily,
    CaseloadOpenContact,
    Family,
    FamilySearch,
    PendingChange,
)
from hembesok_desktop.store.services import contacts, families
from hembesok_desktop.store.unit_of_work import Changed
from hembesok_desktop.sync import client as sync_client
from tests.support.server_harness import run_admin
from tests.sync.conftest import Laptop, Teams, outbox


def _new_family(laptop: Laptop) -> str:
    with laptop.store.write() as uow:
        family = families.create_family(uow, address="Låtsasvägen 3", area="Demo")
        families.add_guardian(
            uow, family_id=family.id, given_name="Påhittad", family_name="Förälder"
        )
        families.add_child(
            uow,
            family_id=family.id,
            given_name="Liten",
            family_name="Förälder",
            birth_date=date(2025, 1, 2),
        )
        return family.id


def _has_family(laptop: Laptop, family_id: str) -> bool:
    with laptop.store.read() as session:
        return session.get(Family, family_id) is not None


def test_a_change_for_a_moved_family_is_quarantined_the_rest_syncs_and_the_family_leaves(
    laptop_factory: Callable[[str], Laptop], teams: Teams
) -> None:
    laptop, colleague = laptop_factory("a1"), laptop_factory("a2")
    moved, kept = _new_family(laptop), _new_family(laptop)
    with laptop.store.write() as uow:  # a booked visit, so the family is on a work list
        contacts.plan_contact(uow, family_id=moved, child_id=None, planned_date=date(2025, 3, 4))
    laptop.sync()
    with laptop.store.read() as session:
        assert session.get(CaseloadFamily, moved) is not None
        assert session.exec(
            select(CaseloadOpenContact).where(CaseloadOpenContact.family_id == moved)
        ).all()
    colleague.sync()

    with laptop.store.write() as uow:  # offline edits of both families
        families.update_family(uow, moved, phone="070-123 45 67")
        families.update_family(uow, kept, phone="070-765 43 21")
    result = run_admin(teams.database_url, "move-family", moved, "--team", teams.team_b)
    assert result.returncode == 0, result.stderr

    summary = laptop.sync()
    assert (summary.pushed, summary.rejected, summary.removed_families) == (1, 1, 1)
    (refused,) = replica.quarantined_changes(laptop.store)
    assert refused["family_id"] == moved
    assert refused["reason"] == "This family is not in your teams' caseload."
    assert refused["fields"]["phone"]["value"] == "070-123 45 67"  # the edit is not lost
    assert not _has_family(laptop, moved) and _has_family(laptop, kept)
    with laptop.store.read() as session:
        assert session.get(FamilySearch, moved) is None
        assert session.get(CaseloadFamily, moved) is None
        assert not session.exec(
            select(CaseloadOpenContact).where(CaseloadOpenContact.family_id == moved)
        ).all()
        assert session.get(CaseloadFamily, kept) is not None
        leftovers = session.exec(
            select(func.count())
            .select_from(PendingChange)
            .where(PendingChange.family_id == moved, PendingChange.state == "sent")
        ).one()
        assert leftovers == 0

    # the kept family's edit reached the colleague; the moved one left her laptop too
    colleague.sync()
    with colleague.store.read() as session:
        kept_row = session.get(Family, kept)
        assert kept_row is not None and kept_row.phone == "070-765 43 21"
    assert not _has_family(colleague, moved)

    # retrying the refused change gets the same clear rejection, never a silent loss
    assert replica.retry_quarantined(laptop.store) == 1
    again = laptop.sync()
    assert again.rejected == 1 and again.quarantined == 1
    assert replica.quarantined_changes(laptop.store)[0]["reason"] == refused["reason"]


def test_a_family_with_pending_changes_is_removed_only_after_they_were_answered(
    laptop_factory: Callable[[str], Laptop], teams: Teams
) -> None:
    laptop = laptop_factory("a1")
    family_id = _new_family(laptop)
    laptop.sync()
    assert admin.move_family(teams.engine, family_id, teams.team_b)

    # the server reports the removal while a change for the family is still pending
    with laptop.store.write() as uow:
        families.update_family(uow, family_id, area="Söder")
    with laptop.client() as http:
        page = http.pull(replica.sync_cursor(laptop.store), 100)
    assert page.removed_families == [family_id]
    replica.apply_remote_rows(
        laptop.store, [], cursor=page.next_cursor, removed_families=page.removed_families
    )
    assert replica.remove_families(laptop.store, [family_id]) == Changed()  # pending: kept
    assert _has_family(laptop, family_id)
    assert replica.families_to_remove(laptop.store) == [family_id]

    summary = laptop.sync()  # pushes (refused, quarantined), then removes
    assert summary.rejected == 1 and summary.removed_families == 1
    assert not _has_family(laptop, family_id)
    assert replica.families_to_remove(laptop.store) == []
    assert len(replica.quarantined_changes(laptop.store, family_id=family_id)) == 1


def test_a_family_moved_into_the_team_arrives_whole(
    laptop_factory: Callable[[str], Laptop], teams: Teams
) -> None:
    other_team, laptop = laptop_factory("b1"), laptop_factory("a1")
    family_id = _new_family(other_team)
    other_team.sync()
    laptop.sync()
    assert not _has_family(laptop, family_id)
    assert admin.move_family(teams.engine, family_id, teams.team_a)
    laptop.sync()
    assert _has_family(laptop, family_id)
    other_team.sync()
    assert not _has_family(other_team, family_id)


def test_a_revoked_device_is_told_to_enroll_again(
    laptop_factory: Callable[[str], Laptop], teams: Teams
) -> None:
    laptop = laptop_factory("a1")
    _new_family(laptop)
    assert admin.revoke_device(teams.engine, laptop.device_id)
    with pytest.raises(sync_client.DeviceRevoked) as caught:
        laptop.sync()
    assert str(caught.value) == "This device's access has been revoked; enroll again."
    assert len(outbox(laptop.store, "pending")) == 3  # nothing marked sent


def test_offline_is_one_sentence_and_changes_nothing(
    laptop_factory: Callable[[str], Laptop],
) -> None:
    from tests.support.server_harness import free_port

    laptop = laptop_factory("a1")
    _new_family(laptop)
    laptop.base_url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(sync_client.ServerUnreachable) as caught:
        laptop.sync()
    assert str(caught.value) == (
        "The server could not be reached; check the network connection and try again."
    )
    assert len(outbox(laptop.store, "pending")) == 3


def test_wrong_password_on_enroll(server: object, teams: Teams) -> None:
    base_url = server.base_url  # type: ignore[attr-defined]
    with pytest.raises(sync_client.BadCredentials) as caught:
        sync_client.enroll(base_url, teams.usernames["a1"], "not the password", "laptop")
    assert str(caught.value) == "The user name or password is not correct."


def test_a_family_pushed_but_not_yet_pulled_is_removed_when_it_leaves_the_scope(
    laptop_factory: Callable[[str], Laptop], teams: Teams
) -> None:
    from tests.sync.conftest import FaultyTransport

    laptop = laptop_factory("a1")
    laptop.sync()  # an initial cursor
    family_id = _new_family(laptop)
    transport = FaultyTransport()
    transport.arm("before", "/sync/pull")  # pushed, then the connection drops before the pull
    laptop.transport = transport
    with pytest.raises(sync_client.ServerUnreachable):
        laptop.sync()
    laptop.transport = None
    assert admin.move_family(teams.engine, family_id, teams.team_b)
    summary = laptop.sync()
    assert summary.removed_families == 1
    assert not _has_family(laptop, family_id)


def test_a_laptop_clock_ahead_is_refused_and_the_summary_says_so(
    laptop_factory: Callable[[str], Laptop],
) -> None:
    import time

    from hembesok_desktop.domain.hlc import HybridLogicalClock
    from hembesok_desktop.protocol.wire import CLOCK_AHEAD_REASON

    laptop = laptop_factory("a1")
    ahead_ms = 23 * 3600 * 1000  # the laptop: a day's worth of winning every conflict
    laptop.store.clock = HybridLogicalClock(
        laptop.store.replica_id, now_ms=lambda: int(time.time() * 1000) + ahead_ms
    )
    family_id = _new_family(laptop)
    summary = laptop.sync()
    assert summary.clock_ahead and summary.pushed == 0 and summary.rejected == 3
    refused = outbox(laptop.store, "quarantined")
    assert len(refused) == 3 and all(c.reason.startswith(CLOCK_AHEAD_REASON) for c in refused)
    assert _has_family(laptop, family_id)  # kept on the laptop, nothing lost
