"""Answering a questionnaire, as plain Python (no Qt): answers, language, live enableWhen,
validation as you go, completion, score and flags (for the nurse), drafts and form updates.

The draft payload holds an *in-progress* FHIR QuestionnaireResponse, so a draft names the exact
form version it was written against. When a newer version of the form is loaded, ``from_payload``
moves the answers with ``migrate_draft`` and keeps the report so the nurse can be told what changed.
Completing writes the response, completes it with its score and flags, and discards the draft,
all in one unit of work.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ...domain.catalogue import Catalogue
from ...domain.questionnaire import (
    AnswerOption,
    AnswerValue,
    FormRegistry,
    GroupAnswer,
    Item,
    MigrationReport,
    Offer,
    OfferSuggestion,
    Problem,
    Questionnaire,
    Resolved,
    ScoreResult,
    build_response,
    flatten_answers,
    initial_answers,
    migrate_draft,
    read_response,
    required_offer_ids,
    resolve,
    score,
    suggest_offers,
    validate_answers,
)
from ...domain.questionnaire.schedule_link import with_schedule_entry
from ...store.services import clinical, drafts
from ...store.unit_of_work import UnitOfWork

#: the order languages are offered in; others the form carries follow
LANGUAGE_ORDER = ("sv", "en", "ar", "so", "ti", "fa-AF", "prs", "fa")
LANGUAGE_NAMES = {
    "sv": "Svenska",
    "en": "English",
    "ar": "العربية",
    "so": "Soomaali",
    "ti": "ትግርኛ",
    "fa-AF": "دری",
    "prs": "دری",
    "fa": "فارسی",
}
RTL_LANGUAGES = frozenset({"ar", "fa", "prs", "ps", "ur", "he"})

#: texts of parent mode in the parent's language (reviewed translations needed before clinical use)
PARENT_TEXTS: dict[str, dict[str, str]] = {
    "required": {
        "sv": "Svara på frågan.",
        "en": "Please answer this question.",
        "ar": "يرجى الإجابة على هذا السؤال.",
        "so": "Fadlan ka jawaab su'aashan.",
        "ti": "በጃኹም ነዚ ሕቶ መልሱ።",
        "fa-AF": "لطفاً به این سؤال پاسخ دهید.",
    },
    "invalid": {
        "sv": "Svaret har fel form.",
        "en": "This answer is not in the right form.",
        "ar": "هذه الإجابة ليست بالشكل الصحيح.",
        "so": "Jawaabtani qaab sax ah kuma jirto.",
        "ti": "እዚ መልሲ ብትኽክለኛ ቅርጺ ኣይኮነን።",
        "fa-AF": "این پاسخ به شکل درست نیست.",
    },
    "done": {
        "sv": "Klar",
        "en": "Done",
        "ar": "انتهيت",
        "so": "Waan dhammeeyay",
        "ti": "ወዲአ",
        "fa-AF": "تمام شد",
    },
    "thanks": {
        "sv": "Tack! Lämna tillbaka datorn till sjuksköterskan.",
        "en": "Thank you! Please hand the computer back to the nurse.",
        "ar": "شكراً لك! يرجى إعادة الحاسوب إلى الممرضة.",
        "so": "Mahadsanid! Fadlan kombiyuutarka u celi kalkaalisada.",
        "ti": "የቐንየለይ! በጃኹም ነቲ ኮምፒተር ናብ ነርስ ምለሱ።",
        "fa-AF": "تشکر! لطفاً کمپیوتر را به نرس بازگردانید.",
    },
    "language": {
        "sv": "Språk",
        "en": "Language",
        "ar": "اللغة",
        "so": "Luqadda",
        "ti": "ቋንቋ",
        "fa-AF": "زبان",
    },
    "missing": {
        "sv": "Några frågor saknar svar.",
        "en": "Some questions have no answer yet.",
        "ar": "بعض الأسئلة لم تتم الإجابة عليها بعد.",
        "so": "Su'aalo qaar weli jawaab ma laha.",
        "ti": "ገለ ሕቶታት ገና መልሲ የብሎምን።",
        "fa-AF": "به بعضی سؤال‌ها هنوز پاسخ داده نشده است.",
    },
}


def parent_text(key: str, language: str) -> str:
    table = PARENT_TEXTS[key]
    if language in table:
        return table[language]
    primary = language.split("-")[0]
    match = next((text for tag, text in table.items() if tag.split("-")[0] == primary), None)
    if match is None and primary == "prs":
        match = table.get("fa-AF")
    return match or table["sv"]


def is_rtl(language: str) -> bool:
    return language.split("-")[0].lower() in RTL_LANGUAGES


def form_languages(form: Questionnaire) -> list[str]:
    """The languages the form's texts are written in: its own, then its translations."""
    found = [form.language or "sv", *form.title.languages()]
    for item in form.iter_items():
        if item.text:
            found.extend(item.text.languages())
    unique = list(dict.fromkeys(found))
    known = [lang for lang in LANGUAGE_ORDER if lang in unique]
    return known + [lang for lang in unique if lang not in known]


def language_name(language: str) -> str:
    return LANGUAGE_NAMES.get(language, language)


def close_response(
    uow: UnitOfWork,
    response_id: str,
    result: ScoreResult,
    *,
    catalogue: Catalogue,
    at: dt.datetime | None = None,
) -> None:
    """Close (complete) a saved response with its score and flags (the store refuses while an
    urgent flag lacks the acute offer)."""
    clinical.complete_response(
        uow,
        response_id,
        score=result.total,
        subscores=dict(result.subscores),
        flags=result.flag_records(),
        catalogue=catalogue,
        completed_at=at,
    )


def draft_key(family_id: str, session_id: str) -> str:
    return f"questionnaire:{family_id}:{session_id}"


@dataclass(frozen=True)
class Completed:
    response_id: str
    result: ScoreResult


class QuestionnaireFlow:
    def __init__(
        self,
        form: Questionnaire,
        *,
        family_id: str,
        language: str = "sv",
        respondent: str = "",
        child_id: str | None = None,
        session_id: str | None = None,
        answers: dict[str, tuple[AnswerValue, ...]] | None = None,
        schedule_code: str | None = None,
    ) -> None:
        self.form = form
        #: the screening-schedule entry this response was started from (e.g. "EPDS1"), if any
        self.schedule_code = schedule_code
        self.family_id = family_id
        self.language = language
        self.respondent = respondent
        self.child_id = child_id
        self.session_id = session_id or str(uuid.uuid4())
        fresh = answers is None
        self.answers: dict[str, tuple[AnswerValue, ...]] = dict(answers or {})
        if fresh:  # a new response starts from the form's initial values
            self.answers = initial_answers(form, {})
        self.touched: set[str] = set(answers or {})
        self._resolved: tuple[dict[str, tuple[AnswerValue, ...]], Resolved] | None = None
        #: answers typed that do not parse (link id -> the text), shown as a problem
        self.unparsed: dict[str, str] = {}
        self.show_all_problems = False
        self.migration: MigrationReport | None = None
        self.completed: Completed | None = None

    # -- answering ----------------------------------------------------------------------------
    @property
    def key(self) -> str:
        return draft_key(self.family_id, self.session_id)

    def set_answer(self, link_id: str, values: Sequence[AnswerValue]) -> None:
        self.form.item(link_id)  # KeyError for a linkId the form lacks
        self.unparsed.pop(link_id, None)
        if values:
            self.answers[link_id] = tuple(values)
        else:
            self.answers.pop(link_id, None)
        self.touched.add(link_id)

    def set_unparsed(self, link_id: str, text: str) -> None:
        self.answers.pop(link_id, None)
        self.unparsed[link_id] = text
        self.touched.add(link_id)

    def toggle(self, link_id: str, value: AnswerValue, checked: bool) -> None:
        current = [v for v in self.answers.get(link_id, ()) if v != value]
        if checked:
            current.append(value)
        self.set_answer(link_id, current)

    def set_language(self, language: str) -> None:
        self.language = language

    # -- repeating groups -----------------------------------------------------------------------
    def instances(self, group: str) -> list[dict[str, tuple[AnswerValue, ...]]]:
        """The answers of each instance of a repeating (top-level scope) group."""
        return [v.answers for v in self.answers.get(group, ()) if isinstance(v, GroupAnswer)]

    def add_instance(self, group: str) -> None:
        self.set_answer(group, [*self.answers.get(group, ()), GroupAnswer()])

    def remove_instance(self, group: str, number: int) -> None:
        kept = [v for i, v in enumerate(self.answers.get(group, ())) if i != number]
        self.set_answer(group, kept)

    def instance(self, group: str, number: int) -> InstanceFlow:
        return InstanceFlow(self, group, number)

    # -- reading ------------------------------------------------------------------------------
    def resolved(self) -> Resolved:
        """Enabled items and calculated values now (kept until the answers change)."""
        cached = self._resolved
        if cached is None or cached[0] != self.answers:
            cached = (dict(self.answers), resolve(self.form, self.answers))
            self._resolved = cached
        return cached[1]

    def enabled(self) -> frozenset[str]:
        return self.resolved().enabled

    def calculated(self, link_id: str) -> tuple[AnswerValue, ...]:
        """The value a calculated item has now (top-level scope)."""
        return self.resolved().answers.get(link_id, ())

    def text(self, item: Item) -> str:
        return item.label(self.language)

    def option_text(self, option: AnswerOption) -> str:
        return option.label.text(self.language)

    def title(self) -> str:
        return self.form.title.text(self.language) or self.form.display_name

    def all_problems(self) -> list[Problem]:
        problems = validate_answers(self.form, self.answers)
        enabled = self.enabled()
        problems += [
            Problem(link_id, "wrong-type", "unparsed", {"text": text})
            for link_id, text in self.unparsed.items()
            if link_id in enabled
        ]
        return problems

    def problems(self) -> dict[str, list[Problem]]:
        """Problems to show now: on items already touched, or on all once completion was tried."""
        shown: dict[str, list[Problem]] = {}
        for problem in self.all_problems():
            if self.show_all_problems or problem.link_id in self.touched:
                shown.setdefault(problem.link_id, []).append(problem)
        return shown

    def is_complete(self) -> bool:
        return not self.all_problems()

    def answered_count(self) -> tuple[int, int]:
        """(answered, enabled questions) for a progress line."""
        resolved = self.resolved()
        answered = flatten_answers(resolved.answers)
        questions = [
            i
            for i in self.form.questions()
            if i.link_id in resolved.enabled and not i.calculated and not i.is_repeating_group
        ]
        return sum(1 for i in questions if i.link_id in answered), len(questions)

    def score(self) -> ScoreResult:
        """Score and flags, with the cut-off of the language the answers are given in."""
        return score(self.form, self.answers, language=self.language)

    def suggestions(self, offers: Sequence[Offer]) -> list[OfferSuggestion]:
        """One suggestion per flagged area, offering the catalogue's ``offers``."""
        return suggest_offers(self.score(), offers)

    # -- completing ---------------------------------------------------------------------------
    def try_complete(self) -> bool:
        self.show_all_problems = True
        return self.is_complete()

    def needs_acute_offer(self, offers: Sequence[Offer]) -> bool:
        """True when the answers raise an urgent flag that needs the acute offer recorded
        before the response can be closed (``clinical.complete_response``)."""
        return self.score().urgent and bool(required_offer_ids(offers, "urgent"))

    def commit(
        self, uow: UnitOfWork, *, catalogue: Catalogue, contact_id: str | None = None
    ) -> str:
        """Save the response and discard the draft (one transaction); close it with its score
        and flags unless an urgent flag first needs the acute offer recorded (then it stays
        in progress until ``close``)."""
        if not self.is_complete():
            raise ValueError("the questionnaire has unanswered or invalid questions")
        result = self.score()
        now = dt.datetime.now(dt.UTC)
        resource = with_schedule_entry(
            build_response(
                self.form, self.answers, status="completed", authored=now, language=self.language
            ),
            self.schedule_code,
        )
        response = clinical.save_response(
            uow,
            family_id=self.family_id,
            form_id=self.form.url,
            form_version=self.form.version,
            answers=resource,
            language=self.language,
            respondent=self.respondent,
            child_id=self.child_id,
            contact_id=contact_id,
        )
        if self.needs_acute_offer(catalogue.offers):
            # kept in progress, with its score and flags, so it shows as an urgent finding
            clinical.hold_urgent_response(
                uow,
                response.id,
                score=result.total,
                subscores=dict(result.subscores),
                flags=result.flag_records(),
            )
        else:
            close_response(uow, response.id, result, catalogue=catalogue, at=now)
        drafts.discard_draft(uow, self.key)
        self.completed = Completed(response.id, result)
        return response.id

    # -- drafts -------------------------------------------------------------------------------
    def to_payload(self) -> dict[str, Any]:
        return {
            "session_id": self.session_id,
            "language": self.language,
            "respondent": self.respondent,
            "child_id": self.child_id,
            "schedule_code": self.schedule_code,
            "touched": sorted(self.touched),
            "unparsed": dict(self.unparsed),
            "response": build_response(
                self.form, self.answers, status="in-progress", language=self.language
            ),
        }

    @classmethod
    def from_payload(
        cls, payload: dict[str, Any], *, family_id: str, registry: FormRegistry
    ) -> QuestionnaireFlow:
        """The flow of a saved draft, on the newest version of its form (``migration`` says
        what changed when the form was updated since)."""
        resource = payload["response"]
        old_form = registry.for_response(resource)
        answers = read_response(old_form, resource).answers
        newest = registry.get(old_form.url)
        report = None
        if newest.version != old_form.version:
            answers, report = migrate_draft(answers, old_form, newest)
        flow = cls(
            newest,
            family_id=family_id,
            language=str(payload.get("language") or "sv"),
            respondent=str(payload.get("respondent") or ""),
            child_id=payload.get("child_id"),
            session_id=str(payload.get("session_id") or uuid.uuid4()),
            answers=answers,
            schedule_code=payload.get("schedule_code") or None,
        )
        flow.touched = {t for t in payload.get("touched", []) if newest.has_item(str(t))}
        unparsed = payload.get("unparsed") or {}
        flow.unparsed = {k: str(v) for k, v in unparsed.items() if newest.has_item(k)}
        flow.migration = report
        return flow


def held_response_flow(
    resource: dict[str, Any],
    *,
    family_id: str,
    language: str,
    respondent: str,
    child_id: str | None,
    registry: FormRegistry,
) -> QuestionnaireFlow:
    """The flow of a saved response held open for its acute offer (read on its own form
    version, never migrated: its answers are the ones given)."""
    form = registry.for_response(resource)
    return QuestionnaireFlow(
        form,
        family_id=family_id,
        language=language or "sv",
        respondent=respondent,
        child_id=child_id,
        answers=read_response(form, resource).answers,
    )


class InstanceFlow:
    """One instance of a repeating group, answered through the same calls as the flow itself
    (``answers``, ``set_answer``, ``toggle``, ``unparsed``...), so every input works inside it."""

    def __init__(self, flow: QuestionnaireFlow, group: str, number: int) -> None:
        self.flow = flow
        self.group = group
        self.number = number
        self.form = flow.form
        self.unparsed: dict[str, str] = {}

    @property
    def language(self) -> str:
        return self.flow.language

    @property
    def answers(self) -> dict[str, tuple[AnswerValue, ...]]:
        instances = self.flow.instances(self.group)
        return instances[self.number] if self.number < len(instances) else {}

    def set_answer(self, link_id: str, values: Sequence[AnswerValue]) -> None:
        self.form.item(link_id)
        self.unparsed.pop(link_id, None)
        inner = dict(self.answers)
        if values:
            inner[link_id] = tuple(values)
        else:
            inner.pop(link_id, None)
        instances = list(self.flow.answers.get(self.group, ()))
        instances[self.number] = GroupAnswer.of(inner)
        self.flow.set_answer(self.group, instances)
        self.flow.touched.add(link_id)

    def set_unparsed(self, link_id: str, text: str) -> None:
        self.set_answer(link_id, [])
        self.unparsed[link_id] = text

    def toggle(self, link_id: str, value: AnswerValue, checked: bool) -> None:
        current = [v for v in self.answers.get(link_id, ()) if v != value]
        if checked:
            current.append(value)
        self.set_answer(link_id, current)

    def calculated(self, link_id: str) -> tuple[AnswerValue, ...]:
        answers = self.flow.resolved().answers.get(self.group, ())
        instances = [v for v in answers if isinstance(v, GroupAnswer)]
        if self.number >= len(instances):
            return ()
        return instances[self.number].answers.get(link_id, ())

    def text(self, item: Item) -> str:
        return self.flow.text(item)

    def option_text(self, option: AnswerOption) -> str:
        return self.flow.option_text(option)
