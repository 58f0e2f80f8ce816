"""A stored response as HTML, rendered with the form version it was written against."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import QCoreApplication

from ...domain.questionnaire import (
    AnswerValue,
    Coding,
    Item,
    Quantity,
    Questionnaire,
    ResponseError,
    flatten_answers,
    read_response,
    total_is_indicative,
)
from ...store.read.views import FollowUpView, ResponseView

translate = QCoreApplication.translate


def answer_text(item: Item, value: AnswerValue, language: str = "sv") -> str:
    if isinstance(value, bool):
        return translate("Response", "Yes") if value else translate("Response", "No")
    option = item.option_for(value)
    if option is not None:
        return option.label.text(language)
    if isinstance(value, Coding):
        return value.display or value.code
    if isinstance(value, Quantity):
        unit = value.unit or value.code
        return f"{value.value:g} {unit}" if unit else f"{value.value:g}"
    if isinstance(value, dt.time):
        return value.isoformat("minutes")
    return str(value)


def response_html(
    form: Questionnaire | None,
    response: ResponseView,
    follow_ups: list[FollowUpView] | None = None,
    offer_labels: dict[str, str] | None = None,
) -> str:
    if form is None:
        return (
            "<p>"
            + escape(translate("Response", "The form version of this response is not installed."))
            + "</p>"
        )
    parts = [
        f"<h3>{escape(form.title.default)}</h3>",
        "<p>"
        + escape(translate("Response", "Form version %1, answered in %2."))
        .replace("%1", escape(form.version))
        .replace("%2", escape(response.language))
        + "</p>",
    ]
    if response.voided_reason:
        parts.append(
            "<p style='color:#8a1c1c'><b>" + escape(translate("Response", "Voided:")) + " "
            f"{escape(response.voided_reason)}</b></p>"
        )
    try:
        # answers inside repeating groups are listed per item, instance after instance
        answers = flatten_answers(read_response(form, response.answers).answers)
    except ResponseError as error:
        return "".join(parts) + f"<p>{escape(str(error))}</p>"
    rows = []
    for item in form.questions():
        values = answers.get(item.link_id)
        if not values:
            continue
        text = ", ".join(answer_text(item, v) for v in values)
        rows.append(f"<tr><td>{escape(item.label('sv'))}</td><td><b>{escape(text)}</b></td></tr>")
    parts.append("<table cellspacing='0' cellpadding='4' border='1'>" + "".join(rows) + "</table>")
    if response.score is not None:
        score = translate("Response", "Score: %1").replace("%1", f"{response.score:g}")
        if total_is_indicative(form, response.language):
            score += " " + translate(
                "Response", "(indicative only: no validated cut-off for this language version)"
            )
        parts.append(f"<p>{escape(score)}</p>")
    for flag in response.flags:
        colour = "#a00000" if flag.get("severity") == "urgent" else "#8a5a00"
        parts.append(f"<p style='color:{colour}'>⚑ {escape(str(flag.get('label', '')))}</p>")
    if follow_ups:
        labels = offer_labels or {}
        parts.append("<h4>" + escape(translate("Response", "Follow-up")) + "</h4><ul>")
        for action in follow_ups:
            decision = {
                "offered": translate("Response", "offered"),
                "accepted": translate("Response", "accepted"),
                "declined": translate("Response", "declined"),
            }.get(action.decision, action.decision)
            line = f"{labels.get(action.offer_kind, action.offer_kind)}: {decision}"
            if action.with_whom:
                line += f" ({action.with_whom})"
            if action.status == "done":
                line += " — " + translate("Response", "closed: %1").replace("%1", action.outcome)
            parts.append(f"<li>{escape(line)}</li>")
        parts.append("</ul>")
    return "".join(parts)
