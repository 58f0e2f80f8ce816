"""Programme follow-up figures from the store, and the region's CSV without personal data."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime, time, timedelta

import pytest

from hembesok_desktop.domain.followup_stats import CSV_COLUMNS, FollowUpFigures
from hembesok_desktop.domain.identity import luhn_check_digit
from hembesok_desktop.domain.planning import add_months
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.programme_figures import (
    caseload_programme_figures,
    child_programme_figures,
    export_figures_csv,
    family_programme_figures,
)
from hembesok_desktop.store.services import clinical, contacts, families
from tests.support.catalogue import CATALOGUE

TODAY = date(2026, 6, 17)
PROGRAMME = "extended_home_visits"
ON_TIME_BORN = date(2026, 4, 3)  # 75 days old: HB1 and HB2 windows have passed, HB3's not
LATE_BORN = date(2025, 12, 20)  # enrolled at 5 months; HB4 window opened 6 June


def number(birth: date, serial: str) -> str:
    ten = f"{birth:%y%m%d}{serial}"
    return f"{birth:%Y%m%d}{serial}{luhn_check_digit(ten)}"


NUMBERS = [number(date(1990, 5, 4), "123"), number(ON_TIME_BORN, "246"), number(LATE_BORN, "358")]


def at(day: date) -> datetime:
    return datetime.combine(day, time(10), tzinfo=UTC)


@pytest.fixture
def caseload(store: Store) -> dict[str, str]:
    ids: dict[str, str] = {}
    with store.write() as uow:
        # on time: HB1 done in its window, HB2 missed; BarnSäkert at 7 weeks positive with a
        # follow-up; EPDS not done
        fam = families.create_family(uow, address="Påhittade gränd 3")
        families.add_guardian(
            uow, family_id=fam.id, given_name="Åsa", family_name="Öberg", identity_number=NUMBERS[0]
        )
        child = families.add_child(
            uow, family_id=fam.id, given_name="Liv", family_name="Öberg", identity_number=NUMBERS[1]
        )
        families.enroll(
            uow,
            family_id=fam.id,
            child_id=child.id,
            programme_id=PROGRAMME,
            start_date=ON_TIME_BORN + timedelta(days=5),
            inclusion_reason="first_time_parents",
        )
        hb1 = contacts.plan_contact(
            uow,
            family_id=fam.id,
            child_id=child.id,
            planned_date=ON_TIME_BORN + timedelta(days=10),
            programme_id=PROGRAMME,
            contact_code="HB1",
        )
        contacts.record_contact(
            uow, hb1.id, status="done", performed_at=at(ON_TIME_BORN + timedelta(days=11))
        )
        hb2 = contacts.plan_contact(
            uow,
            family_id=fam.id,
            child_id=child.id,
            planned_date=add_months(ON_TIME_BORN, 2),
            programme_id=PROGRAMME,
            contact_code="HB2",
        )
        contacts.record_contact(uow, hb2.id, status="missed", reason="Ej hemma")
        response = clinical.save_response(
            uow,
            family_id=fam.id,
            form_id="barnsakert-style",
            form_version="1.0.0",
            answers={},
            child_id=child.id,
        )
        clinical.complete_response(
            uow,
            response.id,
            score=1,
            subscores={},
            flags=[{"id": "economy"}],
            catalogue=CATALOGUE,
            completed_at=at(ON_TIME_BORN + timedelta(weeks=7)),
        )
        clinical.record_follow_up(
            uow,
            catalogue=CATALOGUE,
            family_id=fam.id,
            response_id=response.id,
            offer_kind=sorted(CATALOGUE.offer_ids)[0],
        )
        ids["family"], ids["child"] = fam.id, child.id
        # enrolled at 5 months: HB1-HB3 not applicable, nothing due yet but HB4 (6 months)
        late = families.create_family(uow, address="Låtsasvägen 12")
        families.add_guardian(uow, family_id=late.id, given_name="Amina", family_name="Hassan")
        late_child = families.add_child(
            uow,
            family_id=late.id,
            given_name="Sara",
            family_name="Hassan",
            identity_number=NUMBERS[2],
        )
        families.enroll(
            uow,
            family_id=late.id,
            child_id=late_child.id,
            programme_id=PROGRAMME,
            start_date=add_months(LATE_BORN, 5),
            inclusion_reason="first_child_in_sweden",
        )
        ids["late_family"], ids["late_child"] = late.id, late_child.id
        # not enrolled: no figures
        other = families.create_family(uow, address="Demogatan 1")
        families.add_guardian(uow, family_id=other.id, given_name="Kim", family_name="Berg")
    return ids


ON_TIME = FollowUpFigures(
    contacts_in_programme=8,
    contacts_planned=2,  # HB1, HB2 (HB3's window opens at 4 months - 2 weeks)
    contacts_done=1,
    contacts_on_time=1,
    screenings_due=2,  # BarnSäkert and EPDS at 6-8 weeks
    screenings_done=1,
    screenings_positive=1,
    positive_with_follow_up=1,
)
LATE = FollowUpFigures(
    contacts_in_programme=5,  # HB4, HB5, HB6, EM1, EM2
    contacts_planned=1,  # HB4's window (6 months +- 2 weeks) is open
)


def test_figures_per_child_family_and_caseload(store: Store, caseload: dict[str, str]) -> None:
    with store.read() as session:
        per_child = child_programme_figures(session, today=TODAY, catalogue=CATALOGUE)
        assert per_child == {caseload["child"]: ON_TIME, caseload["late_child"]: LATE}
        assert (
            family_programme_figures(session, caseload["family"], today=TODAY, catalogue=CATALOGUE)
            == ON_TIME
        )
        assert (
            family_programme_figures(
                session, caseload["late_family"], today=TODAY, catalogue=CATALOGUE
            )
            == LATE
        )
        assert (
            caseload_programme_figures(session, today=TODAY, catalogue=CATALOGUE) == ON_TIME + LATE
        )
    assert ON_TIME.participation == 0.5


def test_csv_has_counts_and_opaque_ids_only(store: Store, caseload: dict[str, str]) -> None:
    out = io.StringIO()
    with store.read() as session:
        written = export_figures_csv(session, out, today=TODAY, catalogue=CATALOGUE)
    text = out.getvalue()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert written == len(rows) == 5  # two children, two families, the caseload
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r["level"] for r in rows] == ["child", "child", "family", "family", "caseload"]
    caseload_row = rows[-1]
    assert caseload_row["contacts_done"] == "1" and caseload_row["contacts_in_programme"] == "13"
    assert {r["child_id"] for r in rows if r["level"] == "child"} == {
        caseload["child"],
        caseload["late_child"],
    }
    lowered = text.lower()
    for word in ("åsa", "öberg", "liv", "amina", "hassan", "sara", "påhittade", "låtsas"):
        assert word not in lowered
    for pnr in NUMBERS:
        assert pnr not in text and pnr[2:] not in text
    assert not re.search(r"(?<![\w-])\d{10}(\d{2})?(?![\w-])", text)


# --- issue 14: a response counts for the schedule entry it belongs to ------------------------

LINK_TODAY = date(2026, 5, 20)
LINK_BORN = date(2026, 3, 1)  # 80 days old: BS1 (6 weeks-2 months 1 week), EPDS1 (6-8 weeks) due


def _screened_child(store: Store) -> tuple[str, str, str]:
    """A child enrolled from birth with HB2 done; returns (family, child, HB2 contact) ids."""
    with store.write() as uow:
        fam = families.create_family(uow)
        child = families.add_child(
            uow, family_id=fam.id, given_name="Ida", family_name="Test", birth_date=LINK_BORN
        )
        families.enroll(
            uow,
            family_id=fam.id,
            child_id=child.id,
            programme_id=PROGRAMME,
            start_date=LINK_BORN,
            inclusion_reason="first_time_parents",
        )
        hb2 = contacts.plan_contact(
            uow,
            family_id=fam.id,
            child_id=child.id,
            planned_date=add_months(LINK_BORN, 2),
            programme_id=PROGRAMME,
            contact_code="HB2",
            window_start=add_months(LINK_BORN, 2) - timedelta(weeks=1),
            window_end=add_months(LINK_BORN, 2) + timedelta(weeks=1),
        )
    return fam.id, child.id, hb2.id


def _screen(
    store: Store,
    family_id: str,
    child_id: str,
    form_id: str,
    on: date,
    *,
    contact_id: str | None = None,
    answers: dict[str, object] | None = None,
) -> None:
    with store.write() as uow:
        response = clinical.save_response(
            uow,
            family_id=family_id,
            form_id=form_id,
            form_version="1.0.0",
            answers=dict(answers or {}),
            child_id=child_id,
            contact_id=contact_id,
        )
        clinical.complete_response(
            uow,
            response.id,
            score=0,
            subscores={},
            flags=[],
            catalogue=CATALOGUE,
            completed_at=at(on),
        )


def _screenings(store: Store, child_id: str) -> tuple[int, int]:
    with store.read() as session:
        figures = child_programme_figures(session, today=LINK_TODAY, catalogue=CATALOGUE)
    return figures[child_id].screenings_due, figures[child_id].screenings_done


def test_barnsakert_done_at_hb2_counts_for_bs1(store: Store) -> None:
    family_id, child_id, _hb2 = _screened_child(store)
    assert _screenings(store, child_id) == (2, 0)  # BS1 and EPDS1 due, none done
    # done on HB2's target date: inside the schedule's BS1 window, which now covers HB2
    _screen(store, family_id, child_id, "barnsakert-style", add_months(LINK_BORN, 2))
    assert _screenings(store, child_id) == (2, 1)


def test_a_screening_made_at_hb2_counts_even_when_the_visit_was_late(store: Store) -> None:
    family_id, child_id, hb2 = _screened_child(store)
    late = add_months(LINK_BORN, 2) + timedelta(weeks=2)  # after BS1's window has closed
    _screen(store, family_id, child_id, "barnsakert-style", late)
    assert _screenings(store, child_id) == (2, 0)  # unlinked: matched by window only
    _screen(store, family_id, child_id, "barnsakert-style", late, contact_id=hb2)
    assert _screenings(store, child_id) == (2, 1)  # linked through its contact to BS1


def test_a_response_started_from_a_planned_screening_counts_for_that_entry(store: Store) -> None:
    from hembesok_desktop.domain.questionnaire.schedule_link import with_schedule_entry

    family_id, child_id, _hb2 = _screened_child(store)
    ten_weeks = LINK_BORN + timedelta(weeks=10)  # after EPDS1's 6-8 week window
    _screen(store, family_id, child_id, "epds", ten_weeks)
    assert _screenings(store, child_id) == (2, 0)
    named = with_schedule_entry({"resourceType": "QuestionnaireResponse"}, "EPDS1")
    _screen(store, family_id, child_id, "epds", ten_weeks, answers=named)
    assert _screenings(store, child_id) == (2, 1)
