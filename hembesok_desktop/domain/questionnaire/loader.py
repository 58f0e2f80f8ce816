"""Read FHIR R4 Questionnaire JSON into the immutable model, refusing what we cannot honour.

Unknown elements and (non-modifier) extensions are ignored. A form that needs something the
engine does not support is refused with one :class:`QuestionnaireLoadError` naming the form and
the item: an unsupported item type, a ``modifierExtension``, an ``answerValueSet`` whose options
are not inline (a contained ValueSet with listed concepts is inline), an unknown enableWhen
operator, an enableWhen pointing at a missing linkId, a repeating group, a duplicate linkId.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from .model import (
    OPERATORS,
    SUPPORTED_TYPES,
    AnswerOption,
    AnswerValue,
    Coding,
    EnableWhen,
    Item,
    LocalizedText,
    OptionValue,
    Questionnaire,
    ScoringSpec,
)
from .scoring_spec import SCORING_URL, parse_scoring

ORDINAL_VALUE_URL = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
ITEM_WEIGHT_URL = "http://hl7.org/fhir/StructureDefinition/itemWeight"
#: Older forms (LHC-Forms before R5 naming) carry the score here.
CO_VALUE_URL = "http://hl7.org/fhir/StructureDefinition/iso21090-CO-value"
SCORE_URLS = (ORDINAL_VALUE_URL, ITEM_WEIGHT_URL, CO_VALUE_URL)
TRANSLATION_URL = "http://hl7.org/fhir/StructureDefinition/translation"
MIN_VALUE_URL = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE_URL = "http://hl7.org/fhir/StructureDefinition/maxValue"

JSON = Mapping[str, Any]


class QuestionnaireLoadError(ValueError):
    """The form cannot be used. ``str(error)`` is one sentence naming form and item."""

    def __init__(self, form: str, reason: str, link_id: str | None = None) -> None:
        self.form = form
        self.link_id = link_id
        self.reason = reason
        where = f", item '{link_id}'" if link_id else ""
        super().__init__(f"Form '{form}'{where} cannot be used: {reason}.")


def load_questionnaire(path: str | Path) -> Questionnaire:
    """Load a Questionnaire from a JSON file."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise QuestionnaireLoadError(path.name, f"the file cannot be read as JSON ({exc})") from exc
    return parse_questionnaire(data, source=path.name)


def parse_questionnaire(data: Any, source: str = "<memory>") -> Questionnaire:
    """Build a :class:`Questionnaire` from parsed FHIR JSON."""
    if not isinstance(data, Mapping) or data.get("resourceType") != "Questionnaire":
        raise QuestionnaireLoadError(source, "it is not a FHIR Questionnaire resource")
    form = str(data.get("url") or data.get("id") or source)
    ctx = _Context(form=form, contained=_contained_valuesets(data))
    _refuse_modifiers(ctx, data, None)
    items = tuple(_parse_item(ctx, raw) for raw in _list(data.get("item")))
    title = _localized(data.get("title"), data.get("_title")) or LocalizedText("")
    questionnaire = Questionnaire(
        url=str(data.get("url") or f"urn:hembesok:form:{data.get('id') or source}"),
        version=str(data.get("version") or ""),
        items=items,
        id=_opt_str(data.get("id")),
        name=_opt_str(data.get("name")),
        title=title,
        status=str(data.get("status") or "active"),
        language=_opt_str(data.get("language")),
        source=source,
    )
    _check_enable_when(ctx, questionnaire)
    scoring = _parse_scoring(ctx, data, questionnaire)
    return questionnaire if scoring is None else replace(questionnaire, scoring=scoring)


class _Context:
    def __init__(self, form: str, contained: Mapping[str, JSON]) -> None:
        self.form = form
        self.contained = contained
        self.seen: set[str] = set()

    def fail(self, reason: str, link_id: str | None = None) -> QuestionnaireLoadError:
        return QuestionnaireLoadError(self.form, reason, link_id)


# --- items -------------------------------------------------------------------------------


def _parse_item(ctx: _Context, raw: Any) -> Item:
    if not isinstance(raw, Mapping):
        raise ctx.fail("an item is not a JSON object")
    link_id = raw.get("linkId")
    if not isinstance(link_id, str) or not link_id:
        raise ctx.fail("an item has no linkId")
    if link_id in ctx.seen:
        raise ctx.fail("the linkId is used twice", link_id)
    ctx.seen.add(link_id)
    _refuse_modifiers(ctx, raw, link_id)
    item_type = raw.get("type")
    if item_type not in SUPPORTED_TYPES:
        raise ctx.fail(f"item type '{item_type}' is not supported", link_id)
    if item_type == "group" and raw.get("repeats") is True:
        raise ctx.fail("repeating groups are not supported", link_id)
    children = tuple(_parse_item(ctx, child) for child in _list(raw.get("item")))
    if item_type == "display" and children:
        raise ctx.fail("a display item cannot contain items", link_id)
    options = _parse_options(ctx, raw, str(item_type), link_id)
    behavior = raw.get("enableBehavior", "all")
    if behavior not in ("all", "any"):
        raise ctx.fail(f"enableBehavior '{behavior}' is not supported", link_id)
    enable_when = tuple(
        _parse_enable_when(ctx, cond, link_id) for cond in _list(raw.get("enableWhen"))
    )
    if len(enable_when) > 1 and "enableBehavior" not in raw:
        raise ctx.fail("enableBehavior is required when there are several enableWhen", link_id)
    return Item(
        link_id=link_id,
        type=str(item_type),
        text=_localized(raw.get("text"), raw.get("_text")),
        prefix=_opt_str(raw.get("prefix")),
        required=raw.get("required") is True,
        repeats=raw.get("repeats") is True,
        read_only=raw.get("readOnly") is True,
        options=options,
        enable_when=enable_when,
        enable_behavior=behavior,
        initial=_parse_initial(ctx, raw, str(item_type), link_id),
        min_value=_bound(ctx, raw, MIN_VALUE_URL, link_id),
        max_value=_bound(ctx, raw, MAX_VALUE_URL, link_id),
        max_length=_max_length(ctx, raw, link_id),
        items=children,
    )


def _parse_options(
    ctx: _Context, raw: JSON, item_type: str, link_id: str
) -> tuple[AnswerOption, ...]:
    raw_options = _list(raw.get("answerOption"))
    value_set = raw.get("answerValueSet")
    if item_type not in ("choice", "open-choice"):
        if raw_options or value_set:
            raise ctx.fail(f"answer options on a '{item_type}' item are not supported", link_id)
        return ()
    if raw_options:
        return tuple(_parse_option(ctx, option, link_id) for option in raw_options)
    if isinstance(value_set, str):
        contained = ctx.contained.get(value_set[1:]) if value_set.startswith("#") else None
        if contained is None:
            raise ctx.fail(
                f"answerValueSet '{value_set}' has no inline options (only answerOption or a "
                "contained ValueSet listing its concepts is supported)",
                link_id,
            )
        return _options_from_valueset(ctx, contained, link_id)
    if item_type == "choice":
        raise ctx.fail("a choice item has no answer options", link_id)
    return ()


def _parse_option(ctx: _Context, raw: Any, link_id: str) -> AnswerOption:
    if not isinstance(raw, Mapping):
        raise ctx.fail("an answerOption is not a JSON object", link_id)
    _refuse_modifiers(ctx, raw, link_id)
    value: OptionValue
    if isinstance(raw.get("valueCoding"), Mapping):
        coding = raw["valueCoding"]
        parsed = _coding(ctx, coding, link_id)
        value = parsed
        label = _localized(coding.get("display"), coding.get("_display")) or LocalizedText(
            parsed.code
        )
        own = _score(raw.get("extension"))
        score = own if own is not None else _score(coding.get("extension"))
    elif isinstance(raw.get("valueString"), str):
        text = str(raw["valueString"])
        value = text
        label = _localized(text, raw.get("_valueString")) or LocalizedText(text)
        score = _score(raw.get("extension"))
    elif _is_int(raw.get("valueInteger")):
        value = int(raw["valueInteger"])
        label = LocalizedText(str(value))
        score = _score(raw.get("extension"))
    else:
        kinds = [key for key in raw if key.startswith("value")]
        raise ctx.fail(f"answerOption of kind {kinds or 'none'} is not supported", link_id)
    return AnswerOption(value, label, score, raw.get("initialSelected") is True)


def _options_from_valueset(ctx: _Context, vs: JSON, link_id: str) -> tuple[AnswerOption, ...]:
    concepts: list[tuple[str | None, JSON]] = []
    for entry in _list(_get(vs, "expansion", "contains")):
        concepts.append((entry.get("system"), entry))
    if not concepts:
        for include in _list(_get(vs, "compose", "include")):
            concepts.extend(
                (include.get("system"), concept) for concept in _list(include.get("concept"))
            )
    if not concepts:
        raise ctx.fail(f"contained ValueSet '{vs.get('id')}' lists no concepts", link_id)
    options = []
    for system, concept in concepts:
        coding = Coding(
            code=str(concept.get("code")), system=system, display=_opt_str(concept.get("display"))
        )
        label = _localized(concept.get("display"), concept.get("_display")) or LocalizedText(
            coding.code
        )
        options.append(AnswerOption(coding, label, _score(concept.get("extension"))))
    return tuple(options)


def _parse_enable_when(ctx: _Context, raw: Any, link_id: str) -> EnableWhen:
    if not isinstance(raw, Mapping):
        raise ctx.fail("an enableWhen is not a JSON object", link_id)
    _refuse_modifiers(ctx, raw, link_id)
    operator = raw.get("operator")
    if operator not in OPERATORS:
        raise ctx.fail(f"enableWhen operator '{operator}' is not supported", link_id)
    question = raw.get("question")
    if not isinstance(question, str) or not question:
        raise ctx.fail("an enableWhen has no question", link_id)
    answers = [key for key in raw if key.startswith("answer")]
    if len(answers) != 1:
        raise ctx.fail("an enableWhen needs exactly one answer[x]", link_id)
    value = _typed_value(ctx, answers[0][len("answer") :], raw[answers[0]], link_id)
    if operator == "exists" and not isinstance(value, bool):
        raise ctx.fail("enableWhen 'exists' needs answerBoolean", link_id)
    return EnableWhen(question=question, operator=str(operator), answer=value)


def _parse_initial(
    ctx: _Context, raw: JSON, item_type: str, link_id: str
) -> tuple[AnswerValue, ...]:
    values: list[AnswerValue] = []
    for initial in _list(raw.get("initial")):
        keys = [key for key in initial if key.startswith("value")]
        if len(keys) != 1:
            raise ctx.fail("an initial value needs exactly one value[x]", link_id)
        values.append(_typed_value(ctx, keys[0][len("value") :], initial[keys[0]], link_id))
    if values and item_type in ("group", "display"):
        raise ctx.fail("a group or display item cannot have an initial value", link_id)
    return tuple(values)


def _typed_value(ctx: _Context, kind: str, raw: Any, link_id: str) -> AnswerValue:
    """Decode a FHIR ``value[x]`` / ``answer[x]`` by its type suffix."""
    try:
        if kind == "Boolean" and isinstance(raw, bool):
            return raw
        if kind == "Integer" and _is_int(raw):
            return int(raw)
        if kind == "Decimal" and isinstance(raw, int | float) and not isinstance(raw, bool):
            return float(raw)
        if kind == "Date" and isinstance(raw, str):
            return dt.date.fromisoformat(raw)
        if kind in ("String", "DateTime", "Time") and isinstance(raw, str):
            return raw
        if kind == "Coding" and isinstance(raw, Mapping):
            return _coding(ctx, raw, link_id)
    except ValueError as exc:
        raise ctx.fail(f"value{kind} '{raw}' is not valid", link_id) from exc
    raise ctx.fail(f"a value of kind '{kind}' is not supported here", link_id)


def _coding(ctx: _Context, raw: JSON, link_id: str) -> Coding:
    code = raw.get("code")
    if not isinstance(code, str) or not code:
        raise ctx.fail("a Coding has no code", link_id)
    return Coding(
        code=code, system=_opt_str(raw.get("system")), display=_opt_str(raw.get("display"))
    )


def _bound(ctx: _Context, raw: JSON, url: str, link_id: str) -> int | float | dt.date | None:
    for ext in _extensions(raw.get("extension"), url):
        for kind in ("Integer", "Decimal", "Date"):
            if f"value{kind}" in ext:
                value = _typed_value(ctx, kind, ext[f"value{kind}"], link_id)
                assert isinstance(value, int | float | dt.date)
                return value
        raise ctx.fail(f"the {url.rsplit('/', 1)[-1]} extension has an unsupported type", link_id)
    return None


def _max_length(ctx: _Context, raw: JSON, link_id: str) -> int | None:
    value = raw.get("maxLength")
    if value is None:
        return None
    if not _is_int(value) or value < 0:
        raise ctx.fail("maxLength must be a non-negative integer", link_id)
    return int(value)


# --- whole-form checks -------------------------------------------------------------------


def _check_enable_when(ctx: _Context, q: Questionnaire) -> None:
    for item in q.iter_items():
        for condition in item.enable_when:
            if not q.has_item(condition.question):
                raise ctx.fail(
                    f"enableWhen refers to a missing linkId '{condition.question}'", item.link_id
                )
            target = q.item(condition.question)
            if not target.is_question:
                raise ctx.fail(
                    f"enableWhen refers to '{condition.question}', which is not a question",
                    item.link_id,
                )


def _parse_scoring(ctx: _Context, data: JSON, q: Questionnaire) -> ScoringSpec | None:
    raw = list(_extensions(data.get("extension"), SCORING_URL))
    if not raw:
        return None
    try:
        return parse_scoring(raw[0], q)
    except ValueError as exc:
        link_id = getattr(exc, "link_id", None)
        raise ctx.fail(f"the scoring extension is invalid: {exc}", link_id) from exc


# --- helpers ----------------------------------------------------------------------------------


def _refuse_modifiers(ctx: _Context, raw: JSON, link_id: str | None) -> None:
    modifiers = _list(raw.get("modifierExtension"))
    if modifiers:
        url = modifiers[0].get("url") if isinstance(modifiers[0], Mapping) else None
        raise ctx.fail(f"modifierExtension '{url}' is not understood", link_id)


def _contained_valuesets(data: JSON) -> dict[str, JSON]:
    return {
        str(res.get("id")): res
        for res in _list(data.get("contained"))
        if isinstance(res, Mapping) and res.get("resourceType") == "ValueSet" and res.get("id")
    }


def _localized(text: Any, shadow: Any) -> LocalizedText | None:
    """Text plus its translations from the ``_text``-style shadow element."""
    if not isinstance(text, str):
        return None
    pairs = []
    if isinstance(shadow, Mapping):
        for ext in _extensions(shadow.get("extension"), TRANSLATION_URL):
            lang = next(
                (e.get("valueCode") for e in _list(ext.get("extension")) if e.get("url") == "lang"),
                None,
            )
            content = next(
                (
                    e.get("valueString") or e.get("valueMarkdown")
                    for e in _list(ext.get("extension"))
                    if e.get("url") == "content"
                ),
                None,
            )
            if isinstance(lang, str) and isinstance(content, str):
                pairs.append((lang, content))
    return LocalizedText(text, tuple(pairs))


def _score(extensions: Any) -> float | None:
    for ext in _list(extensions):
        if isinstance(ext, Mapping) and ext.get("url") in SCORE_URLS:
            value = ext.get("valueDecimal", ext.get("valueInteger"))
            if isinstance(value, int | float) and not isinstance(value, bool):
                return float(value)
    return None


def _extensions(extensions: Any, url: str) -> Iterable[JSON]:
    return (e for e in _list(extensions) if isinstance(e, Mapping) and e.get("url") == url)


def _list(value: Any) -> Sequence[Any]:
    return value if isinstance(value, list) else []


def _get(data: JSON, *keys: str) -> Any:
    current: Any = data
    for key in keys:
        current = current.get(key) if isinstance(current, Mapping) else None
    return current


def _opt_str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
