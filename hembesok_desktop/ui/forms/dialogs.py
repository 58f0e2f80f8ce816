"""Dialogs of the Forms tab, each with an ``ask()`` classmethod that tests replace."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.questionnaire import Questionnaire
from ..flows.questionnaire import form_languages, language_name


@dataclass(frozen=True)
class NewScreening:
    form_url: str
    respondent: str
    language: str


class NewScreeningDialog(QDialog):
    def __init__(
        self,
        forms: list[Questionnaire],
        respondents: list[tuple[str, str]],
        parent: QWidget | None = None,
        preferred_language: str = "sv",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New screening"))
        self._forms = forms
        self.form = QComboBox()
        self.form.setAccessibleName(self.tr("Form"))
        for form in forms:
            self.form.addItem(form.title.default or form.display_name, form.url)
        self.respondent = QComboBox()
        self.respondent.setAccessibleName(self.tr("Respondent"))
        for respondent_id, name in respondents:
            self.respondent.addItem(name, respondent_id)
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language"))
        self._preferred = preferred_language
        self.form.currentIndexChanged.connect(self._fill_languages)
        self._fill_languages()
        layout = QVBoxLayout(self)
        fields = QFormLayout()
        fields.addRow(self.tr("Form:"), self.form)
        fields.addRow(self.tr("Who answers:"), self.respondent)
        fields.addRow(self.tr("Language:"), self.language)
        layout.addLayout(fields)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _fill_languages(self) -> None:
        form = self._forms[self.form.currentIndex()] if self._forms else None
        self.language.clear()
        for language in form_languages(form) if form else ["sv"]:
            self.language.addItem(language_name(language), language)
        index = self.language.findData(self._preferred)
        self.language.setCurrentIndex(max(index, 0))

    def choice(self) -> NewScreening:
        return NewScreening(
            str(self.form.currentData()),
            str(self.respondent.currentData() or ""),
            str(self.language.currentData()),
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        forms: list[Questionnaire],
        respondents: list[tuple[str, str]],
        preferred_language: str = "sv",
    ) -> NewScreening | None:
        dialog = cls(forms, respondents, parent, preferred_language)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()


class OutcomeDialog(QDialog):
    """The outcome when a follow-up is closed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Close follow-up"))
        self.outcome = QLineEdit()
        self.outcome.setAccessibleName(self.tr("Outcome"))
        layout = QFormLayout(self)
        layout.addRow(self.tr("Outcome:"), self.outcome)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None) -> str | None:
        dialog = cls(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.outcome.text().strip()
