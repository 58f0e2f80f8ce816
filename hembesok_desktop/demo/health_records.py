"""Demo child-health records: gestational age and risk indicators, vaccinations given from the
schedule, and at each documented visit the feeding, tobacco, language, hearing/vision and
referral records a nurse would write there, plus the interpreter's language and form.

Each child gets its own random generator seeded from its birth date and the contact code, so
adding these records does not change the rest of the demo caseload's draws. All invented.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from ..domain import child_health as ch
from ..domain.catalogue import Catalogue
from ..domain.planning import PlannedContact, add_months
from ..store.services import child_health
from ..store.unit_of_work import UnitOfWork

BATCH_PREFIXES = ("DEMO-A", "DEMO-B", "DEMO-C")


def _rng(birth_date: date, code: str) -> random.Random:
    return random.Random(f"{birth_date.isoformat()}/{code}")


def write_child_details(
    uow: UnitOfWork, *, child_id: str, birth_date: date, catalogue: Catalogue, today: date
) -> None:
    """Gestational age, risk indicators and the doses given so far (from the schedule)."""
    rng = _rng(birth_date, "child")
    preterm = rng.random() < 0.08
    days = rng.randint(30 * 7, 36 * 7 + 6) if preterm else rng.randint(37 * 7, 41 * 7 + 6)
    indicators = {
        "bcg_indicated": rng.random() < 0.35,
        "mother_hbsag_positive": rng.random() < 0.04,
        "rotavirus_three_dose": rng.random() < 0.2,
    }
    child_health.set_child_details(uow, child_id, gestational_age_days=days, indicators=indicators)
    twelve = add_months(birth_date, 12) + timedelta(days=rng.randint(-5, 10))
    if twelve < today:  # the national programme's 12-month visit
        uow.as_of = datetime.combine(twelve, time(10), tzinfo=UTC)
        status = rng.choices(ch.FEEDING_STATUSES, weights=(1, 5, 6))[0]
        first = None if status == "exclusive" else birth_date + timedelta(days=rng.randint(60, 200))
        child_health.record_feeding(
            uow, child_id=child_id, recorded_on=twelve, status=status, other_food_first_on=first
        )
        uow.as_of = None
    schedule = ch.vaccination_schedule(catalogue.programmes.values())
    if schedule is None:
        return
    have = [name for name, value in indicators.items() if value]
    for dose in ch.plan_doses(schedule, birth_date, have):
        if dose.window_end >= today or rng.random() < 0.05:
            continue  # not yet due, or (rarely) not given: shows as overdue
        given_on = min(dose.target_date + timedelta(days=rng.randint(-3, 6)), today)
        given_on = max(given_on, birth_date)
        elsewhere = dose.code == "VHB0" or rng.random() < 0.05
        uow.as_of = datetime.combine(given_on, time(11), tzinfo=UTC)
        child_health.record_vaccination(
            uow,
            child_id=child_id,
            vaccine=dose.vaccine,
            dose_number=dose.dose_number,
            given_on=given_on,
            given_where="elsewhere" if elsewhere else "here",
            batch_number=""
            if elsewhere
            else f"{rng.choice(BATCH_PREFIXES)}{rng.randint(100, 999)}",
            schedule_code=dose.code,
            catalogue=catalogue,
        )
    uow.as_of = None


def interpreter_details(language: str, birth_date: date, code: str) -> tuple[str, str]:
    """The interpreter's language and form at one visit."""
    rng = _rng(birth_date, code + "/interpreter")
    form = rng.choices(ch.INTERPRETER_FORMS, weights=(6, 3, 1))[0]
    return language, form


def write_visit_records(
    uow: UnitOfWork,
    planned: PlannedContact,
    *,
    child_id: str,
    contact_id: str,
    birth_date: date,
    day: date,
) -> None:
    """The structured records of one documented visit, by the child's age at it."""
    rng = _rng(birth_date, planned.code)
    ids = {"child_id": child_id, "contact_id": contact_id}
    months = _months(birth_date, day)
    if months <= 13:
        _feeding(uow, rng, birth_date, day, months, ids)
    for point, low, high in (("4w", 0, 1), ("8m", 7, 9), ("18m", 14, 19), ("4y", 44, 52)):
        if low <= months <= high:
            exposure = rng.choices(ch.TOBACCO_EXPOSURES, weights=(14, 4, 1, 1))[0]
            child_health.record_tobacco(
                uow, recorded_on=day, age_point=point, exposure=exposure, **ids
            )
    if "language_development" in planned.themes and months >= 6:
        concern = months >= 15 and rng.random() < 0.15
        note = "Få ord för åldern; läser bilderböcker hemma." if concern else "Jollrar och pekar."
        child_health.record_language(
            uow,
            recorded_on=day,
            kind="observation",
            result="concern" if concern else "no_concern",
            action="follow_up" if concern else "",
            note=f"[DEMO] {note}",
            **ids,
        )
        if concern and rng.random() < 0.5:
            child_health.record_referral(
                uow,
                referred_on=day,
                to_whom="speech_therapist",
                reason="language",
                note="[DEMO] Remiss till logoped för bedömning.",
                **ids,
            )
    if months >= 29:
        _screenings(uow, rng, day, months, ids)


def _months(birth_date: date, day: date) -> int:
    months = (day.year - birth_date.year) * 12 + day.month - birth_date.month
    return months - (add_months(birth_date, months) > day)


def _feeding(
    uow: UnitOfWork,
    rng: random.Random,
    birth_date: date,
    day: date,
    months: int,
    ids: dict[str, str],
) -> None:
    if months < 4:
        status = rng.choices(ch.FEEDING_STATUSES, weights=(6, 3, 1))[0]
    elif months < 6:
        status = rng.choices(ch.FEEDING_STATUSES, weights=(4, 4, 2))[0]
    else:
        status = rng.choices(("partial", "none"), weights=(5, 5))[0]
    first = None
    if status != "exclusive":
        first = min(day, birth_date + timedelta(days=rng.randint(14, 180)))
    child_health.record_feeding(
        uow, recorded_on=day, status=status, other_food_first_on=first, **ids
    )


def _screenings(
    uow: UnitOfWork, rng: random.Random, day: date, months: int, ids: dict[str, str]
) -> None:
    if months <= 37:
        concern = rng.random() < 0.12
        child_health.record_language(
            uow,
            recorded_on=day,
            kind="screening",
            age_point="30m" if months < 33 else "36m",
            result="concern" if concern else "no_concern",
            action="referral" if concern else "",
            **ids,
        )
    if months >= 47:
        for test in ch.SENSORY_TESTS:
            deviation = rng.random() < 0.07
            child_health.record_sensory(
                uow,
                screened_on=day,
                test=test,
                result="deviation" if deviation else "no_deviation",
                **ids,
            )
            if deviation:
                referral = child_health.record_referral(
                    uow,
                    referred_on=day,
                    to_whom="audiology" if test == "hearing" else "ophthalmology",
                    reason=test,
                    **ids,
                )
                child_health.record_referral_outcome(
                    uow,
                    referral.id,
                    outcome="[DEMO] Bedömd, återbesök om ett år.",
                    outcome_on=day,
                )


def write_older_child_records(
    uow: UnitOfWork, *, child_id: str, birth_date: date, today: date
) -> None:
    """An older sibling's language screening at 2.5 years and hearing and vision at 4 years,
    dated at those ages, when the child has reached them."""
    rng = _rng(birth_date, "older")
    ids: dict[str, str] = {"child_id": child_id}
    for months in (30, 48):
        day = add_months(birth_date, months) + timedelta(days=rng.randint(0, 20))
        if day >= today:
            break
        uow.as_of = datetime.combine(day, time(10), tzinfo=UTC)
        _screenings(uow, rng, day, months, ids)
    uow.as_of = None
