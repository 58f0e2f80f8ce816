"""The selected journal entry as HTML: text, signature, and its corrections and void."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from ...store.read.views import JournalEntryView
from ..common.timefmt import fmt_datetime
from .model import JournalModel, entry_time

translate = QCoreApplication.translate


def _paragraphs(text: str, *, struck: bool = False) -> str:
    body = "<br>".join(escape(line) for line in text.splitlines()) or "&nbsp;"
    return f"<p><s>{body}</s></p>" if struck else f"<p>{body}</p>"


def _signature(entry: JournalEntryView) -> str:
    if entry.signed_at is None:
        return "<p><i>" + escape(translate("Journal", "Not signed")) + "</i></p>"
    who = ", ".join(escape(p) for p in (entry.author_name, entry.author_title) if p)
    label = escape(translate("Journal", "Signed %1 by %2")).replace(
        "%1", fmt_datetime(entry.signed_at)
    )
    return f"<p><i>{label.replace('%2', who)}</i></p>"


def entry_html(entry: JournalEntryView, model: JournalModel) -> str:
    parts: list[str] = []
    voided = entry.voided_at is not None
    if voided:
        note = escape(translate("Journal", "Voided %1 by %2. Reason: %3"))
        note = note.replace("%1", fmt_datetime(entry.voided_at))
        note = note.replace("%2", escape(entry.voided_by)).replace(
            "%3", escape(entry.voided_reason)
        )
        parts.append(f"<p style='color:#8a1c1c'><b>{note}</b></p>")
    parts.append(_paragraphs(entry.text, struck=voided))
    parts.append(_signature(entry))
    amendment = model.amendment_of(entry.id)
    if amendment is not None:
        link = escape(
            translate("Journal", "This entry was corrected %1 — show the correction")
        ).replace("%1", fmt_datetime(entry_time(amendment)))
        parts.append(f"<p><a href='entry:{amendment.id}'>{link}</a></p>")
    if entry.amends:
        original = model.entry_by_id(entry.amends)
        if original is not None:
            heading = escape(
                translate("Journal", "Corrects the entry signed %1 by %2 (unchanged):")
            )
            heading = heading.replace("%1", fmt_datetime(entry_time(original)))
            heading = heading.replace("%2", escape(original.author_name))
            parts.append(
                f"<hr><p><a href='entry:{original.id}'>{heading}</a></p>"
                f"<blockquote style='color:#444'>{_paragraphs(original.text)}</blockquote>"
            )
    return "".join(parts)
