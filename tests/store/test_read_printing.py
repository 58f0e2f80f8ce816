"""store.read.printing on a demo store: the day's planned visits and the family summary."""

from __future__ import annotations

from collections import Counter

from sqlmodel import select

from hembesok_desktop.store.database import Store
from hembesok_desktop.store.models import Contact
from hembesok_desktop.store.read.printing import day_visits, print_record
from tests.store.read_support import assert_views_only, busiest_family, fill


def test_day_visits_are_the_days_planned_contacts_with_their_families(store: Store) -> None:
    fill(store)
    with store.read() as session:
        planned = [
            c
            for c in session.exec(select(Contact).where(Contact.status == "planned"))
            if c.planned_date is not None
        ]
        day = Counter(c.planned_date for c in planned).most_common(1)[0][0]
        visits = day_visits(session, day)
    assert_views_only(visits)
    expected = sorted((c.kind, c.family_id, c.id) for c in planned if c.planned_date == day)
    assert [(v.contact.kind, v.contact.family_id, v.contact.id) for v in visits] == expected
    for visit in visits:
        assert visit.record.family.id == visit.contact.family_id
        assert visit.record.guardians and visit.record.children
        assert visit.record.journal == ()  # the day view prints the people only
        births = [c.birth_date for c in visit.record.children]
        assert births == sorted(births)


def test_print_record_holds_the_summary_in_order(store: Store) -> None:
    fill(store)
    family_id = busiest_family(store)
    with store.read() as session:
        record = print_record(session, family_id)
        missing = print_record(session, "no-such-family")
    assert missing is None
    assert record is not None
    assert_views_only(record)
    assert record.contacts and record.journal and record.measurements and record.responses
    signed = [e.signed_at or e.created_at for e in record.journal]
    assert signed == sorted(signed)
    assert [m.measured_on for m in record.measurements] == sorted(
        m.measured_on for m in record.measurements
    )
    assert {r.family_id for r in record.responses} == {family_id}
