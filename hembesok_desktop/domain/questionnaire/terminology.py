"""Answer options from a ValueSet, with their weights wherever SDC allows them.

A ValueSet is found among the form's ``contained`` resources (``#id`` or its ``url``) or among
the resources bundled with the forms (``terminology``: canonical url -> ValueSet/CodeSystem
JSON, e.g. the ValueSet and CodeSystem files or Bundles of the forms folder). Its concepts come
from ``expansion.contains`` when present, else from ``compose.include`` (listed concepts, or every
concept of a contained or bundled CodeSystem).

A concept's weight (its score) is read, first found wins, from:

1. an ``itemWeight`` / ``ordinalValue`` / ``iso21090-CO-value`` extension on the concept or
   ``contains`` entry;
2. a ``contains.property`` (R5 element, or its R4 cross-version extension) whose code is a weight
   property of the expansion (declared with the uri ``.../concept-properties#itemWeight``, or
   named ``itemWeight``/``ordinalValue``);
3. the concept's ``property`` in its CodeSystem, for a weight property declared the same way.

When a ValueSet or CodeSystem declares a weight property, every concept offered must carry a
weight there: otherwise the form is refused rather than scoring the missing ones 0.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from .model import AnswerOption, Coding, LocalizedText

JSON = Mapping[str, Any]
WEIGHT_EXTENSIONS = (
    "http://hl7.org/fhir/StructureDefinition/itemWeight",
    "http://hl7.org/fhir/StructureDefinition/ordinalValue",
    "http://hl7.org/fhir/StructureDefinition/iso21090-CO-value",
)
WEIGHT_PROPERTY_URIS = frozenset(
    {
        "http://hl7.org/fhir/concept-properties#itemWeight",
        "http://hl7.org/fhir/concept-properties#ordinalValue",
    }
)
WEIGHT_PROPERTY_CODES = frozenset({"itemWeight", "ordinalValue", "weight"})
_X = "http://hl7.org/fhir/5.0/StructureDefinition/extension-ValueSet.expansion"
CONTAINS_PROPERTY_URL = f"{_X}.contains.property"
EXPANSION_PROPERTY_URLS = (
    f"{_X}.property",
    "http://hl7.org/fhir/StructureDefinition/valueset-expansionProperty",
)


class TerminologyError(ValueError):
    """The value set cannot give trustworthy options; ``str()`` is the reason."""


class Terminology:
    """The resources a form may draw its value sets from."""

    def __init__(self, contained: Sequence[JSON], bundled: Mapping[str, JSON]) -> None:
        self.by_ref: dict[str, JSON] = {}
        for resource in bundled.values():
            if isinstance(resource.get("url"), str):
                self.by_ref[str(resource["url"])] = resource
        for resource in contained:
            if resource.get("id"):
                self.by_ref[f"#{resource['id']}"] = resource
            if isinstance(resource.get("url"), str):
                self.by_ref[str(resource["url"])] = resource

    def find(self, reference: str, kind: str) -> JSON | None:
        resource = self.by_ref.get(reference) or self.by_ref.get(reference.partition("|")[0])
        return resource if resource is not None and resource.get("resourceType") == kind else None

    def options(self, reference: str) -> tuple[AnswerOption, ...]:
        value_set = self.find(reference, "ValueSet")
        if value_set is None:
            raise TerminologyError(
                f"answerValueSet '{reference}' is neither contained in the form nor bundled with "
                "the forms"
            )
        name = str(value_set.get("id") or reference)
        contains = list(_contains(value_set.get("expansion")))
        if contains:
            return tuple(self._from_expansion(value_set, name, contains))
        return tuple(self._from_compose(value_set, name))

    # -- expansion ----------------------------------------------------------------------------
    def _from_expansion(self, vs: JSON, name: str, contains: list[JSON]) -> Iterator[AnswerOption]:
        declared = _expansion_weight_codes(vs.get("expansion") or {})
        for entry in contains:
            system = _opt(entry.get("system"))
            code = str(entry.get("code"))
            weight = _extension_weight(entry.get("extension"))
            if weight is None:
                weight = _contains_property_weight(entry, declared)
            if weight is None and declared:
                raise TerminologyError(
                    f"the expansion of ValueSet '{name}' declares weights but concept '{code}' "
                    "has none"
                )
            if weight is None and system is not None:
                weight = self.code_system_weight(system, code, name)
            yield _option(system, entry, weight)

    # -- compose ------------------------------------------------------------------------------
    def _from_compose(self, vs: JSON, name: str) -> Iterator[AnswerOption]:
        compose = vs.get("compose") or {}
        if _list(compose.get("exclude")):
            raise TerminologyError(
                f"ValueSet '{name}' uses compose.exclude, which is not supported"
            )
        found = False
        for include in _list(compose.get("include")):
            if include.get("filter") or include.get("valueSet"):
                raise TerminologyError(
                    f"ValueSet '{name}' includes by filter or by other value sets, which is not "
                    "supported"
                )
            system = _opt(include.get("system"))
            concepts = _list(include.get("concept"))
            if not concepts:
                concepts = self._all_concepts(system, name)
            for concept in concepts:
                found = True
                code = str(concept.get("code"))
                weight = _extension_weight(concept.get("extension"))
                if weight is None and system is not None:
                    weight = self.code_system_weight(system, code, name)
                yield _option(system, concept, weight)
        if not found:
            raise TerminologyError(f"ValueSet '{name}' lists no concepts")

    def _all_concepts(self, system: str | None, name: str) -> list[JSON]:
        code_system = self.find(system, "CodeSystem") if system else None
        if code_system is None:
            raise TerminologyError(
                f"ValueSet '{name}' includes all of code system '{system}', which is neither "
                "contained in the form nor bundled with the forms"
            )
        return list(_flatten(code_system.get("concept")))

    def code_system_weight(self, system: str, code: str, name: str) -> float | None:
        code_system = self.find(system, "CodeSystem")
        if code_system is None:
            return None
        declared = _code_system_weight_codes(code_system)
        concept = next(
            (c for c in _flatten(code_system.get("concept")) if c.get("code") == code), None
        )
        if concept is None:
            return None
        weight = _extension_weight(concept.get("extension"))
        if weight is None:
            weight = _property_weight(_list(concept.get("property")), declared)
        if weight is None and declared:
            raise TerminologyError(
                f"CodeSystem '{code_system.get('id') or system}' (for ValueSet '{name}') declares "
                f"weights but concept '{code}' has none"
            )
        return weight


def _option(system: str | None, concept: JSON, weight: float | None) -> AnswerOption:
    coding = Coding(
        code=str(concept.get("code")), system=system, display=_opt(concept.get("display"))
    )
    label = _localized(concept) or LocalizedText(coding.code)
    return AnswerOption(coding, label, weight)


def _localized(concept: JSON) -> LocalizedText | None:
    from .loader import localized  # the loader's translation reader (no import cycle at load)

    return localized(concept.get("display"), concept.get("_display"))


def _expansion_weight_codes(expansion: JSON) -> set[str]:
    codes = {
        str(p.get("code"))
        for p in _list(expansion.get("property"))
        if _is_weight_property(p.get("code"), p.get("uri"))
    }
    for ext in _list(expansion.get("extension")):
        if ext.get("url") in EXPANSION_PROPERTY_URLS:
            parts = {e.get("url"): e for e in _list(ext.get("extension"))}
            code = parts.get("code", {}).get("valueCode")
            uri = parts.get("uri", {}).get("valueUri")
            if _is_weight_property(code, uri):
                codes.add(str(code))
    return codes


def _code_system_weight_codes(code_system: JSON) -> set[str]:
    return {
        str(p.get("code"))
        for p in _list(code_system.get("property"))
        if _is_weight_property(p.get("code"), p.get("uri"))
    }


def _is_weight_property(code: Any, uri: Any) -> bool:
    return uri in WEIGHT_PROPERTY_URIS or code in WEIGHT_PROPERTY_CODES


def _contains_property_weight(entry: JSON, declared: set[str]) -> float | None:
    properties = list(_list(entry.get("property")))
    for ext in _list(entry.get("extension")):
        if ext.get("url") == CONTAINS_PROPERTY_URL:
            parts = {e.get("url"): e for e in _list(ext.get("extension"))}
            value = parts.get("value") or parts.get("value[x]") or {}
            properties.append({"code": parts.get("code", {}).get("valueCode"), **value})
    return _property_weight(properties, declared or set(WEIGHT_PROPERTY_CODES))


def _property_weight(properties: Sequence[JSON], codes: set[str]) -> float | None:
    for prop in properties:
        if prop.get("code") in codes or prop.get("code") in WEIGHT_PROPERTY_CODES:
            value = prop.get("valueDecimal", prop.get("valueInteger"))
            if isinstance(value, int | float) and not isinstance(value, bool):
                return float(value)
            raise TerminologyError(f"weight property '{prop.get('code')}' is not a number")
    return None


def _extension_weight(extensions: Any) -> float | None:
    for ext in _list(extensions):
        if ext.get("url") in WEIGHT_EXTENSIONS:
            value = ext.get("valueDecimal", ext.get("valueInteger"))
            if isinstance(value, int | float) and not isinstance(value, bool):
                return float(value)
    return None


def _contains(expansion: Any) -> Iterator[JSON]:
    if isinstance(expansion, Mapping):
        for entry in _list(expansion.get("contains")):
            if entry.get("code") is not None and entry.get("abstract") is not True:
                yield entry
            yield from _contains(entry)


def _flatten(concepts: Any) -> Iterator[JSON]:
    for concept in _list(concepts):
        yield concept
        yield from _flatten(concept.get("concept"))


def _list(value: Any) -> list[JSON]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def _opt(value: Any) -> str | None:
    return value if isinstance(value, str) else None
