"""After a completed screening: suggested offers per positive area, and what the family chose.

The nurse records what was offered (``record_follow_up``), changes the decision
(``decide_follow_up``) and closes it with an outcome (``close_follow_up``).

An area with an urgent flag is headed by that flag first (EPDS with item 10 above 0 and a total
of 12 or more: "Thoughts of self-harm (item 10) · EPDS score of 12 or more", not only the total),
with the red "Urgent" line; each recorded offer names the finding it answers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.catalogue import Catalogue
from ...domain.planning import stockholm_tz
from ...domain.questionnaire import OfferSuggestion, ScoreResult
from ...store.read.views import FollowUpView
from ...store.services import clinical
from ...store.unit_of_work import Changed, UnitOfWork
from .. import labels
from ..common.guard import alive
from ..common.store_errors import error_sentence
from ..context import AppContext
from ..flows.questionnaire import close_response
from .dialogs import OutcomeDialog


def offer_labels(catalogue: Catalogue, language: str) -> dict[str, str]:
    """Every offer's label in the UI language (``language``: "sv" or "en")."""
    lang = "en" if language == "en" else "sv"
    return {offer.id: offer.label.text(lang) for offer in catalogue.offers}


def suggestion_title(suggestion: OfferSuggestion, language: str) -> str:
    """The finding a suggestion answers: its urgent flags first, then the area's flag."""
    names = [label.text(language) for label in suggestion.urgent_labels]
    area = suggestion.area_label.text(language)
    if area not in names:
        names.append(area)
    return " · ".join(names)


class SuggestionBox(QGroupBox):
    def __init__(
        self, suggestion: OfferSuggestion, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(suggestion_title(suggestion, language), parent)
        self.suggestion = suggestion
        if suggestion.urgent:
            self.setStyleSheet("QGroupBox { color: #a00000; font-weight: bold; }")
        layout = QFormLayout(self)
        if suggestion.urgent:
            urgent = QLabel(self.tr("Urgent: assess now, in addition to any offer."))
            urgent.setStyleSheet("color:#a00000; font-weight:bold;")
            urgent.setWordWrap(True)
            layout.addRow(urgent)
        self.offer = QComboBox()
        self.offer.setAccessibleName(self.tr("Offer"))
        for offer in suggestion.offers:
            self.offer.addItem(offer.label.text(language), offer.id)
        self.decision = QComboBox()
        self.decision.setAccessibleName(self.tr("The family's decision"))
        for code, text in (
            ("offered", self.tr("Offered")),
            ("accepted", self.tr("Accepted")),
            ("declined", self.tr("Declined")),
        ):
            self.decision.addItem(text, code)
        self.with_whom = QLineEdit()
        self.with_whom.setAccessibleName(self.tr("With whom"))
        self.with_whom.setPlaceholderText(self.tr("e.g. the mother, social services"))
        self.when = QDateEdit(QDate.currentDate())
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd")
        self.when.setAccessibleName(self.tr("Offered on"))
        self.save = QPushButton(self.tr("Record offer"))
        layout.addRow(self.tr("Offer:"), self.offer)
        layout.addRow(self.tr("Decision:"), self.decision)
        layout.addRow(self.tr("With whom:"), self.with_whom)
        layout.addRow(self.tr("When:"), self.when)
        layout.addRow("", self.save)


class FollowUpPanel(QWidget):
    recorded = Signal()

    def __init__(
        self,
        context: AppContext,
        *,
        family_id: str,
        response_id: str,
        suggestions: list[OfferSuggestion],
        close_with: ScoreResult | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.family_id = family_id
        self.response_id = response_id
        self.close_with = close_with
        self.labels = offer_labels(context.catalogue, context.language)
        #: the finding each area's offers answer, by area
        self.findings = {s.area: suggestion_title(s, context.language) for s in suggestions}
        layout = QVBoxLayout(self)
        heading = QLabel(
            self.tr("Positive areas: suggested offers. Record what was offered and chosen.")
            if suggestions
            else self.tr("No area was positive; no offer is suggested.")
        )
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.boxes: list[SuggestionBox] = []
        for suggestion in suggestions:
            box = SuggestionBox(suggestion, context.language)
            box.save.clicked.connect(lambda _=False, b=box: self.record(b))
            layout.addWidget(box)
            self.boxes.append(box)
        self.acute_note = QLabel(
            self.tr(
                "Urgent finding: record the acute assessment the same day, then close the "
                "screening. It cannot be closed before."
            )
        )
        self.acute_note.setWordWrap(True)
        self.acute_note.setStyleSheet("color:#a00000; font-weight:bold;")
        self.close_button = QPushButton(self.tr("Close the screening"))
        self.close_button.clicked.connect(self.close_response)
        self.acute_note.setVisible(close_with is not None)
        self.close_button.setVisible(close_with is not None)
        layout.addWidget(self.acute_note)
        layout.addWidget(self.close_button)
        self.actions_box = QGroupBox(self.tr("Recorded follow-up"))
        self.actions_layout = QVBoxLayout(self.actions_box)
        layout.addWidget(self.actions_box)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color:#a00000; font-weight:bold;")
        layout.addWidget(self.error_label)
        layout.addStretch(1)

    def show_actions(self, actions: list[FollowUpView]) -> None:
        while self.actions_layout.count():
            taken = self.actions_layout.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        mine = [a for a in actions if a.response_id == self.response_id]
        for action in mine:
            self.actions_layout.addWidget(self._action_row(action))
        self.actions_box.setVisible(bool(mine))

    def _action_row(self, action: FollowUpView) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        decision = {
            "offered": self.tr("offered"),
            "accepted": self.tr("accepted"),
            "declined": self.tr("declined"),
        }.get(action.decision, action.decision)
        text = f"{self.labels.get(action.offer_kind, action.offer_kind)}: {decision}"
        if action.with_whom:
            text += f" ({action.with_whom})"
        known = labels.flag(action.area)
        finding = self.findings.get(action.area) or (known if known != action.area else "")
        if finding:
            text += " — " + self.tr("for: %1").replace("%1", finding)
        if action.status == "done":
            text += " — " + self.tr("closed: %1").replace("%1", action.outcome)
        layout.addWidget(QLabel(text), 1)
        if action.status != "done":
            for code, label in (
                ("accepted", self.tr("Accepted")),
                ("declined", self.tr("Declined")),
            ):
                button = QPushButton(label)
                button.setEnabled(action.decision != code)
                button.clicked.connect(lambda _=False, c=code, a=action.id: self.decide(a, c))
                layout.addWidget(button)
            close = QPushButton(self.tr("Close…"))
            close.clicked.connect(lambda _=False, a=action.id: self.close_action(a))
            layout.addWidget(close)
        return row

    def record(self, box: SuggestionBox) -> None:
        family_id, response_id = self.family_id, self.response_id
        offer, decision = str(box.offer.currentData()), str(box.decision.currentData())
        with_whom = box.with_whom.text().strip()
        offered_on = box.when.date().toPython()
        offered_at = datetime.combine(offered_on, time(12, 0), tzinfo=stockholm_tz())  # type: ignore[arg-type]
        area, catalogue = box.suggestion.area, self.context.catalogue

        def change(uow: UnitOfWork) -> None:
            clinical.record_follow_up(
                uow,
                family_id=family_id,
                offer_kind=offer,
                area=area,
                response_id=response_id,
                with_social_services="social-services" in offer,
                with_whom=with_whom,
                decision=decision,
                offered_at=offered_at,
                catalogue=catalogue,
            )

        self._write(change)

    def close_response(self) -> None:
        """Close the screening (the store refuses until the acute offer is recorded)."""
        result, response_id, catalogue = self.close_with, self.response_id, self.context.catalogue
        if result is None:
            return

        def change(uow: UnitOfWork) -> None:
            close_response(uow, response_id, result, catalogue=catalogue)

        def closed() -> None:
            self.close_with = None
            self.acute_note.setText(self.tr("The screening is closed."))
            self.close_button.hide()

        self._write(change, then=closed)

    def decide(self, action_id: str, decision: str) -> None:
        self._write(lambda uow: clinical.decide_follow_up(uow, action_id, decision=decision))

    def close_action(self, action_id: str) -> None:
        outcome = OutcomeDialog.ask(self)
        if outcome is None:
            return
        self._write(lambda uow: clinical.close_follow_up(uow, action_id, outcome=outcome))

    def _write(self, change: object, then: Callable[[], None] | None = None) -> None:
        def done(_changed: Changed) -> None:
            if alive(self):
                self.error_label.clear()
                if then is not None:
                    then()
                self.recorded.emit()

        def failed(error: BaseException) -> None:
            if alive(self):
                self.error_label.setText(error_sentence(error))

        self.context.write(change, on_done=done, on_error=failed, name="follow-up")  # type: ignore[arg-type]
