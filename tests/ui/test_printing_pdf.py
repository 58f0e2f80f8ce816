"""Printing: the family summary and the day view as PDF (with pages), each printout and
export writing an access-log entry per family included; the tabs register in a panel."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QTabWidget, QWidget
from pytestqt.qtbot import QtBot
from sqlmodel import select

from hembesok_desktop.store.database import Store
from hembesok_desktop.store.models import AccessLogEntry
from hembesok_desktop.store.services import journal
from hembesok_desktop.ui.documentation import register_documentation_tabs
from hembesok_desktop.ui.printing.printer import PdfPathDialog, PrinterDialog
from hembesok_desktop.ui.printing.tab import PrintingTab
from tests.ui.documentation_support import Harness, seed_family, ui_harness


@pytest.fixture
def harness(store: Store, qtbot: QtBot) -> Iterator[Harness]:
    yield from ui_harness(store)


def pdf_pages(path: Path) -> int:
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    return (
        data.count(b"/Type /Page\n")
        + data.count(b"/Type /Page\r")
        + data.count(b"/Type /Page>>")
        + data.count(b"/Type /Page/")
    )


def access_log(store: Store) -> list[AccessLogEntry]:
    with store.read() as session:
        return list(session.exec(select(AccessLogEntry)))


def open_tab(qtbot: QtBot, harness: Harness, family_id: str) -> PrintingTab:
    tab = PrintingTab(harness.context)
    harness.keep(tab)
    with qtbot.waitSignal(tab.loaded):
        tab.show_family(family_id)
    return tab


def test_family_summary_pdf_and_access_log(qtbot, harness, store, tmp_path, monkeypatch) -> None:
    seeded = seed_family(store)
    with store.write() as uow:
        entry = journal.write_entry(uow, family_id=seeded.family_id, text="Rad 1\n" * 400)
        journal.sign_entry(uow, entry.id, author_name="Anna", author_title="BVC-sjuksköterska")
    tab = open_tab(qtbot, harness, seeded.family_id)
    assert "Påhittade gatan 1" in tab.preview.toPlainText()
    target = tmp_path / "summary.pdf"
    monkeypatch.setattr(PdfPathDialog, "ask", classmethod(lambda cls, parent, suggested: target))
    with qtbot.waitSignal(tab.logged) as logged:
        tab.pdf_button.click()
    assert logged.args == ["export"]
    assert target.exists() and pdf_pages(target) >= 2  # 400 journal lines need several pages
    [entry_log] = access_log(store)
    assert (entry_log.family_id, entry_log.action, entry_log.detail) == (
        seeded.family_id,
        "export",
        "family-summary",
    )
    assert entry_log.user == "anna"


def test_day_view_logs_every_family_included(qtbot, harness, store, tmp_path, monkeypatch):
    first = seed_family(store, address="Första gatan 1")
    second = seed_family(store, address="Andra gatan 2")
    seed_family(store, address="Inte idag 3", planned_on=None, code="HB5")  # also today
    tab = open_tab(qtbot, harness, first.family_id)
    target = tmp_path / "day.pdf"
    monkeypatch.setattr(PdfPathDialog, "ask", classmethod(lambda cls, parent, suggested: target))
    with qtbot.waitSignal(tab.logged):
        tab.print_day(pdf=True)
    assert pdf_pages(target) >= 1
    logged = {e.family_id for e in access_log(store) if e.detail == "day-view"}
    assert {first.family_id, second.family_id} <= logged and len(logged) == 3

    printed: list[QPrinter] = []

    def to_pdf(cls: object, parent: QWidget | None, printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "paper.pdf"))
        printed.append(printer)
        return True

    monkeypatch.setattr(PrinterDialog, "ask", classmethod(to_pdf))
    with qtbot.waitSignal(tab.logged) as logged_print:
        tab.print_summary()
    assert logged_print.args == ["print"] and printed
    assert (tmp_path / "paper.pdf").exists()
    assert [e.action for e in access_log(store)].count("print") == 1

    monkeypatch.setattr(PrinterDialog, "ask", classmethod(lambda cls, parent, printer: False))
    tab.print_summary()  # cancelled: nothing printed, nothing logged
    qtbot.wait_until(lambda: harness.context.runner.pending == 0)
    assert [e.action for e in access_log(store)].count("print") == 1


def test_register_documentation_tabs(qtbot, harness, store) -> None:
    class Panel(QTabWidget):
        def add_tab(self, widget: QWidget, title: str) -> int:
            return self.addTab(widget, title)

    panel = Panel()
    harness.keep(panel)
    tabs = register_documentation_tabs(panel, harness.context)
    assert [panel.tabText(i) for i in range(panel.count())] == [
        "Journal",
        "Visits",
        "Forms",
        "Growth",
        "Print",
    ]
    seeded = seed_family(store)
    for tab in tabs:
        tab.show_family(seeded.family_id)  # type: ignore[attr-defined]
        tab.save_drafts()  # type: ignore[attr-defined]
    qtbot.wait_until(lambda: harness.context.runner.pending == 0)
