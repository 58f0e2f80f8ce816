"""The Timeline tab: everything about the family by date, with an "Idag" (today) row.

``TimelineModel`` is a list model over ``store.read.timeline.timeline_view``; the domain puts
the today marker in place. The view scrolls to today when a family opens. The tab reloads only
after writes that touch this family's contacts, measurements, screenings, follow-ups, journal
entries, enrollments or children.

A child selector above the list ("All children" or one child) narrows the timeline to that
child's items plus the family-wide ones (``timeline_view(..., child_id=...)``); the children are
read in the same task as the timeline, so the selector always lists the family's current
children. A new family starts with "All children"; a chosen child that is no longer in the
family falls back to it.

A measurement or a journal entry is corrected or voided with a reason from its context menu
(right-click, the Menu key or Shift+F10): the original stays on the timeline, struck through,
with the reason beneath it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QPainter, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.programmes import Language
from ...domain.timeline import TimelineItem, TimelineKind
from ...store.read import ReadSession
from ...store.read.journal import journal_entries
from ...store.read.timeline import TimelineView, timeline_view
from ...store.read.views import ChildView, JournalEntryView
from ...store.services import journal
from ...store.unit_of_work import Changed, UnitOfWork
from .. import labels, theme
from ..common.guard import alive
from ..common.store_errors import error_sentence
from ..context import AppContext
from ..journal.dialogs import CorrectionDialog, VoidDialog
from ..visit.measurements import MeasurementActions

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
IS_TODAY_ROLE = Qt.ItemDataRole.UserRole + 2
STATE_BADGE_ROLE = Qt.ItemDataRole.UserRole + 3

TIMELINE_ENTITIES = frozenset(
    {
        "contact",
        "measurement",
        "questionnaire_response",
        "follow_up_action",
        "journal_entry",
        "enrollment",
        "child",
        "vaccination",
        "feeding_record",
        "language_record",
        "tobacco_exposure",
        "sensory_screening",
        "referral",
    }
)

_STATE_BADGE = {
    "overdue": "overdue",
    "due": "due",
    "done": "done",
    "given": "done",
    "positive": "flag",
    "missed": "overdue",
    "open": "follow_up",
    "offered": "follow_up",
}

_Index = QModelIndex | QPersistentModelIndex

#: flags shown in the strongest colour
URGENT_FLAGS = frozenset({"self-harm", "urgent"})

#: vaccinations, child-health records and referrals (given, due or overdue doses, feeding,
#: language, tobacco smoke, hearing and vision) come from ``domain.timeline`` with their words


def is_voided(item: TimelineItem) -> bool:
    return item.state == "voided" or "voided" in item.flags


class TimelineModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[TimelineItem] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == ITEM_ROLE:
            return item
        if role == IS_TODAY_ROLE:
            return item.kind == TimelineKind.TODAY
        if role == STATE_BADGE_ROLE:
            return _STATE_BADGE.get(item.state or "", "muted")
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.describe(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.detail or None
        return None

    @staticmethod
    def describe(item: TimelineItem) -> str:
        """The row as one line of text (screen readers, copy, tests)."""
        if item.kind == TimelineKind.TODAY:
            return f"{labels.timeline_kind('today')} {labels.format_date(item.date)}"
        parts = [labels.format_date(item.date), item.title, labels.contact_state(item.state)]
        parts += [labels.flag(flag) for flag in item.flags]
        if item.detail:
            parts.append(item.detail)
        return " · ".join(part for part in parts if part)

    def set_items(self, items: Sequence[TimelineItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def clear(self) -> None:
        self.set_items([])

    def today_row(self) -> int:
        for number, item in enumerate(self._items):
            if item.kind == TimelineKind.TODAY:
                return number
        return -1

    def items(self) -> list[TimelineItem]:
        return list(self._items)


class TimelineDelegate(QStyledItemDelegate):
    """Date on the left, title and detail in the middle, the state as a badge on the right."""

    DATE_WIDTH_CHARS = 11

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        item = index.data(ITEM_ROLE)
        if not isinstance(item, TimelineItem):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect: QRect = opt.rect.adjusted(10, 4, -10, -4)
        metrics = QFontMetrics(opt.font)
        palette: QPalette = opt.palette
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_role = (
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.WindowText
        )
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if item.kind == TimelineKind.TODAY:
            colours = theme.badge("today")
            band = QRect(
                rect.left(),
                rect.center().y() - metrics.height() // 2 - 3,
                rect.width(),
                metrics.height() + 6,
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colours.fill)
            painter.drawRoundedRect(band, 4, 4)
            painter.setPen(colours.text)
            bold = theme.scaled_font(widget, 1.0, bold=True) if widget else opt.font
            painter.setFont(bold)
            text = f"{labels.timeline_kind('today')}  {labels.format_long_date(item.date)}"
            painter.drawText(band.adjusted(10, 0, -10, 0), Qt.AlignmentFlag.AlignVCenter, text)
            painter.restore()
            return
        date_width = metrics.horizontalAdvance("0" * self.DATE_WIDTH_CHARS)
        line = metrics.height()
        muted = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
        painter.setPen(palette.color(text_role) if selected else muted)
        painter.drawText(
            QRect(rect.left(), rect.top(), date_width, line),
            Qt.AlignmentFlag.AlignLeft,
            labels.format_date(item.date),
        )
        state_text = labels.contact_state(item.state)
        extra = [labels.flag(flag) for flag in item.flags]
        badges = [(str(index.data(STATE_BADGE_ROLE)), state_text)] if state_text else []
        badges += [
            ("overdue" if flag in URGENT_FLAGS else "flag", text)
            for flag, text in zip(item.flags, extra, strict=True)
        ]
        right = rect.right()
        for kind, text in reversed(badges):
            width = metrics.horizontalAdvance(text) + 14
            badge_rect = QRect(right - width, rect.top(), width, line + 4)
            colours = theme.badge(kind)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colours.fill)
            painter.drawRoundedRect(badge_rect, 4, 4)
            painter.setPen(colours.text)
            painter.drawText(badge_rect, Qt.AlignmentFlag.AlignCenter, text)
            right -= width + 6
        left = rect.left() + date_width + 8
        text_rect = QRect(left, rect.top(), max(0, right - left - 8), line + 4)
        painter.setPen(palette.color(text_role))
        title = item.title
        if is_voided(item):  # stays readable, struck through
            struck = QFont(opt.font)
            struck.setStrikeOut(True)
            painter.setFont(struck)
        painter.drawText(
            text_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(title, Qt.TextElideMode.ElideRight, text_rect.width()),
        )
        painter.setFont(opt.font)
        if item.detail:
            painter.setPen(palette.color(text_role) if selected else muted)
            detail_rect = QRect(left, rect.top() + line + 4, max(0, rect.right() - left), line)
            painter.drawText(
                detail_rect,
                Qt.AlignmentFlag.AlignLeft,
                metrics.elidedText(item.detail, Qt.TextElideMode.ElideRight, detail_rect.width()),
            )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        metrics = QFontMetrics(option.font)
        item = index.data(ITEM_ROLE)
        lines = 2 if isinstance(item, TimelineItem) and item.detail else 1
        return QSize(400, lines * metrics.height() + 18)


class TimelineTab(QWidget):
    """Implements ``FamilyTab``."""

    #: the timeline was (re)loaded with this many rows (tests and benchmarks wait for it)
    loaded = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._family_id: str | None = None
        self._generation = 0
        self.model = TimelineModel(self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(TimelineDelegate(self.view))
        self.view.setAccessibleName(self.tr("Timeline"))
        self.view.setUniformItemSizes(False)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setSpacing(1)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        menu_key = QShortcut(QKeySequence("Shift+F10"), self.view)
        menu_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        menu_key.activated.connect(self._context_menu_at_current)
        self.measurement_actions = MeasurementActions(ctx, self)
        self.measurement_actions.failed.connect(self._show_error)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color:#a00000; font-weight:bold;")
        self.error_label.hide()
        self.empty = QLabel(self.tr("Nothing planned or recorded yet."), self)
        self.empty.hide()
        self.child_filter = QComboBox(self)
        self.child_filter.setAccessibleName(self.tr("Show the timeline of"))
        self.child_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._reset_children()
        self.child_filter.currentIndexChanged.connect(self._child_chosen)
        filter_label = QLabel(self.tr("&Show:"), self)
        filter_label.setBuddy(self.child_filter)
        filter_row = QHBoxLayout()
        filter_row.addWidget(filter_label)
        filter_row.addWidget(self.child_filter)
        filter_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, theme.SPACING // 2, 0, 0)
        layout.addLayout(filter_row)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error_label)

    # -- correcting and voiding from the timeline -------------------------------------------
    def item_menu(self, item: TimelineItem) -> QMenu | None:
        """Correct or void a measurement or a journal entry (None for other items, or when
        the record is already voided)."""
        if item.ref_id is None or is_voided(item):
            return None
        ref = item.ref_id
        menu = QMenu(self)
        if item.kind == TimelineKind.MEASUREMENT:
            correct = menu.addAction(self.tr("&Correct measurement…"))
            correct.triggered.connect(lambda: self.measurement_actions.by_id(ref, "correct"))
            void = menu.addAction(self.tr("&Void measurement…"))
            void.triggered.connect(lambda: self.measurement_actions.by_id(ref, "void"))
            return menu
        if item.kind == TimelineKind.JOURNAL:
            if item.state == "signed":
                amend = menu.addAction(self.tr("&Correct journal entry…"))
                amend.triggered.connect(lambda: self.correct_entry(ref))
            void_entry = menu.addAction(self.tr("&Void journal entry…"))
            void_entry.triggered.connect(lambda: self.void_entry(ref, item.title))
            return menu
        menu.deleteLater()
        return None

    def _context_menu(self, position: QPoint) -> None:
        index = self.view.indexAt(position)
        item = index.data(ITEM_ROLE) if index.isValid() else None
        if not isinstance(item, TimelineItem):
            return
        self.view.setCurrentIndex(index)
        menu = self.item_menu(item)
        if menu is not None:
            menu.exec(self.view.viewport().mapToGlobal(position))

    def _context_menu_at_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self._context_menu(self.view.visualRect(index).center())

    def void_entry(self, entry_id: str, summary: str) -> None:
        reason = VoidDialog.ask(self, summary)
        if reason is None:
            return
        who = self._ctx.actor.full_name
        self._write(
            lambda uow: journal.void_entry(uow, entry_id, reason=reason, voided_by=who),
            "journal-void",
        )

    def correct_entry(self, entry_id: str) -> None:
        family_id = self._family_id
        if family_id is None:
            return

        def query(session: ReadSession) -> JournalEntryView | None:
            return next((e for e in journal_entries(session, family_id) if e.id == entry_id), None)

        def loaded(entry: JournalEntryView | None) -> None:
            if entry is None or not alive(self):
                return
            text = CorrectionDialog.ask(self, entry.text)
            if text is None:
                return
            actor = self._ctx.actor
            self._write(
                lambda uow: journal.amend_entry(
                    uow,
                    entry_id,
                    text=text,
                    author_name=actor.full_name,
                    author_title=actor.title,
                ),
                "journal-amend",
            )

        self._ctx.read(query, on_done=loaded, on_error=self._failed, name="journal-entry")

    def _write(self, change: Callable[[UnitOfWork], object], name: str) -> None:
        def done(_changed: Changed) -> None:
            if alive(self):
                self.error_label.hide()

        self._ctx.write(change, on_done=done, on_error=self._failed, name=name)

    def _failed(self, error: BaseException) -> None:
        if alive(self):
            self._show_error(error_sentence(error))

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    @property
    def child_id(self) -> str | None:
        """The child the timeline is narrowed to, or None for all children."""
        value = self.child_filter.currentData()
        return str(value) if value else None

    def set_child(self, child_id: str | None) -> None:
        """Narrow the timeline to ``child_id`` (None: all children); reloads it."""
        index = self.child_filter.findData(child_id or "")
        if index >= 0:
            self.child_filter.setCurrentIndex(index)

    def show_family(self, family_id: str | None) -> None:
        self._family_id = family_id
        self._generation += 1
        self.model.clear()
        self._reset_children()
        if family_id is not None:
            self._load(scroll_to_today=True)

    def _reset_children(self) -> None:
        self.child_filter.blockSignals(True)
        self.child_filter.clear()
        self.child_filter.addItem(self.tr("All children"), "")
        self.child_filter.setEnabled(False)
        self.child_filter.blockSignals(False)

    def _set_children(self, children: Sequence[ChildView]) -> None:
        chosen = self.child_id
        self.child_filter.blockSignals(True)
        self.child_filter.clear()
        self.child_filter.addItem(self.tr("All children"), "")
        for child in children:
            self.child_filter.addItem(f"{child.given_name} {child.family_name}".strip(), child.id)
        self.child_filter.setCurrentIndex(max(self.child_filter.findData(chosen or ""), 0))
        self.child_filter.setEnabled(len(children) > 1 or chosen is not None)
        self.child_filter.blockSignals(False)

    def _child_chosen(self, _index: int) -> None:
        if self._family_id is not None:
            self._load(scroll_to_today=True)

    def refresh(self, changed: Changed) -> None:
        if self._family_id in changed.family_ids and changed.entities & TIMELINE_ENTITIES:
            self._load(scroll_to_today=False)

    def _load(self, *, scroll_to_today: bool) -> None:
        family_id = self._family_id
        if family_id is None:
            return
        self._generation += 1
        generation, today = self._generation, self._ctx.today()
        language: Language = "en" if self._ctx.language == "en" else "sv"
        child_id, catalogue = self.child_id, self._ctx.catalogue

        def query(session: ReadSession) -> TimelineView:
            return timeline_view(
                session,
                family_id,
                today=today,
                catalogue=catalogue,
                child_id=child_id,
                language=language,
            )

        def done(result: TimelineView) -> None:
            if generation != self._generation:
                return
            children, items = result.children, list(result.items)
            self._set_children(children)
            self.model.set_items(items)
            self.empty.setVisible(all(i.kind == TimelineKind.TODAY for i in items))
            row = self.model.today_row()
            if scroll_to_today and row >= 0:
                self.view.scrollTo(
                    self.model.index(row), QAbstractItemView.ScrollHint.PositionAtCenter
                )
            self.loaded.emit(len(items))

        self._ctx.read(query, on_done=done, name="timeline")
