"""The family's contacts as a table: date, contact, kind, status, measurements."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont

from ...store.read.views import ContactView, MeasurementView
from ..common.timefmt import fmt_datetime
from ..table_model import Index, RowTableModel
from .messages import kind_name

translate = QCoreApplication.translate


def values_text(m: MeasurementView) -> str:
    """E.g. "7,3 kg, 66 cm, HC 42,5 cm"."""
    parts = []
    if m.weight_kg is not None:
        parts.append(f"{m.weight_kg:g} kg")
    if m.length_cm is not None:
        parts.append(f"{m.length_cm:g} cm")
    if m.head_circumference_cm is not None:
        hc = translate("ContactsModel", "HC %1 cm")
        parts.append(hc.replace("%1", f"{m.head_circumference_cm:g}"))
    return ", ".join(parts).replace(".", ",")


def voided_text(m: MeasurementView) -> str:
    return translate("Visit", "Voided: %1").replace("%1", m.voided_reason)


CONTACT_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ContactsModel(RowTableModel):
    _rows: list[ContactView]

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._measurements: dict[str, MeasurementView] = {}
        self._titles: dict[str, str] = {}
        self._drafts: set[str] = set()
        self._voided: dict[str, tuple[MeasurementView, ...]] = {}
        self.today = date.today()

    def set_contacts(
        self,
        contacts: list[ContactView],
        measurements: dict[str, MeasurementView],
        titles: dict[str, str],
        drafts: set[str],
        today: date,
        voided: dict[str, tuple[MeasurementView, ...]] | None = None,
    ) -> None:
        self.beginResetModel()
        self._voided = dict(voided or {})
        self._rows = list(contacts)
        self._measurements = dict(measurements)
        self._titles = dict(titles)
        self._drafts = set(drafts)
        self.today = today
        self.endResetModel()

    def contact(self, row: int) -> ContactView:
        return self._rows[row]

    def measurement(self, contact_id: str) -> MeasurementView | None:
        """The contact's current measurement (None when it has none, or only voided ones)."""
        m = self._measurements.get(contact_id)
        return m if m is not None and not m.voided_reason else None

    def column_titles(self) -> tuple[str, ...]:
        return (
            self.tr("Date"),
            self.tr("Contact"),
            self.tr("Kind"),
            self.tr("Status"),
            self.tr("Measurements"),
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        contact = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(contact, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 3:
            state = self.state(contact)
            if state == "overdue":
                return QColor("#a00000")
            if state == "done":
                return QColor("#1d6b2a")
        if role == Qt.ItemDataRole.FontRole and index.column() == 4:
            m = self._measurements.get(contact.id)
            if m is not None and m.voided_reason:  # only a voided one: struck through
                font = QFont()
                font.setStrikeOut(True)
                return font
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 4:
            voided = self._voided.get(contact.id, ())
            lines = [f"{values_text(m)} — {voided_text(m)}" for m in voided]
            return "\n".join(lines) or None
        if role == CONTACT_ID_ROLE:
            return contact.id
        return None

    def state(self, contact: ContactView) -> str:
        if contact.status != "planned":
            return contact.status
        if contact.window_end and contact.window_end < self.today:
            return "overdue"
        if contact.window_start and contact.window_start <= self.today:
            return "due"
        return "planned"

    def state_text(self, contact: ContactView) -> str:
        texts = {
            "planned": self.tr("Planned"),
            "due": self.tr("Due now"),
            "overdue": self.tr("Overdue"),
            "done": self.tr("Done"),
            "missed": self.tr("Missed"),
            "cancelled": self.tr("Cancelled"),
            "rescheduled": self.tr("Rescheduled"),
        }
        text = texts.get(self.state(contact), contact.status)
        if contact.id in self._drafts:
            text += " · " + self.tr("draft")
        return text

    def measurement_text(self, contact: ContactView) -> str:
        """The current values; a voided measurement keeps its values, with "Voided: reason"."""
        m = self._measurements.get(contact.id)
        if m is None:
            return ""
        if m.voided_reason:
            return f"{values_text(m)} ({voided_text(m)})"
        text = values_text(m)
        voided = self._voided.get(contact.id, ())
        if voided:
            text += " · " + self.tr("corrected from %1").replace(
                "%1", "; ".join(values_text(v) for v in voided)
            )
        return text

    def _display(self, contact: ContactView, column: int) -> str:
        if column == 0:
            if contact.performed_at is not None:
                return fmt_datetime(contact.performed_at)
            return contact.planned_date.isoformat() if contact.planned_date else ""
        if column == 1:
            return self._titles.get(contact.id) or contact.contact_code or self.tr("Unplanned")
        if column == 2:
            return kind_name(contact.kind) if contact.kind in ("home", "clinic", "phone") else ""
        if column == 3:
            return self.state_text(contact)
        return self.measurement_text(contact)
