"""The visit flow's issue codes as sentences for the nurse (translated through Qt)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..flows.visit import UNITS, Issue

translate = QCoreApplication.translate


def field_name(name: str) -> str:
    names = {
        "performed_at": translate("Visit", "Date and time"),
        "kind": translate("Visit", "Kind of contact"),
        "participants": translate("Visit", "Who took part"),
        "weight": translate("Visit", "Weight"),
        "length": translate("Visit", "Length"),
        "head_circumference": translate("Visit", "Head circumference"),
        "child": translate("Visit", "Child"),
        "journal_text": translate("Visit", "Journal text"),
        "author": translate("Visit", "Signature"),
        "feeding": translate("Visit", "Feeding"),
        "vaccination": translate("Visit", "Vaccination"),
        "language": translate("Visit", "Language"),
        "tobacco": translate("Visit", "Tobacco smoke"),
        "hearing": translate("Visit", "Hearing screening"),
        "vision": translate("Visit", "Vision screening"),
        "referral": translate("Visit", "Referral"),
        "interpreter": translate("Visit", "Interpreter"),
    }
    return names.get(name, name)


def record_problem(issue: Issue) -> str | None:
    """The sentence for a child-health record's problem (None for other issues)."""
    texts = {
        "exclusive-other-food": translate(
            "Visit", "A child breastfed exclusively has not been given other food."
        ),
        "after-visit": translate("Visit", "%1: the date lies after the visit."),
        "unknown-vaccine": translate("Visit", "%1: choose a vaccine of the schedule."),
        "dose-number": translate("Visit", "%1: the dose number lies between 1 and 10."),
        "age-point": translate("Visit", "%1: choose the age."),
        "result": translate("Visit", "%1: choose the result."),
        "result-or-note": translate("Visit", "%1: give a result or a note."),
        "action": translate("Visit", "%1: choose the action taken on the concern."),
        "reason": translate("Visit", "%1: choose why."),
        "unknown-form": translate("Visit", "%1: choose how the interpreter took part."),
    }
    if issue.code == "before-birth" and issue.field == "vaccination":
        return translate("Visit", "%1: the dose is dated before the child's birth.").replace(
            "%1", field_name(issue.field)
        )
    text = texts.get(issue.code)
    return text.replace("%1", field_name(issue.field)) if text else None


def kind_name(kind: str) -> str:
    return {
        "home": translate("Visit", "Home visit"),
        "clinic": translate("Visit", "Clinic visit"),
        "phone": translate("Visit", "Phone call"),
    }[kind]


def issue_text(issue: Issue) -> str:
    p = issue.params
    name = field_name(issue.field)
    if issue.code == "required":
        if issue.field == "author":
            return translate("Visit", "The signature needs your name and title.")
        if issue.field == "participants":
            return translate("Visit", "Tick who took part.")
        if issue.field == "journal_text":
            return translate("Visit", "Write the journal text before signing.")
        return translate("Visit", "%1 is needed.").replace("%1", name)
    record = record_problem(issue)
    if record is not None:
        return record
    if issue.code == "in-future":
        return translate("Visit", "The date and time lie in the future.")
    if issue.code == "before-birth":
        return translate("Visit", "The visit is dated before the child's birth.")
    if issue.code == "not-a-number":
        return translate("Visit", "%1: write a number, e.g. 7,45.").replace("%1", name)
    if issue.code == "not-positive":
        return translate("Visit", "%1 must be greater than zero.").replace("%1", name)
    if issue.code == "far-from-median":
        reference = str(p.get("reference", "WHO"))
        if reference == "WHO":
            text = translate(
                "Visit",
                "%1 is %2 SD from the WHO median. Check the value: signing asks you to confirm it.",
            )
        else:
            text = translate(
                "Visit",
                "%1 is %2 SD from the median of the growth reference %3. Check the value: "
                "signing asks you to confirm it.",
            ).replace("%3", reference)
        return text.replace("%1", name).replace("%2", f"{p['sds']:+.1f}".replace(".", ","))
    if issue.code == "outside-range":
        text = translate(
            "Visit", "%1 is outside the usual range %2–%3 for this age. Check the value."
        )
        low, high = (f"{p[k]:g}".replace(".", ",") for k in ("low", "high"))
        return text.replace("%1", name).replace("%2", low).replace("%3", high)
    return f"{name}: {issue.code}"


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def confirmation_text(issue: Issue) -> str:
    """One implausible value for the confirmation step, naming the value and its SD."""
    p = issue.params
    value = f"{field_name(issue.field)} {_number(p['value'])} {UNITS[issue.field]}"
    if issue.code == "far-from-median":
        text = translate("Visit", "%1 is %2 SD from the WHO median for the child's age and sex.")
        return text.replace("%1", value).replace("%2", f"{p['sds']:+.1f}".replace(".", ","))
    text = translate("Visit", "%1 is outside the usual range %2–%3 for the child's age.")
    return (
        text.replace("%1", value).replace("%2", _number(p["low"])).replace("%3", _number(p["high"]))
    )


def summary_headings() -> dict[str, str]:
    """The journal note's summary headings in the UI language."""
    return {
        "participants": translate("Visit", "Participants"),
        "themes": translate("Visit", "Themes"),
        "measurements": translate("Visit", "Measurements"),
        "interpreter": translate("Visit", "Interpreter"),
        "interpreter_used": translate("Visit", "used"),
        "weight": translate("Visit", "Weight"),
        "length": translate("Visit", "Length"),
        "head_circumference": translate("Visit", "Head circumference"),
        "records": translate("Visit", "Recorded"),
        "feeding": translate("Visit", "feeding"),
        "vaccination": translate("Visit", "vaccinations"),
        "language": translate("Visit", "language"),
        "tobacco": translate("Visit", "tobacco smoke"),
        "hearing": translate("Visit", "hearing"),
        "vision": translate("Visit", "vision"),
        "referral": translate("Visit", "referral"),
    }


def plan_text(issue: Issue) -> str:
    p = issue.params
    if issue.code == "contact-done":
        return (
            translate("Visit", "%1 is marked as done (%2).")
            .replace("%1", p["title"])
            .replace("%2", p["at"])
        )
    if issue.code == "contact-new":
        text = translate("Visit", "A new contact is recorded: %1, %2.")
        return text.replace("%1", kind_name(p["kind"])).replace("%2", p["at"])
    if issue.code == "measurement":
        units = {"weight": "kg", "length": "cm", "head_circumference": "cm"}
        parts = [
            f"{field_name(k)} {v:g} {units[k]}".replace(".", ",") for k, v in sorted(p.items())
        ]
        return translate("Visit", "Measurements: %1.").replace("%1", ", ".join(parts))
    if issue.code == "health-record":
        if issue.field == "vaccination":
            text = translate("Visit", "Vaccinations given: %1.")
            return text.replace("%1", str(p["count"]))
        return translate("Visit", "A record: %1.").replace("%1", field_name(issue.field))
    return translate("Visit", "A signed journal entry (%1 characters).").replace(
        "%1", str(p["chars"])
    )
