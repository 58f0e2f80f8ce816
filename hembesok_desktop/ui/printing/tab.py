"""The Print tab ("Utskrift"): a preview of the family summary; print or save it as PDF; the
day view (today's contacts with addresses and who joins) for every family. Each printout and
export writes an access-log entry per family included."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from ...domain.programmes import Language
from ...store.read.printing import DayVisit, PrintRecord, day_visits, print_record
from ...store.unit_of_work import Changed
from ..common.guard import alive
from ..context import AppContext
from .html import PrintNames, day_view_html, family_summary_html
from .printer import export_pdf, print_paper

ENTITIES = frozenset(
    {
        "family",
        "guardian",
        "child",
        "contact",
        "journal_entry",
        "measurement",
        "questionnaire_response",
    }
)


class PrintingTab(QWidget):
    """FamilyTab "Utskrift"."""

    loaded = Signal()
    logged = Signal(str)  # "print" | "export", after the access log was written

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.family_id: str | None = None
        self.record: PrintRecord | None = None
        self.preview = QTextBrowser()
        self.preview.setAccessibleName(self.tr("Family summary preview"))
        self.print_button = QPushButton(self.tr("&Print summary…"))
        self.print_button.clicked.connect(self.print_summary)
        self.pdf_button = QPushButton(self.tr("Save summary as &PDF…"))
        self.pdf_button.clicked.connect(self.export_summary)
        self.day_print_button = QPushButton(self.tr("Print today's visits…"))
        self.day_print_button.clicked.connect(lambda: self.print_day(pdf=False))
        self.day_pdf_button = QPushButton(self.tr("Today's visits as PDF…"))
        self.day_pdf_button.clicked.connect(lambda: self.print_day(pdf=True))
        self.status = QLabel()
        family_row = QHBoxLayout()
        family_row.addWidget(QLabel(self.tr("This family:")))
        family_row.addWidget(self.print_button)
        family_row.addWidget(self.pdf_button)
        family_row.addStretch(1)
        day_row = QHBoxLayout()
        day_row.addWidget(QLabel(self.tr("Day view:")))
        day_row.addWidget(self.day_print_button)
        day_row.addWidget(self.day_pdf_button)
        day_row.addStretch(1)
        note = QLabel(self.tr("Printing and exporting are recorded in the access log."))
        note.setStyleSheet("color:#555;")
        layout = QVBoxLayout(self)
        layout.addLayout(family_row)
        layout.addWidget(self.preview, 1)
        layout.addLayout(day_row)
        layout.addWidget(note)
        layout.addWidget(self.status)
        self.show_family(None)

    # -- FamilyTab ----------------------------------------------------------------------------
    def show_family(self, family_id: str | None) -> None:
        self.family_id = family_id
        self.record = None
        self.preview.clear()
        self.print_button.setEnabled(False)
        self.pdf_button.setEnabled(False)
        if family_id is not None:
            self._load(family_id)

    def refresh(self, changed: Changed) -> None:
        if self.family_id and self.family_id in changed.family_ids and changed.entities & ENTITIES:
            self._load(self.family_id)

    def save_drafts(self) -> None:
        """Nothing typed here."""

    def _load(self, family_id: str) -> None:
        def done(record: PrintRecord | None) -> None:
            if not alive(self) or family_id != self.family_id:
                return
            self.record = record
            self.preview.setHtml(self.summary_html() if record else "")
            self.print_button.setEnabled(record is not None)
            self.pdf_button.setEnabled(record is not None)
            self.loaded.emit()

        self.context.read(
            lambda session: print_record(session, family_id), on_done=done, name="print-load"
        )

    def summary_html(self) -> str:
        assert self.record is not None
        return family_summary_html(self.record, self.context.today(), self._names())

    # -- actions ------------------------------------------------------------------------------
    def _names(self) -> PrintNames:
        """Contacts, forms and roles named in the UI language, from the catalogue."""
        language: Language = "en" if self.context.language == "en" else "sv"
        return PrintNames(self.context.catalogue, language)

    def _logged(self, action: str) -> None:
        if alive(self):
            self.status.setText(self.tr("Recorded in the access log."))
            self.logged.emit(action)

    def print_summary(self) -> None:
        if self.record is None:
            return
        print_paper(
            self.context,
            self,
            self.summary_html(),
            [self.record.family.id],
            detail="family-summary",
            on_done=lambda: self._logged("print"),
        )

    def export_summary(self) -> None:
        if self.record is None:
            return
        export_pdf(
            self.context,
            self,
            self.summary_html(),
            [self.record.family.id],
            detail="family-summary",
            suggested="familjesammanfattning.pdf",
            on_done=lambda _path: self._logged("export"),
        )

    def print_day(self, *, pdf: bool, day: date | None = None) -> None:
        when = day or self.context.today()

        def done(visits: list[DayVisit]) -> None:
            if not alive(self):
                return
            html = day_view_html(when, visits, self._names())
            families = [v.record.family.id for v in visits]
            if pdf:
                export_pdf(
                    self.context,
                    self,
                    html,
                    families,
                    detail="day-view",
                    suggested=f"besok-{when.isoformat()}.pdf",
                    on_done=lambda _path: self._logged("export"),
                )
            else:
                print_paper(
                    self.context,
                    self,
                    html,
                    families,
                    detail="day-view",
                    on_done=lambda: self._logged("print"),
                )

        self.context.read(
            lambda session: list(day_visits(session, when)), on_done=done, name="day-load"
        )
