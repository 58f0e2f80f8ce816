"""The Growth tab ("Tillväxt"): a child selector, weight/length/head circumference against age,
with WHO centiles (3, 15, 50, 85, 97). The reference is loaded on the worker when a chart is
first shown, so neither start-up nor the GUI thread pays for importing rcpchgrowth."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...domain.growth import MAX_AGE_YEARS, Curve, age_years
from ...store.read import ReadSession
from ...store.read.growth import GrowthView, growth_view
from ...store.read.views import ChildView
from ...store.unit_of_work import Changed
from ..common.guard import alive
from ..context import AppContext
from .chart import GrowthChart

FIELDS = {
    "weight": "weight_kg",
    "length": "length_cm",
    "head_circumference": "head_circumference_cm",
}
UNITS = {"weight": "kg", "length": "cm", "head_circumference": "cm"}


class GrowthTab(QWidget):
    """FamilyTab "Tillväxt"."""

    loaded = Signal()
    chart_ready = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.family_id: str | None = None
        self.data: GrowthView | None = None
        self._curve_cache: dict[tuple[str, str, float], list[Curve]] = {}
        self.child = QComboBox()
        self.child.setAccessibleName(self.tr("Child"))
        self.child.currentIndexChanged.connect(lambda *_: self.redraw())
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Measure"))
        self.kind.addItem(self.tr("Weight (kg)"), "weight")
        self.kind.addItem(self.tr("Length (cm)"), "length")
        self.kind.addItem(self.tr("Head circumference (cm)"), "head_circumference")
        self.kind.currentIndexChanged.connect(lambda *_: self.redraw())
        self.chart = GrowthChart()
        self.chart.setAccessibleName(self.tr("Growth chart"))
        self.note = QLabel(self.tr("Lines: WHO child growth standards, centiles 3–97."))
        self.note.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Child:")))
        top.addWidget(self.child, 1)
        top.addWidget(QLabel(self.tr("Measure:")))
        top.addWidget(self.kind, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.note)
        self.show_family(None)

    # -- FamilyTab ----------------------------------------------------------------------------
    def show_family(self, family_id: str | None) -> None:
        self.family_id = family_id
        self.data = None
        self.child.blockSignals(True)
        self.child.clear()
        self.child.blockSignals(False)
        self.chart.set_data(curves=[], points=[], max_age=1, unit="", y_title="")
        self.setEnabled(family_id is not None)
        if family_id is not None:
            self._load(family_id)

    def refresh(self, changed: Changed) -> None:
        ours = self.family_id is not None and self.family_id in changed.family_ids
        if ours and self.family_id and changed.entities & {"measurement", "child"}:
            self._load(self.family_id)

    def save_drafts(self) -> None:
        """Nothing typed here."""

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.redraw()

    # -- data ---------------------------------------------------------------------------------
    def _load(self, family_id: str) -> None:
        def query(session: ReadSession) -> GrowthView:
            return growth_view(session, family_id)

        def done(result: GrowthView) -> None:
            if not alive(self) or result.family_id != self.family_id:
                return
            current = self.child.currentData()
            self.data = result
            self.child.blockSignals(True)
            self.child.clear()
            for child in sorted(result.children, key=lambda c: c.birth_date):
                self.child.addItem(
                    f"{child.given_name} {child.family_name} ({child.birth_date.isoformat()})",
                    child.id,
                )
            self.child.setCurrentIndex(max(self.child.findData(current), 0))
            self.child.blockSignals(False)
            self.loaded.emit()
            self.redraw()

        self.context.read(query, on_done=done, name="growth-load")

    def selected_child(self) -> ChildView | None:
        if self.data is None:
            return None
        return next((c for c in self.data.children if c.id == self.child.currentData()), None)

    def points(self, child: ChildView, kind: str) -> list[tuple[float, float]]:
        assert self.data is not None
        found = []
        for m in self.data.plotted(child.id):  # voided values: neither drawn nor scaled to
            value = getattr(m, FIELDS[kind])
            if value is not None:
                found.append((age_years(child.birth_date, m.measured_on), float(value)))
        return sorted(found)

    def redraw(self) -> None:
        child = self.selected_child()
        if child is None or not self.isVisible():
            return
        kind = str(self.kind.currentData())
        points = self.points(child, kind)
        today_age = age_years(child.birth_date, date.today())
        last = max((age for age, _ in points), default=0.0)
        max_age = min(max(today_age, last, 0.5) * 1.1, MAX_AGE_YEARS)
        max_age = round(max_age * 12 + 0.5) / 12
        key = (kind, child.sex, max_age)
        title = self.kind.currentText()
        if child.sex not in ("male", "female"):
            self.chart.set_data(
                curves=[],
                points=points,
                max_age=max_age,
                unit=UNITS[kind],
                y_title=title,
                message=self.tr("The child's sex is not recorded: no WHO centiles."),
            )
            self.chart_ready.emit()
            return
        if key in self._curve_cache:
            self._show(key, points, title)
            return
        self.chart.set_data(
            curves=[],
            points=points,
            max_age=max_age,
            unit=UNITS[kind],
            y_title=title,
            message=self.tr("Loading the WHO reference…"),
        )

        growth = self.context.growth

        def work() -> list[Curve]:
            return growth.load().curves(kind, child.sex, max_age)

        def done(curves: list[Curve]) -> None:
            if not alive(self):
                return
            self._curve_cache[key] = curves
            if self.selected_child() is child and str(self.kind.currentData()) == kind:
                self._show(key, points, title)

        self.context.runner.run(work, on_done=done, name="who-curves")

    def _show(
        self, key: tuple[str, str, float], points: list[tuple[float, float]], title: str
    ) -> None:
        kind, _sex, max_age = key
        self.chart.set_data(
            curves=self._curve_cache[key],
            points=points,
            max_age=max_age,
            unit=UNITS[kind],
            y_title=title,
        )
        self.chart_ready.emit()
