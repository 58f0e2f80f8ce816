"""A parent's answers survive the process being killed (SIGKILL) in parent mode, and a draft
moves to a newer form version telling the nurse what changed."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlmodel import select

from hembesok_desktop.domain.catalogue import load_catalogue
from hembesok_desktop.resources import resources_path
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.models import Draft
from hembesok_desktop.ui.forms.inputs import ChoiceInput
from hembesok_desktop.ui.forms.tab import FormsTab
from tests.conftest import PASSPHRASE
from tests.ui.documentation_support import Harness, seed_family, ui_harness

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from hembesok_desktop.domain.catalogue import load_catalogue
    from hembesok_desktop.resources import resources_path
    from hembesok_desktop.store.database import Store
    from hembesok_desktop.ui.context import AppContext
    from hembesok_desktop.ui.tasks import TaskRunner
    from hembesok_desktop.ui.forms.dialogs import NewScreening, NewScreeningDialog
    from hembesok_desktop.ui.forms.tab import FormsTab

    data_dir, passphrase, family_id, guardian_id = sys.argv[1:5]
    store = Store.unlock(Path(data_dir), passphrase=passphrase)
    catalogue = load_catalogue(resources_path())
    context = AppContext(store=store, runner=TaskRunner(), catalogue=catalogue)
    tab = FormsTab(context)
    choice = NewScreening(
        "http://hembesok.se/fhir/Questionnaire/barnsakert-style", guardian_id, "ar"
    )
    NewScreeningDialog.ask = classmethod(lambda cls, *a, **k: choice)

    def loaded():
        tab.loaded.disconnect(loaded)
        tab.new_button.click()
        window = tab.open_parent_mode()
        for link_id in ("bs-economy", "bs-food", "bs-mood"):
            window.form.rows[link_id].input.buttons[0].click()
        window.form.rows["bs-stress"].input.buttons[1].click()
        tab.saver.saved.connect(lambda key: print("SAVED", key, flush=True))

    tab.loaded.connect(loaded)
    tab.show_family(family_id)
    app.exec()
    """
)


@pytest.fixture
def harness(store: Store, qtbot: QtBot) -> Iterator[Harness]:
    yield from ui_harness(store)


def test_parent_mode_draft_survives_sigkill(qtbot, harness, store, data_dir, tmp_path) -> None:
    seeded = seed_family(store)
    script = tmp_path / "fill_answers.py"
    script.write_text(CHILD, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(
        [
            sys.executable,
            str(script),
            str(data_dir),
            PASSPHRASE,
            seeded.family_id,
            seeded.guardian_id,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        assert child.stdout is not None
        for line in child.stdout:  # one line per committed save
            assert line.startswith("SAVED questionnaire:")
            if saved_answers(store) == 4:  # the debounced save of the parent's answers
                break
        else:
            pytest.fail(child.stderr.read() if child.stderr else "the child exited")
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL

    with store.read() as session:
        [draft] = session.exec(select(Draft)).all()
    assert draft.payload["language"] == "ar"
    tab = FormsTab(harness.context)
    harness.keep(tab)
    with qtbot.waitSignal(tab.loaded):
        tab.show_family(seeded.family_id)
    assert tab.model.index(0, 4).data() == "In progress (draft)"
    tab.select_row(draft.key)
    flow = tab.resume_selected()
    assert flow is not None
    assert {k: v[0].code for k, v in flow.answers.items()} == {  # type: ignore[union-attr]
        "bs-economy": "Y",
        "bs-food": "Y",
        "bs-mood": "Y",
        "bs-stress": "N",
    }
    assert tab.form_widget is not None
    economy = tab.form_widget.rows["bs-economy"].input
    assert isinstance(economy, ChoiceInput) and economy.buttons[0].isChecked()


def saved_answers(store: Store) -> int:
    with store.read() as session:
        found = session.exec(select(Draft)).all()
    items = found[0].payload["response"].get("item", []) if found else []
    return len(items)


def install_newer_forms(tmp_path: Path) -> Path:
    """A resources copy where barnsakert gets version 1.1.0 (one item reworded); 1.0.0 kept
    (a region's own folder, as HEMBESOK_RESOURCES names it; the app loads it at start)."""
    resources = tmp_path / "resources"
    shutil.copytree(resources_path(), resources)
    raw = json.loads((resources / "forms" / "barnsakert.json").read_text(encoding="utf-8"))
    (resources / "forms" / "archive").mkdir()
    (resources / "forms" / "archive" / "barnsakert-1.0.0.json").write_text(
        json.dumps(raw), encoding="utf-8"
    )
    raw["version"] = "1.1.0"
    stress = next(i for i in raw["item"] if i["linkId"] == "bs-stress")
    stress["text"] = "Känner du dig ofta stressad?"
    (resources / "forms" / "barnsakert.json").write_text(json.dumps(raw), encoding="utf-8")
    return resources


def test_draft_survives_a_form_update(qtbot, harness, store, monkeypatch, tmp_path) -> None:
    from hembesok_desktop.domain.questionnaire import Coding, load_questionnaire
    from hembesok_desktop.store.services import drafts
    from hembesok_desktop.ui.flows.questionnaire import QuestionnaireFlow

    seeded = seed_family(store)
    old = load_questionnaire(resources_path() / "forms" / "barnsakert.json")
    flow = QuestionnaireFlow(old, family_id=seeded.family_id, language="sv")
    yes = Coding("Y", "http://terminology.hl7.org/CodeSystem/v2-0136")
    flow.set_answer("bs-economy", [yes])
    flow.set_answer("bs-stress", [yes])
    with store.write() as uow:
        drafts.save_draft(
            uow,
            key=flow.key,
            family_id=seeded.family_id,
            kind="questionnaire",
            payload=flow.to_payload(),
        )
    harness.context.catalogue = load_catalogue(install_newer_forms(tmp_path))
    tab = FormsTab(harness.context)
    harness.keep(tab)
    with qtbot.waitSignal(tab.loaded):
        tab.show_family(seeded.family_id)
    tab.select_row(flow.key)
    moved = tab.resume_selected()
    assert moved is not None and moved.form.version == "1.1.0"
    assert set(moved.answers) == {"bs-economy"}
    assert tab.migration_note.isVisibleTo(tab)
    note = tab.migration_note.text()
    assert "1.0.0" in note and "1.1.0" in note and "bs-stress" in note
