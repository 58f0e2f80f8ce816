"""The first-run flow and the passphrase strength estimate, without Qt."""

from __future__ import annotations

import subprocess
import sys

import pytest

from hembesok_desktop.ui.flows.first_run import FirstRunFlow, FirstRunStep, Problem
from hembesok_desktop.ui.flows.passphrase import Strength, strength

GOOD = "sju blåa hästar dansar"


def test_flows_import_no_qt() -> None:
    code = (
        "import sys, hembesok_desktop.ui.flows.first_run, hembesok_desktop.ui.flows.unlock, "
        "hembesok_desktop.ui.flows.session; "
        "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", Strength.TOO_SHORT),
        ("kort", Strength.TOO_SHORT),
        ("password", Strength.WEAK),
        ("Lösenord", Strength.WEAK),
        ("aaaaaaaaaaaaaaaa", Strength.WEAK),
        ("abababababababab", Strength.WEAK),
        ("solhuskatt1", Strength.FAIR),
        (GOOD, Strength.STRONG),
    ],
)
def test_strength(text: str, expected: Strength) -> None:
    assert strength(text) is expected


def test_longer_is_never_weaker() -> None:
    base = "vinter"
    levels = [strength(base + " ord" * n) for n in range(6)]
    assert levels == sorted(levels)


def test_problems_listed_in_field_order() -> None:
    flow = FirstRunFlow()
    assert flow.submit("kort", "annat", full_name=" ", title="") is None
    assert flow.problems == [
        Problem.NAME_MISSING,
        Problem.TITLE_MISSING,
        Problem.TOO_SHORT,
        Problem.MISMATCH,
    ]
    assert flow.step is FirstRunStep.PASSPHRASE


def test_weak_passphrase_refused() -> None:
    flow = FirstRunFlow()
    assert flow.submit("password", "password", full_name="Anna", title="BVC") is None
    assert flow.problems == [Problem.TOO_WEAK]


def test_happy_path_shows_key_until_confirmed() -> None:
    flow = FirstRunFlow()
    request = flow.submit(GOOD, GOOD, full_name=" Anna A ", title="BVC-sjuksköterska")
    assert request is not None
    assert request.passphrase == GOOD and request.full_name == "Anna A"
    assert flow.step is FirstRunStep.CREATING
    flow.created("ABCD-EFGH")
    assert flow.step is FirstRunStep.RECOVERY_KEY and flow.recovery_key == "ABCD-EFGH"
    assert not flow.can_finish
    with pytest.raises(RuntimeError):
        flow.finish()
    flow.mark_printed()
    flow.confirm_stored(True)
    assert flow.can_finish
    flow.finish()
    assert flow.step is FirstRunStep.DONE
    assert flow.recovery_key is None  # shown once, then forgotten


def test_creation_failure_returns_to_passphrase() -> None:
    flow = FirstRunFlow()
    assert flow.submit(GOOD, GOOD, full_name="Anna", title="BVC") is not None
    flow.creation_failed("disk full")
    assert flow.step is FirstRunStep.PASSPHRASE and flow.error == "disk full"
    with pytest.raises(RuntimeError):
        flow.created("KEY")
