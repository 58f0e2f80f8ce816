"""Prints one table from a pytest-benchmark JSON file: figure, goal, measured, ratio.

``make bench`` runs every benchmark with ``--benchmark-json`` and then this script. Each
benchmark module declares its goals and ratio pairs as ``REPORT_FIGURES`` (see ``figures.py``);
a figure without a goal is printed with "-". Ratios are taken within the one run.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[2]))

from tests.benchmarks.figures import Figure


def load(path: Path) -> dict[str, dict[str, object]]:
    data = json.loads(path.read_text())
    return {bench["name"]: bench for bench in data["benchmarks"]}


def median_ms(bench: dict[str, object]) -> float:
    stats = bench["stats"]
    assert isinstance(stats, dict)
    return float(stats["median"]) * 1000.0


def declared_figures() -> dict[str, Figure]:
    """``REPORT_FIGURES`` of every benchmark module."""
    found: dict[str, Figure] = {}
    for module_path in sorted(Path(__file__).parent.glob("test_bench_*.py")):
        module = importlib.import_module(f"tests.benchmarks.{module_path.stem}")
        found.update(getattr(module, "REPORT_FIGURES", {}))
    return found


def table(results: dict[str, dict[str, object]]) -> list[tuple[str, str, str, str]]:
    figures = declared_figures()
    rows = []
    for name, bench in sorted(results.items()):
        base, _, param = name.partition("[")
        figure = figures.get(name) or figures.get(base) or Figure(base)
        readable = param.encode("ascii", "backslashreplace").decode("unicode_escape")
        label = f"{figure.label} [{readable}" if param else figure.label
        if figure.extra:
            info = bench.get("extra_info", {})
            value = float(info.get(figure.extra, float("nan"))) if isinstance(info, dict) else 0.0
            measured = f"{value:.1f} {figure.unit}"
        else:
            value = median_ms(bench)
            measured = f"{value:.1f} ms" if value < 10_000 else f"{value / 1000:.1f} s"
        goal = figure.goal_text or (f"< {figure.goal_ms:g} ms" if figure.goal_ms else "-")
        ratio = "-"
        info = bench.get("extra_info", {})
        if figure.ratio_extra and isinstance(info, dict) and figure.ratio_extra in info:
            ratio = f"{float(info[figure.ratio_extra]):.2f}"
        elif figure.versus and figure.versus in results:
            ratio = f"{median_ms(bench) / median_ms(results[figure.versus]):.2f}"
        if ratio != "-" and figure.ratio_goal is not None:
            goal = f"ratio <= {figure.ratio_goal:g}"
        rows.append((label, goal, measured, ratio))
    return rows


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else Path(".benchmarks/latest.json")
    rows = table(load(path))
    header = ("figure", "goal", "measured (median)", "ratio")
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(4)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |"
    print(line)
    print("| " + " | ".join("-" * w for w in widths) + " |")
    for row in rows:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
