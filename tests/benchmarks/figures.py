"""How a benchmark appears in the ``make bench`` table: label, goal, ratio partner.

Each ``test_bench_*.py`` module declares ``REPORT_FIGURES: dict[str, Figure]`` keyed by test
function name; ``report.py`` collects them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    label: str
    goal_ms: float | None = None
    #: the benchmark this one is compared with (ratio = this median / that median)
    versus: str | None = None
    #: or read the ratio from this ``extra_info`` key (a ratio the benchmark measured itself)
    ratio_extra: str | None = None
    ratio_goal: float | None = None
    #: read this ``extra_info`` key instead of the median time (a percentile, an error count)
    extra: str | None = None
    unit: str = "ms"
    goal_text: str | None = None
