"""The documentation and sync screenshots of ``make_screenshots.py``: a visit being documented,
the journal (signed, corrected, voided), EPDS in nurse mode, parent mode in Swedish and Arabic,
growth, a sync running and a conflict between two laptops."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QWidget

from hembesok_desktop.demo.server import EmbeddedServer, enroll_demo_device
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.services import families, journal
from hembesok_desktop.store.sync_port import StoreReplica
from hembesok_desktop.store.unit_of_work import UnitOfWork
from hembesok_desktop.sync.session import sync_replica
from hembesok_desktop.ui.forms.dialogs import NewScreening, NewScreeningDialog
from hembesok_desktop.ui.forms.inputs import ChoiceInput
from hembesok_desktop.ui.forms.tab import FormsTab
from hembesok_desktop.ui.growth.tab import GrowthTab
from hembesok_desktop.ui.journal.tab import JournalTab
from hembesok_desktop.ui.shell import Shell
from hembesok_desktop.ui.visit.tab import VisitTab

Save = Callable[[QWidget, str], None]
EPDS = "http://hembesok.se/fhir/Questionnaire/epds"


def wait(condition: Callable[[], object], timeout_ms: int = 30_000) -> None:
    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(lambda: loop.quit() if condition() else None)
    timer.start(20)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    timer.stop()


def write(shell: Shell, change: Callable[[UnitOfWork], Any]) -> None:
    """A write on the store worker, as the window makes them; returns when it is done."""
    assert shell.workspace is not None
    done: list[object] = []
    shell.workspace.ctx.write(change, on_done=done.append, on_error=done.append, name="shots")
    wait(lambda: done)


def show_tab(shell: Shell, kind: type[QWidget]) -> Any:
    assert shell.workspace is not None
    tabs = shell.workspace.family_panel.tabs
    for index in range(tabs.count()):
        if isinstance(tabs.widget(index), kind):
            shell.workspace.family_panel.set_current_tab(index)
            return tabs.widget(index)
    raise LookupError(kind.__name__)


def documentation_shots(shell: Shell, family_id: str, save: Save) -> None:
    visit_shot(shell, save)
    journal_shot(shell, family_id, save)
    form_shots(shell, save)
    assert shell.workspace is not None
    tabs = shell.workspace.family_panel.tabs
    growth = next(
        tabs.widget(i) for i in range(tabs.count()) if isinstance(tabs.widget(i), GrowthTab)
    )
    ready: list[object] = []
    growth.chart_ready.connect(lambda: ready.append(1))
    show_tab(shell, GrowthTab)
    wait(lambda: ready, 15_000)
    youngest = max(range(growth.child.count()), key=lambda i: growth.child.itemText(i)[-11:])
    if youngest != growth.child.currentIndex():  # the child with this year's measurements
        ready.clear()
        growth.child.setCurrentIndex(youngest)
        wait(lambda: ready, 15_000)
    save(shell.window, "growth.png")


def visit_shot(shell: Shell, save: Save) -> None:
    visits: VisitTab = show_tab(shell, VisitTab)
    wait(lambda: visits.data is not None)
    contact = visits.selected_contact()
    form = visits.open_form(contact if contact and contact.status == "planned" else None)
    assert form is not None
    for boxes in (form.participant_boxes[1], form.theme_boxes[1]):
        for check in list(boxes.values())[:2]:
            check.setChecked(True)
    for kind, value in (("weight", "9,15"), ("length", "74,5"), ("head_circumference", "45,5")):
        form.measure_edits[kind].setText(value)
    form.text.setPlainText("Mår bra. Amning fungerar. Pratade om sömn och säkerhet i hemmet.")
    save(shell.window, "visit.png")
    form.close_button.click()  # the draft stays


def journal_shot(shell: Shell, family_id: str, save: Save) -> None:
    nurse = shell.workspace.ctx.actor if shell.workspace else None
    name, title = (nurse.full_name, nurse.title) if nurse else ("", "")
    made: dict[str, str] = {}

    def entries(uow: UnitOfWork) -> None:
        first = journal.write_entry(
            uow, family_id=family_id, text="Hembesök. Vikt och amning diskuterades."
        )
        journal.sign_entry(uow, first.id, author_name=name, author_title=title)
        wrong = journal.write_entry(uow, family_id=family_id, text="Telefonsamtal med pappa.")
        journal.sign_entry(uow, wrong.id, author_name=name, author_title=title)
        made["first"], made["wrong"] = first.id, wrong.id

    def corrections(uow: UnitOfWork) -> None:
        journal.amend_entry(
            uow,
            made["first"],
            text="Hembesök. Vikt, amning och sömn diskuterades. Tolk via telefon.",
            author_name=name,
            author_title=title,
        )
        journal.void_entry(uow, made["wrong"], reason="Fel familj", voided_by=name)

    write(shell, entries)
    write(shell, corrections)
    tab: JournalTab = show_tab(shell, JournalTab)
    wait(lambda: tab.model.rowCount() >= 3)
    for row in range(tab.model.rowCount()):
        if tab.model.entry(row).amends:
            tab.select_entry(tab.model.entry(row).id)
            break
    save(shell.window, "journal.png")


def form_shots(shell: Shell, save: Save) -> None:
    forms: FormsTab = show_tab(shell, FormsTab)
    wait(lambda: forms.data is not None)
    assert forms.data is not None
    mother = forms.data.guardians[0]
    ask = NewScreeningDialog.ask
    NewScreeningDialog.ask = classmethod(  # type: ignore[method-assign,assignment]
        lambda cls, *a, **k: NewScreening(EPDS, mother.id, "sv")
    )
    try:
        forms.new_button.click()
    finally:
        NewScreeningDialog.ask = ask  # type: ignore[method-assign]
    assert forms.form_widget is not None
    for row in forms.form_widget.rows.values():
        if isinstance(row.input, ChoiceInput) and row.isVisible():
            row.input.buttons[min(2, len(row.input.buttons) - 1)].click()
    save(shell.window, "form_nurse_sv.png")
    parent = forms.open_parent_mode()
    assert parent is not None
    wait(lambda: parent.isVisible() and parent.isFullScreen(), 5000)
    parent.form.scroller.verticalScrollBar().setValue(0)
    save(parent, "parent_mode_sv.png")
    parent.language.setCurrentIndex(parent.language.findData("ar"))
    save(parent, "parent_mode_ar.png")
    parent.language.setCurrentIndex(parent.language.findData("sv"))
    parent.force_close()
    wait(lambda: not parent.isVisible(), 5000)
    forms.close_session()


def sync_shots(
    shell: Shell, server: EmbeddedServer, family_id: str, save: Save, folder: Path
) -> None:
    assert shell.sync is not None and shell.workspace is not None
    sync = shell.sync
    bar = shell.workspace.top_bar
    grabs: list[QPixmap] = []
    timer = QTimer()
    timer.timeout.connect(lambda: grabs.append(bar.grab()) if sync.controller.running else None)
    timer.start(15)
    sync.sync_now()
    wait(lambda: not sync.controller.running)
    timer.stop()
    if grabs:
        grabs[len(grabs) // 2].save(str(Path(__file__).resolve().parent / "sync.png"))
        print("saved sync.png")
    other = second_laptop(server, Path(tempfile.mkdtemp(prefix="other-", dir=folder)))
    try:
        sync_replica(StoreReplica(other))
        write(shell, lambda uow: families.update_family(uow, family_id, phone="070-111 11 11"))
        with other.write() as uow:
            families.update_family(uow, family_id, phone="070-222 22 22")  # later: it wins
        sync.sync_now()
        wait(lambda: not sync.controller.running)
        sync_replica(StoreReplica(other))
        sync.sync_now()
        wait(lambda: not sync.controller.running)
    finally:
        other.lock()
    dialog = sync.open_conflicts()
    dialog.resize(1100, 420)
    wait(lambda: dialog.isVisible(), 5000)
    save(dialog, "conflicts.png")
    dialog.close()


def second_laptop(server: EmbeddedServer, folder: Path) -> Store:
    store, _recovery = Store.create(folder, passphrase="andra laptopen")
    enroll_demo_device(store, server)
    return store
