"""Renders any supported Questionnaire: items shown and hidden live by enableWhen, problems
shown as you go, score and flags only in nurse mode. Right to left for Arabic and Dari."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.questionnaire import Item, Problem
from ..flows.questionnaire import QuestionnaireFlow, is_rtl, parent_text
from .inputs import Flow, ItemInput, make_input

#: where a row sits: () at the top, ((group linkId, instance number),) inside a group instance
RowPath = tuple[tuple[str, int], ...]


def problem_text(problem: Problem, *, language: str, parent_mode: bool) -> str:
    if parent_mode:
        return parent_text("required" if problem.code == "required" else "invalid", language)

    texts = {
        "required": translate("Problems", "An answer is needed."),
        "wrong-type": translate("Problems", "The answer has the wrong form."),
        "too-many-answers": translate("Problems", "Only one answer is allowed."),
        "below-min": translate("Problems", "The value is below the lowest allowed (%1).").replace(
            "%1", str(problem.params.get("min", ""))
        ),
        "above-max": translate("Problems", "The value is above the highest allowed (%1).").replace(
            "%1", str(problem.params.get("max", ""))
        ),
        "too-long": translate(
            "Problems", "The answer is too long (at most %1 characters)."
        ).replace("%1", str(problem.params.get("max_length", ""))),
        "not-an-option": translate("Problems", "The answer is not one of the options."),
        "no-unit": translate("Problems", "Choose one of the units offered (%1).").replace(
            "%1", str(problem.params.get("units", ""))
        ),
        "expression-failed": translate(
            "Problems", "The value could not be calculated; the form cannot be completed."
        ),
    }
    return texts.get(problem.code, problem.message)


translate = QCoreApplication.translate


class _Row(QFrame):
    def __init__(self, item: Item) -> None:
        super().__init__()
        self.item = item
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 6, 0, 6)
        self.input: ItemInput | None = None
        self.error = QLabel()
        # colour through the palette, not a style sheet: a style sheet would drop the
        # inherited (large, in parent mode) font size
        palette = self.error.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#a00000"))
        self.error.setPalette(palette)
        self.error.setWordWrap(True)
        self.error.hide()


class QuestionnaireWidget(QWidget):
    """``answer_changed`` is emitted after each change (the owner saves the draft)."""

    answer_changed = Signal(str)

    def __init__(
        self, flow: QuestionnaireFlow, *, parent_mode: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.flow = flow
        self.parent_mode = parent_mode
        self.rows: dict[str, _Row] = {}
        #: rows inside instances of repeating groups, with where they sit
        self.instance_rows: list[tuple[RowPath, _Row]] = []
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.score_label = QLabel()
        self.score_label.setWordWrap(True)
        self.score_label.setTextFormat(Qt.TextFormat.RichText)
        self.score_label.setAccessibleName(self.tr("Score and flags"))
        self.score_label.setVisible(not parent_mode)
        self.progress = QLabel()
        self.progress.setAccessibleName(self.tr("Progress"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroller, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.score_label)
        self.rebuild()

    # -- building -----------------------------------------------------------------------------
    def rebuild(self) -> None:
        """(Re)create every item in the flow's current language, keeping the answers."""
        direction = (
            Qt.LayoutDirection.RightToLeft
            if is_rtl(self.flow.language)
            else Qt.LayoutDirection.LeftToRight
        )
        self.setLayoutDirection(direction)
        body = QWidget()
        body.setLayoutDirection(direction)
        layout = QVBoxLayout(body)
        self.rows = {}
        self.instance_rows = []
        title = QLabel(f"<h2>{self.flow.title()}</h2>")
        title.setWordWrap(True)
        layout.addWidget(title)
        for item in self.flow.form.items:
            layout.addWidget(self._row(item, self.flow, ()))
        layout.addStretch(1)
        old = self.scroller.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroller.setWidget(body)
        self.update_state()

    def _row(self, item: Item, flow: Flow, path: RowPath) -> QWidget:
        row = _Row(item)
        if path:
            self.instance_rows.append((path, row))
        else:
            self.rows[item.link_id] = row
        text = self.flow.text(item)
        if item.is_repeating_group and not path:
            self._repeating_group(row, item, text)
            return row
        if item.type == "group":
            box = QGroupBox(text)
            inner = QVBoxLayout(box)
            for child in item.items:
                inner.addWidget(self._row(child, flow, path))
            row.layout_.addWidget(box)
            return row
        if item.type == "display":
            label = QLabel(text)
            label.setWordWrap(True)
            row.layout_.addWidget(label)
            return row
        question: QLabel | None = None
        if item.type != "boolean":
            prefix = f"{item.prefix} " if item.prefix else ""
            marker = " *" if item.required else ""
            question = QLabel(f"<b>{escape(prefix + text + marker)}</b>")
            question.setTextFormat(Qt.TextFormat.RichText)
            question.setWordWrap(True)
            row.layout_.addWidget(question)
        row.input = make_input(flow, item, self._changed)
        if row.input is not None:
            row.layout_.addWidget(row.input)
            if question is not None:
                question.setBuddy(row.input)
        row.layout_.addWidget(row.error)
        for child in item.items:
            row.layout_.addWidget(self._row(child, flow, path))
        return row

    def _repeating_group(self, row: _Row, item: Item, text: str) -> None:
        """One box per instance, each with a remove button, and a button to add one."""
        box = QGroupBox(text)
        inner = QVBoxLayout(box)
        for number in range(len(self.flow.instances(item.link_id))):
            part = QGroupBox(f"{text} {number + 1}")
            part_layout = QVBoxLayout(part)
            instance = self.flow.instance(item.link_id, number)
            for child in item.items:
                part_layout.addWidget(self._row(child, instance, ((item.link_id, number),)))
            remove = QPushButton(self.tr("Remove"))
            remove.setAccessibleName(self.tr("Remove %1").replace("%1", f"{text} {number + 1}"))
            remove.clicked.connect(lambda _=False, n=number: self._remove(item.link_id, n))
            buttons = QHBoxLayout()
            buttons.addStretch(1)
            buttons.addWidget(remove)
            part_layout.addLayout(buttons)
            inner.addWidget(part)
        add = QPushButton(self.tr("Add: %1").replace("%1", text))
        add.clicked.connect(lambda: self._add(item.link_id))
        inner.addWidget(add)
        inner.addWidget(row.error)
        row.layout_.addWidget(box)

    def _add(self, group: str) -> None:
        self.flow.add_instance(group)
        self.rebuild()
        self.answer_changed.emit(group)

    def _remove(self, group: str, number: int) -> None:
        self.flow.remove_instance(group, number)
        self.rebuild()
        self.answer_changed.emit(group)

    # -- state --------------------------------------------------------------------------------
    def _changed(self, link_id: str) -> None:
        self.update_state()
        self.answer_changed.emit(link_id)

    def update_state(self) -> None:
        resolved = self.flow.resolved()
        problems = self.flow.problems()
        enabled = resolved.enabled_in(())
        for link_id, row in self.rows.items():
            row.setVisible(link_id in enabled and not row.item.hidden)
            found = [p for p in problems.get(link_id, []) if "instance" not in p.params]
            self._show_problems(row, found)
        for path, row in self.instance_rows:
            row.setVisible(row.item.link_id in resolved.enabled_in(path) and not row.item.hidden)
            group, number = path[-1]
            found = [
                p
                for p in problems.get(row.item.link_id, [])
                if p.params.get("instance") == number and p.params.get("group") == group
            ]
            self._show_problems(row, found)
        for row in [*self.rows.values(), *(r for _, r in self.instance_rows)]:
            if row.input is not None:
                row.input.refresh()
        self._update_progress()

    def _show_problems(self, row: _Row, found: list[Problem]) -> None:
        if found:
            text = problem_text(found[0], language=self.flow.language, parent_mode=self.parent_mode)
            row.error.setText(f"<b>{escape(text)}</b>")
            row.error.setAccessibleName(text)
        row.error.setVisible(bool(found))

    def _update_progress(self) -> None:
        answered, total = self.flow.answered_count()
        if self.parent_mode:  # isolated left-to-right so "5 / 9" is not reversed in Arabic
            self.progress.setText(f"\u2066{answered} / {total}\u2069")
        else:
            self.progress.setText(
                self.tr("%1 of %2 questions answered")
                .replace("%1", str(answered))
                .replace("%2", str(total))
            )
        if not self.parent_mode:
            self._update_score()

    def _update_score(self) -> None:
        result = self.flow.score()
        parts = [self.tr("Score: %1").replace("%1", f"{result.total:g}")]
        if result.indicative:
            parts[0] += " " + self.tr(
                "(indicative only: no validated cut-off for this language version)"
            )
        for flag in result.flags:
            colour = "#a00000" if flag.severity == "urgent" else "#8a5a00"
            label = flag.label.text("sv")
            if flag.severity == "urgent":
                label = self.tr("URGENT: %1").replace("%1", label)
            parts.append(f"<span style='color:{colour}'>⚑ {label}</span>")
        self.score_label.setText(" &nbsp; ".join(parts))

    def set_language(self, language: str) -> None:
        self.flow.set_language(language)
        self.rebuild()

    def first_problem_row(self) -> QWidget | None:
        problems = self.flow.problems()
        for link_id, row in self.rows.items():
            if link_id in problems and row.isVisible():
                self.scroller.ensureWidgetVisible(row)
                if row.input is not None:
                    row.input.setFocus()
                return row
        return None
