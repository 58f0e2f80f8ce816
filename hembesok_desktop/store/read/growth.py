"""The growth screen: the family's children (oldest first) and their measurements.

Voided measurements stay in the view, marked (``voided_reason``, ``GrowthView.voided``), so the
screen can name them; ``plotted`` leaves them out, and the chart's points, scale and curve are
drawn from it only: a mistaken 45 kg, once voided, no longer squashes the chart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlmodel import col, select

from ..errors import NotFound
from ..models import Child, Measurement
from . import ReadSession
from .views import ChildView, MeasurementView, view_of


@dataclass(frozen=True)
class GrowthView:
    family_id: str
    #: oldest first
    children: tuple[ChildView, ...]
    #: by the day measured, voided ones included (they carry ``voided_reason``)
    measurements: tuple[MeasurementView, ...]

    @property
    def voided(self) -> tuple[MeasurementView, ...]:
        """The voided measurements (shown struck through, never drawn)."""
        return tuple(m for m in self.measurements if m.voided_reason)

    def plotted(self, child_id: str) -> tuple[MeasurementView, ...]:
        """The child's measurements the chart draws and scales to: the voided ones left out."""
        return plotted(m for m in self.measurements if m.child_id == child_id)


def plotted(measurements: Iterable[MeasurementView]) -> tuple[MeasurementView, ...]:
    """``measurements`` without the voided ones."""
    return tuple(m for m in measurements if not m.voided_reason)


def measurement_view(session: ReadSession, measurement_id: str) -> MeasurementView:
    """One measurement (e.g. to correct it); ``NotFound`` when there is none."""
    row = session.get(Measurement, measurement_id)
    if row is None:
        raise NotFound(f"No measurement with id {measurement_id} exists.")
    return view_of(MeasurementView, row)


def growth_view(session: ReadSession, family_id: str) -> GrowthView:
    children = session.exec(
        select(Child)
        .where(col(Child.family_id) == family_id)
        .order_by(col(Child.birth_date), col(Child.id))
    )
    measurements = session.exec(
        select(Measurement)
        .where(col(Measurement.family_id) == family_id)
        .order_by(col(Measurement.measured_on), col(Measurement.id))
    )
    return GrowthView(
        family_id=family_id,
        children=tuple(view_of(ChildView, c) for c in children),
        measurements=tuple(view_of(MeasurementView, m) for m in measurements),
    )
