"""Look and feel: the platform palette and font everywhere, a few badge colours, spacing.

Nothing here sets a global colour or font size: the application follows the system's light or
dark mode and the nurse's font size. The only fixed colours are the small badges, each a dark
text on a light fill (contrast ratio above 7:1), which read the same in light and dark mode.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QLayout, QWidget

#: standard spacing in device-independent pixels
SPACING = 12
MARGIN = 16


@dataclass(frozen=True)
class BadgeColours:
    fill: QColor
    text: QColor


def badge(kind: str) -> BadgeColours:
    """Colours of a badge kind: interpreter, flag, overdue, urgent, follow_up, due, done, demo,
    muted."""
    pairs = {
        "interpreter": ("#dbe9ff", "#0b2f66"),
        "flag": ("#ffe3c2", "#5c2b00"),
        "overdue": ("#ffd6d6", "#6b0000"),
        "urgent": ("#a00000", "#ffffff"),  # an urgent finding (EPDS item 10): white on red
        "follow_up": ("#efe0ff", "#3d1566"),
        "due": ("#fff2b3", "#4d3b00"),
        "done": ("#d7f5dd", "#0d4019"),
        "demo": ("#ffd84d", "#1a1a1a"),
        "muted": ("#e6e6e6", "#262626"),
        "today": ("#cde8ff", "#002b52"),
    }
    fill, text = pairs.get(kind, pairs["muted"])
    return BadgeColours(QColor(fill), QColor(text))


def scaled_font(widget: QWidget, factor: float, *, bold: bool = False) -> QFont:
    """The widget's font (the nurse's size) scaled by ``factor``."""
    font = QFont(widget.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    elif font.pixelSize() > 0:
        font.setPixelSize(round(font.pixelSize() * factor))
    font.setBold(bold)
    return font


def roomy(layout: QLayout, *, margin: int = MARGIN, spacing: int = SPACING) -> QLayout:
    layout.setContentsMargins(margin, margin, margin, margin)
    layout.setSpacing(spacing)
    return layout


def badge_style(kind: str) -> str:
    """A style sheet for a QLabel shown as a badge (its own fill, so it reads in both modes)."""
    colours = badge(kind)
    weight = " font-weight: bold;" if kind == "urgent" else ""
    return (
        f"QLabel {{ background: {colours.fill.name()}; color: {colours.text.name()};"
        f" border-radius: 4px; padding: 2px 8px;{weight} }}"
    )
