"""Results of background work can arrive after the widget that asked for them was deleted
(the family panel cleared on lock): callbacks check ``alive(self)`` first."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject


def alive(obj: QObject) -> bool:
    return bool(shiboken6.isValid(obj))
