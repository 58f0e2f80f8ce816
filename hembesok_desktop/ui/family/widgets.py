"""Small input widgets shared by the family dialogs."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QListWidget, QListWidgetItem, QWidget

from .. import labels


class LanguagePicker(QListWidget):
    """Tick the family's languages (space toggles the current one)."""

    def __init__(self, selected: list[str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        chosen = list(selected or [])
        names = labels.languages()
        for code in [*names, *[c for c in chosen if c not in names]]:
            item = QListWidgetItem(names.get(code, code), self)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in chosen else Qt.CheckState.Unchecked)
        self.setMaximumHeight(self.sizeHintForRow(0) * 6 + 6 if self.count() else 120)

    def languages(self) -> list[str]:
        found = []
        for row in range(self.count()):
            item = self.item(row)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                found.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return found

    def set_checked(self, code: str, checked: bool = True) -> None:
        for row in range(self.count()):
            item = self.item(row)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == code:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


def language_combo(current: str = "sv", parent: QWidget | None = None) -> QComboBox:
    combo = QComboBox(parent)
    for code, name in labels.languages().items():
        combo.addItem(name, code)
    index = combo.findData(current)
    if index < 0 and current:
        combo.addItem(current, current)
        index = combo.count() - 1
    combo.setCurrentIndex(max(index, 0))
    return combo


def choice_combo(choices: dict[str, str], current: str, parent: QWidget | None = None) -> QComboBox:
    combo = QComboBox(parent)
    for key, name in choices.items():
        combo.addItem(name, key)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


def date_edit(value: date, parent: QWidget | None = None) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def date_of(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())
