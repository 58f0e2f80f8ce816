"""Correcting and voiding a recorded measurement, from the Besök tab and the timeline.

Nothing is overwritten: a void keeps the measurement readable, struck through, with
"Voided: reason"; a correction voids the original with the reason and records the right values
as a new measurement (``store.services.clinical``). ``MeasurementActions`` asks (the dialogs'
``ask()`` classmethods, which tests replace) and writes; ``done`` carries what changed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...store.read import ReadSession
from ...store.read.growth import measurement_view
from ...store.read.views import MeasurementView
from ...store.services import clinical
from ...store.unit_of_work import Changed, UnitOfWork
from ..common.guard import alive
from ..common.store_errors import error_sentence
from ..context import AppContext
from ..flows.visit import UNITS, parse_number
from ..journal.dialogs import VoidDialog
from .messages import field_name
from .model import voided_text

__all__ = ["CorrectMeasurementDialog", "MeasurementActions", "measurement_summary", "voided_text"]

FIELDS = {
    "weight": "weight_kg",
    "length": "length_cm",
    "head_circumference": "head_circumference_cm",
}
translate = QCoreApplication.translate


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def measurement_summary(m: MeasurementView) -> str:
    """E.g. "2025-07-11: Weight 45 kg, Length 61 cm"."""
    parts = [
        f"{field_name(kind)} {_number(value)} {UNITS[kind]}"
        for kind, name in FIELDS.items()
        if (value := getattr(m, name)) is not None
    ]
    return f"{m.measured_on.isoformat()}: {', '.join(parts)}"


class CorrectMeasurementDialog(QDialog):
    """The right values (starting from the recorded ones) and why; OK with a reason, a valid
    value and a change."""

    def __init__(self, measurement: MeasurementView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Correct measurement"))
        layout = QVBoxLayout(self)
        explain = QLabel(
            self.tr(
                "The recorded values stay readable, struck through, with the reason; the "
                "corrected values are recorded for the same day."
            )
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        layout.addWidget(QLabel(measurement_summary(measurement)))
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        self._original: dict[str, float | None] = {}
        for kind, name in FIELDS.items():
            value = getattr(measurement, name)
            self._original[kind] = value
            edit = QLineEdit(_number(value) if value is not None else "")
            edit.setAccessibleName(f"{field_name(kind)} ({UNITS[kind]})")
            edit.textChanged.connect(lambda *_: self._check())
            self.edits[kind] = edit
            form.addRow(f"{field_name(kind)} ({UNITS[kind]}):", edit)
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName(self.tr("Reason for the correction"))
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(80)
        self.reason.textChanged.connect(self._check)
        form.addRow(self.tr("Reason:"), self.reason)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Save correction"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._check()

    def values(self) -> dict[str, float | None] | None:
        """The typed values by kind, or None when one is not a positive number."""
        found: dict[str, float | None] = {}
        for kind, edit in self.edits.items():
            try:
                value = parse_number(edit.text())
            except ValueError:
                return None
            if value is not None and value <= 0:
                return None
            found[kind] = value
        return found

    def _check(self) -> None:
        values = self.values()
        self.ok.setEnabled(
            values is not None
            and any(v is not None for v in values.values())
            and values != self._original
            and bool(self.reason.toPlainText().strip())
        )

    @classmethod
    def ask(
        cls, parent: QWidget | None, measurement: MeasurementView
    ) -> tuple[dict[str, float | None], str] | None:
        dialog = cls(measurement, parent)
        values = dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
        if values is None:
            return None
        return values, dialog.reason.toPlainText().strip()


class MeasurementActions(QObject):
    """Void or correct a measurement: asks, writes, and reports ``done`` or ``failed``."""

    done = Signal(object)  # Changed
    failed = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self._widget = parent

    def void(self, measurement: MeasurementView) -> None:
        reason = VoidDialog.ask(
            self._widget,
            measurement_summary(measurement),
            title=self.tr("Void measurement"),
            explanation=self.tr(
                "The measurement stays readable, struck through, with the reason, and is left "
                "out of the growth chart. Why is it voided?"
            ),
            ok_text=self.tr("Void measurement"),
        )
        if reason is None:
            return
        measurement_id = measurement.id
        self._write(
            lambda uow: clinical.void_measurement(uow, measurement_id, reason=reason),
            "measurement-void",
        )

    def correct(self, measurement: MeasurementView) -> None:
        answer = CorrectMeasurementDialog.ask(self._widget, measurement)
        if answer is None:
            return
        values, reason = answer
        measurement_id = measurement.id

        def change(uow: UnitOfWork) -> None:
            clinical.correct_measurement(
                uow,
                measurement_id,
                reason=reason,
                weight_kg=values["weight"],
                length_cm=values["length"],
                head_circumference_cm=values["head_circumference"],
            )

        self._write(change, "measurement-correct")

    def by_id(self, measurement_id: str, action: str) -> None:
        """Read the measurement, then ``void`` or ``correct`` it (``action``)."""

        def query(session: ReadSession) -> MeasurementView:
            return measurement_view(session, measurement_id)

        def loaded(measurement: MeasurementView) -> None:
            if alive(self._widget):
                (self.void if action == "void" else self.correct)(measurement)

        self.context.read(query, on_done=loaded, on_error=self._failed, name="measurement-read")

    def _write(self, change: Callable[[UnitOfWork], object], name: str) -> None:
        def done(changed: Changed) -> None:
            if alive(self._widget):
                self.done.emit(changed)

        self.context.write(change, on_done=done, on_error=self._failed, name=name)

    def _failed(self, error: BaseException) -> None:
        if alive(self._widget):
            self.failed.emit(error_sentence(error))
