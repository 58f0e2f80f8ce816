"""A growth reference from an LMS table a region brings (``resources/growth/README.md``).

The table gives, per sex and measure, the LMS parameters (Cole's method) at a list of ages; in
between, L, M and S are interpolated linearly. The z-score of a value ``x`` is
``((x / M) ** L - 1) / (L * S)``, or ``ln(x / M) / S`` when L is 0; the value at z-score ``z``
is ``M * (1 + L * S * z) ** (1 / L)``, or ``M * exp(S * z)``. :func:`parse_lms` reads the text
of a CSV (comma- or semicolon-separated, decimal point or comma) or JSON file: the UI reads the
file and hands the text over (the domain opens no files).
"""

from __future__ import annotations

import csv
import io
import json
import math
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, Literal

from .growth import KINDS, SEXES, Reference

#: accepted age columns and how many of their unit make a year
AGE_COLUMNS = {"age_years": 1.0, "age_months": 12.0, "age_days": 365.25}
_ZERO_L = 1e-12


class LmsFormatError(ValueError):
    """The LMS table cannot be used; the message is one sentence naming the row or field."""


@dataclass(frozen=True)
class LmsPoint:
    age: float  # years
    l: float  # noqa: E741 - the name of the parameter in the LMS method
    m: float
    s: float


def lms_z(x: float, point: LmsPoint) -> float:
    """The z-score of ``x`` under ``point``'s L, M and S."""
    if abs(point.l) < _ZERO_L:
        return math.log(x / point.m) / point.s
    return ((x / point.m) ** point.l - 1) / (point.l * point.s)


def lms_value(z: float, point: LmsPoint) -> float | None:
    """The value at z-score ``z`` (the inverse of :func:`lms_z`); None where it has none."""
    if abs(point.l) < _ZERO_L:
        return point.m * math.exp(point.s * z)
    base = 1 + point.l * point.s * z
    if base <= 0:
        return None
    return point.m * base ** (1 / point.l)


@dataclass(frozen=True)
class LmsTable:
    name: str
    #: (measure, sex) -> points by age, at least two, ages strictly increasing
    series: Mapping[tuple[str, str], tuple[LmsPoint, ...]]

    def age_range(self, kind: str, sex: str) -> tuple[float, float] | None:
        points = self.series.get((kind, sex))
        return (points[0].age, points[-1].age) if points else None

    def at(self, kind: str, sex: str, age: float) -> LmsPoint | None:
        """L, M and S at ``age``, interpolated linearly; None outside the table's ages."""
        points = self.series.get((kind, sex))
        if not points or not points[0].age <= age <= points[-1].age:
            return None
        i = bisect_right([p.age for p in points], age)
        if i >= len(points):
            return points[-1]
        before, after = points[i - 1], points[i]
        t = (age - before.age) / (after.age - before.age)
        return LmsPoint(
            age,
            before.l + t * (after.l - before.l),
            before.m + t * (after.m - before.m),
            before.s + t * (after.s - before.s),
        )


class LmsReference(Reference):
    def __init__(self, table: LmsTable) -> None:
        self.table = table
        self.name = table.name
        self.key = f"lms:{table.name}"

    def age_range(self, kind: str, sex: str) -> tuple[float, float] | None:
        return self.table.age_range(kind, sex)

    def _z(self, kind: str, sex: str, age: float, value: float) -> float | None:
        point = self.table.at(kind, sex, age)
        return None if point is None else lms_z(value, point)

    def _value(self, kind: str, sex: str, age: float, z: float) -> float | None:
        point = self.table.at(kind, sex, age)
        return None if point is None else lms_value(z, point)


def parse_lms(text: str, *, fmt: Literal["csv", "json"], name: str = "") -> LmsTable:
    """An :class:`LmsTable` from the text of a CSV or JSON file; :class:`LmsFormatError` when
    anything in it cannot be used (nothing is guessed)."""
    if fmt == "csv":
        text = text.lstrip("\ufeff")
        header = text.partition("\n")[0]
        delimiter = ";" if ";" in header and "," not in header else ","
        reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
        rows: list[Mapping[str, Any]] = list(reader)
        if not rows:
            raise LmsFormatError("the LMS table has no rows")
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise LmsFormatError(f"the LMS table is not valid JSON (line {error.lineno})") from None
        if isinstance(data, dict):
            name = str(data.get("name") or name)
            data = data.get("rows")
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise LmsFormatError("the LMS table's JSON must hold a list of rows (objects)")
        rows = data
    return LmsTable(name=name.strip() or "LMS", series=_series(rows))


def _series(rows: Iterable[Mapping[str, Any]]) -> dict[tuple[str, str], tuple[LmsPoint, ...]]:
    found: dict[tuple[str, str], list[LmsPoint]] = {}
    for number, row in enumerate(rows, start=1):
        key, point = _row(number, row)
        found.setdefault(key, []).append(point)
    result = {}
    for (kind, sex), points in sorted(found.items()):
        points.sort(key=lambda p: p.age)
        if len(points) < 2:
            raise LmsFormatError(f"the LMS table has fewer than two ages for {kind}, {sex}")
        for before, after in pairwise(points):
            if after.age <= before.age:
                raise LmsFormatError(
                    f"the LMS table gives {kind}, {sex} twice at age {after.age:g} years"
                )
        result[(kind, sex)] = tuple(points)
    return result


def _row(number: int, row: Mapping[str, Any]) -> tuple[tuple[str, str], LmsPoint]:
    sex = str(row.get("sex", "")).strip().lower()
    kind = str(row.get("measure", "")).strip().lower()
    if sex not in SEXES:
        raise LmsFormatError(f"row {number} of the LMS table: sex must be male or female")
    if kind not in KINDS:
        raise LmsFormatError(
            f"row {number} of the LMS table: measure must be one of {', '.join(KINDS)}"
        )
    ages = [column for column in AGE_COLUMNS if row.get(column) not in (None, "")]
    if len(ages) != 1:
        raise LmsFormatError(
            f"row {number} of the LMS table needs exactly one of {', '.join(AGE_COLUMNS)}"
        )
    age = _number(number, row, ages[0]) / AGE_COLUMNS[ages[0]]
    l_, m, s = (_number(number, row, column) for column in ("L", "M", "S"))
    if age < 0 or m <= 0 or s <= 0:
        raise LmsFormatError(
            f"row {number} of the LMS table: the age must not be negative, M and S positive"
        )
    return (kind, sex), LmsPoint(age, l_, m, s)


def _number(number: int, row: Mapping[str, Any], column: str) -> float:
    raw = row.get(column)
    try:
        value = float(str(raw).strip().replace(",", ".")) if not isinstance(raw, bool) else None
    except ValueError:
        value = None
    if value is None or not math.isfinite(value):
        raise LmsFormatError(f"row {number} of the LMS table: {column} must be a number")
    return value
