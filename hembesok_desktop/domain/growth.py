"""Growth z-scores: references (WHO via rcpchgrowth, or a region's LMS table), SD channels,
gestational-age correction and sane ranges.

A :class:`Reference` turns a measurement into a z-score (SDS) and a z-score back into a value;
on top of that it gives the chart's lines: standard-deviation channels (mean, ±1, ±2, ±3 SD, as
Swedish child-health charts draw them) or centiles. :class:`WhoReference` wraps rcpchgrowth's WHO
tables; ``domain.growth_lms.LmsReference`` computes from an LMS table a region loads as a file
(the file is read by the UI and its text handed to ``domain.growth_lms.parse_lms``).

Gestational age: a child born before 37+0 weeks is measured against her age corrected for
prematurity (:func:`corrected_age`) until that corrected age reaches 2 years, as rcpchgrowth does
for the WHO reference; 37+0 to 42+6 weeks counts as term. rcpchgrowth pulls in SciPy (about
1.5 s), so it is imported only when a :class:`WhoReference` is made; the window makes one on its
store worker the first time a chart or a plausibility check needs it and keeps it for the
session (``ui.growth.loader``). Nothing here is a module global. Ages are decimal years
(days / 365.25), as rcpchgrowth expects.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date
from statistics import NormalDist
from typing import Any, Literal

Kind = Literal["weight", "length", "head_circumference"]
KINDS: tuple[Kind, ...] = ("weight", "length", "head_circumference")
SEXES = ("male", "female")
#: WHO chart centiles
CENTILES: tuple[float, ...] = (3.0, 15.0, 50.0, 85.0, 97.0)
#: the standard-deviation lines of a Swedish child-health chart (the mean and ±1, ±2, ±3 SD)
SD_LINES: tuple[float, ...] = (-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0)
#: the WHO standards in rcpchgrowth cover birth to 5 years for all three measures
MAX_AGE_YEARS = 5.0
_METHOD = {"weight": "weight", "length": "height", "head_circumference": "ofc"}

#: a pregnancy at term, in days (40+0 weeks), from which prematurity is counted
TERM_DAYS = 280
#: prematurity is corrected for until the corrected age reaches this many years
CORRECT_UNTIL_YEARS = 2.0
#: gestational ages at birth accepted (22+0 to 44+6 weeks), in days
GESTATION_RANGE_DAYS = (22 * 7, 45 * 7 - 1)
_DAYS_PER_YEAR = 365.25
_NORMAL = NormalDist()

#: (up to age in months, low, high): values outside are implausible whatever the child's sex
SANE_RANGES: dict[str, tuple[tuple[float, float, float], ...]] = {
    "weight": ((1, 1.5, 6.5), (6, 2.5, 11.0), (12, 5.0, 14.0), (24, 6.5, 18.0), (72, 9.0, 30.0)),
    "length": ((1, 40, 62), (6, 48, 75), (12, 60, 85), (24, 68, 98), (72, 78, 125)),
    "head_circumference": ((1, 30, 40), (6, 33, 46), (12, 38, 50), (24, 41, 52), (72, 44, 55)),
}


def age_years(birth_date: date, on: date) -> float:
    return (on - birth_date).days / _DAYS_PER_YEAR


def sane_range(kind: str, age_in_years: float) -> tuple[float, float] | None:
    months = age_in_years * 12
    for upto, low, high in SANE_RANGES[kind]:
        if months <= upto:
            return low, high
    return None


def check_gestation(gestation_days: int) -> None:
    """ValueError unless ``gestation_days`` (weeks * 7 + days) is a gestational age at birth."""
    low, high = GESTATION_RANGE_DAYS
    if not low <= gestation_days <= high:
        raise ValueError("the gestational age at birth must be between 22+0 and 44+6 weeks")


def corrected_age(age_in_years: float, gestation_days: int | None) -> float:
    """The age to look the child up at: corrected for prematurity as rcpchgrowth does for WHO.

    Born before 37+0 weeks: the age minus the weeks missing to 40+0, until that corrected age
    reaches 2 years. 37+0 to 42+6 weeks: term, no correction. From 43+0 weeks the age is
    corrected forwards (rcpchgrowth's rule). ``None`` (not recorded): no correction. The
    corrected age is negative before the due date; no reference covers it.
    """
    if gestation_days is None:
        return age_in_years
    check_gestation(gestation_days)
    weeks = gestation_days // 7
    if 37 <= weeks <= 42:
        return age_in_years
    corrected = age_in_years - (TERM_DAYS - gestation_days) / _DAYS_PER_YEAR
    if weeks < 37 and corrected >= CORRECT_UNTIL_YEARS:
        return age_in_years
    return corrected


def centile_for_sds(z: float) -> float:
    """The centile (0–100) of a z-score under the normal distribution."""
    return _NORMAL.cdf(z) * 100


def sds_for_centile(centile: float) -> float:
    return _NORMAL.inv_cdf(centile / 100)


@dataclass(frozen=True)
class Curve:
    """A reference line: a centile line, or an SD line (``sds`` set, ``centile`` its centile)."""

    centile: float
    points: tuple[tuple[float, float], ...]  # (age in years, value)
    sds: float | None = None


class Reference(ABC):
    """A growth reference: z-scores and the values at a z-score, by measure, sex and age."""

    #: "who" or "lms:<name>": what the chart's line cache is keyed on
    key: str = ""
    #: the reference's name, shown under the chart
    name: str = ""

    @abstractmethod
    def age_range(self, kind: str, sex: str) -> tuple[float, float] | None:
        """The ages (years) the reference covers for ``kind`` and ``sex``; None if none."""

    @abstractmethod
    def _z(self, kind: str, sex: str, age: float, value: float) -> float | None:
        """The z-score at an age inside ``age_range`` (no correction)."""

    @abstractmethod
    def _value(self, kind: str, sex: str, age: float, z: float) -> float | None:
        """The value at z-score ``z`` at an age inside ``age_range``."""

    def covers(self, kind: str, sex: str, age: float) -> bool:
        ages = self.age_range(kind, sex) if sex in SEXES and kind in KINDS else None
        return ages is not None and ages[0] <= age <= ages[1]

    def max_age_years(self, kind: str, sex: str) -> float:
        ages = self.age_range(kind, sex) if sex in SEXES and kind in KINDS else None
        return ages[1] if ages else 0.0

    def sds(
        self,
        kind: str,
        sex: str,
        age_in_years: float,
        value: float,
        gestation_days: int | None = None,
    ) -> float | None:
        """The z-score of ``value`` at the (chronological) age ``age_in_years``, corrected for
        ``gestation_days`` at birth when given; None outside the reference (sex unknown, an age
        it does not cover, a value that is not positive)."""
        age = corrected_age(age_in_years, gestation_days)
        if value <= 0 or not self.covers(kind, sex, age):
            return None
        return self._z(kind, sex, age, value)

    def value_at(self, kind: str, sex: str, age_in_years: float, z: float) -> float | None:
        """The measurement at z-score ``z`` at the (reference, i.e. corrected) age."""
        if not self.covers(kind, sex, age_in_years):
            return None
        return self._value(kind, sex, age_in_years, z)

    def median(
        self, kind: str, sex: str, age_in_years: float, gestation_days: int | None = None
    ) -> float | None:
        """The reference median (0 SD) at the child's age (corrected for gestation); None where
        the reference does not cover her."""
        return self.value_at(kind, sex, corrected_age(age_in_years, gestation_days), 0.0)

    def centile_of(self, z: float) -> float:
        return centile_for_sds(z)

    def curves(self, kind: str, sex: str, max_age_years: float, steps: int = 80) -> list[Curve]:
        """The centile lines (``CENTILES``) from birth to ``max_age_years``."""
        return [
            Curve(c, self._line(kind, sex, max_age_years, sds_for_centile(c), steps))
            for c in CENTILES
        ]

    def channels(self, kind: str, sex: str, max_age_years: float, steps: int = 80) -> list[Curve]:
        """The SD lines (mean, ±1, ±2, ±3 SD) from birth to ``max_age_years``."""
        return [
            Curve(centile_for_sds(z), self._line(kind, sex, max_age_years, z, steps), sds=z)
            for z in SD_LINES
        ]

    def _line(
        self, kind: str, sex: str, max_age_years: float, z: float, steps: int
    ) -> tuple[tuple[float, float], ...]:
        ages = self.age_range(kind, sex) if sex in SEXES and kind in KINDS else None
        if ages is None:
            return ()
        low = ages[0]
        top = min(max(max_age_years, low + 0.25), ages[1])
        points = []
        for i in range(steps + 1):
            age = low + (top - low) * i / steps
            value = self.value_at(kind, sex, age, z)
            if value is not None:
                points.append((age, value))
        return tuple(points)


class WhoReference(Reference):
    """The WHO child growth standards (birth to 5 years) through rcpchgrowth's LMS functions."""

    key = "who"
    name = "WHO"

    def __init__(self) -> None:
        from rcpchgrowth.global_functions import (  # heavy: SciPy
            measurement_from_sds,
            sds_for_measurement,
        )

        self._from_sds: Any = measurement_from_sds
        self._sds: Any = sds_for_measurement

    def age_range(self, kind: str, sex: str) -> tuple[float, float] | None:
        return (0.0, MAX_AGE_YEARS) if kind in KINDS and sex in SEXES else None

    def _z(self, kind: str, sex: str, age: float, value: float) -> float | None:
        try:
            return float(
                self._sds(
                    reference="who",
                    age=age,
                    measurement_method=_METHOD[kind],
                    observation_value=value,
                    sex=sex,
                )
            )
        except (LookupError, ValueError, ZeroDivisionError):
            return None

    def _value(self, kind: str, sex: str, age: float, z: float) -> float | None:
        try:
            value = self._from_sds(
                reference="who",
                requested_sds=z,
                measurement_method=_METHOD[kind],
                sex=sex,
                age=age,
            )
        except (LookupError, ValueError):
            return None
        return None if value is None else float(value)
