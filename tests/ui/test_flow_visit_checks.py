"""The visit flow's confirmation step for implausible values, the expected values (the form's
placeholders) and the structured summary of the signed journal note (no Qt)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import select

from hembesok_desktop.domain.growth import WhoReference
from hembesok_desktop.domain.planning import stockholm_tz
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.models import JournalEntry, Measurement
from hembesok_desktop.ui.flows.visit import ChildInfo, VisitFlow
from tests.ui.test_flow_visit import ROLES, THEMES, make_flow, seed


@pytest.fixture(scope="module")
def who() -> WhoReference:
    return WhoReference()


def visit_at(now: datetime, born: date) -> VisitFlow:
    return VisitFlow(
        family_id="f",
        children=[ChildInfo("c", "Test Barn", born, "female")],
        roles=ROLES,
        themes=THEMES,
        now=now,
        author_name="Anna",
        author_title="BVC-sjuksköterska",
    )


def test_45_kg_at_three_months_needs_a_confirmation_naming_value_and_sd(
    store: Store, who: WhoReference
) -> None:
    family_id, child_id, contact_id = seed(store)
    flow = make_flow(family_id, child_id, contact_id)
    flow.children = [ChildInfo(child_id, "Test Barn", date(2025, 4, 11), "female")]
    flow.journal_text = "Hembesök."
    flow.measurements["weight"] = "45"
    assert flow.can_sign()  # not a problem: a plausibility question
    [pending] = flow.unconfirmed(who)
    assert pending.field == "weight" and pending.code == "far-from-median"
    assert pending.params["value"] == 45.0 and pending.params["sds"] > 30
    with pytest.raises(ValueError, match="not confirmed"), store.write() as uow:
        flow.commit(uow, who)
    with store.read() as session:
        assert session.exec(select(Measurement)).all() == []
    flow.confirm([pending])
    assert flow.unconfirmed(who) == []
    flow.measurements["weight"] = "46"  # another value: asked again
    assert [i.params["value"] for i in flow.unconfirmed(who)] == [46.0]
    flow.measurements["weight"] = "45"
    with store.write() as uow:
        flow.commit(uow, who)
    with store.read() as session:
        [m] = session.exec(select(Measurement)).all()
        assert m.weight_kg == 45.0


def test_without_the_reference_the_sane_range_asks_too(store: Store) -> None:
    family_id, child_id, contact_id = seed(store)
    flow = make_flow(family_id, child_id, contact_id)
    flow.journal_text = "Hembesök."
    flow.measurements["weight"] = "70"
    [pending] = flow.unconfirmed(None)
    assert pending.code == "outside-range" and pending.params["value"] == 70.0
    with pytest.raises(ValueError, match="not confirmed"), store.write() as uow:
        flow.commit(uow)
    flow.measurements["weight"] = "7,4"  # plausible: nothing to confirm
    assert flow.unconfirmed(None) == []


def test_expected_values_follow_the_childs_age(who: WhoReference) -> None:
    now = datetime(2025, 10, 15, 10, 0, tzinfo=stockholm_tz())
    flow = visit_at(now, date(2025, 7, 15))  # three months old
    assert flow.expected(None) == {}
    at_three = flow.expected(who)
    assert set(at_three) == {"weight", "length", "head_circumference"}
    assert 5.0 < at_three["weight"] < 7.0  # WHO girls at 3 months: about 5.8 kg
    assert 38.0 < at_three["head_circumference"] < 42.0  # about 39.5 cm, never 62.5
    flow.children = [ChildInfo("c", "x", date(2025, 1, 15), "female")]  # nine months old
    at_nine = flow.expected(who)
    assert at_nine["weight"] > at_three["weight"] + 1.5
    assert at_nine["length"] > at_three["length"] + 8
    flow.children = [ChildInfo("c", "x", date(2025, 1, 15), "")]  # sex not recorded
    assert flow.expected(who) == {}


def test_the_signed_note_carries_participants_themes_and_measurements(store: Store) -> None:
    family_id, child_id, contact_id = seed(store)
    flow = make_flow(family_id, child_id, contact_id)
    flow.journal_text = "Hembesök 4 genomfört.\n"
    flow.themes = {"child_safety"}
    flow.measurements.update(weight="7,3", length="66")
    flow.interpreter_used = True
    flow.summary_headings.update(
        participants="Deltagare",
        themes="Teman",
        measurements="Mätningar",
        weight="Vikt",
        length="Längd",
        interpreter="Tolk",
        interpreter_used="användes",
    )
    with store.write() as uow:
        flow.commit(uow)
    with store.read() as session:
        [entry] = session.exec(select(JournalEntry)).all()
    assert entry.signed_at is not None
    assert entry.text.splitlines() == [
        "Hembesök 4 genomfört.",
        "",
        "Deltagare: Sjuksköterska, Föräldrarådgivare",
        "Teman: Barnsäkerhet",
        "Mätningar: Vikt 7,3 kg, Längd 66 cm",
        "Tolk: användes",
    ]
