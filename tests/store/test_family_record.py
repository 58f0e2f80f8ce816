"""A family's record and its timeline, from a real encrypted store."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from hembesok_desktop.domain.planning import today_in_stockholm
from hembesok_desktop.domain.timeline import FLAG_FOLLOW_UP_MISSING, TimelineKind
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.errors import NotFound
from hembesok_desktop.store.family_record import family_timeline, load_family
from hembesok_desktop.store.services import clinical, contacts, families, journal
from tests.support.catalogue import CATALOGUE

TODAY = today_in_stockholm()  # journal entries are signed "now", so the test lives today
PROGRAMME = "extended_home_visits"


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


def noon(offset: int) -> datetime:
    return datetime.combine(day(offset), time(10, 0), tzinfo=UTC)


@pytest.fixture
def family(store: Store) -> dict[str, str]:
    ids: dict[str, str] = {}
    with store.write() as uow:
        fam = families.create_family(uow, address="Påhittade gränd 3", area="Exempelhöjden")
        ids["family"] = fam.id
        families.add_guardian(uow, family_id=fam.id, given_name="Åsa", family_name="Öberg")
        child = families.add_child(
            uow, family_id=fam.id, given_name="Liv", family_name="Öberg", birth_date=day(-75)
        )
        sibling = families.add_child(
            uow, family_id=fam.id, given_name="Ebba", family_name="Öberg", birth_date=day(-800)
        )
        ids["child"], ids["sibling"] = child.id, sibling.id
        families.enroll(
            uow,
            family_id=fam.id,
            child_id=child.id,
            programme_id=PROGRAMME,
            start_date=day(-30),  # late: HB1's window ended before the start
            inclusion_reason="first_time_parents",
        )

        def plan(code: str, planned: int, window: tuple[int, int]) -> str:
            row = contacts.plan_contact(
                uow,
                family_id=fam.id,
                child_id=child.id,
                planned_date=day(planned),
                programme_id=PROGRAMME,
                contact_code=code,
            )
            uow.update(row, window_start=day(window[0]), window_end=day(window[1]))
            return row.id

        ids["hb1"] = plan("HB1", -65, (-68, -61))  # not applicable, never done: hidden
        ids["hb2"] = plan("HB2", -14, (-21, -7))
        contacts.record_contact(uow, ids["hb2"], status="done", performed_at=noon(-12))
        ids["hb3"] = plan("HB3", -1, (-5, 9))  # due: in its window today
        ids["hb4"] = plan("HB4", 40, (30, 50))  # planned, after the today mark
        ids["adhoc"] = contacts.record_ad_hoc_contact(
            uow, family_id=fam.id, child_id=child.id, performed_at=noon(-20), kind="phone"
        ).id
        ids["weight"] = clinical.record_measurement(
            uow, child_id=child.id, measured_on=day(-12), weight_kg=5.2, length_cm=58.5
        ).id
        ids["sibling_weight"] = clinical.record_measurement(
            uow, child_id=sibling.id, measured_on=day(-12), weight_kg=12.0
        ).id

        def screening(flagged: bool) -> str:
            response = clinical.save_response(
                uow,
                family_id=fam.id,
                form_id="barnsakert-style",
                form_version="1.0.0",
                answers={},
                child_id=child.id,
            )
            flags = [{"id": "economy", "area": "economy"}] if flagged else []
            clinical.complete_response(
                uow,
                response.id,
                score=len(flags),
                subscores={},
                flags=flags,
                catalogue=CATALOGUE,
                completed_at=noon(-12),
            )
            return response.id

        ids["positive"] = screening(True)
        ids["unfollowed"] = screening(True)
        ids["negative"] = screening(False)
        ids["follow_up"] = clinical.record_follow_up(
            uow,
            catalogue=CATALOGUE,
            family_id=fam.id,
            response_id=ids["positive"],
            area="economy",
            offer_kind=sorted(CATALOGUE.offer_ids)[0],
            decision="accepted",
            offered_at=noon(-12),
        ).id

        def entry(text: str, child_id: str | None = child.id, *, sign: bool = True) -> str:
            written = journal.write_entry(uow, family_id=fam.id, text=text, child_id=child_id)
            if sign:
                journal.sign_entry(uow, written.id, author_name="Anna Test", author_title="BVC-ssk")
            return written.id

        ids["original"] = entry("Hembesök 2.\nAllt väl.")
        ids["amendment"] = journal.amend_entry(
            uow,
            ids["original"],
            text="Rättelse: vikt 5,2 kg.",
            author_name="Anna Test",
            author_title="BVC-ssk",
        ).id
        ids["voided"] = entry("Fel familj.")
        journal.void_entry(uow, ids["voided"], reason="Skrevs i fel journal", voided_by="anna")
        ids["family_note"] = entry("Om hela familjen.", child_id=None)
        ids["unsigned"] = entry("Utkast.", sign=False)
    return ids


def test_load_family_returns_every_row(store: Store, family: dict[str, str]) -> None:
    with store.read() as session:
        record = load_family(session, family["family"])
    assert record.family.address == "Påhittade gränd 3"
    assert [g.given_name for g in record.guardians] == ["Åsa"]
    assert [c.given_name for c in record.children] == ["Liv", "Ebba"]  # youngest first
    assert len(record.enrollments) == 1
    assert [c.contact_code for c in record.contacts] == ["HB1", "", "HB2", "HB3", "HB4"]
    assert len(record.journal_entries) == 5
    assert {e.id for e in record.journal_entries if e.voided_at} == {family["voided"]}
    assert len(record.measurements) == 2 and len(record.responses) == 3
    assert [f.id for f in record.follow_ups] == [family["follow_up"]]


def test_load_family_unknown_is_not_found(store: Store) -> None:
    with store.read() as session, pytest.raises(NotFound):
        load_family(session, "no-such-family")


def test_timeline_order_states_and_today_mark(store: Store, family: dict[str, str]) -> None:
    with store.read() as session:
        items = family_timeline(
            session, family["family"], catalogue=CATALOGUE, today=TODAY, child_id=family["child"]
        )
    seen = [(item.date, item.kind, item.ref_id, item.state) for item in items]
    dates = [item.date for item in items]
    assert dates == sorted(dates)
    refs = [ref for _, _, ref, _ in seen]
    assert family["hb1"] not in refs  # not applicable and not done: not shown
    assert family["sibling_weight"] not in refs  # another child's
    assert family["family_note"] in refs  # the whole family's
    states = {ref: state for _, _, ref, state in seen}
    assert states[family["hb2"]] == "done"
    assert states[family["hb3"]] == "due"
    assert states[family["hb4"]] == "planned"
    assert states[family["adhoc"]] == "done"
    assert states[family["positive"]] == "positive" and states[family["negative"]] == "negative"
    assert states[family["follow_up"]] == "accepted"
    marker = next(i for i, item in enumerate(items) if item.kind is TimelineKind.TODAY)
    before = {item.ref_id for item in items[:marker]}
    after = {item.ref_id for item in items[marker + 1 :]}
    assert family["hb2"] in before and family["hb3"] in before and family["original"] in before
    assert after == {family["hb4"]}
    # one date: contacts, then measurements, screenings, follow-ups
    on_day = [item.kind for item in items if item.date == day(-12)]
    assert on_day == [
        TimelineKind.CONTACT,
        TimelineKind.MEASUREMENT,
        TimelineKind.MEASUREMENT,
        TimelineKind.SCREENING,
        TimelineKind.SCREENING,
        TimelineKind.SCREENING,
        TimelineKind.FOLLOW_UP,
    ]
    done = next(item for item in items if item.ref_id == family["hb2"])
    assert done.date == day(-12) and done.title.startswith("HB2 Hembesök 2")
    assert next(i for i in items if i.ref_id == family["adhoc"]).title == "Telefonkontakt"


def test_timeline_shows_voided_amended_unsigned_and_missing_follow_up(
    store: Store, family: dict[str, str]
) -> None:
    with store.read() as session:
        items = family_timeline(session, family["family"], catalogue=CATALOGUE, today=TODAY)
    by_ref = {item.ref_id: item for item in items if item.kind is not TimelineKind.MEASUREMENT}
    assert by_ref[family["voided"]].state == "voided"
    assert by_ref[family["voided"]].title == "Fel familj."  # still readable
    assert by_ref[family["original"]].state == "signed"
    assert "amended" in by_ref[family["original"]].flags
    assert by_ref[family["original"]].title == "Hembesök 2."
    assert "amendment" in by_ref[family["amendment"]].flags
    assert by_ref[family["unsigned"]].state == "unsigned"
    assert by_ref[family["original"]].detail == "Anna Test, BVC-ssk"
    assert FLAG_FOLLOW_UP_MISSING in by_ref[family["unfollowed"]].flags
    assert FLAG_FOLLOW_UP_MISSING not in by_ref[family["positive"]].flags
    assert "economy" in by_ref[family["positive"]].flags
    # the whole family: the sibling's measurement is there too
    assert any(item.ref_id == family["sibling_weight"] for item in items)
    weights = [i.title for i in items if i.ref_id == family["weight"]]
    assert sorted(weights) == ["Längd 58,5 cm", "Vikt 5,2 kg"]  # Swedish decimal comma


def test_timeline_in_english(store: Store, family: dict[str, str]) -> None:
    with store.read() as session:
        items = family_timeline(
            session, family["family"], catalogue=CATALOGUE, today=TODAY, language="en"
        )
    titles = [item.title for item in items]
    assert "Today" in titles
    assert any(title.startswith("HB3 Home visit 3") for title in titles)
    assert "Phone call" in titles
