"""Parse Hembesök's scoring extension (``http://hembesok.se/fhir/StructureDefinition/scoring``).

The extension sits on the Questionnaire root and is a FHIR complex extension with repeated
``area`` and ``flag`` sub-extensions. See the package docstring and resources/forms/README.md.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

from .cutoffs import LanguageVersion
from .model import FlagRule, LocalizedText, Questionnaire, ScoringArea, ScoringSpec, Severity

SCORING_URL = "http://hembesok.se/fhir/StructureDefinition/scoring"
AREA_RULES = frozenset({"any-positive", "at-least", "none"})
FLAG_RULES = frozenset({"total-at-least", "area-at-least", "item-above", "item-at-least"})
SEVERITIES = frozenset({"positive", "urgent"})
_TRANSLATION_URL = "http://hl7.org/fhir/StructureDefinition/translation"


class ScoringSpecError(ValueError):
    def __init__(self, message: str, link_id: str | None = None) -> None:
        super().__init__(message)
        self.link_id = link_id


def parse_scoring(extension: Mapping[str, Any], q: Questionnaire) -> ScoringSpec:
    parts = _subs(extension)
    areas = tuple(_parse_area(part, q) for part in parts if part.get("url") == "area")
    area_ids = [area.id for area in areas]
    if len(set(area_ids)) != len(area_ids):
        raise ScoringSpecError("an area id is used twice")
    flags = tuple(
        _parse_flag(part, q, set(area_ids)) for part in parts if part.get("url") == "flag"
    )
    versions = tuple(
        _parse_language_version(part, {f.id: f for f in flags})
        for part in parts
        if part.get("url") == "languageVersion"
    )
    pairs = [(v.flag, v.language.lower()) for v in versions]
    if len(set(pairs)) != len(pairs):
        raise ScoringSpecError("a flag has two language versions for the same language")
    return ScoringSpec(areas=areas, flags=flags, language_versions=versions)


def _parse_language_version(part: Mapping[str, Any], flags: dict[str, FlagRule]) -> LanguageVersion:
    flag_id = _required_code(part, "flag", "a language version")
    rule = flags.get(flag_id)
    if rule is None:
        raise ScoringSpecError(f"a language version names an unknown flag '{flag_id}'")
    if rule.rule not in ("total-at-least", "area-at-least"):
        raise ScoringSpecError(f"flag '{flag_id}' has a rule that takes no cut-off per language")
    language = _required_code(part, "lang", f"a language version of flag '{flag_id}'")
    value = _number(part, "value")
    validated = _value(part, "validated")
    if validated is False and value is not None:
        raise ScoringSpecError(
            f"the '{language}' version of flag '{flag_id}' is not validated but has a value"
        )
    if validated is not False and value is None:
        raise ScoringSpecError(
            f"the '{language}' version of flag '{flag_id}' needs a value or validated false"
        )
    source = _value(part, "source")
    return LanguageVersion(
        flag=flag_id,
        language=language,
        value=value,
        source=str(source) if isinstance(source, str) else "",
    )


def _parse_area(part: Mapping[str, Any], q: Questionnaire) -> ScoringArea:
    area_id = _required_code(part, "id", "an area")
    link_ids = tuple(str(v) for v in _values(part, "linkId"))
    if not link_ids:
        raise ScoringSpecError(f"area '{area_id}' lists no linkId")
    for link_id in link_ids:
        _check_question(q, link_id, f"area '{area_id}'")
    rule = _value(part, "rule") or "any-positive"
    if rule not in AREA_RULES:
        raise ScoringSpecError(f"area '{area_id}' has unknown rule '{rule}'")
    value = _number(part, "value")
    if rule == "at-least" and value is None:
        raise ScoringSpecError(f"area '{area_id}' with rule 'at-least' needs a value")
    return ScoringArea(
        id=area_id,
        label=_label(part, area_id),
        link_ids=link_ids,
        rule=str(rule),
        value=value,
        severity=_severity(part, area_id),
    )


def _parse_flag(part: Mapping[str, Any], q: Questionnaire, area_ids: set[str]) -> FlagRule:
    flag_id = _required_code(part, "id", "a flag")
    rule = _value(part, "rule")
    if rule not in FLAG_RULES:
        raise ScoringSpecError(f"flag '{flag_id}' has unknown rule '{rule}'")
    value = _number(part, "value")
    if value is None:
        raise ScoringSpecError(f"flag '{flag_id}' needs a value")
    area = _value(part, "area")
    if area is not None and area not in area_ids:
        raise ScoringSpecError(f"flag '{flag_id}' names an unknown area '{area}'")
    if rule == "area-at-least" and area is None:
        raise ScoringSpecError(f"flag '{flag_id}' with rule 'area-at-least' needs an area")
    link_id = _value(part, "linkId")
    if rule.startswith("item-"):
        if link_id is None:
            raise ScoringSpecError(f"flag '{flag_id}' with rule '{rule}' needs a linkId")
        _check_question(q, str(link_id), f"flag '{flag_id}'")
    return FlagRule(
        id=flag_id,
        rule=str(rule),
        label=_label(part, flag_id),
        value=value,
        area=str(area) if area is not None else None,
        link_id=str(link_id) if link_id is not None else None,
        severity=_severity(part, flag_id),
    )


def _check_question(q: Questionnaire, link_id: str, owner: str) -> None:
    if not q.has_item(link_id):
        raise ScoringSpecError(f"{owner} refers to a missing linkId '{link_id}'", link_id)
    if not q.item(link_id).is_question:
        raise ScoringSpecError(f"{owner} refers to '{link_id}', which is not a question", link_id)


def _severity(part: Mapping[str, Any], owner: str) -> Severity:
    severity = _value(part, "severity") or "positive"
    if severity not in SEVERITIES:
        raise ScoringSpecError(f"'{owner}' has unknown severity '{severity}'")
    return cast(Severity, severity)


def _label(part: Mapping[str, Any], fallback: str) -> LocalizedText:
    for sub in _subs(part):
        if sub.get("url") == "label" and isinstance(sub.get("valueString"), str):
            return LocalizedText(sub["valueString"], _translations(sub.get("_valueString")))
    return LocalizedText(fallback)


def _translations(shadow: Any) -> tuple[tuple[str, str], ...]:
    pairs = []
    extensions = shadow.get("extension") if isinstance(shadow, Mapping) else None
    for ext in extensions if isinstance(extensions, list) else []:
        if not isinstance(ext, Mapping) or ext.get("url") != _TRANSLATION_URL:
            continue
        fields = {e.get("url"): e for e in _subs(ext)}
        lang = fields.get("lang", {}).get("valueCode")
        content = fields.get("content", {}).get("valueString")
        if isinstance(lang, str) and isinstance(content, str):
            pairs.append((lang, content))
    return tuple(pairs)


def _required_code(part: Mapping[str, Any], name: str, owner: str) -> str:
    value = _value(part, name)
    if not isinstance(value, str) or not value:
        raise ScoringSpecError(f"{owner} has no {name}")
    return value


def _number(part: Mapping[str, Any], name: str) -> float | None:
    value = _value(part, name)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def _value(part: Mapping[str, Any], name: str) -> Any:
    values = _values(part, name)
    return values[0] if values else None


def _values(part: Mapping[str, Any], name: str) -> list[Any]:
    found: list[Any] = []
    for sub in _subs(part):
        if sub.get("url") != name:
            continue
        found.extend(v for k, v in sub.items() if k.startswith("value"))
    return found


def _subs(part: Mapping[str, Any]) -> Sequence[Mapping[str, Any]]:
    subs = part.get("extension")
    return [s for s in subs if isinstance(s, Mapping)] if isinstance(subs, list) else []
