"""Answers as QuestionnaireResponse ``item`` JSON, nested like the form, and back to values.

``encode_items`` writes the answers it is given (the caller decides which are enabled): children
of a group go in ``item``; children of a question go in its first answer's ``item`` (the FHIR
rule for questions with sub-items), or in ``item`` when the question itself is unanswered; a
repeating group is written once per :class:`GroupAnswer`. With ``weights=True`` each Coding
carries its option's score as an ``itemWeight`` extension, so the FHIRPath ``weight()`` and
``ordinal()`` functions can read it (used for evaluation only, never exported).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from .model import AnswerValue, Coding, GroupAnswer, Item, Quantity

JSON = dict[str, Any]
ITEM_WEIGHT_URL = "http://hl7.org/fhir/StructureDefinition/itemWeight"
UCUM = "http://unitsofmeasure.org"
Given = Mapping[str, tuple[AnswerValue, ...]]


def encode_items(items: tuple[Item, ...], given: Given, *, weights: bool = False) -> list[JSON]:
    out: list[JSON] = []
    for item in items:
        if item.is_repeating_group:
            for instance in given.get(item.link_id, ()):
                if isinstance(instance, GroupAnswer):
                    out.append(_group(item, instance.answers, weights))
        elif (encoded := _item(item, given, weights)) is not None:
            out.append(encoded)
    return out


def encode_group_instance(item: Item, instance: Given, *, weights: bool = False) -> JSON:
    """The response item of one instance of a repeating group (written even when empty)."""
    return _group(item, instance, weights)


def _group(item: Item, instance: Given, weights: bool) -> JSON:
    out = _head(item)
    children = encode_items(item.items, instance, weights=weights)
    if children:
        out["item"] = children
    return out


def _head(item: Item) -> JSON:
    out: JSON = {"linkId": item.link_id}
    if item.text is not None and item.text.default:
        out["text"] = item.text.default
    return out


def _item(item: Item, given: Given, weights: bool) -> JSON | None:
    children = encode_items(item.items, given, weights=weights)
    values = given.get(item.link_id, ())
    out = _head(item)
    if not item.is_question or not values:
        if not children:
            return None
        out["item"] = children  # qrs-1 allows nested items under the item when there is no answer
        return out
    out["answer"] = [encode_value(item, value, weights=weights) for value in values]
    if children:
        out["answer"][0]["item"] = children
    return out


def encode_value(item: Item, value: AnswerValue, *, weights: bool = False) -> JSON:
    if isinstance(value, bool):
        return {"valueBoolean": value}
    if isinstance(value, Coding):
        return {"valueCoding": _coding(item, value, weights)}
    if isinstance(value, Quantity):
        return {"valueQuantity": _quantity(value)}
    if isinstance(value, int) and item.type != "decimal":
        return {"valueInteger": value}
    if isinstance(value, int | float):
        return {"valueDecimal": float(value)}
    if isinstance(value, dt.time):
        return {"valueTime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"valueDate": value.isoformat()}
    if isinstance(value, GroupAnswer):
        raise ValueError(f"item '{item.link_id}' is not a repeating group")
    if item.type == "dateTime":
        return {"valueDateTime": value}
    return {"valueString": value}


def _coding(item: Item, value: Coding, weights: bool) -> JSON:
    coding: JSON = {}
    if value.system:
        coding["system"] = value.system
    coding["code"] = value.code
    option = item.option_for(value)
    display = value.display or (
        option.value.display if option and isinstance(option.value, Coding) else None
    )
    if display:
        coding["display"] = display
    if weights and option is not None and option.score is not None:
        coding["extension"] = [{"url": ITEM_WEIGHT_URL, "valueDecimal": option.score}]
    return coding


def _quantity(value: Quantity) -> JSON:
    out: JSON = {"value": value.value}
    if value.unit:
        out["unit"] = value.unit
    if value.system:
        out["system"] = value.system
    if value.code:
        out["code"] = value.code
    return out


def decode_value(kind: str, raw: Any) -> AnswerValue:
    """A ``value[x]`` of a response answer (``kind`` is the key, e.g. ``valueQuantity``)."""
    if kind == "valueBoolean" and isinstance(raw, bool):
        return raw
    if kind == "valueInteger" and isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if kind == "valueDecimal" and isinstance(raw, int | float) and not isinstance(raw, bool):
        return float(raw)
    if kind == "valueDate" and isinstance(raw, str):
        return dt.date.fromisoformat(raw)
    if kind == "valueTime" and isinstance(raw, str):
        return dt.time.fromisoformat(raw)
    if kind in ("valueString", "valueDateTime") and isinstance(raw, str):
        return raw
    if kind == "valueCoding" and isinstance(raw, Mapping):
        return Coding(code=str(raw["code"]), system=raw.get("system"), display=raw.get("display"))
    if kind == "valueQuantity" and isinstance(raw, Mapping):
        number = raw.get("value")
        if not isinstance(number, int | float) or isinstance(number, bool):
            raise ValueError("a Quantity needs a numeric value")
        return Quantity(
            float(number), _opt(raw.get("unit")), _opt(raw.get("system")), _opt(raw.get("code"))
        )
    raise ValueError(f"{kind} is not supported here")


def _opt(value: Any) -> str | None:
    return value if isinstance(value, str) else None
