"""Growth z-scores: the WHO growth reference (0–5 years, via rcpchgrowth) and sane ranges.

rcpchgrowth pulls in SciPy (about 1.5 s), so it is imported only when a :class:`WhoReference`
is made; the window makes one on its store worker the first time a chart or a plausibility
check needs it and keeps it for the session (``ui.growth.loader``). Nothing here is a module
global. Ages are decimal years (days / 365.25), as rcpchgrowth expects.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

Kind = Literal["weight", "length", "head_circumference"]
KINDS: tuple[Kind, ...] = ("weight", "length", "head_circumference")
#: WHO chart centiles
CENTILES: tuple[float, ...] = (3.0, 15.0, 50.0, 85.0, 97.0)
#: the WHO standards in rcpchgrowth cover birth to 5 years for all three measures
MAX_AGE_YEARS = 5.0
_METHOD = {"weight": "weight", "length": "height", "head_circumference": "ofc"}

#: (up to age in months, low, high): values outside are implausible whatever the child's sex
SANE_RANGES: dict[str, tuple[tuple[float, float, float], ...]] = {
    "weight": ((1, 1.5, 6.5), (6, 2.5, 11.0), (12, 5.0, 14.0), (24, 6.5, 18.0), (72, 9.0, 30.0)),
    "length": ((1, 40, 62), (6, 48, 75), (12, 60, 85), (24, 68, 98), (72, 78, 125)),
    "head_circumference": ((1, 30, 40), (6, 33, 46), (12, 38, 50), (24, 41, 52), (72, 44, 55)),
}


def age_years(birth_date: date, on: date) -> float:
    return (on - birth_date).days / 365.25


def sane_range(kind: str, age_in_years: float) -> tuple[float, float] | None:
    months = age_in_years * 12
    for upto, low, high in SANE_RANGES[kind]:
        if months <= upto:
            return low, high
    return None


@dataclass(frozen=True)
class Curve:
    centile: float
    points: tuple[tuple[float, float], ...]  # (age in years, value)


class WhoReference:
    """Thin wrapper over rcpchgrowth's WHO LMS functions."""

    def __init__(self) -> None:
        from rcpchgrowth.global_functions import (  # heavy: SciPy
            centile,
            measurement_from_sds,
            sds_for_centile,
            sds_for_measurement,
        )

        self._from_sds: Any = measurement_from_sds
        self._sds: Any = sds_for_measurement
        self._sds_for_centile: Any = sds_for_centile
        self._centile: Any = centile

    def sds(self, kind: str, sex: str, age_in_years: float, value: float) -> float | None:
        """The z-score of ``value``; None outside the reference (sex unknown, age > 5)."""
        if sex not in ("male", "female") or not 0 <= age_in_years <= MAX_AGE_YEARS:
            return None
        try:
            return float(
                self._sds(
                    reference="who",
                    age=age_in_years,
                    measurement_method=_METHOD[kind],
                    observation_value=value,
                    sex=sex,
                )
            )
        except (LookupError, ValueError, ZeroDivisionError):
            return None

    def median(self, kind: str, sex: str, age_in_years: float) -> float | None:
        """The WHO median (0 SD) for age and sex; None outside the reference."""
        if sex not in ("male", "female") or not 0 <= age_in_years <= MAX_AGE_YEARS:
            return None
        try:
            value = self._from_sds(
                reference="who",
                requested_sds=0.0,
                measurement_method=_METHOD[kind],
                sex=sex,
                age=age_in_years,
            )
        except (LookupError, ValueError):
            return None
        return None if value is None else float(value)

    def centile_of(self, z: float) -> float:
        return float(self._centile(z))

    def curves(self, kind: str, sex: str, max_age_years: float, steps: int = 80) -> list[Curve]:
        """The WHO centile lines from birth to ``max_age_years`` (at most 5 years)."""
        if sex not in ("male", "female"):
            return []
        top = min(max(max_age_years, 0.25), MAX_AGE_YEARS)
        ages = [top * i / steps for i in range(steps + 1)]
        result = []
        for wanted in CENTILES:
            z = float(self._sds_for_centile(wanted))
            points = []
            for age in ages:
                try:
                    value = self._from_sds(
                        reference="who",
                        requested_sds=z,
                        measurement_method=_METHOD[kind],
                        sex=sex,
                        age=age,
                    )
                except (LookupError, ValueError):
                    value = None
                if value is not None:
                    points.append((age, float(value)))
            result.append(Curve(wanted, tuple(points)))
        return result
