"""Build and read FHIR R4 QuestionnaireResponse JSON.

``build_response`` writes only enabled questions that have answers, nested like the form:
children of a group go in ``item``; children of a question go in its first answer's ``item`` (the
FHIR rule for questions with sub-items), or in ``item`` when the question itself is unanswered.
``read_response`` turns such a resource (ours or another system's) back into
``{linkId: (values,)}``; a build/read round trip returns the same answers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .enable_when import enabled_answers
from .model import AnswersInput, AnswerValue, Coding, Item, Questionnaire

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
    items = _items(questionnaire.items, given)
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
    for link_id, raw in _answers_in(resource.get("item")):
        if not questionnaire.has_item(link_id):
            raise ResponseError(
                f"The response has an answer for '{link_id}', which the form lacks."
            )
        item = questionnaire.item(link_id)
        answers[link_id] = (*answers.get(link_id, ()), _decode(item, raw))
    authored = resource.get("authored")
    return ParsedResponse(
        form_url=url,
        form_version=version,
        status=str(resource.get("status") or ""),
        authored=authored if isinstance(authored, str) else None,
        language=resource.get("language") if isinstance(resource.get("language"), str) else None,
        answers=answers,
    )


# --- writing ------------------------------------------------------------------------------


def _items(items: tuple[Item, ...], given: dict[str, tuple[AnswerValue, ...]]) -> list[JSON]:
    return [out for item in items if (out := _item(item, given)) is not None]


def _item(item: Item, given: dict[str, tuple[AnswerValue, ...]]) -> JSON | None:
    children = _items(item.items, given)
    values = given.get(item.link_id, ())
    out: JSON = {"linkId": item.link_id}
    if item.text is not None and item.text.default:
        out["text"] = item.text.default
    if not item.is_question:
        if not children:
            return None
        out["item"] = children
        return out
    if not values:
        if not children:
            return None
        out["item"] = children  # qrs-1 allows nested items under the item when there is no answer
        return out
    out["answer"] = [_encode(item, value) for value in values]
    if children:
        out["answer"][0]["item"] = children
    return out


def _encode(item: Item, value: AnswerValue) -> JSON:
    if isinstance(value, bool):
        return {"valueBoolean": value}
    if isinstance(value, Coding):
        coding: JSON = {}
        if value.system:
            coding["system"] = value.system
        coding["code"] = value.code
        display = value.display or _option_display(item, value)
        if display:
            coding["display"] = display
        return {"valueCoding": coding}
    if isinstance(value, int) and item.type != "decimal":
        return {"valueInteger": value}
    if isinstance(value, int | float):
        return {"valueDecimal": float(value)}
    if isinstance(value, dt.date):
        return {"valueDate": value.isoformat()}
    if item.type == "dateTime":
        return {"valueDateTime": value}
    return {"valueString": value}


def _option_display(item: Item, value: Coding) -> str | None:
    option = item.option_for(value)
    return option.value.display if option and isinstance(option.value, Coding) else None


# --- reading ------------------------------------------------------------------------------


def _answers_in(items: Any) -> Iterator[tuple[str, JSON]]:
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, Mapping):
            continue
        link_id = str(item.get("linkId"))
        for answer in item.get("answer") or []:
            yield link_id, answer
            yield from _answers_in(answer.get("item"))
        yield from _answers_in(item.get("item"))


def _decode(item: Item, answer: Mapping[str, Any]) -> AnswerValue:
    keys = [key for key in answer if key.startswith("value")]
    if len(keys) != 1:
        raise ResponseError(f"An answer to '{item.link_id}' has {len(keys)} values; one expected.")
    kind, raw = keys[0], answer[keys[0]]
    try:
        return _decode_value(kind, raw)
    except (ValueError, TypeError, KeyError) as exc:
        raise ResponseError(
            f"The answer to '{item.link_id}' ({kind}) cannot be read: {exc}"
        ) from exc


def _decode_value(kind: str, raw: Any) -> AnswerValue:
    if kind == "valueBoolean" and isinstance(raw, bool):
        return raw
    if kind == "valueInteger" and isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if kind == "valueDecimal" and isinstance(raw, int | float) and not isinstance(raw, bool):
        return float(raw)
    if kind == "valueDate" and isinstance(raw, str):
        return dt.date.fromisoformat(raw)
    if kind in ("valueString", "valueDateTime", "valueTime") and isinstance(raw, str):
        return raw
    if kind == "valueCoding" and isinstance(raw, Mapping):
        return Coding(code=str(raw["code"]), system=raw.get("system"), display=raw.get("display"))
    raise ValueError(f"{kind} is not supported here")
