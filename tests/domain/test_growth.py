"""Growth z-scores (``domain.growth``): the WHO reference through rcpchgrowth, sane ranges."""

from __future__ import annotations

import pytest

from hembesok_desktop.domain.growth import WhoReference, sane_range


def test_who_reference_median_and_sds() -> None:
    reference = WhoReference()
    assert reference.sds("weight", "female", 0.5, 7.3) == pytest.approx(0.0, abs=0.1)
    assert reference.sds("weight", "male", 0.5, 15.0) > 3  # type: ignore[operator]
    assert reference.sds("weight", "", 0.5, 7.3) is None
    median = next(c for c in reference.curves("length", "male", 1.0) if c.centile == 50)
    assert median.points[0][1] == pytest.approx(49.9, abs=0.2)  # WHO boys' length at birth
    assert sane_range("weight", 0.5) == (2.5, 11.0)
