"""The caseload index follows every write, its order is the Python order, ``check`` finds a
stale index and ``--rebuild-index`` or a new derived version mends it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import select

from hembesok_desktop.demo.caseload import fill_demo_caseload
from hembesok_desktop.store import caseload_index, derived
from hembesok_desktop.store.caseload import caseload_row, caseload_rows, sort_key
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.models import (
    CaseloadFamily,
    Contact,
    Enrollment,
    FollowUpAction,
    QuestionnaireResponse,
    Setting,
)
from hembesok_desktop.store.services import clinical, contacts, families
from hembesok_desktop.store.unit_of_work import UnitOfWork
from tests.conftest import PASSPHRASE
from tests.store.test_caseload import TODAY, Ids, caseload, week
from tests.store.test_cli import hembesok, made, one_sentence
from tests.support.catalogue import CATALOGUE

__all__ = ["caseload", "made"]  # fixtures, used by name


def stale(store: Store) -> list[str]:
    with store.read() as session:
        found = derived.stale_families(session)
        assert set(caseload_index.stale_families(session)) <= set(found)
        return found


def row_of(store: Store, family_id: str, *, today: date = TODAY) -> tuple[object, ...]:
    with store.read() as session:
        row = caseload_row(session, family_id, today=today)
    assert row is not None
    return tuple(row)


def only(uow: UnitOfWork, model: type, **where: object) -> str:
    statement = select(model)
    for name, value in where.items():
        statement = statement.where(getattr(model, name) == value)
    return str(uow.session.exec(statement).one().id)


def test_every_kind_of_write_keeps_the_index_current(
    store: Store, caseload: dict[str, Ids]
) -> None:
    f = caseload
    assert stale(store) == []
    berg_hb2 = {"family_id": f["berg"].family, "contact_code": "HB2"}

    def missed(uow: UnitOfWork) -> None:
        contacts.record_contact(
            uow, only(uow, Contact, **berg_hb2), status="missed", reason="Ej hemma"
        )

    def birth_date(uow: UnitOfWork) -> None:
        assert f["oberg"].child is not None
        families.correct_birth_date(uow, f["oberg"].child, birth_date=date(2026, 4, 10))

    def end(uow: UnitOfWork) -> None:
        enrollment = only(uow, Enrollment, family_id=f["hassan"].family)
        families.end_enrollment(uow, enrollment, end_date=TODAY, reason="Flyttat")

    def address(uow: UnitOfWork) -> None:
        families.update_family(uow, f["quiet"].family, address="Nyvägen 1", interpreter_needed=True)

    def guardian(uow: UnitOfWork) -> None:
        families.add_guardian(
            uow, family_id=f["quiet"].family, given_name="Åke", family_name="Lugn"
        )

    def child(uow: UnitOfWork) -> None:
        families.add_child(
            uow,
            family_id=f["quiet"].family,
            given_name="Bo",
            family_name="Lugn",
            birth_date=date(2026, 6, 1),
        )

    def follow_up(uow: UnitOfWork) -> None:
        response = only(uow, QuestionnaireResponse, family_id=f["flagged"].family, score=2)
        clinical.record_follow_up(
            uow,
            catalogue=CATALOGUE,
            family_id=f["flagged"].family,
            response_id=response,
            offer_kind=sorted(CATALOGUE.offer_ids)[0],
            decision="accepted",
        )

    def close(uow: UnitOfWork) -> None:
        action = only(uow, FollowUpAction, family_id=f["offered"].family)
        clinical.close_follow_up(uow, action, outcome="Genomfört")

    def booking(uow: UnitOfWork) -> None:
        contacts.plan_contact(uow, family_id=f["quiet"].family, child_id=None, planned_date=week(1))

    steps: list[tuple[Callable[[UnitOfWork], None], str]] = [
        (missed, "berg"),
        (birth_date, "oberg"),
        (end, "hassan"),
        (address, "quiet"),
        (guardian, "quiet"),
        (child, "quiet"),
        (follow_up, "flagged"),
        (close, "offered"),
        (booking, "quiet"),
    ]
    for step, key in steps:
        before = row_of(store, f[key].family)
        with store.write() as uow:
            step(uow)
        assert stale(store) == [], step.__name__
        assert row_of(store, f[key].family) != before, f"{step.__name__} changed nothing shown"


def test_what_depends_on_the_day_follows_the_day_without_a_write(
    store: Store, caseload: dict[str, Ids]
) -> None:
    oberg = caseload["oberg"].family
    with store.read() as session:
        today = caseload_row(session, oberg, today=TODAY)
        later = caseload_row(session, oberg, today=week(31))  # HB2 window closed on week(7)
        overdue_later = {
            r.family_id for r in caseload_rows(session, worklist="overdue", today=week(31))
        }
    assert today is not None and later is not None
    assert (today.overdue, today.children) == (0, "Liv (2 mån)")
    assert (later.overdue, later.children) == (1, "Liv (3 mån)")
    assert oberg in overdue_later


def test_the_database_order_is_the_python_order_on_a_demo_caseload(store: Store) -> None:
    fill_demo_caseload(store, catalogue=CATALOGUE, families=40, seed=11, today=TODAY)
    assert stale(store) == []
    with store.read() as session:
        rows = caseload_rows(session, today=TODAY)
        counted = session.connection().execute(text("SELECT count(*) FROM family")).scalar_one()
    assert len(rows) == counted == 40
    assert rows == sorted(rows, key=sort_key)
    assert len({row.next_due_date for row in rows}) > 5  # the order is not trivially one date


# what a forgotten refresh would leave behind, in each derived table
STALE_ROWS = [
    "UPDATE caseload_family SET next_due_date = NULL WHERE family_id = :id",
    "DELETE FROM caseload_open_contact WHERE family_id = :id",
    "UPDATE family_search SET text = 'gammal' WHERE family_id = :id",
]


@pytest.mark.parametrize("tamper", STALE_ROWS)
def test_a_stale_index_is_found_by_check_and_rebuilt(
    made_with_families: tuple[Path, str], tamper: str
) -> None:
    data_dir, family_id = made_with_families
    assert hembesok("check", "--data-dir", str(data_dir)).returncode == 0

    store = Store.unlock(data_dir, passphrase=PASSPHRASE)
    with store.write_session() as session:
        session.connection().execute(text(tamper), {"id": family_id})
    assert stale(store) == [family_id]
    problem = store.check()
    store.lock()
    assert problem is not None and "out of date for 1 family" in problem

    result = hembesok("check", "--data-dir", str(data_dir))
    assert result.returncode != 0 and one_sentence(result.stderr), result.stderr
    assert "--rebuild-index" in result.stderr

    mended = hembesok("check", "--rebuild-index", "--data-dir", str(data_dir))
    assert mended.returncode == 0, mended.stderr
    assert "healthy" in mended.stdout
    store = Store.unlock(data_dir, passphrase=PASSPHRASE)
    try:
        assert stale(store) == []
    finally:
        store.lock()


def test_a_store_of_another_derived_version_is_rebuilt_when_opened(
    made_with_families: tuple[Path, str],
) -> None:
    data_dir, family_id = made_with_families
    store = Store.unlock(data_dir, passphrase=PASSPHRASE)
    with store.write_session() as session:  # as a program that computed them otherwise left it
        session.connection().execute(text("DELETE FROM caseload_family"))
        session.connection().execute(text("DELETE FROM caseload_open_contact"))
        session.merge(Setting(key="derived_version", value=derived.DERIVED_VERSION - 1))
    store.lock()

    store = Store.unlock(data_dir, passphrase=PASSPHRASE)
    try:
        with store.read() as session:
            assert session.get(CaseloadFamily, family_id) is not None
            version = session.get(Setting, "derived_version")
        assert version is not None and version.value == derived.DERIVED_VERSION
        assert stale(store) == []
        assert not derived.ensure_current(store.engine)  # current now: nothing to do
    finally:
        store.lock()


@pytest.fixture
def made_with_families(made: Path) -> tuple[Path, str]:
    store = Store.unlock(made, passphrase=PASSPHRASE)
    try:
        fill_demo_caseload(store, catalogue=CATALOGUE, families=5, seed=2, today=TODAY)
        with store.read() as session:
            family_id = session.exec(
                select(CaseloadFamily.family_id).where(CaseloadFamily.next_due_date != None)  # noqa: E711
            ).first()
    finally:
        store.lock()
    assert family_id is not None
    return made, family_id
