"""Registration of the documentation tabs in the family panel.

The shell's extension hook (``ui.extensions``) finds ``install`` through
``hembesok_desktop.ui.journal`` (the other documentation packages define none, so the tabs are
added once). ``register_documentation_tabs(panel, context)`` can also be called directly; it
adds the Journal, Visits, Forms, Growth and Print tabs with ``panel.add_tab(widget, title)``
and returns them. Each implements ``FamilyTab`` (``show_family``, ``refresh``) and
``save_drafts()``, which the shell calls before locking so nothing typed is lost.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from .context import AppContext
from .forms.tab import FormsTab
from .growth.tab import GrowthTab
from .journal.tab import JournalTab
from .printing.tab import PrintingTab
from .visit.tab import VisitTab


class Panel(Protocol):
    def add_tab(self, widget: QWidget, title: str) -> object: ...


class DocumentationTab(Protocol):
    def show_family(self, family_id: str | None) -> None: ...

    def save_drafts(self) -> None: ...


translate = QCoreApplication.translate


def create_documentation_tabs(context: AppContext) -> list[tuple[QWidget, str]]:
    return [
        (JournalTab(context), translate("Tabs", "Journal")),
        (VisitTab(context), translate("Tabs", "Visits")),
        (FormsTab(context), translate("Tabs", "Forms")),
        (GrowthTab(context), translate("Tabs", "Growth")),
        (PrintingTab(context), translate("Tabs", "Print")),
    ]


def register_documentation_tabs(panel: Panel, context: AppContext) -> list[QWidget]:
    tabs = create_documentation_tabs(context)
    for widget, title in tabs:
        panel.add_tab(widget, title)
    return [widget for widget, _ in tabs]


def save_all_drafts(tabs: list[QWidget]) -> None:
    """Flush every tab's pending draft now (call before locking)."""
    for tab in tabs:
        save = getattr(tab, "save_drafts", None)
        if callable(save):
            save()


class _Workspace(Protocol):
    @property
    def family_panel(self) -> Panel: ...

    def add_action(self, action: QAction, menu: str = "family") -> None: ...


def install(_window: object, workspace: _Workspace, ctx: AppContext) -> None:
    """The shell's extension hook (``ui.extensions``): the tabs and "Today's visits" printing."""
    tabs = register_documentation_tabs(workspace.family_panel, ctx)
    printing = next(tab for tab in tabs if isinstance(tab, PrintingTab))
    print_day = QAction(translate("Tabs", "Print today's visits…"))
    print_day.triggered.connect(lambda: printing.print_day(pdf=False))
    workspace.add_action(print_day, menu="print")
    export_day = QAction(translate("Tabs", "Today's visits as PDF…"))
    export_day.triggered.connect(lambda: printing.print_day(pdf=True))
    workspace.add_action(export_day, menu="print")
