"""A delegate that paints small coloured badges (interpreter, findings, overdue...) in a cell.

The model gives ``(kind, text)`` pairs under ``BADGES_ROLE``; colours come from ``theme.badge``
(dark text on a light fill, readable in light and dark mode; an ``urgent`` finding is white on
a strong red, and bold, so it cannot be mistaken for an ordinary finding). The cell's display
text stays the badges joined, so screen readers and copy read the same words.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from . import theme

PAD_X = 7
PAD_Y = 3
GAP = 6


class BadgeDelegate(QStyledItemDelegate):
    def __init__(self, role: int, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._role = role

    def _badges(self, index: QModelIndex | QPersistentModelIndex) -> list[tuple[str, str]]:
        value = index.data(self._role)
        return list(value) if value else []

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        items = self._badges(index)
        if not items:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(opt.font)
        bold = QFontMetrics(_bold(opt.font))
        height = metrics.height() + 2 * PAD_Y
        rect: QRect = opt.rect
        x = rect.left() + 4
        y = rect.top() + (rect.height() - height) // 2
        for kind, text in items:
            width = (bold if kind == "urgent" else metrics).horizontalAdvance(text) + 2 * PAD_X
            if x + width > rect.right() and x > rect.left() + 4:
                break
            colours = theme.badge(kind)
            painter.setFont(_bold(opt.font) if kind == "urgent" else opt.font)
            badge_rect = QRect(x, y, width, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colours.fill)
            painter.drawRoundedRect(badge_rect, 4, 4)
            painter.setPen(colours.text)
            painter.drawText(badge_rect, Qt.AlignmentFlag.AlignCenter, text)
            x += width + GAP
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        base = super().sizeHint(option, index)
        items = self._badges(index)
        if not items:
            return base
        metrics = QFontMetrics(option.font)
        bold = QFontMetrics(_bold(option.font))
        width = 8 + sum(
            (bold if k == "urgent" else metrics).horizontalAdvance(t) + 2 * PAD_X + GAP
            for k, t in items
        )
        return QSize(max(base.width(), width), max(base.height(), metrics.height() + 2 * PAD_Y + 6))


def _bold(font: QFont) -> QFont:
    bolder = QFont(font)
    bolder.setBold(True)
    return bolder
