"""Every screenshot README shows, for docs/screenshots.

Run: ``python docs/screenshots/make_screenshots.py``.

Uses a fresh demo store (fictional families) in a temp folder with the embedded demo sync
server, the Swedish UI and the platform given by QT_QPA_PLATFORM (offscreen by default, or run
under ``xvfb-run -a``). The README's shots are taken on a 1366×768 screen under a window
manager, where the window opens to fit the screen:

    xvfb-run -a -s "-screen 0 1366x768x24" sh -c \
        'openbox & sleep 1; QT_QPA_PLATFORM=xcb python docs/screenshots/make_screenshots.py'

Shots: unlock, caseload, family_timeline, family_details, family_history, new_family, visit,
journal, form_nurse_sv, parent_mode_sv, parent_mode_ar, growth, sync, conflicts. The second
laptop of the conflict is a store of its own, enrolled on the same demo server.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from hembesok_desktop.demo.server import EmbeddedServer
from hembesok_desktop.demo.store import DEMO_PASSPHRASE
from hembesok_desktop.domain.catalogue import load_catalogue
from hembesok_desktop.resources import resources_path
from hembesok_desktop.store.history import family_history
from hembesok_desktop.ui.app import demo_server_hook
from hembesok_desktop.ui.family.history import HistoryDialog
from hembesok_desktop.ui.family.registration import RegistrationDialog
from hembesok_desktop.ui.i18n import install_translators
from hembesok_desktop.ui.settings import AppSettings
from hembesok_desktop.ui.shell import Shell

sys.path.insert(0, str(Path(__file__).resolve().parent))
from more_shots import documentation_shots, sync_shots

OUT = Path(__file__).resolve().parent


def wait(condition: object, timeout_ms: int = 60_000) -> None:
    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(lambda: loop.quit() if condition() else None)  # type: ignore[operator]
    timer.start(20)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    timer.stop()


def settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def save(widget: QWidget, name: str) -> None:
    settle()
    widget.grab().save(str(OUT / name))
    print("saved", OUT / name)


def main() -> int:
    app = QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp(prefix="hembesok-shots-"))
    settings = AppSettings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    translators = install_translators(app, settings.language)
    catalogue = load_catalogue(resources_path())
    servers: list[EmbeddedServer] = []

    def demo_server(prepared: Path) -> None:
        server = demo_server_hook(prepared)
        if server is not None:
            servers.append(server)

    shell = Shell(
        folder / "demo",
        settings=settings,
        catalogue=catalogue,
        demo=True,
        prepare_demo_server=demo_server,
    )
    shell.start()
    wait(lambda: shell.window.pages.currentWidget() is shell.unlock_screen)
    save(shell.window, "unlock.png")
    shell.unlock_screen.secret.setText(DEMO_PASSPHRASE)
    shell.unlock_screen.unlock_button.click()
    wait(lambda: shell.workspace is not None)
    workspace = shell.workspace
    assert workspace is not None
    wait(lambda: workspace.caseload.model.rowCount() > 0)
    save(shell.window, "caseload.png")
    rows = workspace.caseload.model.rows()
    family = max(rows, key=lambda r: (r.interpreter_needed, r.flagged_screenings, r.overdue))
    workspace.caseload.select_family(family.family_id, activate=True)
    wait(lambda: workspace.timeline.model.rowCount() > 3)
    save(shell.window, "family_timeline.png")
    workspace.family_panel.set_current_tab(1)
    wait(lambda: workspace.details.record is not None)
    save(shell.window, "family_details.png")
    record = workspace.details.record
    assert record is not None
    with shell.store.read() as session:  # type: ignore[union-attr]
        entries = family_history(session, record.family.id)
    history = HistoryDialog(entries, parent=shell.window)
    history.resize(1000, 560)
    history.show()
    save(history, "family_history.png")
    history.close()
    dialog = RegistrationDialog(today=workspace.ctx.today(), parent=shell.window)
    dialog.guardian1.given_name.setText("Amina")
    dialog.guardian1.family_name.setText("Påhittad")
    dialog.guardian1.number.edit.setText("19940517-2462")
    dialog.guardian1.language.setCurrentIndex(dialog.guardian1.language.findData("ar"))
    dialog.guardian1.first_child_in_sweden.setChecked(True)
    dialog.child_given.setText("Sara")
    dialog.show()
    save(dialog, "new_family.png")
    dialog.hide()  # not reject(): a half-filled form asks before it is thrown away
    documentation_shots(shell, family.family_id, save)
    if servers:
        sync_shots(shell, servers[0], family.family_id, save, folder)
    shell.shutdown()
    for server in servers:
        server.stop()
    del translators
    return 0


if __name__ == "__main__":
    sys.exit(main())
