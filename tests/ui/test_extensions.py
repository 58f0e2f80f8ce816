"""Extensions are preloaded at start-up, so the first unlock imports nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]

# Run in a fresh interpreter: this test process has imported every tab long ago.
PROBE = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
import hembesok_desktop.ui.shell
from hembesok_desktop.ui.extensions import EXTENSION_PACKAGES, preload_extensions
tabs = "hembesok_desktop.ui.documentation"
assert tabs not in sys.modules, "the shell already imports the tabs: nothing to preload"
loaded = preload_extensions()
assert loaded == list(EXTENSION_PACKAGES), loaded
for module in ("hembesok_desktop.ui.forms.tab", "hembesok_desktop.ui.journal.tab", tabs):
    assert module in sys.modules, module
print("preloaded")
"""


def test_preload_imports_what_the_tabs_need_before_any_unlock() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "preloaded"
