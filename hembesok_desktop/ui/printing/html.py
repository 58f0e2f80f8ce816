"""The printouts as HTML for QTextDocument (simple tables, print-friendly).

Everything printed is in the nurse's words, never a stored token: contact states and kinds
(``labels``), the programme's contact titles, form titles and participant roles (the
catalogue, through ``PrintNames``), language names instead of ISO codes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from PySide6.QtCore import QCoreApplication

from ...domain.catalogue import Catalogue
from ...domain.programmes import Language
from ...domain.questionnaire import FormRegistry, total_is_indicative
from ...domain.timeline import TimelineKind, build_timeline
from ...store.read.printing import DayVisit, PrintRecord
from ...store.read.views import ContactView
from .. import labels
from ..common.timefmt import fmt_datetime

STYLE = (
    "<style>body{font-family:sans-serif;font-size:10pt} h1{font-size:16pt} "
    "h2{font-size:12pt;margin-top:14px} td,th{padding:3px 6px;vertical-align:top} "
    "th{text-align:left;background:#eeeeee} .void{text-decoration:line-through;color:#666}</style>"
)


translate = QCoreApplication.translate


def _urgent_marker(flags: Sequence[Mapping[str, object]]) -> str:
    """A red, bold "Urgent:" before a screening with an urgent finding (EPDS item 10)."""
    if not any(f.get("severity") == "urgent" for f in flags):
        return ""
    text = escape(translate("Print", "Urgent finding:"))
    return f"<b class='urgent' style='color:#a00000'>{text}</b> "


@dataclass(frozen=True)
class PrintNames:
    """The catalogue's names of contacts, forms and roles in the print's language."""

    catalogue: Catalogue
    language: Language = "sv"

    def contact(self, contact: ContactView) -> str:
        """The programme's title of the contact ("Hembesök 1"); "Unplanned contact" if none."""
        programme = self.catalogue.programmes.get(contact.programme_id)
        if contact.contact_code and programme is not None:
            try:
                return programme.contact(contact.contact_code).title.text(self.language)
            except KeyError:
                pass
        if contact.contact_code:
            return translate("Print", "Contact outside the programme")
        return translate("Print", "Unplanned contact")

    def form(self, form_id: str) -> str:
        title = self.catalogue.form_title(form_id, self.language)
        return title if title != form_id else translate("Print", "Screening form")

    def role(self, role_id: str) -> str:
        label = self.catalogue.role_label(role_id, self.language)
        return label if label != role_id else labels.guardian_role(role_id)


def _kind(kind: str) -> str:
    return {
        "home": translate("Print", "Home visit"),
        "clinic": translate("Print", "Clinic visit"),
        "phone": translate("Print", "Phone call"),
    }.get(kind, kind)


def _row(label: str, value: str) -> str:
    return f"<tr><th>{escape(label)}</th><td>{escape(value)}</td></tr>"


def _heading(text: str) -> str:
    return f"<h2>{escape(text)}</h2>"


def _names(record: PrintRecord) -> tuple[str, str]:
    guardians = ", ".join(f"{g.given_name} {g.family_name}" for g in record.guardians)
    children = ", ".join(
        f"{c.given_name} {c.family_name} ({c.birth_date.isoformat()})" for c in record.children
    )
    return guardians, children


def _address(record: PrintRecord) -> str:
    family = record.family
    parts = [family.address, " ".join(p for p in (family.postal_code, family.area) if p)]
    return ", ".join(p for p in parts if p)


def _interpreter(record: PrintRecord) -> str:
    family = record.family
    if not family.interpreter_needed:
        return ""
    return translate("Print", "Interpreter: %1").replace(
        "%1", labels.language(family.interpreter_language) or translate("Print", "yes")
    )


def _languages(record: PrintRecord) -> str:
    return labels.language_list(record.family.languages)


def day_view_html(day: date, visits: Sequence[DayVisit], names: PrintNames) -> str:
    head = translate("Print", "Visits %1").replace("%1", day.isoformat())
    if not visits:
        none = translate("Print", "No planned contacts.")
        return f"{STYLE}<h1>{escape(head)}</h1><p>{escape(none)}</p>"
    rows = []
    for visit in visits:
        guardians, children = _names(visit.record)
        who = ", ".join(names.role(p) for p in visit.contact.participants)
        extra = _interpreter(visit.record)
        rows.append(
            "<tr>"
            f"<td>{escape(_kind(visit.contact.kind))}<br>{escape(names.contact(visit.contact))}</td>"
            f"<td>{escape(_address(visit.record))}<br>{escape(visit.record.family.phone)}</td>"
            f"<td>{escape(guardians)}<br>{escape(children)}</td>"
            f"<td>{escape(who)}<br>{escape(extra)}</td>"
            "</tr>"
        )
    header = "".join(
        f"<th>{escape(t)}</th>"
        for t in (
            translate("Print", "Contact"),
            translate("Print", "Address"),
            translate("Print", "Family"),
            translate("Print", "Who joins"),
        )
    )
    return (
        f"{STYLE}<h1>{escape(head)}</h1>"
        f"<table width='100%' border='1' cellspacing='0'><tr>{header}</tr>{''.join(rows)}</table>"
    )


def _indicative(registry: FormRegistry | None, form_id: str, version: str, lang: str) -> bool:
    """True when the response's language version of its form has no validated cut-off."""
    if registry is None:
        return False
    try:
        form = registry.get(form_id, version)
    except (LookupError, ValueError):
        return False
    return total_is_indicative(form, lang)


def _child_health(record: PrintRecord, today: date, names: PrintNames) -> list[str]:
    """Vaccinations, feeding, language, tobacco smoke, hearing and vision, referrals: each code
    in words (``domain.timeline`` / ``domain.record_labels``), a voided one struck through."""
    vaccine_names = {
        entry.id: entry.label.text(names.language)
        for programme in names.catalogue.programmes.values()
        for entry in programme.vaccines
    }
    items = [
        item
        for item in build_timeline(
            today=today,
            vaccinations=record.vaccinations,
            health_records=record.health_records,
            referrals=record.referrals,
            vaccine_labels=vaccine_names,
            language=names.language,
        )
        if item.kind is not TimelineKind.TODAY
    ]
    if not items:
        return []
    parts = [
        _heading(translate("Print", "Child-health records")),
        "<table border='1' cellspacing='0' width='100%'>",
    ]
    for item in items:
        css = " class='void'" if "voided" in item.flags else ""
        state = labels.contact_state(item.state) if item.kind is TimelineKind.REFERRAL else ""
        parts.append(
            f"<tr{css}><td>{item.date.isoformat()}</td><td>{escape(item.title)}</td>"
            f"<td>{escape(item.detail)}</td><td>{escape(state)}</td></tr>"
        )
    parts.append("</table>")
    return parts


def family_summary_html(record: PrintRecord, today: date, names: PrintNames) -> str:
    guardians, children = _names(record)
    parts = [
        STYLE,
        "<h1>" + escape(translate("Print", "Family summary")) + "</h1>",
        "<p>" + escape(translate("Print", "Printed %1").replace("%1", today.isoformat())) + "</p>",
        "<table>",
        _row(translate("Print", "Address"), _address(record)),
        _row(translate("Print", "Guardians"), guardians),
        _row(translate("Print", "Children"), children),
        _row(translate("Print", "Phone"), record.family.phone),
        "<tr><th>" + escape(translate("Print", "Languages")) + "</th><td>"
        f"{escape('; '.join(p for p in (_languages(record), _interpreter(record)) if p))}"
        "</td></tr>",
        "</table>",
        _heading(translate("Print", "Contacts")),
        "<table border='1' cellspacing='0' width='100%'>",
    ]
    for contact in record.contacts:
        when = (
            fmt_datetime(contact.performed_at)
            if contact.performed_at
            else str(contact.planned_date or "")
        )
        parts.append(
            f"<tr><td>{escape(when)}</td><td>{escape(names.contact(contact))}</td>"
            f"<td>{escape(_kind(contact.kind))}</td>"
            f"<td>{escape(labels.contact_state(contact.status))}</td></tr>"
        )
    parts.append("</table>")
    if record.measurements:
        parts.append(
            _heading(translate("Print", "Measurements")) + "<table border='1' cellspacing='0'>"
        )
        parts.append(
            "<tr>"
            + "".join(
                f"<th>{escape(t)}</th>"
                for t in (
                    translate("Print", "Date"),
                    translate("Print", "Weight (kg)"),
                    translate("Print", "Length (cm)"),
                    translate("Print", "Head (cm)"),
                )
            )
            + "</tr>"
        )
        for m in record.measurements:
            cells = (m.weight_kg, m.length_cm, m.head_circumference_cm)
            values = "".join(f"<td>{'' if v is None else f'{v:g}'}</td>" for v in cells)
            parts.append(f"<tr><td>{m.measured_on.isoformat()}</td>{values}</tr>")
        parts.append("</table>")
    if record.responses:
        parts.append(_heading(translate("Print", "Screening")) + "<ul>")
        for response in record.responses:
            flags = ", ".join(str(f.get("label", f.get("id"))) for f in response.flags)
            score = "" if response.score is None else f"{response.score:g}"
            indicative = _indicative(
                names.catalogue.forms, response.form_id, response.form_version, response.language
            )
            if score and indicative:
                score += " " + translate(
                    "Print", "(indicative only: no validated cut-off for this language version)"
                )
            line = f"{fmt_datetime(response.completed_at)} {names.form(response.form_id)}"
            urgent = _urgent_marker(response.flags)
            parts.append(f"<li>{urgent}{escape(line)} {escape(score)} {escape(flags)}</li>")
        parts.append("</ul>")
    parts += _child_health(record, today, names)
    parts.append(_heading(translate("Print", "Journal")) + "")
    for entry in record.journal:
        if entry.signed_at is None:
            continue
        css = " class='void'" if entry.voided_at else ""
        sign = f"{fmt_datetime(entry.signed_at)} — {entry.author_name}, {entry.author_title}"
        text = "<br>".join(escape(line) for line in entry.text.splitlines())
        parts.append(f"<p><b>{escape(sign)}</b><br><span{css}>{text}</span>")
        if entry.voided_at:
            parts.append(
                "<br><i>"
                + escape(translate("Print", "Voided %1 by %2: %3"))
                .replace("%1", fmt_datetime(entry.voided_at))
                .replace("%2", escape(entry.voided_by))
                .replace("%3", escape(entry.voided_reason))
                + "</i>"
            )
        if entry.amends:
            parts.append(
                "<br><i>" + escape(translate("Print", "Correction of an earlier entry.")) + "</i>"
            )
        parts.append("</p>")
    return "".join(parts)
