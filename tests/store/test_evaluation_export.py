"""The evaluation export on a small store where every count is known by hand: six children
of team-a born 1 June 2024, exported on 1 September 2026 (27 months old)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, time

import pytest
from sqlmodel import select

from hembesok_desktop.domain.evaluation import aggregate
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.evaluation_export import (
    evaluation_records,
    export_aggregate_csv,
    export_per_child_csv,
)
from hembesok_desktop.store.models import SYNCED_MODELS, Setting
from hembesok_desktop.store.services import child_health, clinical, contacts, families, planning
from tests.support.catalogue import CATALOGUE

TODAY = date(2026, 9, 1)
BORN = date(2024, 6, 1)
P = "extended_home_visits"


def at(day: date) -> datetime:
    return datetime.combine(day, time(10), tzinfo=UTC)


def _contact(uow: object, child_id: str, code: str) -> str:
    from hembesok_desktop.store.models import Contact

    session = uow.session  # type: ignore[attr-defined]
    return session.exec(
        select(Contact.id).where(Contact.child_id == child_id, Contact.contact_code == code)
    ).one()


@pytest.fixture
def small(store: Store) -> Store:
    forms = {1: "on_site", 2: "on_site", 3: "on_site", 4: "phone", 5: "phone"}
    with store.write() as uow:
        uow.as_of = at(TODAY)
        for n in range(1, 7):
            family = families.create_family(
                uow, address=f"Påhittade gränd {n}", interpreter_needed=n <= 5, team_id="team-a"
            )
            child = families.add_child(
                uow,
                family_id=family.id,
                given_name=f"Barn{n}",
                family_name="Testsson",
                birth_date=BORN,
            )
            enrollment = families.enroll(
                uow,
                family_id=family.id,
                child_id=child.id,
                programme_id=P,
                start_date=date(2024, 6, 5),
                inclusion_reason="first_time_parents" if n <= 5 else "first_child_in_sweden",
            )
            uow.session.flush()
            planning.plan_programme(
                uow, enrollment_id=enrollment.id, today=TODAY, catalogue=CATALOGUE
            )
            uow.session.flush()
            used = n <= 5
            contacts.record_contact(
                uow,
                _contact(uow, child.id, "HB1"),
                status="done",
                performed_at=at(date(2024, 6, 10)),
                interpreter_used=used,
                interpreter_language="so" if used else "",
                interpreter_form=forms.get(n, ""),
            )
            hb2 = _contact(uow, child.id, "HB2")
            if n <= 4:
                contacts.record_contact(uow, hb2, status="done", performed_at=at(date(2024, 8, 1)))
            elif n == 5:  # late: HB2's window closed on 8 August
                contacts.record_contact(uow, hb2, status="done", performed_at=at(date(2024, 8, 20)))
            else:
                contacts.record_contact(uow, hb2, status="missed", reason="Ej hemma")
            feed = {
                date(2024, 8, 1): "exclusive" if n <= 5 else "none",
                date(2024, 12, 1): "partial",
                date(2025, 6, 1): "none",
            }
            for day, status in feed.items():
                child_health.record_feeding(uow, child_id=child.id, recorded_on=day, status=status)
            doses = [("dtap_ipv_hib_hepb", 1, date(2024, 9, 1))]
            if n <= 5:
                doses += [
                    ("dtap_ipv_hib_hepb", 2, date(2024, 11, 1)),
                    ("pcv", 1, date(2024, 9, 1)),
                    ("pcv", 2, date(2024, 11, 1)),
                    ("mmr", 1, date(2025, 12, 1)),
                ]
            for vaccine, dose, day in doses:
                child_health.record_vaccination(
                    uow,
                    child_id=child.id,
                    vaccine=vaccine,
                    dose_number=dose,
                    given_on=day,
                    catalogue=CATALOGUE,
                )
            epds_day = date(2024, 7, 21) if n <= 5 else date(2024, 8, 10)  # day 50 / day 70
            response = clinical.save_response(
                uow,
                family_id=family.id,
                child_id=child.id,
                form_id="epds",
                form_version="1",
                answers={},
            )
            flags = [{"id": "total", "severity": "positive"}] if n <= 2 else []
            clinical.complete_response(
                uow,
                response.id,
                catalogue=CATALOGUE,
                score=14 if n <= 2 else 3,
                subscores={},
                flags=flags,
                completed_at=at(epds_day),
            )
    store.set_setting("replica_id", "replica-0001")
    return store


def _csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _expected() -> list[list[str]]:
    f = "<5"
    rows = []
    for code, made, on_time in [
        ("EM1", f, f),
        ("EM2", f, f),
        ("HB1", "6", "6"),
        ("HB2", "5", f),
        ("HB3", f, f),
        ("HB4", f, f),
        ("HB5", f, f),
        ("HB6", f, f),
    ]:
        rows.append([code, "contacts_made", "", made, "6"])
        rows.append([code, "contacts_on_time", "", on_time, "6"])
    feeding = {
        "2m": ("5", f, f, f),
        "4m": (f, f, f, "6"),
        "6m": (f, "6", f, f),
        "12m": (f, f, "6", f),
    }
    for point, counts in feeding.items():
        for category, count in zip(
            ("exclusive", "partial", "none", "not_recorded"), counts, strict=True
        ):
            rows.append([point, "breastfeeding", category, count, "6"])
    rows += [
        ["12m", "vaccination", "dtap_pcv_doses_1_2", "5", "6"],
        ["18m", "vaccination", "mmr_dose_1", "5", "6"],
        ["6-8w", "epds", "done", "5", "6"],
        ["6-8w", "epds", "positive", f, "5"],
        ["30-36m", "language_screening", "done", f, f],
        ["30-36m", "language_screening", "concern", f, f],
        ["all", "interpreter", "needed", "5", "6"],
        ["all", "interpreter", "used_at_contacts", "5", "10"],
        ["all", "interpreter", "form_on_site", f, "5"],
        ["all", "interpreter", "form_phone", f, "5"],
        ["all", "interpreter", "form_video", f, "5"],
        ["all", "inclusion_reason", "first_child_in_sweden", f, "6"],
        ["all", "inclusion_reason", "first_time_parents", "5", "6"],
    ]
    return [[P, "team-a", *row] for row in rows]


def test_the_aggregate_table_is_exactly_the_hand_worked_one(small: Store) -> None:
    out = io.StringIO()
    with small.read() as session:
        written = export_aggregate_csv(session, out, today=TODAY, catalogue=CATALOGUE)
    header, *rows = _csv(out.getvalue())
    assert header[:7] == [
        "programme_id",
        "team_id",
        "age_point",
        "measure",
        "category",
        "count",
        "denominator",
    ]
    assert written == len(rows)
    assert [row[:7] for row in rows] == _expected()
    bhvq = {row[3]: row[7] for row in rows}
    assert bhvq["breastfeeding"] and bhvq["epds"] and bhvq["vaccination"]


def test_the_raw_counts_behind_the_suppressed_cells(small: Store) -> None:
    with small.read() as session:
        records = evaluation_records(session, today=TODAY, catalogue=CATALOGUE)
    rows = {
        (r.age_point, r.measure, r.category): (r.count, r.denominator)
        for r in aggregate(records, today=TODAY)
    }
    assert rows[("HB2", "contacts_on_time", "")] == (4, 6)
    assert rows[("2m", "breastfeeding", "none")] == (1, 6)
    assert rows[("6-8w", "epds", "positive")] == (2, 5)
    assert rows[("all", "interpreter", "form_on_site")] == (3, 5)
    assert rows[("all", "interpreter", "form_phone")] == (2, 5)
    assert rows[("30-36m", "language_screening", "done")] == (0, 0)


def test_a_voided_record_no_longer_counts(small: Store) -> None:
    from hembesok_desktop.store.models import FeedingRecord

    with small.read() as session:
        ids = [
            r.id for r in session.exec(select(FeedingRecord)) if r.recorded_on == date(2024, 8, 1)
        ]
    with small.write() as uow:
        child_health.void_record(uow, "feeding_record", ids[0], reason="Fel datum")
    with small.read() as session:
        records = evaluation_records(session, today=TODAY, catalogue=CATALOGUE)
    counts = {
        (r.age_point, r.category): r.count
        for r in aggregate(records, today=TODAY)
        if r.measure == "breastfeeding"
    }
    assert counts[("2m", "not_recorded")] == 1
    assert counts[("2m", "exclusive")] + counts[("2m", "none")] == 5


def _store_ids(store: Store) -> set[str]:
    ids: set[str] = set()
    with store.read() as session:
        for model in SYNCED_MODELS:
            for row in session.exec(select(model)):
                ids |= {row.id, row.family_id}
                for name in ("child_id", "contact_id", "response_id", "team_id"):
                    value = getattr(row, name, None)
                    if value:
                        ids.add(str(value))
        for setting in session.exec(select(Setting)):
            if isinstance(setting.value, str) and len(setting.value) >= 8:
                ids.add(setting.value)
    return ids


def test_the_per_child_file_holds_no_store_id_and_new_keys_each_export(small: Store) -> None:
    files = []
    for _ in range(2):
        out = io.StringIO()
        with small.read() as session:
            assert export_per_child_csv(session, out, today=TODAY, catalogue=CATALOGUE) == 6
        files.append(out.getvalue())
    text = files[0]
    ids = _store_ids(small)
    assert "team-a" in ids and len(ids) > 50
    for value in ids:
        assert value not in text
    header, *rows = _csv(text)
    assert header[0] == "child_key" and len(rows) == 6
    assert "Barn1" not in text and "Testsson" not in text and "gränd" not in text
    keys = [{row[0] for row in _csv(f)[1:]} for f in files]
    assert len(keys[0]) == 6 and not keys[0] & keys[1]
    by_column = [dict(zip(header, row, strict=True)) for row in rows]
    assert sorted(r["vaccinated_12m"] for r in by_column) == ["0", "1", "1", "1", "1", "1"]
    assert sorted(r["feeding_2m"] for r in by_column) == ["exclusive"] * 5 + ["none"]
    assert {r["birth_year"] for r in by_column} == {"2024"}
