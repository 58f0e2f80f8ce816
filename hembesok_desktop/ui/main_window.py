"""``MainWindow``: the one top-level window. It only composes and switches pages:

- a "busy" page (creating the store, preparing the demo),
- the unlock screen (``lock.unlock_screen.UnlockScreen``),
- the workspace of an unlocked session (``workspace.Workspace``),

plus the DEMO banner and the menus. The shell (``shell.Shell``) decides what is shown.

Hook for actions and menus: ``MainWindow.menu(key)`` returns the menu for ``"file"``,
``"family"``, ``"print"`` or ``"settings"``; ``add_menu_action(action, key)`` adds an action to
it. Session actions (enabled only while unlocked) should go through
``Workspace.add_action(action, menu=key)``, which calls this and removes them again on lock.
The fixed actions are ``search_action`` (Ctrl+F), ``lock_action`` (Ctrl+L), ``new_family_action``
(Ctrl+N), ``settings_action`` and ``quit_action`` (Ctrl+Q).

Size and place: ``place_on_screen(saved)`` restores the saved geometry (size, position,
maximised) when it still fits a screen; otherwise the window opens centred at 1280×800 when the
screen's available area has room for that and its frame, and maximised on a smaller laptop
screen (1366×768, 1280×720), its normal size then fitted to the screen too. ``close_guard`` (set by
the shell) is asked before the window closes; False keeps it open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QRect, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from . import theme
from .workspace import Workspace

#: the size the window opens at on a first start when the screen has room for it
COMFORTABLE_SIZE = QSize(1280, 800)
#: room for the window manager's frame (title bar, borders) before it has told its size
FRAME_ALLOWANCE = QSize(16, 48)


class BusyPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setFont(theme.scaled_font(self, 1.2))
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)


class MainWindow(QMainWindow):
    def __init__(self, *, demo: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hembesök – DEMO") if demo else self.tr("Hembesök"))
        self.workspace: Workspace | None = None
        self.busy = BusyPage(self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.busy)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.demo_banner = QLabel(
            self.tr("DEMO – all families are made up. Do not enter real patient data."), central
        )
        self.demo_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.demo_banner.setStyleSheet(
            theme.badge_style("demo").replace("border-radius: 4px;", "border-radius: 0px;")
        )
        self.demo_banner.setFont(theme.scaled_font(self, 1.0, bold=True))
        self.demo_banner.setAccessibleName(self.tr("Demo mode"))
        self.demo_banner.setVisible(demo)
        layout.addWidget(self.demo_banner)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self._menus: dict[str, QMenu] = {}
        self._build_menus()
        self.set_unlocked(False)
        #: asked before the window closes (the shell's question about unsent work)
        self.close_guard: Callable[[], bool] | None = None
        self.place_on_screen(None)

    # -- size and place ---------------------------------------------------------------------
    def available_area(self) -> QRect:
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry()

    def place_on_screen(self, saved: QByteArray | None) -> None:
        """Restore ``saved`` when it fits a screen; else open within the available area."""
        if saved is not None and self.restoreGeometry(saved) and self._fits_a_screen():
            return
        area = self.available_area()
        room = area.size() - FRAME_ALLOWANCE
        size = COMFORTABLE_SIZE.boundedTo(room)
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMaximized)
        self.resize(size)
        self.move(
            area.x() + (area.width() - size.width()) // 2,
            area.y() + max(0, (area.height() - size.height() - FRAME_ALLOWANCE.height()) // 2),
        )
        if size != COMFORTABLE_SIZE:  # a small laptop screen: use all of it
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def _fits_a_screen(self) -> bool:
        if self.isMaximized() or self.isFullScreen():
            return True
        frame = self.geometry()
        for screen in QGuiApplication.screens():
            area = screen.availableGeometry()
            if area.contains(frame.topLeft()) and (
                frame.width() <= area.width() and frame.height() <= area.height()
            ):
                return True
        return False

    def closeEvent(self, event: QCloseEvent) -> None:
        guard = self.close_guard
        if guard is not None and not guard():
            event.ignore()
            return
        super().closeEvent(event)

    # -- menus ------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        self._menus["file"] = bar.addMenu(self.tr("&File"))
        self._menus["family"] = bar.addMenu(self.tr("F&amily"))
        self._menus["print"] = bar.addMenu(self.tr("&Print"))
        self._menus["settings"] = bar.addMenu(self.tr("&Settings"))

        self.search_action = QAction(self.tr("&Search the caseload"), self)
        self.search_action.setShortcut(QKeySequence("Ctrl+F"))
        self.new_family_action = QAction(self.tr("&New family…"), self)
        self.new_family_action.setShortcut(QKeySequence("Ctrl+N"))
        self.lock_action = QAction(self.tr("&Lock"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.settings_action = QAction(self.tr("&Settings…"), self)
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        for action in (self.search_action, self.new_family_action, self.lock_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
        self._menus["file"].addAction(self.lock_action)
        self._menus["file"].addSeparator()
        self._menus["file"].addAction(self.quit_action)
        self._menus["family"].addAction(self.search_action)
        self._menus["family"].addAction(self.new_family_action)
        self._menus["settings"].addAction(self.settings_action)
        self.addAction(self.quit_action)

    def menu(self, key: str) -> QMenu:
        return self._menus[key]

    def add_menu_action(self, action: QAction, key: str) -> None:
        self._menus[key].addAction(action)
        self.addAction(action)  # shortcuts work wherever the focus is in the window

    # -- pages ------------------------------------------------------------------------------
    def show_busy(self, text: str) -> None:
        self.busy.label.setText(text)
        self.pages.setCurrentWidget(self.busy)

    def show_page(self, widget: QWidget) -> None:
        if self.pages.indexOf(widget) < 0:
            self.pages.addWidget(widget)
        self.pages.setCurrentWidget(widget)

    def set_workspace(self, workspace: Workspace | None) -> None:
        """Show ``workspace`` (unlocked), or remove the current one (locked)."""
        old = self.workspace
        self.workspace = workspace
        if workspace is not None:
            self.show_page(workspace)
        if old is not None and old is not workspace:
            self.pages.removeWidget(old)
            old.hide()
            old.deleteLater()
        self.set_unlocked(workspace is not None)

    def set_unlocked(self, unlocked: bool) -> None:
        for action in (self.search_action, self.new_family_action, self.lock_action):
            action.setEnabled(unlocked)
        for key in ("family", "print"):
            self._menus[key].setEnabled(unlocked)
