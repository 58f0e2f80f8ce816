"""Read FHIR R4 Questionnaire JSON into the immutable model, refusing what we cannot honour.

Unknown elements and (non-modifier) extensions are ignored. A form that needs something the
engine does not support is refused with one :class:`QuestionnaireLoadError` naming the form and
the item: an unsupported item type, a ``modifierExtension``, an ``answerValueSet`` that is
neither contained nor bundled (see :mod:`.terminology`), weights declared but missing, an unknown
enableWhen operator, an enableWhen pointing at a missing linkId, a duplicate linkId, an SDC
expression that is not FHIRPath, does not parse, or calls a function or variable nobody provides.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from .expressions import ExpressionError, check
from .model import (
    OPERATORS,
    SUPPORTED_TYPES,
    AnswerOption,
    AnswerValue,
    Coding,
    EnableWhen,
    Expression,
    Item,
    LocalizedText,
    OptionValue,
    Quantity,
    Questionnaire,
    ScoringSpec,
)
from .scoring_spec import SCORING_URL, parse_scoring
from .terminology import Terminology, TerminologyError

ORDINAL_VALUE_URL = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
ITEM_WEIGHT_URL = "http://hl7.org/fhir/StructureDefinition/itemWeight"
#: Older forms (LHC-Forms before R5 naming) carry the score here.
CO_VALUE_URL = "http://hl7.org/fhir/StructureDefinition/iso21090-CO-value"
SCORE_URLS = (ORDINAL_VALUE_URL, ITEM_WEIGHT_URL, CO_VALUE_URL)
TRANSLATION_URL = "http://hl7.org/fhir/StructureDefinition/translation"
MIN_VALUE_URL = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE_URL = "http://hl7.org/fhir/StructureDefinition/maxValue"
UNIT_URL = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit"
UNIT_OPTION_URL = "http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption"
HIDDEN_URL = "http://hl7.org/fhir/StructureDefinition/questionnaire-hidden"
VARIABLE_URL = "http://hl7.org/fhir/StructureDefinition/variable"
_SDC = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-"
CALCULATED_URL = f"{_SDC}calculatedExpression"
ENABLE_EXPRESSION_URL = f"{_SDC}enableWhenExpression"
INITIAL_EXPRESSION_URL = f"{_SDC}initialExpression"
LAUNCH_CONTEXT_URL = f"{_SDC}launchContext"
FHIRPATH = "text/fhirpath"
FHIR_QUERY = "application/x-fhir-query"
#: Variables every expression may use besides the form's own.
STANDARD_NAMES = frozenset({"resource", "questionnaire", "context", "ucum", "sct", "loinc"})

JSON = Mapping[str, Any]


class QuestionnaireLoadError(ValueError):
    """The form cannot be used. ``str(error)`` is one sentence naming form and item."""

    def __init__(self, form: str, reason: str, link_id: str | None = None) -> None:
        self.form = form
        self.link_id = link_id
        self.reason = reason
        where = f", item '{link_id}'" if link_id else ""
        super().__init__(f"Form '{form}'{where} cannot be used: {reason}.")


def load_questionnaire(
    path: str | Path, terminology: Mapping[str, JSON] | None = None
) -> Questionnaire:
    """Load a Questionnaire from a JSON file (``terminology``: bundled ValueSets/CodeSystems)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise QuestionnaireLoadError(path.name, f"the file cannot be read as JSON ({exc})") from exc
    return parse_questionnaire(data, source=path.name, terminology=terminology)


def parse_questionnaire(
    data: Any, source: str = "<memory>", terminology: Mapping[str, JSON] | None = None
) -> Questionnaire:
    """Build a :class:`Questionnaire` from parsed FHIR JSON.

    ``terminology`` holds the ValueSets and CodeSystems bundled with the forms, by url.
    """
    if not isinstance(data, Mapping) or data.get("resourceType") != "Questionnaire":
        raise QuestionnaireLoadError(source, "it is not a FHIR Questionnaire resource")
    form = str(data.get("url") or data.get("id") or source)
    contained = [r for r in _list(data.get("contained")) if isinstance(r, Mapping)]
    ctx = _Context(form=form, terminology=Terminology(contained, terminology or {}))
    _refuse_modifiers(ctx, data, None)
    variables = _variables(ctx, data, None)
    items = tuple(_parse_item(ctx, raw) for raw in _list(data.get("item")))
    title = localized(data.get("title"), data.get("_title")) or LocalizedText("")
    questionnaire = Questionnaire(
        url=str(data.get("url") or f"urn:hembesok:form:{data.get('id') or source}"),
        version=str(data.get("version") or ""),
        items=items,
        id=_opt_str(data.get("id")),
        name=_opt_str(data.get("name")),
        title=title,
        status=str(data.get("status") or "active"),
        language=_opt_str(data.get("language")),
        variables=tuple(variables),
        launch_contexts=_launch_contexts(data),
        raw=data,
        source=source,
    )
    _check_enable_when(ctx, questionnaire)
    _check_expressions(ctx, questionnaire)
    scoring = _parse_scoring(ctx, data, questionnaire)
    return questionnaire if scoring is None else replace(questionnaire, scoring=scoring)


class _Context:
    def __init__(self, form: str, terminology: Terminology) -> None:
        self.form = form
        self.terminology = terminology
        self.seen: set[str] = set()
        #: every item-level variable, for the expression checks
        self.item_variables: list[Expression] = []

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
    calculated = _expression(ctx, raw, CALCULATED_URL, "calculatedExpression", link_id)
    enable_expression = _expression(
        ctx, raw, ENABLE_EXPRESSION_URL, "enableWhenExpression", link_id
    )
    if enable_expression and enable_when:
        raise ctx.fail("an item cannot have both enableWhen and enableWhenExpression", link_id)
    if calculated and item_type in ("group", "display"):
        raise ctx.fail(f"a calculatedExpression on a '{item_type}' item is not supported", link_id)
    variables = _variables(ctx, raw, link_id)
    ctx.item_variables.extend(variables)
    units = [u for e in _unit_exts(raw, UNIT_OPTION_URL) if (u := _unit(e["valueCoding"]))]
    unit = next((u for e in _unit_exts(raw, UNIT_URL) if (u := _unit(e["valueCoding"]))), None)
    return Item(
        link_id=link_id,
        type=str(item_type),
        text=localized(raw.get("text"), raw.get("_text")),
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
        calculated=calculated,
        enable_expression=enable_expression,
        initial_expression=_expression(
            ctx, raw, INITIAL_EXPRESSION_URL, "initialExpression", link_id
        ),
        variables=tuple(variables),
        unit=unit,
        unit_options=tuple(units),
        hidden=any(
            e.get("valueBoolean") is True for e in _extensions(raw.get("extension"), HIDDEN_URL)
        ),
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
        try:
            return ctx.terminology.options(value_set)
        except TerminologyError as exc:
            reason = str(exc)
            if "neither contained" in reason and not value_set.startswith("#"):
                reason = f"answerValueSet '{value_set}' has no inline options ({reason})"
            raise ctx.fail(reason, link_id) from exc
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
        label = localized(coding.get("display"), coding.get("_display")) or LocalizedText(
            parsed.code
        )
        own = _score(raw.get("extension"))
        score = own if own is not None else _score(coding.get("extension"))
        if score is None and parsed.system:
            try:
                score = ctx.terminology.code_system_weight(
                    parsed.system, parsed.code, "answerOption"
                )
            except TerminologyError as exc:
                raise ctx.fail(str(exc), link_id) from exc
    elif isinstance(raw.get("valueString"), str):
        text = str(raw["valueString"])
        value = text
        label = localized(text, raw.get("_valueString")) or LocalizedText(text)
        score = _score(raw.get("extension"))
    elif _is_int(raw.get("valueInteger")):
        value = int(raw["valueInteger"])
        label = LocalizedText(str(value))
        score = _score(raw.get("extension"))
    else:
        kinds = [key for key in raw if key.startswith("value")]
        raise ctx.fail(f"answerOption of kind {kinds or 'none'} is not supported", link_id)
    return AnswerOption(value, label, score, raw.get("initialSelected") is True)


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
        if kind == "Time" and isinstance(raw, str):
            return dt.time.fromisoformat(raw)
        if kind in ("String", "DateTime") and isinstance(raw, str):
            return raw
        if kind == "Quantity" and isinstance(raw, Mapping):
            return _quantity(raw)
        if kind == "Coding" and isinstance(raw, Mapping):
            return _coding(ctx, raw, link_id)
    except ValueError as exc:
        raise ctx.fail(f"value{kind} '{raw}' is not valid", link_id) from exc
    raise ctx.fail(f"a value of kind '{kind}' is not supported here", link_id)


def _quantity(raw: JSON) -> Quantity:
    value = raw.get("value")
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise ValueError("a Quantity needs a numeric value")
    return Quantity(
        float(value),
        _opt_str(raw.get("unit")),
        _opt_str(raw.get("system")),
        _opt_str(raw.get("code")),
    )


def _unit(raw: JSON) -> Coding | None:
    """A unit Coding; many forms give only a display, which then serves as the code."""
    code = _opt_str(raw.get("code")) or _opt_str(raw.get("display"))
    if not code:
        return None
    return Coding(code, _opt_str(raw.get("system")), _opt_str(raw.get("display")))


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


def _expression(
    ctx: _Context, raw: JSON, url: str, feature: str, link_id: str | None
) -> Expression | None:
    found = list(_extensions(raw.get("extension"), url))
    if not found:
        return None
    expression = _expression_value(ctx, found[0], feature, link_id)
    if not expression.is_fhirpath:
        raise ctx.fail(f"{feature} in language '{expression.language}' is not supported", link_id)
    return expression


def _expression_value(ctx: _Context, ext: JSON, feature: str, link_id: str | None) -> Expression:
    value = ext.get("valueExpression")
    if not isinstance(value, Mapping) or not isinstance(value.get("expression"), str):
        raise ctx.fail(
            f"{feature} has no expression (a reference to one is not supported)", link_id
        )
    language = str(value.get("language") or FHIRPATH)
    return Expression(str(value["expression"]), _opt_str(value.get("name")), language)


def _variables(ctx: _Context, raw: JSON, link_id: str | None) -> list[Expression]:
    found = []
    for ext in _extensions(raw.get("extension"), VARIABLE_URL):
        expression = _expression_value(ctx, ext, "variable", link_id)
        if not expression.name:
            raise ctx.fail("a variable has no name", link_id)
        if expression.language not in (FHIRPATH, FHIR_QUERY):
            raise ctx.fail(
                f"variable '{expression.name}' in language '{expression.language}' is not "
                "supported",
                link_id,
            )
        found.append(expression)
    return found


def _launch_contexts(data: JSON) -> tuple[str, ...]:
    names = []
    for ext in _extensions(data.get("extension"), LAUNCH_CONTEXT_URL):
        for part in _list(ext.get("extension")):
            if isinstance(part, Mapping) and part.get("url") == "name":
                name = part.get("valueId") or _get(part, "valueCoding", "code")
                if isinstance(name, str):
                    names.append(name)
    return tuple(names)


def _unit_exts(raw: JSON, url: str) -> list[JSON]:
    return [
        e
        for e in _extensions(raw.get("extension"), url)
        if isinstance(e.get("valueCoding"), Mapping)
    ]


# --- whole-form checks -------------------------------------------------------------------


def _check_expressions(ctx: _Context, q: Questionnaire) -> None:
    """Every expression parses and uses only functions and variables that exist; a variable read
    by a FHIR query (never run here: no server) may feed only an initialExpression."""
    every = [*q.variables, *ctx.item_variables]
    queries = {v.name for v in every if v.name and not v.is_fhirpath}
    names = set(STANDARD_NAMES) | set(q.launch_contexts) | {v.name for v in every if v.name}
    for variable in q.variables:
        if variable.is_fhirpath:
            _check_one(ctx, variable.expression, names, f"variable '{variable.name}'", None)
    for item in q.iter_items():
        for variable in item.variables:
            if variable.is_fhirpath:
                feature = f"variable '{variable.name}'"
                _check_one(ctx, variable.expression, names, feature, item.link_id)
        for feature, expression in (
            ("calculatedExpression", item.calculated),
            ("enableWhenExpression", item.enable_expression),
            ("initialExpression", item.initial_expression),
        ):
            if expression is None:
                continue
            used = sorted(n for n in queries if n and f"%{n}" in expression.expression)
            if used and feature != "initialExpression":
                raise ctx.fail(
                    f"the {feature} uses the FHIR query variable '{used[0]}', which cannot be "
                    "run here",
                    item.link_id,
                )
            _check_one(ctx, expression.expression, names, feature, item.link_id)


def _check_one(
    ctx: _Context, expression: str, names: set[str], feature: str, link_id: str | None
) -> None:
    try:
        check(expression, names)
    except ExpressionError as exc:
        reason = str(exc)
        if reason.startswith("Not implemented"):
            function = reason.split(":", 1)[-1].strip()
            reason = f"it calls the FHIRPath function '{function}', which is not supported"
        elif "undefined environment variable" in reason:
            variable = reason.split(":", 1)[-1].strip()
            reason = f"it uses the variable '%{variable}', which the form does not define"
        raise ctx.fail(f"the {feature} cannot be used: {reason}", link_id) from exc


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


def localized(text: Any, shadow: Any) -> LocalizedText | None:
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
