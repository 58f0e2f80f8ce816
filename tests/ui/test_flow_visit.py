"""The visit flow without Qt: problems, warnings, what is written, one transaction, drafts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest
from sqlmodel import select

from hembesok_desktop.domain.growth import WhoReference
from hembesok_desktop.domain.planning import stockholm_tz
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.models import Contact, Draft, JournalEntry, Measurement, PendingChange
from hembesok_desktop.store.services import contacts, drafts, families
from hembesok_desktop.ui.flows.visit import (
    ChildInfo,
    Choice,
    PlannedVisit,
    VisitFlow,
    parse_number,
)

ROLES = [Choice("nurse", "Sjuksköterska"), Choice("parental_advisor", "Föräldrarådgivare")]
THEMES = [Choice("child_safety", "Barnsäkerhet"), Choice("vaccinations", "Vaccinationer")]
BORN = date(2025, 1, 10)


class FixedReference:
    """A stand-in reference for the domain rule only (the real one is tested with growth)."""

    def sds(self, kind: str, sex: str, age_in_years: float, value: float) -> float | None:
        return (value - 7.0) if kind == "weight" else None


def seed(store: Store) -> tuple[str, str, str]:
    with store.write() as uow:
        family = families.create_family(uow, address="Påhittade gatan 1")
        child = families.add_child(
            uow,
            family_id=family.id,
            given_name="Test",
            family_name="Barn",
            birth_date=BORN,
            sex="female",
        )
        contact = contacts.plan_contact(
            uow,
            family_id=family.id,
            child_id=child.id,
            planned_date=date(2025, 7, 10),
            programme_id="extended_home_visits",
            contact_code="HB4",
            participants=["nurse", "parental_advisor"],
        )
    return family.id, child.id, contact.id


def make_flow(family_id: str, child_id: str, contact_id: str | None = None) -> VisitFlow:
    planned = (
        PlannedVisit(
            contact_id,
            child_id,
            "HB4",
            "Hembesök 4",
            "home",
            None,
            ("nurse", "parental_advisor"),
            ("child_safety",),
        )
        if contact_id
        else None
    )
    return VisitFlow(
        family_id=family_id,
        children=[ChildInfo(child_id, "Test Barn", BORN, "female")],
        roles=ROLES,
        themes=THEMES,
        planned=planned,
        now=datetime(2025, 7, 11, 10, 30, tzinfo=stockholm_tz()),
        author_name="Anna",
        author_title="BVC-sjuksköterska",
    )


def test_parse_number_accepts_swedish_decimal_comma() -> None:
    assert parse_number("7,45") == 7.45
    assert parse_number(" 62.5 ") == 62.5
    assert parse_number("") is None
    with pytest.raises(ValueError):
        parse_number("sju")


def test_problems_block_and_warnings_do_not() -> None:
    flow = make_flow("f", "c", "k")
    assert [p.code for p in flow.problems()] == ["required"]  # journal text
    flow.journal_text = "Besöket gick bra."
    assert flow.can_sign()
    flow.measurements["weight"] = "70"  # a typo: 70 kg
    assert flow.can_sign()
    codes = [(w.field, w.code) for w in flow.warnings()]
    assert codes == [("weight", "outside-range")]
    assert [w.code for w in flow.warnings(FixedReference())] == ["far-from-median"]
    flow.measurements["weight"] = "7,2"
    assert flow.warnings() == [] and flow.warnings(FixedReference()) == []
    flow.measurements["length"] = "abc"
    assert ("length", "not-a-number") in [(p.field, p.code) for p in flow.problems()]
    flow.measurements["length"] = "-3"
    assert ("length", "not-positive") in [(p.field, p.code) for p in flow.problems()]
    flow.measurements["length"] = ""
    flow.participants.clear()
    assert ("participants", "required") in [(p.field, p.code) for p in flow.problems()]
    flow.participants.add("nurse")
    flow.performed_at = datetime.now(stockholm_tz()) + timedelta(days=2)
    assert ("performed_at", "in-future") in [(p.field, p.code) for p in flow.problems()]


def test_theme_checklist_is_the_contacts_own_or_all_for_ad_hoc() -> None:
    assert [t.id for t in make_flow("f", "c", "k").theme_choices()] == ["child_safety"]
    assert [t.id for t in make_flow("f", "c").theme_choices()] == ["child_safety", "vaccinations"]


def test_commit_writes_everything_in_one_transaction(store: Store) -> None:
    family_id, child_id, contact_id = seed(store)
    flow = make_flow(family_id, child_id, contact_id)
    flow.themes = {"child_safety", "vaccinations"}  # vaccinations is not on HB4's checklist
    flow.measurements.update(weight="7,3", length="66", head_circumference="42,5")
    flow.interpreter_used = True
    flow.journal_text = "Hembesök 4 genomfört."
    assert [i.code for i in flow.will_write()] == ["contact-done", "measurement", "journal"]
    with store.write() as uow:
        drafts.save_draft(uow, key=flow.key, family_id=family_id, kind="visit", payload={})
    with store.write() as uow:
        assert flow.commit(uow) == contact_id
    with store.read() as session:
        contact = session.get(Contact, contact_id)
        assert contact is not None and contact.status == "done"
        assert contact.themes == ["child_safety"] and contact.interpreter_used
        [m] = session.exec(select(Measurement)).all()
        assert (m.weight_kg, m.length_cm, m.head_circumference_cm) == (7.3, 66.0, 42.5)
        assert m.contact_id == contact_id and m.measured_on == date(2025, 7, 11)
        [entry] = session.exec(select(JournalEntry)).all()
        assert entry.signed_at is not None and entry.contact_id == contact_id
        assert session.get(Draft, flow.key) is None


def test_a_failing_write_leaves_nothing(store: Store) -> None:
    family_id, child_id, contact_id = seed(store)
    flow = make_flow(family_id, child_id, contact_id)
    flow.journal_text = "Text"
    flow.measurements["weight"] = "7"
    flow.performed_at = datetime(2024, 12, 1, 10, 0, tzinfo=stockholm_tz())  # before birth
    flow.child_id = child_id
    with store.read() as session:
        before = len(session.exec(select(PendingChange)).all())
    with pytest.raises(ValueError), store.write() as uow:
        flow.commit(uow)
    flow.children = [ChildInfo(child_id, "x", date(2024, 1, 1))]  # flow believes another date
    with pytest.raises(Exception, match="before the child's birth"), store.write() as uow:
        flow.commit(uow)
    with store.read() as session:
        assert len(session.exec(select(PendingChange)).all()) == before
        assert session.get(Contact, contact_id).status == "planned"  # type: ignore[union-attr]
        assert session.exec(select(JournalEntry)).all() == []


def test_ad_hoc_visit_and_draft_round_trip(store: Store) -> None:
    family_id, child_id, _ = seed(store)
    flow = make_flow(family_id, child_id)
    flow.kind = "phone"
    flow.journal_text = "Telefonsamtal om sömn."
    flow.themes = {"vaccinations"}
    again = make_flow(family_id, child_id)
    again.restore(flow.to_payload())
    assert again.to_payload() == flow.to_payload()
    with store.write() as uow:
        contact_id = again.commit(uow)
    with store.read() as session:
        contact = session.get(Contact, contact_id)
        assert contact is not None and contact.kind == "phone" and contact.status == "done"
        assert session.exec(select(Measurement)).all() == []


def test_warnings_use_the_age_corrected_for_gestation() -> None:
    """4.0 kg at 5 months is beyond −3 SD for a girl born at term, not for one born at 28+0."""
    reference = WhoReference()
    flow = make_flow("f", "c", None)
    child = flow.children[0]
    flow.performed_at = datetime.combine(
        child.birth_date + timedelta(days=152), time(10), tzinfo=stockholm_tz()
    )
    flow.measurements["weight"] = "4,0"
    assert [(w.code, w.params["reference"]) for w in flow.warnings(reference)] == [
        ("far-from-median", "WHO")
    ]
    flow.children = [replace(child, gestation_days=28 * 7)]
    assert flow.warnings(reference) == []
    flow.children = [replace(child, gestation_days=3)]  # not a gestational age: not used
    assert [w.code for w in flow.warnings(reference)] == ["far-from-median"]
