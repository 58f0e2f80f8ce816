"""Reads never wait for a writer; writes take the write lock when they begin."""

from __future__ import annotations

from sqlmodel import select

from hembesok_desktop.store.database import Store
from hembesok_desktop.store.models import Family
from hembesok_desktop.store.services import families


def test_an_open_read_does_not_block_a_write(store: Store) -> None:
    with store.write() as uow:
        families.create_family(uow, address="Demovägen 5")
    with store.read() as session:
        before = session.exec(select(Family)).all()
        # a write from elsewhere while this read transaction is open (WAL snapshot)
        with store.write() as uow:
            families.create_family(uow, address="Demovägen 6")
        assert len(session.exec(select(Family)).all()) == len(before) == 1
    with store.read() as session:
        assert len(session.exec(select(Family)).all()) == 2


def test_a_write_begins_immediate(store: Store) -> None:
    seen: list[str] = []
    from sqlalchemy import event

    def record(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        with store.write() as uow:
            families.create_family(uow, address="Demovägen 7")
        with store.read() as session:
            session.exec(select(Family)).all()
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    begins = [s for s in seen if s.startswith("BEGIN")]
    assert begins == ["BEGIN IMMEDIATE", "BEGIN"]
