"""Helpers of the shell tests: isolated settings, a shell on a temp data folder with stubbed
first-run dialogs, and a registration to feed the stubbed "New family" dialog.

Widgets are deleted on the GUI thread at teardown (``close_shell``), followed by a garbage
collection there, so no Qt object is ever freed from the worker thread.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from pytestqt.qtbot import QtBot

from hembesok_desktop.domain.identity import luhn_check_digit
from hembesok_desktop.ui.family.registration_data import ChildInput, PersonInput, Registration
from hembesok_desktop.ui.flows.first_run import FirstRunFlow, NewStoreRequest
from hembesok_desktop.ui.lock.first_run import NewStoreDialog, RecoveryKeyDialog
from hembesok_desktop.ui.settings import AppSettings
from hembesok_desktop.ui.shell import Shell
from tests.conftest import CHEAP_KDF
from tests.support.catalogue import CATALOGUE

PASSPHRASE = "seven blue horses dance"


def settings_in(folder: Path, *, idle_minutes: float = 5, language: str = "sv") -> AppSettings:
    settings = AppSettings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    settings.idle_minutes = idle_minutes
    settings.language = language
    return settings


def personal_number(born: date, serial: str = "238") -> str:
    """A personal identity number valid in form, for a fictional person."""
    head = born.strftime("%y%m%d") + serial
    return born.strftime("%Y%m%d") + serial + str(luhn_check_digit(head))


def stub_first_run(monkeypatch: pytest.MonkeyPatch, *, name: str = "Anna Testsköterska") -> None:
    def ask_new(_parent: object, flow: FirstRunFlow) -> NewStoreRequest | None:
        return flow.submit(PASSPHRASE, PASSPHRASE, full_name=name, title="BVC-sjuksköterska")

    def ask_key(_parent: object, flow: FirstRunFlow) -> bool:
        assert flow.recovery_key  # shown once
        flow.confirm_stored(True)
        return True

    monkeypatch.setattr(NewStoreDialog, "ask", classmethod(lambda cls, p, f: ask_new(p, f)))
    monkeypatch.setattr(RecoveryKeyDialog, "ask", classmethod(lambda cls, p, f: ask_key(p, f)))


_OPEN: list[Shell] = []


def make_shell(
    qtbot: QtBot, data_dir: Path | None, settings: AppSettings, **kwargs: object
) -> Shell:
    """A shell with the cheap KDF; closed by ``close_shell`` or the ``shells`` fixture."""
    del qtbot
    shell = Shell(  # type: ignore[misc]
        data_dir, settings=settings, catalogue=CATALOGUE, kdf=CHEAP_KDF, **kwargs
    )
    _OPEN.append(shell)
    return shell


@pytest.fixture
def shells() -> Iterator[None]:
    """Closes every shell a test left open (also after a failure)."""
    yield
    while _OPEN:
        close_shell(_OPEN[-1])


def close_shell(shell: Shell) -> None:
    if shell in _OPEN:
        _OPEN.remove(shell)
    shell.shutdown()
    shell.window.close()
    shell.window.deleteLater()
    shell.unlock_screen.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    QCoreApplication.processEvents()
    gc.collect()


def a_registration(today: date, *, given: str = "Sara") -> Registration:
    born = today - timedelta(days=12)
    return Registration(
        guardians=(
            PersonInput(
                "Amina",
                "Testsson",
                personal_number(date(1994, 5, 17), "246"),
                role="mother",
                language="ar",
                birthing_parent=True,
                first_child_in_sweden=True,
            ),
            PersonInput(
                "Ali", "Testsson", "RES-2024-17", reserve=True, role="father", language="ar"
            ),
        ),
        child=ChildInput(
            given, "Testsson", personal_number(born, "242"), birth_date=born, sex="female"
        ),
        address="Påhittade gränd 7",
        postal_code="123 45",
        area="Norrby",
        phone="070-1740605",
        languages=("ar", "sv"),
        interpreter_needed=True,
        interpreter_language="ar",
        enroll=True,
        start_date=born + timedelta(days=5),
        inclusion_reason="first_child_in_sweden",
    )
