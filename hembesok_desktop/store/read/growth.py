"""The growth screen: the family's children (oldest first) and their measurements."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select

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
