"""The child's birth and vaccination details: gestational age at birth (weeks + days, or not
known) and the vaccination risk indicators (BCG indicated, mother HBsAg-positive, the
three-dose rotavirus vaccine). Opened from the Family tab through ``ChildDetailsDialog.ask``
(tests replace ``ask``); the answer is written with ``child_health.set_child_details``.

The weeks run 22 to 44 and the days 0 to 6, the gestational ages the growth tab corrects for
(``domain.growth.check_gestation``)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...store.read.views import ChildView
from .. import theme

translate = QCoreApplication.translate

MIN_WEEKS, MAX_WEEKS = 22, 44
#: the child's risk indicators in the order the dialog and the Family tab show them
INDICATORS = ("bcg_indicated", "mother_hbsag_positive", "rotavirus_three_dose")


@dataclass(frozen=True)
class ChildDetails:
    #: weeks * 7 + days, or None when not known
    gestational_age_days: int | None
    indicators: dict[str, bool]


def indicator_label(name: str) -> str:
    """The Family tab's and the dialog's wording of a risk indicator."""
    return {
        "bcg_indicated": translate("ChildDetails", "BCG vaccination indicated (risk group)"),
        "mother_hbsag_positive": translate("ChildDetails", "Mother HBsAg-positive (hepatitis B)"),
        "rotavirus_three_dose": translate("ChildDetails", "Rotavirus vaccine with three doses"),
    }.get(name, name)


def gestation_text(days: int | None) -> str:
    """A gestational age as nurses write it ("38+4 weeks"), or "Not known"."""
    if days is None:
        return translate("ChildDetails", "Not known")
    return (
        translate("ChildDetails", "%1+%2 weeks")
        .replace("%1", str(days // 7))
        .replace("%2", str(days % 7))
    )


def indicators_text(child: ChildView) -> str:
    """The child's risk indicators that are set, or "None"."""
    chosen = [indicator_label(n) for n in INDICATORS if getattr(child, n, False)]
    return ", ".join(chosen) or translate("ChildDetails", "None")


class ChildDetailsDialog(QDialog):
    def __init__(self, child: ChildView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Birth and vaccination details"))
        days = child.gestational_age_days
        self.unknown = QCheckBox(self.tr("Gestational age &not known"), self)
        self.unknown.setChecked(days is None)
        self.weeks = QSpinBox(self)
        self.weeks.setRange(MIN_WEEKS, MAX_WEEKS)
        self.weeks.setSuffix(self.tr(" weeks"))
        self.weeks.setAccessibleName(self.tr("Gestational age, whole weeks"))
        self.days = QSpinBox(self)
        self.days.setRange(0, 6)
        self.days.setSuffix(self.tr(" days"))
        self.days.setAccessibleName(self.tr("Gestational age, days beyond the weeks"))
        self.weeks.setValue(days // 7 if days is not None else 40)
        self.days.setValue(days % 7 if days is not None else 0)
        self.unknown.toggled.connect(self._unknown_toggled)
        self._unknown_toggled(self.unknown.isChecked())
        gestation = QHBoxLayout()
        gestation.addWidget(self.weeks)
        gestation.addWidget(QLabel("+", self))
        gestation.addWidget(self.days)
        gestation.addStretch(1)
        mnemonics = {
            "bcg_indicated": self.tr("&BCG vaccination indicated (risk group)"),
            "mother_hbsag_positive": self.tr("&Mother HBsAg-positive (hepatitis B)"),
            "rotavirus_three_dose": self.tr("&Rotavirus vaccine with three doses"),
        }
        self.indicators: dict[str, QCheckBox] = {}
        for name in INDICATORS:
            box = QCheckBox(mnemonics[name], self)
            box.setAccessibleName(indicator_label(name))
            box.setChecked(bool(getattr(child, name, False)))
            self.indicators[name] = box
        form = QFormLayout()
        form.setVerticalSpacing(theme.SPACING // 2 + 2)
        heading = QLabel(f"<b>{child.given_name} {child.family_name}</b>", self)
        form.addRow(heading)
        weeks_label = QLabel(self.tr("&Gestational age at birth:"), self)
        weeks_label.setBuddy(self.weeks)
        form.addRow(weeks_label, gestation)
        form.addRow("", self.unknown)
        form.addRow(QLabel(self.tr("Vaccination risk indicators:"), self))
        for box in self.indicators.values():
            form.addRow("", box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        theme.roomy(layout)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _unknown_toggled(self, unknown: bool) -> None:
        self.weeks.setEnabled(not unknown)
        self.days.setEnabled(not unknown)

    def details(self) -> ChildDetails:
        days = None if self.unknown.isChecked() else self.weeks.value() * 7 + self.days.value()
        return ChildDetails(
            gestational_age_days=days,
            indicators={name: box.isChecked() for name, box in self.indicators.items()},
        )

    @classmethod
    def ask(cls, parent: QWidget | None, child: ChildView) -> ChildDetails | None:
        """The details as saved, or None when the nurse cancelled."""
        dialog = cls(child, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.details()
