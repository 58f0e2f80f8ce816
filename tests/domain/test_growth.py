"""Growth z-scores (``domain.growth``): the WHO reference through rcpchgrowth, sane ranges,
gestational-age correction against rcpchgrowth's own ``Measurement``, SD channels."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from rcpchgrowth import Measurement
from rcpchgrowth.global_functions import measurement_from_sds

from hembesok_desktop.domain.growth import (
    SD_LINES,
    WhoReference,
    age_years,
    corrected_age,
    sane_range,
)

BORN = date(2024, 1, 1)


@pytest.fixture(scope="module")
def who() -> WhoReference:
    return WhoReference()


def test_who_reference_median_and_sds() -> None:
    reference = WhoReference()
    assert reference.sds("weight", "female", 0.5, 7.3) == pytest.approx(0.0, abs=0.1)
    assert reference.sds("weight", "male", 0.5, 15.0) > 3  # type: ignore[operator]
    assert reference.sds("weight", "", 0.5, 7.3) is None
    median = next(c for c in reference.curves("length", "male", 1.0) if c.centile == 50)
    assert median.points[0][1] == pytest.approx(49.9, abs=0.2)  # WHO boys' length at birth
    assert sane_range("weight", 0.5) == (2.5, 11.0)


def _rcpch(kind: str, sex: str, days: int, value: float, gestation: int) -> dict:
    method = {"weight": "weight", "length": "height", "head_circumference": "ofc"}[kind]
    return Measurement(
        birth_date=BORN,
        observation_date=BORN + timedelta(days=days),
        measurement_method=method,
        observation_value=value,
        reference="who",
        sex=sex,
        gestation_weeks=gestation // 7,
        gestation_days=gestation % 7,
    ).measurement


def test_the_32_week_girl_is_corrected(who: WhoReference) -> None:
    """Born at 32+0 weeks, 5.2 kg at 4 months: −1.69 uncorrected, −0.05 corrected."""
    age = age_years(BORN, BORN + timedelta(days=121))
    assert who.sds("weight", "female", age, 5.2) == pytest.approx(-1.69, abs=0.005)
    corrected = who.sds("weight", "female", age, 5.2, gestation_days=32 * 7)
    assert corrected == pytest.approx(-0.05, abs=0.005)
    rcpch = _rcpch("weight", "female", 121, 5.2, 32 * 7)["measurement_calculated_values"]
    assert corrected == pytest.approx(rcpch["corrected_sds"], abs=1e-9)
    assert who.sds("weight", "female", age, 5.2) == pytest.approx(
        rcpch["chronological_sds"], abs=1e-9
    )


CASES = [
    # (measure, sex, age in days, value, gestation in days)
    ("weight", "female", 121, 5.2, 32 * 7),
    ("length", "male", 274, 68.0, 28 * 7 + 3),
    ("head_circumference", "female", 365, 44.0, 35 * 7),
    ("weight", "male", 700, 11.0, 36 * 7 + 6),  # corrected age under 2 years: corrected
    ("length", "female", 760, 84.0, 30 * 7),  # chronological 2 y 1 m, corrected 1.9 y
    ("weight", "female", 840, 11.5, 33 * 7),  # corrected age past 2 years: no correction
    ("weight", "male", 60, 5.0, 38 * 7 + 2),  # term: no correction
    ("length", "male", 200, 66.0, 43 * 7 + 1),  # post-term: rcpchgrowth corrects forwards
]


@pytest.mark.parametrize(("kind", "sex", "days", "value", "gestation"), CASES)
def test_corrected_sds_equals_rcpchgrowth(
    who: WhoReference, kind: str, sex: str, days: int, value: float, gestation: int
) -> None:
    expected = _rcpch(kind, sex, days, value, gestation)
    age = age_years(BORN, BORN + timedelta(days=days))
    assert corrected_age(age, gestation) == pytest.approx(
        expected["measurement_dates"]["corrected_decimal_age"], abs=1e-12
    )
    got = who.sds(kind, sex, age, value, gestation_days=gestation)
    assert got == pytest.approx(
        expected["measurement_calculated_values"]["corrected_sds"], abs=1e-9
    )


def test_correction_rules() -> None:
    assert corrected_age(0.5, None) == 0.5
    assert corrected_age(0.5, 39 * 7) == 0.5
    assert corrected_age(0.5, 32 * 7) == pytest.approx(0.5 - 56 / 365.25)
    assert corrected_age(2.5, 32 * 7) == 2.5  # corrected age 2.35 years: no longer corrected
    with pytest.raises(ValueError, match="22\\+0 and 44\\+6"):
        corrected_age(0.5, 100)


def test_before_the_due_date_no_reference_value(who: WhoReference) -> None:
    # born at 30 weeks, two weeks old: eight weeks before the due date
    assert who.sds("weight", "female", 14 / 365.25, 1.6, gestation_days=30 * 7) is None


def test_sd_channels_are_the_values_at_each_z(who: WhoReference) -> None:
    channels = who.channels("weight", "female", 1.0, steps=12)
    assert [c.sds for c in channels] == list(SD_LINES)
    plus_two = next(c for c in channels if c.sds == 2)
    assert plus_two.centile == pytest.approx(97.72, abs=0.01)
    for age, value in plus_two.points[1:]:
        assert value == pytest.approx(
            measurement_from_sds(
                reference="who",
                requested_sds=2.0,
                measurement_method="weight",
                sex="female",
                age=age,
            ),
            abs=1e-9,
        )
        # rcpchgrowth interpolates its LMS tables slightly differently each way
        assert who.sds("weight", "female", age, value) == pytest.approx(2.0, abs=1e-3)
    mean = next(c for c in channels if c.sds == 0)
    median = next(c for c in who.curves("weight", "female", 1.0, 12) if c.centile == 50)
    assert mean.points == median.points
