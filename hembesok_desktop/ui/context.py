"""What every view gets: the unlocked store (used only inside tasks), the task runner, the nurse.

Views never touch the store on the GUI thread: they pass a read query (a function of a
``store.read.ReadSession`` returning frozen views, from ``store.read``) to ``read``, or a change
(a function of a ``UnitOfWork`` calling ``store.services``) to ``write``, and update themselves
in ``on_done`` on the GUI thread. ``AppContext`` is created on unlock and dropped on lock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from ..domain.catalogue import Catalogue
from ..domain.planning import today_in_stockholm
from ..store.database import Store
from ..store.read import ReadSession
from ..store.unit_of_work import Actor, Changed, UnitOfWork
from .growth.loader import GrowthReference
from .tasks import TaskRunner

T = TypeVar("T")


@dataclass
class AppContext:
    store: Store
    runner: TaskRunner
    #: programmes, forms and offers, loaded once at start-up (never read on the GUI thread)
    catalogue: Catalogue
    demo: bool = False
    #: the WHO growth reference, loaded on the worker when a view first needs it
    growth: GrowthReference = field(default_factory=GrowthReference)
    #: the UI language ("sv" or "en"), for texts the store or domain builds (timeline titles)
    language: str = "sv"

    @property
    def actor(self) -> Actor:
        return self.store.actor

    def today(self) -> date:
        return today_in_stockholm()

    def read(
        self,
        query: Callable[[ReadSession], T],
        *,
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
        name: str = "read",
    ) -> None:
        """Run ``query(session)`` on the worker; ``on_done(result)`` on the GUI thread."""
        store = self.store

        def work() -> T:
            with store.read() as session:
                return query(session)

        self.runner.run(work, on_done=on_done, on_error=on_error, name=name)

    def write(
        self,
        change: Callable[[UnitOfWork], object],
        *,
        on_done: Callable[[Changed], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        name: str = "write",
    ) -> None:
        """Run ``change(uow)`` in one transaction on the worker; reports what changed."""
        store = self.store

        def work() -> Changed:
            with store.write() as uow:
                change(uow)
            return uow.changed()

        self.runner.run(work, on_done=on_done, on_error=on_error, name=name)
