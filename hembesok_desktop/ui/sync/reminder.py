"""The end-of-day reminder: when changes wait to be sent and it is past the reminder time, a calm
banner says so (never a dialog). It shows at most once a day; closing it dismisses it until the
next day, and it goes away by itself once nothing waits.

The time is the ``QSettings`` key ``sync/reminder_time`` ("HH:MM", 16:00 by default; an empty
value turns the reminder off). The clock is injectable for tests.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from ..settings import AppSettings

SETTING = "sync/reminder_time"
DEFAULT_TIME = time(16, 0)


def qsettings_of(settings: AppSettings) -> QSettings:
    """The ``QSettings`` behind ``AppSettings`` (which has no accessor for sync keys yet)."""
    inner = getattr(settings, "_settings", None)
    return inner if isinstance(inner, QSettings) else QSettings()


def reminder_time(settings: QSettings) -> time | None:
    """The configured time of day, ``DEFAULT_TIME`` when unset or unreadable, None when off."""
    raw = settings.value(SETTING, None)
    if raw is None:
        return DEFAULT_TIME
    text = str(raw).strip()
    if not text:
        return None
    try:
        hours, minutes = text.split(":", 1)
        return time(int(hours), int(minutes))
    except ValueError:
        return DEFAULT_TIME


class SyncReminder(QObject):
    #: show the reminder (the number of changes waiting) / take it away
    remind = Signal(int)
    cleared = Signal()

    def __init__(
        self,
        settings: QSettings,
        *,
        clock: Callable[[], datetime] = datetime.now,
        check_ms: int = 60_000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self.clock = clock
        self._pending = 0
        self._shown = False
        self._dismissed_on: date | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(check_ms)
        self._timer.timeout.connect(self.check)

    @property
    def showing(self) -> bool:
        return self._shown

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def set_pending(self, count: int) -> None:
        self._pending = count
        self.check()

    def dismiss(self) -> None:
        """The nurse closed the reminder: not again today."""
        self._dismissed_on = self.clock().date()
        self._shown = False

    def check(self) -> None:
        now = self.clock()
        when = reminder_time(self._settings)
        due = (
            when is not None
            and self._pending > 0
            and now.time() >= when
            and self._dismissed_on != now.date()
        )
        if due:
            self._shown = True
            self.remind.emit(self._pending)
        elif self._shown:
            self._shown = False
            self.cleared.emit()
