"""Settings: the language of the application, the auto-lock time and the growth reference
(WHO, or a region's LMS table file, checked before it is saved) (``AppSettings``)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from . import theme
from .growth.loader import GrowthReferenceError, read_lms_file
from .settings import AppSettings

#: a title bar's icon and its minimise, maximise and close buttons, with some air
TITLE_BAR_ROOM = 200


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
        self.growth_error = QLabel(self)
        self.growth_error.setWordWrap(True)
        self.growth_error.setStyleSheet("color: #a00000;")
        self.growth_error.hide()
        form.addRow(self.tr("&Growth reference:"), self._growth_row(settings))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        theme.roomy(layout)
        layout.addLayout(form)
        layout.addWidget(self.growth_error)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.minimum_width())

    def minimum_width(self) -> int:
        """Wide enough for the whole title beside a window manager's icon and buttons, and for
        the file field's placeholder beside its button."""
        metrics = self.fontMetrics()
        bold = QFont(self.font())
        bold.setBold(True)
        title = QFontMetrics(bold).horizontalAdvance(self.windowTitle()) + TITLE_BAR_ROOM
        field = (
            metrics.horizontalAdvance(self.growth_file.placeholderText())
            + self.browse.sizeHint().width()
            + metrics.horizontalAdvance("M" * 18)  # the labels' column
            + 4 * theme.MARGIN
        )
        return max(self.sizeHint().width(), title, field)

    def _growth_row(self, settings: AppSettings) -> QWidget:
        self.growth = QComboBox(self)
        self.growth.addItem(self.tr("WHO child growth standards"), "who")
        self.growth.addItem(self.tr("Regional LMS table (file)"), "lms")
        self.growth.setCurrentIndex(max(self.growth.findData(settings.growth_reference), 0))
        self.growth.setAccessibleName(self.tr("Growth reference"))
        self.growth_file = QLineEdit(settings.growth_lms_file, self)
        self.growth_file.setAccessibleName(self.tr("LMS table file (.csv or .json)"))
        self.growth_file.setPlaceholderText(self.tr("LMS table file (.csv or .json)"))
        self.browse = QPushButton(self.tr("&Browse…"), self)
        self.browse.clicked.connect(self._browse)
        self.growth.currentIndexChanged.connect(lambda *_: self._growth_changed())
        row = QWidget(self)
        layout = QVBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.growth)
        file_row = QHBoxLayout()
        file_row.addWidget(self.growth_file, 1)
        file_row.addWidget(self.browse)
        layout.addLayout(file_row)
        self._growth_changed()
        return row

    def _growth_changed(self) -> None:
        lms = self.growth.currentData() == "lms"
        self.growth_file.setEnabled(lms)
        self.browse.setEnabled(lms)
        self.growth_error.hide()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Growth reference"), "", self.tr("LMS tables (*.csv *.json)")
        )
        if path:
            self.growth_file.setText(path)

    def growth_problem(self) -> str:
        """Why the chosen growth reference cannot be saved, or "" (an LMS file is read now)."""
        if self.growth.currentData() != "lms":
            return ""
        path = self.growth_file.text().strip()
        if not path:
            return self.tr("Choose the file with the region's LMS table.")
        try:
            read_lms_file(path)
        except GrowthReferenceError as error:
            return self.tr("The growth reference cannot be used: %1").replace("%1", str(error))
        return ""

    def accept(self) -> None:
        problem = self.growth_problem()
        if problem:
            self.growth_error.setText(problem)
            self.growth_error.show()
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, settings: AppSettings) -> bool:
        """Show and save the settings; True when the nurse saved them."""
        dialog = cls(settings, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        settings.language = str(dialog.language.currentData())
        settings.idle_minutes = dialog.idle.value()
        settings.growth_reference = str(dialog.growth.currentData())
        settings.growth_lms_file = dialog.growth_file.text().strip()
        settings.sync()
        return True
