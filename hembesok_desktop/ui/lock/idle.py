"""Auto-lock: an application-wide event filter notices user input; a timer checks the idle clock.

What is detected:

- no keyboard, mouse, wheel or touch input in any window for ``idle_minutes`` (QSettings
  ``security/idle_minutes``, default 5, 0 = off) -> ``idle`` is emitted;
- ``QGuiApplication.applicationStateChanged`` to ``ApplicationSuspended`` -> ``suspended``.
  Qt reports this on mobile platforms and on some desktop sessions only;
- a system sleep: the idle clock uses wall-clock time, and the check timer notices when far
  more time passed between two of its ticks than it should (the process was frozen) ->
  ``suspended``. On Linux the monotonic clock stops during suspend, so wall time is used.

What is not detected: the screen being locked by the operating system while the laptop stays
awake (Qt has no signal for it; Windows' WTS session notifications or logind's ``Lock`` signal
would be needed). Idle auto-lock still locks within ``idle_minutes`` in that case, because a
locked screen delivers no input.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from ..flows.session import IdleClock

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class IdleWatcher(QObject):
    idle = Signal()
    suspended = Signal()

    def __init__(
        self,
        minutes: float,
        *,
        check_ms: int = 5000,
        clock: Callable[[], float] = time.time,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock_fn = clock
        self.clock = IdleClock(minutes, clock=clock)
        self._check_ms = check_ms
        self._last_tick = clock()
        self._timer = QTimer(self)
        self._timer.setInterval(check_ms)
        self._timer.timeout.connect(self._check)
        self.active = False
        app = QGuiApplication.instance()
        if app is not None:
            app.installEventFilter(self)
            app.applicationStateChanged.connect(self._state_changed)  # type: ignore[attr-defined]

    def set_minutes(self, minutes: float) -> None:
        self.clock.minutes = minutes

    def start(self) -> None:
        """Watch (while unlocked)."""
        self.clock.touch()
        self._last_tick = self._clock_fn()
        self.active = True
        self._timer.start()

    def stop(self) -> None:
        self.active = False
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.active and event.type() in _INPUT_EVENTS:
            self.clock.touch()
        return False

    def _check(self) -> None:
        now = self._clock_fn()
        gap = now - self._last_tick
        self._last_tick = now
        if not self.active:
            return
        slept = gap > max(60.0, 4 * self._check_ms / 1000)
        if slept:
            self.suspended.emit()
        elif self.clock.should_lock():
            self.idle.emit()

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if self.active and state == Qt.ApplicationState.ApplicationSuspended:
            self.suspended.emit()
