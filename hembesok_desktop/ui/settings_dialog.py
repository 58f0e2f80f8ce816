"""Settings: the language of the application and the auto-lock time (``AppSettings``)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from . import theme
from .settings import AppSettings


class SettingsDialog(QDialog):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox(self)
        self.language.addItem("Svenska", "sv")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(self.language.findData(settings.language), 0))
        self.language.setAccessibleName(self.tr("Language of the application"))
        self.idle = QDoubleSpinBox(self)
        self.idle.setDecimals(0)
        self.idle.setRange(0, 60)
        self.idle.setSuffix(self.tr(" min"))
        self.idle.setSpecialValueText(self.tr("Never"))
        self.idle.setValue(settings.idle_minutes)
        self.idle.setAccessibleName(self.tr("Lock automatically after minutes without activity"))
        note = QLabel(self.tr("A new language is used the next time Hembesök starts."), self)
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow(self.tr("Lock &automatically after:"), self.idle)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        theme.roomy(layout)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, settings: AppSettings) -> bool:
        """Show and save the settings; True when the nurse saved them."""
        dialog = cls(settings, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        settings.language = str(dialog.language.currentData())
        settings.idle_minutes = dialog.idle.value()
        settings.sync()
        return True
