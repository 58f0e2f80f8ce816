"""A growth chart drawn with QPainter: reference lines and the child's measurements.

The lines are either standard-deviation channels (``Curve.sds`` set: the mean bold, ±1 SD solid,
±2 SD dashed, ±3 SD dotted, the ±1 and ±2 SD channels shaded, as Swedish child-health charts
draw them; ``centile_labels`` adds each line's centile to its label) or centiles. The value
scale follows the reference lines: a measurement far outside them (a typo not yet voided) is
drawn as an open marker on the chart's edge instead of squashing the lines, and nothing is
drawn outside the plot.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...domain.growth import Curve

MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 56, 44, 28, 44
# the scale reaches this share of the reference lines' span beyond them, no further
SCALE_SLACK = 0.25
_BANDS = ((2.0, "#f1f8e9"), (1.0, "#dcedc8"))
_POINT = "#0d47a1"
Place = Callable[[float, float], QPointF]


def _nice_step(span: float, target: int) -> float:
    raw = span / max(target, 1)
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def curve_label(curve: Curve, with_centile: bool) -> str:
    """ "+2 SD" (with its centile, "+2 SD (97,7)", when asked), "0" for the mean; "97" for a
    centile line."""
    if curve.sds is None:
        return f"{curve.centile:g}"
    z = curve.sds
    text = "0" if z == 0 else f"{z:+g} SD".replace("-", "−")
    if with_centile:
        text += f" ({curve.centile:.1f})".replace(".", ",")
    return text


class GrowthChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(420, 300)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.curves: list[Curve] = []
        self.points: list[tuple[float, float]] = []
        self.max_age = 1.0
        self.unit = ""
        self.message = ""
        self.y_title = ""
        self.centile_labels = False
        # the ages are corrected for prematurity (the axis says so)
        self.corrected = False

    def set_data(
        self,
        *,
        curves: Sequence[Curve],
        points: Sequence[tuple[float, float]],
        max_age: float,
        unit: str,
        y_title: str,
        message: str = "",
        centile_labels: bool = False,
        corrected: bool = False,
    ) -> None:
        self.curves = list(curves)
        self.points = sorted(points)
        self.max_age = max_age
        self.unit = unit
        self.y_title = y_title
        self.message = message
        self.centile_labels = centile_labels
        self.corrected = corrected
        self.setAccessibleDescription(
            "; ".join(f"{age * 12:.1f} mån: {value:g} {unit}" for age, value in self.points)
        )
        self.update()

    def value_range(self) -> tuple[float, float]:
        """The value scale: the reference lines and the points, though never further than
        ``SCALE_SLACK`` of the lines' span beyond the lines."""
        lines = [v for c in self.curves for _, v in c.points]
        shown = [v for a, v in self.points if a <= self.max_age + 1e-9]
        values = lines + shown
        if not values:
            return 0.0, 1.0
        low, high = min(values), max(values)
        if lines:
            span = (max(lines) - min(lines)) or 1.0
            low = max(low, min(lines) - SCALE_SLACK * span)
            high = min(high, max(lines) + SCALE_SLACK * span)
        pad = (high - low) * 0.05 or 1.0
        return low - pad, high + pad

    def right_margin(self) -> int:
        if any(c.sds is not None for c in self.curves):
            return 96 if self.centile_labels else 56
        return MARGIN_RIGHT

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        plot = QRectF(
            MARGIN_LEFT,
            MARGIN_TOP,
            max(self.width() - MARGIN_LEFT - self.right_margin(), 10),
            max(self.height() - MARGIN_TOP - MARGIN_BOTTOM, 10),
        )
        low, high = self.value_range()
        months = max(self.max_age * 12, 1.0)

        def at(age: float, value: float) -> QPointF:
            x = plot.left() + plot.width() * (age * 12) / months
            y = plot.bottom() - plot.height() * (value - low) / (high - low)
            return QPointF(x, y)

        self._grid(painter, plot, low, high, months)
        painter.setClipRect(plot)
        self._bands(painter, at)
        labels = []
        for curve in self.curves:
            if not curve.points:
                continue
            painter.setPen(self._pen(curve))
            path = QPainterPath(at(*curve.points[0]))
            for age, value in curve.points[1:]:
                path.lineTo(at(age, value))
            painter.drawPath(path)
            labels.append((at(*curve.points[-1]), curve_label(curve, self.centile_labels)))
        self._points(painter, plot, at)
        painter.setClipping(False)
        painter.setPen(QColor("#555"))
        for end, text in labels:
            if plot.top() - 4 <= end.y() <= plot.bottom() + 4:
                painter.drawText(QPointF(end.x() + 4, end.y() + 4), text)
        if self.message:
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.message)
        painter.end()

    @staticmethod
    def _pen(curve: Curve) -> QPen:
        if curve.sds is None:
            median = curve.centile == 50
            pen = QPen(QColor("#2e7d32" if median else "#9e9e9e"), 2.0 if median else 1.0)
            if curve.centile in (3.0, 97.0):
                pen.setStyle(Qt.PenStyle.DashLine)
            return pen
        z = abs(curve.sds)
        pen = QPen(QColor("#2e7d32" if z == 0 else "#8d8d8d"), 2.0 if z == 0 else 1.0)
        if z == 2:
            pen.setStyle(Qt.PenStyle.DashLine)
        elif z >= 3:
            pen.setStyle(Qt.PenStyle.DotLine)
        return pen

    def _bands(self, painter: QPainter, at: Place) -> None:
        """Shade the ±2 and ±1 SD channels (when both of their lines are there)."""
        by_sds = {c.sds: c for c in self.curves if c.sds is not None and c.points}
        painter.setPen(Qt.PenStyle.NoPen)
        for z, colour in _BANDS:
            upper, lower = by_sds.get(z), by_sds.get(-z)
            if upper is None or lower is None:
                continue
            corners = [at(*p) for p in upper.points]
            corners += [at(*p) for p in reversed(lower.points)]
            painter.setBrush(QColor(colour))
            painter.drawPolygon(QPolygonF(corners))
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _points(self, painter: QPainter, plot: QRectF, at: Place) -> None:
        if not self.points:
            return
        placed = []
        for age, value in self.points:
            point = at(age, value)
            inside = plot.top() <= point.y() <= plot.bottom()
            # off the scale: an open marker on the edge, the line led to it
            y = point.y() if inside else min(max(point.y(), plot.top() + 5), plot.bottom() - 5)
            placed.append((QPointF(point.x(), y), inside))
        painter.setPen(QPen(QColor(_POINT), 2))
        path = QPainterPath(placed[0][0])
        for point, _inside in placed[1:]:
            path.lineTo(point)
        painter.drawPath(path)
        for point, inside in placed:
            painter.setBrush(QColor(_POINT if inside else "white"))
            painter.drawEllipse(point, 4 if inside else 5, 4 if inside else 5)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _grid(
        self, painter: QPainter, plot: QRectF, low: float, high: float, months: float
    ) -> None:
        grid = QPen(QColor("#e6e6e6"), 1)
        text = QPen(QColor("#333"))
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() - 1, 7))
        painter.setFont(font)
        step = _nice_step(high - low, 8)
        value = math.ceil(low / step) * step
        while value <= high:
            y = plot.bottom() - plot.height() * (value - low) / (high - low)
            painter.setPen(grid)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            painter.drawText(
                QRectF(0, y - 8, MARGIN_LEFT - 6, 16),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"{value:g}".replace(".", ","),
            )
            value += step
        month_step = 1 if months <= 12 else 2 if months <= 24 else 6
        month = 0
        while month <= months + 1e-9:
            x = plot.left() + plot.width() * month / months
            painter.setPen(grid)
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            painter.setPen(text)
            painter.drawText(
                QRectF(x - 20, plot.bottom() + 4, 40, 16), Qt.AlignmentFlag.AlignHCenter, str(month)
            )
            month += month_step
        painter.setPen(QPen(QColor("#333"), 1))
        painter.drawRect(plot)
        painter.drawText(
            QRectF(plot.left(), plot.bottom() + 22, plot.width(), 18),
            Qt.AlignmentFlag.AlignHCenter,
            self.x_title,
        )
        painter.drawText(QRectF(4, 4, 300, 18), Qt.AlignmentFlag.AlignLeft, self.y_title)

    @property
    def x_title(self) -> str:
        if self.corrected:
            return self.tr("Age (months), corrected for gestational age up to 2 years")
        return self.tr("Age (months)")
