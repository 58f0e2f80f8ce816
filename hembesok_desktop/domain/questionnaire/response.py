"""Build and read FHIR R4 QuestionnaireResponse JSON.

``build_response`` writes only enabled questions that have answers (calculated values included),
nested like the form (see :mod:`.encode`): children of a group go in ``item``; children of a
question go in its first answer's ``item`` (the FHIR rule for questions with sub-items), or in
``item`` when the question itself is unanswered; a repeating group once per instance.
``read_response`` turns such a resource (ours or another system's) back into
``{linkId: (values,)}``; a build/read round trip returns the same answers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .enable_when import enabled_answers
from .encode import decode_value, encode_items
from .model import AnswersInput, AnswerValue, GroupAnswer, Item, Questionnaire

ResponseStatus = Literal["in-progress", "completed", "amended", "entered-in-error", "stopped"]
JSON = dict[str, Any]


class ResponseError(ValueError):
    """The QuestionnaireResponse cannot be read against the given form."""


@dataclass(frozen=True)
class ParsedResponse:
    form_url: str
    form_version: str
    status: str
    authored: str | None
    language: str | None
    answers: dict[str, tuple[AnswerValue, ...]]


def build_response(
    questionnaire: Questionnaire,
    answers: AnswersInput,
    *,
    status: ResponseStatus = "completed",
    authored: dt.datetime | None = None,
    language: str | None = None,
    response_id: str | None = None,
) -> JSON:
    """A QuestionnaireResponse resource (as JSON-ready dict) for ``answers``."""
    given = enabled_answers(questionnaire, answers)
    resource: JSON = {"resourceType": "QuestionnaireResponse"}
    if response_id:
        resource["id"] = response_id
    if language:
        resource["language"] = language
    resource["questionnaire"] = questionnaire.canonical
    resource["status"] = status
    resource["authored"] = (authored or dt.datetime.now(dt.UTC)).isoformat()
    items = encode_items(questionnaire.items, given)
    if items:
        resource["item"] = items
    return resource


def response_canonical(resource: Mapping[str, Any]) -> tuple[str, str]:
    """``(url, version)`` of the form a response answers."""
    canonical = resource.get("questionnaire")
    if not isinstance(canonical, str) or not canonical:
        raise ResponseError("The QuestionnaireResponse names no questionnaire.")
    url, _, version = canonical.partition("|")
    return url, version


def read_response(questionnaire: Questionnaire, resource: Mapping[str, Any]) -> ParsedResponse:
    """Answers of ``resource`` decoded with the types of ``questionnaire``."""
    if resource.get("resourceType") != "QuestionnaireResponse":
        raise ResponseError("This is not a QuestionnaireResponse.")
    url, version = response_canonical(resource)
    answers: dict[str, tuple[AnswerValue, ...]] = {}
    _read_items(questionnaire, resource.get("item"), answers)
    authored = resource.get("authored")
    return ParsedResponse(
        form_url=url,
        form_version=version,
        status=str(resource.get("status") or ""),
        authored=authored if isinstance(authored, str) else None,
        language=resource.get("language") if isinstance(resource.get("language"), str) else None,
        answers=answers,
    )


# --- reading ------------------------------------------------------------------------------


def _read_items(q: Questionnaire, items: Any, answers: dict[str, tuple[AnswerValue, ...]]) -> None:
    """Add the answers of response ``items`` to ``answers`` (one scope)."""
    for raw in items if isinstance(items, list) else []:
        if not isinstance(raw, Mapping):
            continue
        link_id = str(raw.get("linkId"))
        if not q.has_item(link_id) and not _has_answers(raw):
            continue  # e.g. a display item of another system's response
        if not q.has_item(link_id):
            raise ResponseError(
                f"The response has an answer for '{link_id}', which the form lacks."
            )
        item = q.item(link_id)
        if item.is_repeating_group:
            inner: dict[str, tuple[AnswerValue, ...]] = {}
            _read_items(q, raw.get("item"), inner)
            answers[link_id] = (*answers.get(link_id, ()), GroupAnswer.of(inner))
            continue
        for answer in raw.get("answer") or []:
            answers[link_id] = (*answers.get(link_id, ()), _decode(item, answer))
            _read_items(q, answer.get("item"), answers)
        _read_items(q, raw.get("item"), answers)


def _has_answers(raw: Mapping[str, Any]) -> bool:
    if raw.get("answer"):
        return True
    children = raw.get("item")
    return any(
        _has_answers(child)
        for child in (children if isinstance(children, list) else [])
        if isinstance(child, Mapping)
    )


def _decode(item: Item, answer: Mapping[str, Any]) -> AnswerValue:
    keys = [key for key in answer if key.startswith("value")]
    if len(keys) != 1:
        raise ResponseError(f"An answer to '{item.link_id}' has {len(keys)} values; one expected.")
    kind, raw = keys[0], answer[keys[0]]
    try:
        return decode_value(kind, raw)
    except (ValueError, TypeError, KeyError) as exc:
        raise ResponseError(
            f"The answer to '{item.link_id}' ({kind}) cannot be read: {exc}"
        ) from exc
