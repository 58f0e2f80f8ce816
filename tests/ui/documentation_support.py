"""Shared set-up of the documentation-tab tests (journal, visit, forms, growth, printing).

``ui_context`` yields an AppContext with a real TaskRunner over the real encrypted ``store``
fixture, and on teardown stops the worker, deletes every widget the test registered with
``keep`` on the GUI thread and collects garbage there: a Qt widget freed by a garbage
collection that happens to run on the worker thread would crash the process.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget

from hembesok_desktop.domain.planning import today_in_stockholm
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.services import contacts, families
from hembesok_desktop.ui.context import AppContext
from hembesok_desktop.ui.tasks import TaskRunner
from tests.support.catalogue import CATALOGUE


@dataclass
class Harness:
    context: AppContext
    widgets: list[QWidget] = field(default_factory=list)

    def keep(self, widget: QWidget) -> QWidget:
        self.widgets.append(widget)
        return widget


def ui_harness(store: Store) -> Iterator[Harness]:
    runner = TaskRunner()
    harness = Harness(AppContext(store=store, runner=runner, catalogue=CATALOGUE))
    try:
        yield harness
    finally:
        runner.shutdown()
        QCoreApplication.processEvents()
        for widget in harness.widgets:
            if shiboken6.isValid(widget):
                widget.close()
                widget.deleteLater()
        harness.widgets.clear()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
        gc.collect()


@dataclass(frozen=True)
class Seeded:
    family_id: str
    child_id: str
    contact_id: str
    guardian_id: str


def seed_family(
    store: Store,
    *,
    age_days: int = 183,
    sex: str = "female",
    address: str = "Påhittade gatan 1",
    planned_on: date | None = None,
    code: str = "HB4",
) -> Seeded:
    born = today_in_stockholm() - timedelta(days=age_days)
    with store.write() as uow:
        family = families.create_family(uow, address=address, postal_code="123 45", area="Demo")
        guardian = families.add_guardian(
            uow, family_id=family.id, given_name="Fatima", family_name="Exempel", language="ar"
        )
        child = families.add_child(
            uow,
            family_id=family.id,
            given_name="Test",
            family_name="Exempel",
            birth_date=born,
            sex=sex,
        )
        contact = contacts.plan_contact(
            uow,
            family_id=family.id,
            child_id=child.id,
            planned_date=planned_on or today_in_stockholm(),
            programme_id="extended_home_visits",
            contact_code=code,
            participants=["nurse", "parental_advisor"],
        )
    return Seeded(family.id, child.id, contact.id, guardian.id)
