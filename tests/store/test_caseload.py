"""The caseload work lists on a small hand-built caseload with known answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest

from hembesok_desktop.domain.identity import luhn_check_digit
from hembesok_desktop.store.caseload import (
    WORKLISTS,
    CaseloadRow,
    age_text,
    caseload_row,
    caseload_rows,
)
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.services import clinical, contacts, families
from hembesok_desktop.store.unit_of_work import UnitOfWork
from tests.support.catalogue import CATALOGUE

TODAY = date(2026, 6, 17)  # a Wednesday: its ISO week runs 15-21 June
PROGRAMME = "extended_home_visits"


def personal_number(birth: date, serial: str) -> str:
    """A valid-in-form 12-digit personnummer (fictional)."""
    ten = f"{birth:%y%m%d}{serial}"
    return f"{birth:%Y%m%d}{serial}{luhn_check_digit(ten)}"


ASA_NUMBER = personal_number(date(1994, 3, 12), "238")


@dataclass
class Ids:
    family: str
    child: str | None = None


def family(
    uow: UnitOfWork,
    guardians: list[tuple[str, str, bool]],
    *,
    address: str,
    area: str = "Exempelhöjden",
    child: tuple[str, date] | None = None,
    enrolled: date | None = None,
    ended: date | None = None,
    guardian_number: str = "",
    interpreter: str = "",
) -> Ids:
    row = families.create_family(
        uow,
        address=address,
        area=area,
        interpreter_needed=bool(interpreter),
        interpreter_language=interpreter,
    )
    for index, (given, surname, birthing) in enumerate(guardians):
        families.add_guardian(
            uow,
            family_id=row.id,
            given_name=given,
            family_name=surname,
            birthing_parent=birthing,
            identity_number=guardian_number if index == 0 else "",
        )
    ids = Ids(row.id)
    if child is not None:
        ids.child = families.add_child(
            uow,
            family_id=row.id,
            given_name=child[0],
            family_name=guardians[0][1],
            birth_date=child[1],
        ).id
        start = enrolled or child[1] + timedelta(days=5)
        enrollment = families.enroll(
            uow,
            family_id=row.id,
            child_id=ids.child,
            programme_id=PROGRAMME,
            start_date=start,
            inclusion_reason="first_time_parents",
        )
        if ended is not None:
            families.end_enrollment(uow, enrollment.id, end_date=ended, reason="Flyttat")
    return ids


def contact(
    uow: UnitOfWork,
    ids: Ids,
    code: str,
    planned: date,
    window: tuple[date, date] | None = None,
    *,
    status: str = "planned",
) -> str:
    row = contacts.plan_contact(
        uow,
        family_id=ids.family,
        child_id=ids.child,
        planned_date=planned,
        programme_id=PROGRAMME if code else "",
        contact_code=code,
    )
    if window is not None:
        uow.update(row, window_start=window[0], window_end=window[1])
    if status == "done":
        moment = datetime.combine(planned, datetime.min.time(), tzinfo=UTC)
        contacts.record_contact(uow, row.id, status="done", performed_at=moment)
    elif status != "planned":
        contacts.record_contact(uow, row.id, status=status, reason="Ej hemma")
    return row.id


def flagged_response(uow: UnitOfWork, ids: Ids, *, flags: bool = True) -> str:
    response = clinical.save_response(
        uow, family_id=ids.family, form_id="barnsakert-style", form_version="1.0.0", answers={}
    )
    clinical.complete_response(
        uow,
        response.id,
        score=2 if flags else 0,
        subscores={},
        flags=[{"id": "economy", "area": "economy", "severity": "positive"}] if flags else [],
        catalogue=CATALOGUE,
    )
    return response.id


def week(days: int) -> date:
    return TODAY + timedelta(days=days)


@pytest.fixture
def caseload(store: Store) -> dict[str, Ids]:
    """Families with known work lists on TODAY (see each comment)."""
    with store.write() as uow:
        f: dict[str, Ids] = {}
        # due today: planned for today inside its window
        f["oberg"] = family(
            uow,
            [("Ärling", "Öberg", False), ("Åsa", "Öberg", True)],
            address="Påhittade gränd 3",
            child=("Liv", date(2026, 4, 17)),
            guardian_number=ASA_NUMBER,
            interpreter="",
        )
        contact(uow, f["oberg"], "HB2", TODAY, (week(-7), week(7)))
        # this week (Friday), window already open, so not today
        f["hassan"] = family(
            uow,
            [("Amina", "Hassan", True), ("Ali", "Hassan", False)],
            address="Låtsasvägen 12",
            area="Fiktionsberga",
            child=("Sara", date(2026, 2, 17)),
            interpreter="so",
        )
        contact(uow, f["hassan"], "HB3", week(2), (week(-12), week(16)))
        # window ended last week with nothing recorded: overdue; also one done long ago
        f["berg"] = family(
            uow,
            [("Kim", "Berg", True)],
            address="Demogatan 1",
            child=("Noa", date(2026, 2, 3)),
        )
        contact(
            uow,
            f["berg"],
            "HB1",
            date(2026, 2, 13),
            (date(2026, 2, 10), date(2026, 2, 17)),
            status="done",
        )
        contact(uow, f["berg"], "HB2", week(-20), (week(-27), week(-8)))
        contact(uow, f["berg"], "HB3", week(40), (week(30), week(50)))
        # enrolled late (at 5 months): rows for HB1-HB3, whose windows ended before the
        # enrollment, are not applicable, so neither overdue nor next due
        f["late"] = family(
            uow,
            [("Lo", "Sent", True)],
            address="Exempelvägen 9",
            child=("Ebbe", date(2026, 1, 10)),
            enrolled=date(2026, 6, 10),
        )
        contact(uow, f["late"], "HB1", date(2026, 1, 20), (date(2026, 1, 17), date(2026, 1, 24)))
        contact(uow, f["late"], "HB2", date(2026, 3, 10), (date(2026, 3, 3), date(2026, 3, 17)))
        contact(uow, f["late"], "HB4", date(2026, 7, 10), (date(2026, 6, 26), date(2026, 7, 24)))
        # enrollment ended: a contact planned after the end no longer counts
        f["ended"] = family(
            uow,
            [("Ture", "Slut", True)],
            address="Fiktionsgatan 2",
            child=("Vide", date(2026, 4, 17)),
            ended=date(2026, 5, 1),
        )
        contact(uow, f["ended"], "HB2", TODAY, (week(-7), week(7)))
        # a positive screening nobody has followed up
        f["flagged"] = family(uow, [("Mira", "Flagg", True)], address="Testvägen 4")
        flagged_response(uow, f["flagged"])
        flagged_response(uow, f["flagged"], flags=False)
        # an open follow-up; its positive screening is followed up, so not counted as flagged
        f["offered"] = family(uow, [("Olle", "Erbjuden", True)], address="Testvägen 6")
        response = flagged_response(uow, f["offered"])
        clinical.record_follow_up(
            uow,
            catalogue=CATALOGUE,
            family_id=f["offered"].family,
            response_id=response,
            offer_kind=CATALOGUE.offer_ids.__iter__().__next__(),
            decision="accepted",
        )
        # nothing open; a done contact earlier this week does not put it on the week list
        f["quiet"] = family(
            uow, [("Ada", "Lugn", True)], address="Övningsvägen 5", child=("Ines", date(2025, 6, 1))
        )
        contact(uow, f["quiet"], "HB6", week(-1), (week(-20), week(10)), status="done")
        # ad hoc bookings without a window: one today, one last week (overdue)
        f["adhoc"] = family(uow, [("Bo", "Bokad", True)], address="Påhittsstigen 8")
        contact(uow, f["adhoc"], "", TODAY)
        contact(uow, f["adhoc"], "", week(-6))
    return f


def names(rows: list[CaseloadRow]) -> list[str]:
    return [row.display_name for row in rows]


def test_work_lists_hold_exactly_the_known_families(store: Store, caseload: dict[str, Ids]) -> None:
    ids = {ids.family: key for key, ids in caseload.items()}
    with store.read() as session:
        lists = {
            name: sorted(
                ids[row.family_id] for row in caseload_rows(session, worklist=name, today=TODAY)
            )
            for name in WORKLISTS
        }
    assert lists["all"] == sorted(caseload)
    assert lists["today"] == ["adhoc", "oberg"]
    assert lists["week"] == ["adhoc", "hassan", "oberg"]
    assert lists["overdue"] == ["adhoc", "berg"]
    assert lists["followup"] == ["flagged", "offered"]


def test_rows_carry_names_ages_next_due_and_counts(store: Store, caseload: dict[str, Ids]) -> None:
    with store.read() as session:
        rows = {row.family_id: row for row in caseload_rows(session, today=TODAY)}
    oberg = rows[caseload["oberg"].family]
    assert oberg == CaseloadRow(
        family_id=caseload["oberg"].family,
        display_name="Åsa Öberg, Ärling Öberg",
        children_by_birth="2026-04-17 Liv",
        address="Påhittade gränd 3",
        area="Exempelhöjden",
        next_due_date=TODAY,
        next_due_code="HB2",
        overdue=0,
        interpreter_needed=False,
        interpreter_language="",
        open_follow_ups=0,
        flagged_screenings=0,
        as_of=TODAY,
    )
    assert oberg.children == "Liv (2 mån)"
    hassan = rows[caseload["hassan"].family]
    assert (hassan.display_name, hassan.children) == ("Amina Hassan, Ali Hassan", "Sara (4 mån)")
    assert (hassan.interpreter_needed, hassan.interpreter_language) == (True, "so")
    berg = rows[caseload["berg"].family]
    assert (berg.next_due_date, berg.next_due_code, berg.overdue) == (week(-20), "HB2", 1)
    late = rows[caseload["late"].family]
    assert (late.next_due_date, late.next_due_code, late.overdue) == (date(2026, 7, 10), "HB4", 0)
    ended = rows[caseload["ended"].family]
    assert (ended.next_due_date, ended.overdue) == (None, 0)
    adhoc = rows[caseload["adhoc"].family]
    assert (adhoc.next_due_date, adhoc.next_due_code, adhoc.overdue) == (week(-6), "", 1)
    assert rows[caseload["flagged"].family].flagged_screenings == 1
    offered = rows[caseload["offered"].family]
    assert (offered.open_follow_ups, offered.flagged_screenings) == (1, 0)


def test_sorted_by_next_due_then_name_nothing_planned_last(
    store: Store, caseload: dict[str, Ids]
) -> None:
    with store.read() as session:
        rows = caseload_rows(session, today=TODAY)
    assert names(rows) == [
        "Kim Berg",  # overdue HB2, 20 days ago
        "Bo Bokad",  # ad hoc, 6 days ago
        "Åsa Öberg, Ärling Öberg",  # today (sorts with the folded name "asa oberg")
        "Amina Hassan, Ali Hassan",  # Friday
        "Lo Sent",  # 10 July
        # nothing open, by folded display name
        "Ada Lugn",
        "Mira Flagg",
        "Olle Erbjuden",
        "Ture Slut",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("asa oberg", ["oberg"]),  # å and ö folded
        ("ÅSA ÖBERG", ["oberg"]),
        ("öb", ["oberg"]),  # as the nurse types
        (ASA_NUMBER, ["oberg"]),  # 12 digits
        (ASA_NUMBER[2:], ["oberg"]),  # 10 digits
        ("påhittade", ["oberg"]),  # address
        ("testvägen", ["flagged", "offered"]),
        ("amina oberg", []),  # every word must match
        ("hassan", ["hassan"]),
        ("fiktionsberga", ["hassan"]),  # area
    ],
)
def test_search_as_you_type(
    store: Store, caseload: dict[str, Ids], query: str, expected: list[str]
) -> None:
    keys = {ids.family: key for key, ids in caseload.items()}
    with store.read() as session:
        rows = caseload_rows(session, query=query, today=TODAY)
    assert sorted(keys[row.family_id] for row in rows) == expected


def test_search_narrows_a_work_list(store: Store, caseload: dict[str, Ids]) -> None:
    with store.read() as session:
        assert caseload_rows(session, worklist="today", query="hassan", today=TODAY) == []
        assert names(caseload_rows(session, worklist="week", query="hassan", today=TODAY)) == [
            "Amina Hassan, Ali Hassan"
        ]


def test_week_is_monday_to_sunday(store: Store, caseload: dict[str, Ids]) -> None:
    with store.read() as session:
        # on the next Monday, Friday's contact is last week's, and nothing is planned this week
        assert caseload_rows(session, worklist="week", today=date(2026, 6, 22)) == []
        # on Sunday the 21st, Friday the 19th is still this week
        sunday = caseload_rows(session, worklist="week", today=date(2026, 6, 21))
        assert "Amina Hassan, Ali Hassan" in names(sunday)


def test_caseload_row_refreshes_one_family_after_a_write(
    store: Store, caseload: dict[str, Ids]
) -> None:
    berg = caseload["berg"].family
    with store.read() as session:
        before = caseload_row(session, berg, today=TODAY)
        assert before is not None and before.overdue == 1
        [listed] = [r for r in caseload_rows(session, today=TODAY) if r.family_id == berg]
        assert before == listed
        overdue_id = (
            session.connection()
            .exec_driver_sql(
                "SELECT id FROM contact WHERE family_id = ? AND contact_code = 'HB2'", (berg,)
            )
            .scalar_one()
        )
    with store.write() as uow:
        contacts.record_contact(uow, overdue_id, status="missed", reason="Ej hemma")
    with store.read() as session:
        after = caseload_row(session, berg, today=TODAY)
        assert after is not None
        assert (after.overdue, after.next_due_code, after.next_due_date) == (0, "HB3", week(40))
        assert caseload_row(session, "no-such-family", today=TODAY) is None


def test_unknown_work_list_is_refused(store: Store) -> None:
    with store.read() as session, pytest.raises(ValueError, match="unknown work list"):
        caseload_rows(session, worklist="tomorrow", today=TODAY)


@pytest.mark.parametrize(
    ("born", "today", "expected"),
    [
        (date(2026, 6, 15), date(2026, 6, 17), "2 d"),
        (date(2026, 6, 3), date(2026, 6, 17), "2 v"),
        (date(2026, 1, 31), date(2026, 2, 28), "1 mån"),  # calendar months, clamped
        (date(2026, 1, 31), date(2026, 2, 27), "3 v"),
        (date(2025, 6, 18), date(2026, 6, 17), "11 mån"),
        (date(2024, 6, 17), date(2026, 6, 17), "2 år"),
    ],
)
def test_age_text(born: date, today: date, expected: str) -> None:
    assert age_text(born, today) == expected
