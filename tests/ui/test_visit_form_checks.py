"""The visit form: signing an implausible value asks first, naming it and its SD; the grey
placeholders are the child's expected values for age and sex."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot
from sqlmodel import select

from hembesok_desktop.store.database import Store
from hembesok_desktop.store.models import Contact, Measurement
from hembesok_desktop.ui.visit.confirm import ImplausibleDialog
from hembesok_desktop.ui.visit.form import VisitForm
from hembesok_desktop.ui.visit.tab import VisitTab
from tests.ui.documentation_support import Harness, seed_family, ui_harness


@pytest.fixture
def harness(store: Store, qtbot: QtBot) -> Iterator[Harness]:
    yield from ui_harness(store)


def open_form(qtbot: QtBot, harness: Harness, family_id: str) -> tuple[VisitTab, VisitForm]:
    harness.context.growth.load()
    tab = VisitTab(harness.context)
    harness.keep(tab)
    with qtbot.waitSignal(tab.loaded):
        tab.show_family(family_id)
    form = tab.open_form(tab.model.contact(0))
    assert form is not None
    return tab, form


def test_signing_45_kg_at_three_months_needs_the_confirmation(
    qtbot: QtBot, harness: Harness, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded = seed_family(store, age_days=91, code="HB3")
    tab, form = open_form(qtbot, harness, seeded.family_id)
    asked: list[list[str]] = []
    answers = [False, True]
    monkeypatch.setattr(
        ImplausibleDialog,
        "ask",
        classmethod(lambda cls, parent, lines: asked.append(list(lines)) or answers.pop(0)),
    )
    form.measure_edits["weight"].setText("45")
    form.text.setPlainText("Hembesök 3.")
    assert form.sign_button.isEnabled()
    form.sign_button.click()  # the nurse goes back: nothing is saved
    [lines] = asked
    assert len(lines) == 1 and "Weight 45 kg" in lines[0] and "SD from the WHO median" in lines[0]
    assert re.search(r"\+\d+,\d SD", lines[0])  # e.g. "+38,5 SD"
    qtbot.wait(200)
    with store.read() as session:
        assert session.exec(select(Measurement)).all() == []
        contact = session.get(Contact, seeded.contact_id)
        assert contact is not None and contact.status == "planned"
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        form.sign_button.click()  # asked again, and confirmed this time
    assert len(asked) == 2
    with store.read() as session:
        [m] = session.exec(select(Measurement)).all()
        assert m.weight_kg == 45.0


def test_a_plausible_value_signs_without_asking(
    qtbot: QtBot, harness: Harness, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded = seed_family(store, age_days=91, code="HB3")
    tab, form = open_form(qtbot, harness, seeded.family_id)

    def never(cls: object, parent: object, lines: object) -> bool:
        raise AssertionError("asked about a plausible value")

    monkeypatch.setattr(ImplausibleDialog, "ask", classmethod(never))
    form.measure_edits["weight"].setText("6,1")
    form.text.setPlainText("Hembesök 3.")
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        form.sign_button.click()


def test_the_dialog_names_the_values_and_defaults_to_going_back(
    qtbot: QtBot, harness: Harness
) -> None:
    dialog = ImplausibleDialog(["Weight 45 kg is +38,5 SD from the WHO median."])
    harness.keep(dialog)
    assert "Weight 45 kg is +38,5 SD" in dialog.text.text()
    assert dialog.back_button.isDefault() and not dialog.sign_button.isDefault()


def number(placeholder: str) -> float:
    return float(placeholder.rsplit(" ", 1)[-1].replace(",", "."))


def test_placeholders_are_the_childs_expected_values_by_age(
    qtbot: QtBot, harness: Harness, store: Store
) -> None:
    young = seed_family(store, age_days=91, code="HB3")
    older = seed_family(store, age_days=274, code="HB5", address="Påhittade gatan 2")
    _, at_three = open_form(qtbot, harness, young.family_id)
    weights = [number(at_three.measure_edits["weight"].placeholderText())]
    head = number(at_three.measure_edits["head_circumference"].placeholderText())
    assert 38 < head < 42  # never 62,5 cm
    assert at_three.measure_edits["weight"].placeholderText().startswith("expected")
    _, at_nine = open_form(qtbot, harness, older.family_id)
    weights.append(number(at_nine.measure_edits["weight"].placeholderText()))
    assert weights[1] > weights[0] + 1.5
    assert at_nine.measure_edits["weight"].text() == ""  # a placeholder, not a value


def test_no_placeholders_without_a_known_sex(qtbot: QtBot, harness: Harness, store: Store) -> None:
    seeded = seed_family(store, age_days=91, code="HB3", sex="")
    _, form = open_form(qtbot, harness, seeded.family_id)
    assert all(edit.placeholderText() == "" for edit in form.measure_edits.values())
