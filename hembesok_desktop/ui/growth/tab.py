"""The Growth tab ("Tillväxt"): a child selector, weight/length/head circumference against age,
with the session's reference (WHO by default, or a region's LMS table: ``loader``) drawn as
standard-deviation channels (mean, ±1, ±2, ±3 SD; centile labels optional) or as centiles
(3, 15, 50, 85, 97). A child born before 37 weeks is plotted at her age corrected for
gestational age until that reaches 2 years (``domain.growth.corrected_age``), when the child
view carries ``gestational_age_days``. Voided measurements are left out. A family opens on its
youngest child with measurements; a child without any says so in the note line. The reference is
loaded on the worker when a chart is first shown, so neither start-up nor the GUI thread pays
for importing rcpchgrowth."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...domain.growth import MAX_AGE_YEARS, Curve, age_years, check_gestation, corrected_age
from ...store.read import ReadSession
from ...store.read.growth import GrowthView, growth_view
from ...store.read.views import ChildView
from ...store.unit_of_work import Changed
from ..common.guard import alive
from ..context import AppContext
from .chart import GrowthChart
from .loader import GrowthReferenceError, ReferenceChoice

# (reference choice, measure, sex, chart's last age, lines)
CurveKey = tuple[ReferenceChoice, str, str, float, str]

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
        self._curve_cache: dict[CurveKey, tuple[str, list[Curve]]] = {}
        self.child = QComboBox()
        self.child.setAccessibleName(self.tr("Child"))
        self.child.currentIndexChanged.connect(lambda *_: self.redraw())
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Measure"))
        self.kind.addItem(self.tr("Weight (kg)"), "weight")
        self.kind.addItem(self.tr("Length (cm)"), "length")
        self.kind.addItem(self.tr("Head circumference (cm)"), "head_circumference")
        self.kind.currentIndexChanged.connect(lambda *_: self.redraw())
        self.lines = QComboBox()
        self.lines.setAccessibleName(self.tr("Reference lines"))
        self.lines.addItem(self.tr("SD channels"), "sd")
        self.lines.addItem(self.tr("Centiles"), "centiles")
        self.lines.currentIndexChanged.connect(lambda *_: self._lines_changed())
        self.centile_labels = QCheckBox(self.tr("Centile labels"))
        self.centile_labels.setToolTip(self.tr("Show each SD line's centile beside it"))
        self.centile_labels.toggled.connect(lambda *_: self.redraw())
        self.chart = GrowthChart()
        self.chart.setAccessibleName(self.tr("Growth chart"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Child:")))
        top.addWidget(self.child, 1)
        top.addWidget(QLabel(self.tr("Measure:")))
        top.addWidget(self.kind, 1)
        top.addWidget(QLabel(self.tr("Lines:")))
        top.addWidget(self.lines)
        top.addWidget(self.centile_labels)
        context.growth.changed.connect(self._reference_changed)
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
            if current is None:  # the family just opened: its youngest measured child
                current = self.first_child(result)
            self.child.setCurrentIndex(max(self.child.findData(current), 0))
            self.child.blockSignals(False)
            self.loaded.emit()
            self.redraw()

        self.context.read(query, on_done=done, name="growth-load")

    @staticmethod
    def first_child(data: GrowthView) -> str | None:
        """The child shown when the family opens: the youngest with a measurement to draw, else
        the first in the list."""
        measured = [c for c in data.children if data.plotted(c.id)]
        if not measured:
            return None
        return max(measured, key=lambda c: c.birth_date).id

    def selected_child(self) -> ChildView | None:
        if self.data is None:
            return None
        return next((c for c in self.data.children if c.id == self.child.currentData()), None)

    def gestation(self, child: ChildView) -> int | None:
        """The child's gestational age at birth in days, when the store holds a usable one."""
        days = getattr(child, "gestational_age_days", None)  # a column newer than this view
        if not isinstance(days, int):
            return None
        try:
            check_gestation(days)
        except ValueError:
            return None
        return days

    def points(self, child: ChildView, kind: str) -> list[tuple[float, float]]:
        """(age, value) of the child's measurements that are not voided, the age corrected for
        gestational age up to 2 years; measurements before the due date are left out."""
        assert self.data is not None
        gestation = self.gestation(child)
        found = []
        for m in self.data.plotted(child.id):  # voided values: neither drawn nor scaled to
            value = getattr(m, FIELDS[kind])
            if m.child_id == child.id and value is not None and not m.voided_reason:
                age = corrected_age(age_years(child.birth_date, m.measured_on), gestation)
                if age >= 0:
                    found.append((age, float(value)))
        return sorted(found)

    def _lines_changed(self) -> None:
        self.centile_labels.setEnabled(self.lines.currentData() == "sd")
        self.redraw()

    def _reference_changed(self) -> None:
        if alive(self):
            self._curve_cache.clear()
            self.redraw()

    def redraw(self) -> None:
        child = self.selected_child()
        if child is None or not self.isVisible():
            return
        kind = str(self.kind.currentData())
        lines = str(self.lines.currentData())
        points = self.points(child, kind)
        gestation = self.gestation(child)
        today_age = corrected_age(age_years(child.birth_date, date.today()), gestation)
        last = max((age for age, _ in points), default=0.0)
        max_age = min(max(today_age, last, 0.5) * 1.1, MAX_AGE_YEARS)
        max_age = round(max_age * 12 + 0.5) / 12
        growth = self.context.growth
        key: CurveKey = (growth.choice, kind, child.sex, max_age, lines)
        title = self.kind.currentText()
        self._note(child, [], "")
        if child.sex not in ("male", "female"):
            self._set(
                key,
                [],
                points,
                message=self.tr("The child's sex is not recorded: no reference lines."),
            )
            self.chart_ready.emit()
            return
        if key in self._curve_cache:
            self._show(key, points, title, child)
            return
        self._set(key, [], points, message=self.tr("Loading the growth reference…"))

        def work() -> tuple[str, list[Curve]]:
            reference = growth.load()
            make = reference.channels if lines == "sd" else reference.curves
            return reference.name, make(kind, child.sex, max_age)

        def done(result: tuple[str, list[Curve]]) -> None:
            if not alive(self):
                return
            self._curve_cache[key] = result
            if self._current(child, key):
                self._show(key, points, title, child)

        def failed(error: BaseException) -> None:
            if alive(self) and self._current(child, key):
                self._set(key, [], points, message=self.tr("The growth reference cannot be used."))
                self.note.setText(str(error) if isinstance(error, GrowthReferenceError) else "")
                self.chart_ready.emit()

        self.context.runner.run(work, on_done=done, on_error=failed, name="growth-curves")

    def _current(self, child: ChildView, key: CurveKey) -> bool:
        return (
            self.selected_child() is child
            and (self.context.growth.choice, str(self.kind.currentData())) == (key[0], key[1])
            and str(self.lines.currentData()) == key[4]
        )

    def _set(
        self,
        key: CurveKey,
        curves: list[Curve],
        points: list[tuple[float, float]],
        *,
        message: str = "",
        corrected: bool = False,
    ) -> None:
        self.chart.set_data(
            curves=curves,
            points=points,
            max_age=key[3],
            unit=UNITS[key[1]],
            y_title=self.kind.currentText(),
            message=message,
            centile_labels=key[4] == "sd" and self.centile_labels.isChecked(),
            corrected=corrected,
        )

    def _show(
        self, key: CurveKey, points: list[tuple[float, float]], title: str, child: ChildView
    ) -> None:
        name, curves = self._curve_cache[key]
        gestation = self.gestation(child)
        corrected = gestation is not None and gestation < 37 * 7
        message = ""
        if not any(c.points for c in curves):
            message = self.tr("The growth reference %1 has no lines for this measure and sex.")
            message = message.replace("%1", name)
        self._set(key, curves, points, message=message, corrected=corrected)
        self._note(child, curves, name)
        self.chart_ready.emit()

    def _note(self, child: ChildView, curves: list[Curve], name: str) -> None:
        parts = []
        if self.data is not None and not self.data.plotted(child.id):
            parts.append(self.tr("No measurements for %1 yet.").replace("%1", child.given_name))
        if curves and curves[0].sds is not None:
            parts.append(self.tr("Lines: %1, mean and ±1, ±2 and ±3 SD.").replace("%1", name))
        elif curves:
            parts.append(self.tr("Lines: %1, centiles 3–97.").replace("%1", name))
        gestation = self.gestation(child)
        if gestation is not None and gestation < 37 * 7:
            weeks = f"{gestation // 7}+{gestation % 7}"
            parts.append(
                self.tr("Born at %1 weeks: ages are corrected up to 2 years.").replace("%1", weeks)
            )
        self.note.setText(" ".join(parts))
