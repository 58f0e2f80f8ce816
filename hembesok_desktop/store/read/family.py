"""The family screen: the family, its guardians, children and enrollments.

``family_record`` reads through ``store.family_record.load_family`` (the same order: birthing
parent first, youngest child first, enrollments by start) and returns frozen views. It only
reads; the screen that shows the record logs the access.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..family_record import FamilyRecord, load_family
from . import ReadSession
from .views import (
    ChildView,
    ContactView,
    EnrollmentView,
    FamilyView,
    FollowUpView,
    GuardianView,
    JournalEntryView,
    MeasurementView,
    ResponseView,
    view_of,
)


@dataclass(frozen=True)
class FamilyRecordView:
    """Every row of one family, as views, each tuple in ``load_family``'s order."""

    family: FamilyView
    guardians: tuple[GuardianView, ...]
    children: tuple[ChildView, ...]
    enrollments: tuple[EnrollmentView, ...]
    contacts: tuple[ContactView, ...]
    journal_entries: tuple[JournalEntryView, ...]
    measurements: tuple[MeasurementView, ...]
    responses: tuple[ResponseView, ...]
    follow_ups: tuple[FollowUpView, ...]


def record_view(record: FamilyRecord) -> FamilyRecordView:
    """The views of an already loaded record."""
    return FamilyRecordView(
        family=view_of(FamilyView, record.family),
        guardians=tuple(view_of(GuardianView, g) for g in record.guardians),
        children=tuple(view_of(ChildView, c) for c in record.children),
        enrollments=tuple(view_of(EnrollmentView, e) for e in record.enrollments),
        contacts=tuple(view_of(ContactView, c) for c in record.contacts),
        journal_entries=tuple(view_of(JournalEntryView, e) for e in record.journal_entries),
        measurements=tuple(view_of(MeasurementView, m) for m in record.measurements),
        responses=tuple(view_of(ResponseView, r) for r in record.responses),
        follow_ups=tuple(view_of(FollowUpView, f) for f in record.follow_ups),
    )


def family_record(session: ReadSession, family_id: str) -> FamilyRecordView:
    """The family's whole record; ``NotFound`` if there is no such family."""
    return record_view(load_family(session, family_id))
