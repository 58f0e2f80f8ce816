"""Small server-side SVG charts for the console: horizontal bars with their figures as text.

Made with ``xml.etree.ElementTree`` (so every label is escaped and the result is well-formed
XML) rather than a charting library: the console needs one kind of chart, a library would be
a dependency and a script served to the browser, and nothing is fetched from the internet.

Accessible: the ``<svg>`` is ``role="img"`` labelled by its ``<title>`` and described by its
``<desc>`` (which lists every bar's figure in words), every bar has its label and its figure
as text beside it (never colour alone), and a bar whose figure is suppressed ("<5") or unknown
is drawn as a dashed outline only, with its text saying so.
"""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 640
LABEL_WIDTH = 150
VALUE_WIDTH = 130
BAR_HEIGHT = 22
GAP = 8
TOP = 8
_ids = itertools.count(1)


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    #: share of the full bar, 0..1; None when the figure is suppressed or unknown
    fraction: float | None
    #: the figure as text, e.g. "12 av 15 (80 %)" or "<5"
    text: str


def bar_chart(title: str, description: str, bars: Sequence[Bar]) -> str:
    """An SVG document (text) of ``bars``, one row each."""
    chart_id = f"chart{next(_ids)}"
    height = TOP * 2 + max(1, len(bars)) * (BAR_HEIGHT + GAP)
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "width": str(WIDTH),
            "height": str(height),
            "viewBox": f"0 0 {WIDTH} {height}",
            "role": "img",
            "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
            "class": "chart",
        },
    )
    ET.SubElement(svg, "title", {"id": f"{chart_id}-title"}).text = title
    words = "; ".join(f"{bar.label}: {bar.text}" for bar in bars)
    ET.SubElement(svg, "desc", {"id": f"{chart_id}-desc"}).text = f"{description} {words}".strip()
    track = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    for row, bar in enumerate(bars):
        _bar(svg, bar, y=TOP + row * (BAR_HEIGHT + GAP), track=track)
    return ET.tostring(svg, encoding="unicode")


def _bar(svg: ET.Element, bar: Bar, *, y: int, track: int) -> None:
    middle = str(y + BAR_HEIGHT // 2 + 5)
    label = ET.SubElement(
        svg,
        "text",
        {
            "x": str(LABEL_WIDTH - 8),
            "y": middle,
            "text-anchor": "end",
            "class": "chart-label",
            "fill": "#1a1a1a",
            "font-size": "14",
        },
    )
    label.text = bar.label
    ET.SubElement(
        svg,
        "rect",
        {
            "x": str(LABEL_WIDTH),
            "y": str(y),
            "width": str(track),
            "height": str(BAR_HEIGHT),
            "class": "chart-track",
            "fill": "#ffffff",
            "stroke": "#4a5a68",
            # a suppressed or unknown figure: a dashed outline, unlike an empty bar (zero)
            **({"stroke-dasharray": "4 3"} if bar.fraction is None else {}),
        },
    )
    if bar.fraction is not None:
        width = round(track * min(1.0, max(0.0, bar.fraction)))
        ET.SubElement(
            svg,
            "rect",
            {
                "x": str(LABEL_WIDTH),
                "y": str(y),
                "width": str(width),
                "height": str(BAR_HEIGHT),
                "class": "chart-bar",
                "fill": "#1d5b86",
            },
        )
    value = ET.SubElement(
        svg,
        "text",
        {
            "x": str(LABEL_WIDTH + track + 8),
            "y": middle,
            "class": "chart-value",
            "fill": "#1a1a1a",
            "font-size": "14",
        },
    )
    value.text = bar.text
