"""A region's LMS table (``domain.growth_lms``): parsing, z by the hand formula, interpolation,
the inverse for the SD channels, gestational correction, and refusals in one sentence."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from hembesok_desktop.domain.growth_lms import (
    LmsFormatError,
    LmsReference,
    parse_lms,
)

#: a small made-up table: girls' weight at 0, 6 and 12 months; boys' length with L = 0
CSV = """sex,measure,age_months,L,M,S
female,weight,0,0.38,3.2,0.14
female,weight,6,0.17,7.3,0.12
female,weight,12,0.05,8.9,0.12
male,length,0,0,50.0,0.038
male,length,12,0,76.0,0.032
"""


def hand_z(x: float, l_: float, m: float, s: float) -> float:
    return math.log(x / m) / s if l_ == 0 else ((x / m) ** l_ - 1) / (l_ * s)


@pytest.fixture
def reference() -> LmsReference:
    return LmsReference(parse_lms(CSV, fmt="csv", name="Testregion"))


def test_z_at_a_tabulated_age_is_the_hand_formula(reference: LmsReference) -> None:
    assert reference.sds("weight", "female", 0.5, 8.0) == pytest.approx(
        hand_z(8.0, 0.17, 7.3, 0.12), abs=1e-12
    )
    assert reference.sds("length", "male", 0.0, 52.0) == pytest.approx(
        math.log(52.0 / 50.0) / 0.038, abs=1e-12
    )
    assert reference.key == "lms:Testregion" and reference.name == "Testregion"


def test_between_ages_l_m_s_are_interpolated(reference: LmsReference) -> None:
    # 9 months: half way between 6 and 12 months
    l_, m, s = (0.17 + 0.05) / 2, (7.3 + 8.9) / 2, 0.12
    assert reference.sds("weight", "female", 0.75, 8.4) == pytest.approx(
        hand_z(8.4, l_, m, s), abs=1e-12
    )


def test_outside_the_table_no_z(reference: LmsReference) -> None:
    assert reference.sds("weight", "female", 1.5, 10.0) is None
    assert reference.sds("weight", "male", 0.5, 8.0) is None  # no boys' weight in the table
    assert reference.sds("head_circumference", "female", 0.5, 42.0) is None
    assert reference.sds("weight", "", 0.5, 8.0) is None
    assert reference.sds("weight", "female", 0.5, 0.0) is None


def test_gestation_correction_uses_the_corrected_age(reference: LmsReference) -> None:
    age = 0.5 + 56 / 365.25  # born at 32+0 weeks: corrected to exactly 6 months
    assert reference.sds("weight", "female", age, 8.0, gestation_days=32 * 7) == pytest.approx(
        hand_z(8.0, 0.17, 7.3, 0.12), abs=1e-9
    )


def test_channels_plus_two_sd_is_the_value_at_z_two(reference: LmsReference) -> None:
    channels = reference.channels("weight", "female", 1.0, steps=4)
    plus_two = next(c for c in channels if c.sds == 2)
    age, value = plus_two.points[2]  # 6 months
    assert age == pytest.approx(0.5)
    assert value == pytest.approx(7.3 * (1 + 0.17 * 0.12 * 2) ** (1 / 0.17), abs=1e-12)
    for age, value in plus_two.points:
        assert reference.sds("weight", "female", age, value) == pytest.approx(2.0, abs=1e-9)
    minus_three = next(c for c in reference.channels("length", "male", 1.0) if c.sds == -3)
    assert minus_three.points[0][1] == pytest.approx(50.0 * math.exp(-3 * 0.038))


def test_json_gives_the_same_table_and_its_name() -> None:
    rows = [
        {"sex": "female", "measure": "weight", "age_days": d, "L": 0.1, "M": m, "S": 0.12}
        for d, m in ((0, 3.2), (182.625, 7.3))
    ]
    table = parse_lms(json.dumps({"name": "Region X", "rows": rows}), fmt="json")
    assert table.name == "Region X"
    assert table.age_range("weight", "female") == (0.0, 0.5)
    semicolons = (
        "sex;measure;age_years;L;M;S\n"
        "female;weight;0;0,1;3,2;0,12\n"
        "female;weight;0,5;0,1;7,3;0,12\n"
    )
    assert parse_lms(semicolons, fmt="csv").series == table.series


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sex,measure,age_months,L,M,S\n", "no rows"),
        (CSV.replace("female,weight,0,", "girl,weight,0,"), "row 1 .*sex must be male or female"),
        (CSV.replace("male,length,12,0,76.0", "male,height,12,0,76.0"), "row 5 .*measure"),
        (CSV.replace("0.17,7.3", "0.17,abc"), "row 2 .*M must be a number"),
        (CSV.replace("0.17,7.3,0.12", "0.17,7.3,-0.12"), "row 2 .*S positive"),
        (CSV.replace("female,weight,12,", "female,weight,6,"), "twice at age 0.5"),
        ("sex,measure,age_months,L,M,S\nmale,length,0,0,50,0.04\n", "fewer than two ages"),
        (CSV.replace("age_months", "age"), "exactly one of age_years"),
    ],
)
def test_bad_tables_are_refused_in_one_sentence(text: str, message: str) -> None:
    with pytest.raises(LmsFormatError, match=message):
        parse_lms(text, fmt="csv")


def test_bad_json_is_refused() -> None:
    with pytest.raises(LmsFormatError, match="not valid JSON"):
        parse_lms("{", fmt="json")
    with pytest.raises(LmsFormatError, match="list of rows"):
        parse_lms('{"rows": 3}', fmt="json")


def test_rcpchgrowths_own_who_table_as_an_lms_file_gives_whos_z() -> None:
    """The WHO girls' weight table rcpchgrowth ships (by day), written as our CSV format, gives
    the same z-scores through LmsReference as rcpchgrowth's WHO calculation."""
    import rcpchgrowth

    from hembesok_desktop.domain.growth import WhoReference

    path = Path(rcpchgrowth.__file__).parent / "data_tables" / "who" / "who_infants.json"
    data = json.loads(path.read_text(encoding="utf-8"))["measurement"]["weight"]["female"]
    lines = ["sex,measure,age_years,L,M,S"]
    lines += [f"female,weight,{r['decimal_age']},{r['L']},{r['M']},{r['S']}" for r in data[:400]]
    reference = LmsReference(parse_lms("\n".join(lines), fmt="csv"))
    who = WhoReference()
    for age, value in ((0.1, 4.3), (0.5, 6.1), (0.9, 9.9)):
        assert reference.sds("weight", "female", age, value) == pytest.approx(
            who.sds("weight", "female", age, value), abs=0.01
        )
