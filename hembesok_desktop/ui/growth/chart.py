"""A growth chart drawn with QPainter: WHO centile lines and the child's measurements."""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...domain.growth import Curve

MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 56, 44, 28, 44


def _nice_step(span: float, target: int) -> float:
    raw = span / max(target, 1)
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


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

    def set_data(
        self,
        *,
        curves: Sequence[Curve],
        points: Sequence[tuple[float, float]],
        max_age: float,
        unit: str,
        y_title: str,
        message: str = "",
    ) -> None:
        self.curves = list(curves)
        self.points = sorted(points)
        self.max_age = max_age
        self.unit = unit
        self.y_title = y_title
        self.message = message
        self.setAccessibleDescription(
            "; ".join(f"{age * 12:.1f} mån: {value:g} {unit}" for age, value in self.points)
        )
        self.update()

    def value_range(self) -> tuple[float, float]:
        values = [v for c in self.curves for _, v in c.points] + [v for _, v in self.points]
        if not values:
            return 0.0, 1.0
        low, high = min(values), max(values)
        pad = (high - low) * 0.05 or 1.0
        return low - pad, high + pad

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        plot = QRectF(
            MARGIN_LEFT,
            MARGIN_TOP,
            max(self.width() - MARGIN_LEFT - MARGIN_RIGHT, 10),
            max(self.height() - MARGIN_TOP - MARGIN_BOTTOM, 10),
        )
        low, high = self.value_range()
        months = max(self.max_age * 12, 1.0)

        def at(age: float, value: float) -> QPointF:
            x = plot.left() + plot.width() * (age * 12) / months
            y = plot.bottom() - plot.height() * (value - low) / (high - low)
            return QPointF(x, y)

        self._grid(painter, plot, low, high, months)
        for curve in self.curves:
            if not curve.points:
                continue
            median = curve.centile == 50
            pen = QPen(QColor("#2e7d32" if median else "#9e9e9e"), 2.0 if median else 1.0)
            if curve.centile in (3.0, 97.0):
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            path = QPainterPath(at(*curve.points[0]))
            for age, value in curve.points[1:]:
                path.lineTo(at(age, value))
            painter.drawPath(path)
            end = at(*curve.points[-1])
            painter.drawText(QPointF(end.x() + 4, end.y() + 4), f"{curve.centile:g}")
        if self.points:
            painter.setPen(QPen(QColor("#0d47a1"), 2))
            path = QPainterPath(at(*self.points[0]))
            for age, value in self.points[1:]:
                path.lineTo(at(age, value))
            painter.drawPath(path)
            painter.setBrush(QColor("#0d47a1"))
            for age, value in self.points:
                painter.drawEllipse(at(age, value), 4, 4)
        if self.message:
            painter.setPen(QColor("#555"))
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.message)
        painter.end()

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
        return self.tr("Age (months)")
