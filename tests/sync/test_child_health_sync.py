"""The structured child-health records (migration 0005) sync between two laptops through a
real server: created on one, seen identically on the other, an edit (a referral's outcome, a
void, the child's gestational age and indicators) travels back, and the replicas converge."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from sqlmodel import select

from hembesok_desktop.store.models import (
    Child,
    Contact,
    FeedingRecord,
    LanguageRecord,
    Referral,
    SensoryScreening,
    TobaccoExposure,
    Vaccination,
)
from hembesok_desktop.store.services import child_health, contacts, families
from tests.support.catalogue import CATALOGUE
from tests.sync.conftest import Laptop, outbox, snapshot

RECORDS = (FeedingRecord, Vaccination, LanguageRecord, TobaccoExposure, SensoryScreening, Referral)


def _family_with_records(laptop: Laptop) -> tuple[str, str, str]:
    with laptop.store.write() as uow:
        family = families.create_family(uow, address="Påhittade gränd 3", area="Demo")
        child = families.add_child(
            uow,
            family_id=family.id,
            given_name="Testa",
            family_name="Barnsson",
            birth_date=date(2024, 1, 10),
        )
        contact = contacts.record_ad_hoc_contact(
            uow,
            family_id=family.id,
            child_id=child.id,
            performed_at=laptop_now(),
            kind="home",
            interpreter_used=True,
            interpreter_language="ar",
            interpreter_form="phone",
        )
        ids = dict(child_id=child.id, contact_id=contact.id)
        child_health.record_feeding(
            uow,
            recorded_on=date(2024, 3, 11),
            status="partial",
            other_food_first_on=date(2024, 3, 1),
            **ids,
        )
        child_health.record_vaccination(
            uow,
            vaccine="mmr",
            dose_number=1,
            given_on=date(2025, 7, 10),
            schedule_code="V18M",
            given_where="elsewhere",
            catalogue=CATALOGUE,
            **ids,
        )
        child_health.record_language(
            uow,
            recorded_on=date(2025, 7, 10),
            kind="observation",
            result="concern",
            action="follow_up",
            note="Få ord",
            **ids,
        )
        child_health.record_tobacco(
            uow, recorded_on=date(2025, 7, 10), age_point="18m", exposure="outdoors", **ids
        )
        child_health.record_sensory(
            uow, screened_on=date(2025, 7, 10), test="vision", result="deviation", **ids
        )
        referral = child_health.record_referral(
            uow, referred_on=date(2025, 7, 10), to_whom="ophthalmology", reason="vision", **ids
        )
        return family.id, child.id, referral.id


def laptop_now() -> datetime:
    return datetime(2025, 7, 10, 9, 0, tzinfo=UTC)


def test_child_health_records_sync_both_ways_and_converge(
    laptop_factory: Callable[[str], Laptop],
) -> None:
    one, two = laptop_factory("a1"), laptop_factory("a2")
    family_id, child_id, referral_id = _family_with_records(one)
    first = one.sync()
    assert first.rejected == 0 and first.pushed == 2 + 1 + len(RECORDS)
    two.sync()
    with two.store.read() as session:
        for model in RECORDS:
            [row] = session.exec(select(model).where(model.family_id == family_id)).all()
            assert row.child_id == child_id and row.recorded_by and not row.voided_reason
        contact = session.exec(select(Contact).where(Contact.family_id == family_id)).one()
        assert (contact.interpreter_language, contact.interpreter_form) == ("ar", "phone")
        feeding = session.exec(select(FeedingRecord)).one()
        assert feeding.other_food_first_on == date(2024, 3, 1)

    feeding_id = session_id(two, FeedingRecord)
    with two.store.write() as uow:
        child_health.record_referral_outcome(
            uow, referral_id, outcome="Glasögon utprovade", outcome_on=date(2025, 8, 20)
        )
        child_health.set_child_details(
            uow,
            child_id,
            gestational_age_days=36 * 7 + 2,
            indicators={"bcg_indicated": True, "mother_hbsag_positive": True},
        )
        child_health.void_record(uow, "feeding_record", feeding_id, reason="Fel barn")
    assert two.sync().rejected == 0
    one.sync()
    with one.store.read() as session:
        referral = session.get(Referral, referral_id)
        child = session.get(Child, child_id)
        feeding = session.get(FeedingRecord, feeding_id)
    assert referral is not None and referral.outcome == "Glasögon utprovade"
    assert referral.outcome_on == date(2025, 8, 20)
    assert child is not None and child.gestational_age_days == 254
    assert child.bcg_indicated and child.mother_hbsag_positive and not child.rotavirus_three_dose
    assert feeding is not None and feeding.voided_reason == "Fel barn"
    assert snapshot(one.store, {family_id}) == snapshot(two.store, {family_id})
    for laptop in (one, two):
        assert not outbox(laptop.store, "pending") and not outbox(laptop.store, "quarantined")


def session_id(laptop: Laptop, model: type[FeedingRecord]) -> str:
    with laptop.store.read() as session:
        return session.exec(select(model)).one().id
