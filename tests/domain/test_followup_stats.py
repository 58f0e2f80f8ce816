"""Follow-up figures per child, family and caseload, and the anonymous CSV export.

Windows used below (worked out by hand), for a child born 31 January 2024:
HB1 7-14 Feb, HB2 24 Mar-7 Apr, HB3 17 May-14 Jun, HB4 17 Jul-14 Aug, HB5 16 Sep-14 Oct;
BarnSäkert and EPDS at 6-8 weeks 13-27 Mar, BarnSäkert at 4 months 17 May-14 Jun.
For a child born 31 August 2023: HB4 15 Feb-14 Mar, HB5 16 Apr-14 May, EM1 16 Jun-14 Jul 2024.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from hembesok_desktop.domain.followup_stats import (
    CSV_COLUMNS,
    ChildProgrammeRecords,
    FigureLevel,
    FollowUpFigures,
    caseload_figures,
    check_opaque_id,
    child_figures,
    family_figures,
    figure_rows,
    write_figures_csv,
)
from hembesok_desktop.domain.planning import (
    PlannedContact,
    RecordedContact,
    RecordedStatus,
    plan_contacts,
)
from hembesok_desktop.domain.programmes import Programme, load_programme
from hembesok_desktop.domain.timeline import FollowUpRecord, ScreeningRecord

PROGRAMMES = Path(__file__).resolve().parents[2] / "resources" / "programmes"
D = dt.date
TODAY = D(2024, 7, 20)
EXT = "extended_home_visits"

CHILD_A = "5b0c8f6e-1d7a-4c1e-9f55-0a1b2c3d4e01"
CHILD_B = "5b0c8f6e-1d7a-4c1e-9f55-0a1b2c3d4e02"
CHILD_C = "5b0c8f6e-1d7a-4c1e-9f55-0a1b2c3d4e03"
FAMILY_1 = "9d2e0a41-6f0b-4b8e-8a11-f00d00000001"
FAMILY_2 = "9d2e0a41-6f0b-4b8e-8a11-f00d00000002"
CASELOAD = "team-7f3a"


def _load(name: str) -> Programme:
    return load_programme(PROGRAMMES / name, schema_path=PROGRAMMES / "programme.schema.json")


def _plan(name: str, birth: D, enrollment_start: D) -> list[PlannedContact]:
    return plan_contacts(
        programme=_load(name), birth_date=birth, enrollment_start=enrollment_start, today=TODAY
    )


def _rec(code: str, status: RecordedStatus, day: D) -> RecordedContact:
    return RecordedContact(EXT, code, status, day)


def _child_a() -> ChildProgrammeRecords:
    birth = D(2024, 1, 31)
    return ChildProgrammeRecords(
        child_id=CHILD_A,
        family_id=FAMILY_1,
        contacts=_plan("extended_home_visits.json", birth, birth),
        recorded=[
            _rec("HB1", RecordedStatus.DONE, D(2024, 2, 12)),  # on time
            _rec("HB2", RecordedStatus.DONE, D(2024, 4, 10)),  # late: window ended 7 Apr
            _rec("HB3", RecordedStatus.MISSED, D(2024, 6, 1)),
            _rec("HB5", RecordedStatus.DONE, D(2024, 7, 15)),  # early: window opens 16 Sep
        ],
        screening_plan=_plan("screening_schedule.json", birth, birth),
        screenings=[
            # inside BS1's window, no schedule code: matched by form and date
            ScreeningRecord(
                "s-1", D(2024, 3, 20), "barnsakert", positive=True, flags=("economic_worries",)
            ),
            # outside EPDS1's window but explicitly for EPDS1
            ScreeningRecord(
                "s-2", D(2024, 4, 2), "epds", positive=True, score=14, schedule_code="EPDS1"
            ),
            # after today: not counted
            ScreeningRecord("s-3", D(2024, 7, 25), "barnsakert", positive=True),
        ],
        follow_ups=[FollowUpRecord("f-1", D(2024, 3, 20), "conversation", "accepted", "s-1")],
    )


def _child_b() -> ChildProgrammeRecords:
    birth, enrolled = D(2023, 8, 31), D(2024, 1, 31)  # enrolled at five months
    return ChildProgrammeRecords(
        child_id=CHILD_B,
        family_id=FAMILY_2,
        contacts=_plan("extended_home_visits.json", birth, enrolled),
        recorded=[
            _rec("HB2", RecordedStatus.DONE, D(2023, 11, 1)),  # before enrollment: not counted
            _rec("HB4", RecordedStatus.DONE, D(2024, 3, 1)),
            _rec("HB5", RecordedStatus.DONE, D(2024, 5, 14)),  # last day of the window
        ],
    )


def _child_c() -> ChildProgrammeRecords:
    birth = D(2024, 1, 31)  # twin of A
    return ChildProgrammeRecords(
        child_id=CHILD_C,
        family_id=FAMILY_1,
        contacts=_plan("extended_home_visits.json", birth, birth),
        recorded=[_rec("HB1", RecordedStatus.DONE, D(2024, 2, 14))],
    )


FIGURES_A = FollowUpFigures(
    contacts_in_programme=8,
    contacts_planned=5,  # HB1-HB4 opened by 20 Jul, and HB5 done early
    contacts_done=3,
    contacts_on_time=1,
    contacts_late=1,
    contacts_early=1,
    screenings_due=3,  # BS1, EPDS1, BS2
    screenings_done=2,
    screenings_positive=2,
    positive_with_follow_up=1,
)
FIGURES_B = FollowUpFigures(
    contacts_in_programme=5,  # HB4, HB5, EM1, HB6, EM2
    contacts_planned=3,  # HB4, HB5, EM1
    contacts_done=2,
    contacts_on_time=2,
)
FIGURES_C = FollowUpFigures(
    contacts_in_programme=8, contacts_planned=4, contacts_done=1, contacts_on_time=1
)


def test_child_figures() -> None:
    assert child_figures(_child_a(), today=TODAY) == FIGURES_A
    assert child_figures(_child_b(), today=TODAY) == FIGURES_B
    assert child_figures(_child_c(), today=TODAY) == FIGURES_C


def test_participation() -> None:
    assert FIGURES_A.participation == pytest.approx(3 / 5)
    assert FollowUpFigures().participation is None


def test_family_and_caseload_figures() -> None:
    children = [_child_a(), _child_b(), _child_c()]
    families = family_figures(children, today=TODAY)
    assert families == {
        FAMILY_1: FollowUpFigures(16, 9, 4, 2, 1, 1, 3, 2, 2, 1),
        FAMILY_2: FIGURES_B,
    }
    assert caseload_figures(children, today=TODAY) == FollowUpFigures(
        21, 12, 6, 4, 1, 1, 3, 2, 2, 1
    )


def test_a_screening_record_counts_for_one_due_screening_only() -> None:
    birth = D(2024, 1, 31)
    child = ChildProgrammeRecords(
        child_id=CHILD_A,
        family_id=FAMILY_1,
        contacts=[],
        recorded=[],
        screening_plan=_plan("screening_schedule.json", birth, birth),
        screenings=[ScreeningRecord("s-1", D(2024, 3, 20), "barnsakert", positive=False)],
    )
    figures = child_figures(child, today=TODAY)
    assert (figures.screenings_due, figures.screenings_done) == (3, 1)
    assert figures.screenings_positive == 0


def test_rows_per_child_family_and_caseload() -> None:
    rows = figure_rows([_child_a(), _child_b(), _child_c()], today=TODAY, caseload_id=CASELOAD)
    assert [(r.level, r.family_id, r.child_id) for r in rows] == [
        (FigureLevel.CHILD, FAMILY_1, CHILD_A),
        (FigureLevel.CHILD, FAMILY_2, CHILD_B),
        (FigureLevel.CHILD, FAMILY_1, CHILD_C),
        (FigureLevel.FAMILY, FAMILY_1, None),
        (FigureLevel.FAMILY, FAMILY_2, None),
        (FigureLevel.CASELOAD, None, None),
    ]
    assert rows[-1].figures.contacts_done == 6


def test_csv_has_opaque_ids_and_counts_only() -> None:
    rows = figure_rows([_child_a(), _child_b(), _child_c()], today=TODAY, caseload_id=CASELOAD)
    out = io.StringIO()
    write_figures_csv(rows, out)
    text = out.getvalue()
    table = list(csv.reader(io.StringIO(text)))
    assert tuple(table[0]) == CSV_COLUMNS
    assert table[0][:4] == ["level", "caseload_id", "family_id", "child_id"]
    assert table[1][:4] == ["child", CASELOAD, FAMILY_1, CHILD_A]
    assert [int(cell) for cell in table[1][4:]] == [8, 5, 3, 1, 1, 1, 3, 2, 2, 1]
    assert table[-1][:4] == ["caseload", CASELOAD, "", ""]
    assert [int(cell) for cell in table[-1][4:]] == [21, 12, 6, 4, 1, 1, 3, 2, 2, 1]
    allowed_ids = {CASELOAD, FAMILY_1, FAMILY_2, CHILD_A, CHILD_B, CHILD_C, ""}
    for line in table[1:]:
        assert line[0] in {"child", "family", "caseload"}
        assert set(line[1:4]) <= allowed_ids
        assert all(cell.isdigit() for cell in line[4:])
    for word in ("name", "personnummer", "economic_worries", "conversation", "epds"):
        assert word not in text.lower()


@pytest.mark.parametrize(
    "bad_id",
    [
        "Anna Svensson",  # a name
        "Åsa",  # not a plain token
        "201401312383",  # personnummer, 12 digits
        "20140131-2383",
        "140131-2383",
        "1401312383",
        "",
    ],
)
def test_csv_refuses_ids_that_are_not_opaque(bad_id: str) -> None:
    child = ChildProgrammeRecords(child_id=bad_id, family_id=FAMILY_1, contacts=[], recorded=[])
    out = io.StringIO()
    rows = figure_rows([child], today=TODAY, caseload_id=CASELOAD)
    with pytest.raises(ValueError, match="exported id"):
        write_figures_csv(rows, out)
    assert out.getvalue() == ""


def test_uuid_ids_are_opaque() -> None:
    assert check_opaque_id(CHILD_A) == CHILD_A
