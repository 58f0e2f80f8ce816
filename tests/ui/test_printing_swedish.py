"""The printouts speak Swedish throughout: no English word and no stored token (contact codes,
states, form ids, language codes) in the HTML of the family summary or the day view."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot
from sqlmodel import select

from hembesok_desktop.demo.caseload import fill_demo_caseload
from hembesok_desktop.domain.planning import today_in_stockholm
from hembesok_desktop.store.database import Store
from hembesok_desktop.store.models import Family
from hembesok_desktop.store.read.printing import PrintRecord, day_visits, print_record
from hembesok_desktop.store.services import families
from hembesok_desktop.ui.printing.html import PrintNames, day_view_html, family_summary_html
from tests.support.catalogue import CATALOGUE
from tests.ui.documentation_support import Harness, ui_harness

from .test_sync_support import swedish

pytestmark = pytest.mark.usefixtures("swedish")
__all__ = ["swedish"]

#: English words the printouts used to show, or would show untranslated
ENGLISH = (
    "done",
    "planned",
    "missed",
    "cancelled",
    "rescheduled",
    "Home visit",
    "Clinic visit",
    "Phone call",
    "Interpreter",
    "Family summary",
    "Printed",
    "Contacts",
    "Measurements",

    "Guardians",
    "Children",
    "Address",
    "Phone",
    "Languages",
    "Weight",
    "Length",
    "Voided",
    "Correction",
    "Visits",
    "Who joins",
    "mother",
    "father",
    "yes",
)


@pytest.fixture
def harness(store: Store, qtbot: QtBot) -> Iterator[Harness]:
    yield from ui_harness(store)


def plain(html: str) -> str:
    document = QTextDocument()
    document.setHtml(html)
    return document.toPlainText()


def tokens(record: PrintRecord) -> set[str]:
    """Every stored token of the record that must not reach paper."""
    found = {c.contact_code for c in record.contacts} | {c.status for c in record.contacts}
    found |= {r.form_id for r in record.responses}
    found |= {r.form_id.rsplit("/", 1)[-1] for r in record.responses}
    found |= set(record.family.languages) | {record.family.interpreter_language}
    return {token for token in found if token}


def assert_swedish(text: str, record_tokens: set[str]) -> None:
    for word in (*ENGLISH, *record_tokens):
        assert not re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text), word


def test_summary_and_day_view_have_no_english_and_no_codes(store: Store, harness: Harness) -> None:
    fill_demo_caseload(store, catalogue=CATALOGUE, families=8, seed=3)
    names = PrintNames(CATALOGUE, "sv")
    with store.read() as session:
        ids = list(session.exec(select(Family.id)))
        records = [print_record(session, family_id) for family_id in ids]
    checked = {"contacts": 0, "responses": 0, "interpreter": 0}
    for record in records:
        assert record is not None
        if record.family.interpreter_needed:
            # the language the issue saw as "prs Tolk: prs"
            with store.write() as uow:
                families.update_family(
                    uow, record.family.id, languages=["prs", "sv"], interpreter_language="prs"
                )
            with store.read() as session:
                record = print_record(session, record.family.id)
            assert record is not None
            checked["interpreter"] += 1
        text = plain(family_summary_html(record, today_in_stockholm(), names))
        assert_swedish(text, tokens(record))
        checked["contacts"] += len(record.contacts)
        checked["responses"] += len(record.responses)
        if record.family.interpreter_needed:
            assert "Tolk: dari" in text.lower().replace("tolk", "Tolk")
    assert all(checked.values()), checked  # the demo had contacts, screenings, an interpreter
    days = {c.planned_date for r in records if r for c in r.contacts if c.status == "planned"}
    for day in sorted(d for d in days if d)[:5]:
        with store.read() as session:
            visits = day_visits(session, day)
        text = plain(day_view_html(day, visits, names))
        for visit in visits:
            assert_swedish(text, tokens(visit.record) | {visit.contact.contact_code})
