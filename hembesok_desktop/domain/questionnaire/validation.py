"""Check answers against the form: required (enabled items only), type, range, length, options.

Each problem carries a stable ``code`` and ``params`` so the UI can show its own translated
message; ``message`` is an English sentence for logs and the command line.

=================  ==========================================================
code               meaning (params)
=================  ==========================================================
required           an enabled required question has no answer
unknown-item       an answer for a linkId the form does not have
not-a-question     an answer given to a group or display item
wrong-type         the value does not fit the item type (``expected``)
too-many-answers   several answers to an item that does not repeat
below-min          a number or date below ``minValue`` (``min``)
above-max          a number or date above ``maxValue`` (``max``)
too-long           a string longer than ``maxLength`` (``max_length``)
not-an-option      a choice answer that is none of the item's options
no-unit            a quantity without a unit, or with one the item does not offer
expression-failed  an SDC expression failed (``reason``): nothing can be scored
=================  ==========================================================

Problems inside an instance of a repeating group carry ``params["instance"]`` (0-based) and
``params["group"]`` (the group's linkId).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .enable_when import Path, Resolved, resolve
from .model import (
    AnswersInput,
    AnswerValue,
    Coding,
    GroupAnswer,
    Item,
    Quantity,
    Questionnaire,
    normalize_answers,
)

_DATETIME = re.compile(
    r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$"
)


@dataclass(frozen=True)
class Problem:
    link_id: str
    code: str
    message: str
    params: Mapping[str, Any] = field(default_factory=dict)


def validate_answers(questionnaire: Questionnaire, answers: AnswersInput) -> list[Problem]:
    """Every problem with ``answers``, in form order; an empty list means they are acceptable.

    Answers to disabled items are not checked (they are not kept in a response).
    """
    given = normalize_answers(answers)
    resolved = resolve(questionnaire, given)
    problems = [
        p for link_id in given if not questionnaire.has_item(link_id) for p in _unknown(link_id)
    ]
    problems += [
        Problem(
            link_id,
            "expression-failed",
            f"Item '{link_id}': an expression failed: {reason}.",
            {"reason": reason},
        )
        for link_id, reason in resolved.errors.items()
    ]
    problems += _check_items(questionnaire.items, given, resolved, ())
    return problems


def _check_items(
    items: tuple[Item, ...],
    given: Mapping[str, tuple[AnswerValue, ...]],
    resolved: Resolved,
    path: Path,
) -> list[Problem]:
    """Problems of ``items`` in one scope (the form, or one instance of a repeating group).

    Typed answers are checked as given; a calculated item's value as calculated."""
    enabled = resolved.enabled_in(path)
    effective = _effective(resolved.answers, path)
    problems: list[Problem] = []
    for item in items:
        if item.link_id not in enabled:
            continue
        values = effective.get(item.link_id, ()) if item.calculated else given.get(item.link_id, ())
        if item.is_repeating_group:
            problems += _check_group(item, values, given, resolved, path)
            continue
        problems += _in_instance(_check_item(item, values), path)
        problems += _check_items(item.items, given, resolved, path)
    return problems


def _check_group(
    item: Item,
    values: tuple[AnswerValue, ...],
    given: Mapping[str, tuple[AnswerValue, ...]],
    resolved: Resolved,
    path: Path,
) -> list[Problem]:
    instances = [v for v in values if isinstance(v, GroupAnswer)]
    if len(instances) != len(values):
        expected = _EXPECTED["group"]
        return [
            Problem(
                item.link_id,
                "wrong-type",
                f"Item '{item.link_id}' expects {expected}.",
                {"expected": expected},
            )
        ]
    if not instances and item.required:
        return [Problem(item.link_id, "required", f"Item '{item.link_id}' needs an answer.")]
    problems: list[Problem] = []
    for number, instance in enumerate(instances):
        where = (*path, (item.link_id, number))
        problems += _check_items(item.items, instance.answers, resolved, where)
    return problems


def _effective(
    answers: Mapping[str, tuple[AnswerValue, ...]], path: Path
) -> Mapping[str, tuple[AnswerValue, ...]]:
    scope = answers
    for link_id, number in path:
        instances = [v for v in scope.get(link_id, ()) if isinstance(v, GroupAnswer)]
        if number >= len(instances):
            return {}
        scope = instances[number].answers
    return scope


def _in_instance(problems: Iterator[Problem], path: Path) -> list[Problem]:
    if not path:
        return list(problems)
    group, number = path[-1]
    return [
        Problem(p.link_id, p.code, p.message, {**p.params, "group": group, "instance": number})
        for p in problems
    ]


def _unknown(link_id: str) -> Iterator[Problem]:
    yield Problem(link_id, "unknown-item", f"The form has no item '{link_id}'.")


def _check_item(item: Item, values: tuple[AnswerValue, ...]) -> Iterator[Problem]:
    if not item.is_question:
        if values:
            yield Problem(item.link_id, "not-a-question", f"Item '{item.link_id}' takes no answer.")
        return
    if not values:
        if item.required:
            yield Problem(item.link_id, "required", f"Item '{item.link_id}' needs an answer.")
        return
    if len(values) > 1 and not item.repeats:
        yield Problem(
            item.link_id,
            "too-many-answers",
            f"Item '{item.link_id}' takes one answer, got {len(values)}.",
        )
    for value in values:
        problem = (
            _check_type(item, value)
            or _check_range(item, value)
            or _check_option(item, value)
            or _check_unit(item, value)
        )
        if problem:
            yield problem


def _check_type(item: Item, value: AnswerValue) -> Problem | None:
    if _type_ok(item, value):
        return None
    expected = _EXPECTED[item.type]
    return Problem(
        item.link_id,
        "wrong-type",
        f"Item '{item.link_id}' expects {expected}, got {type(value).__name__} {value!r}.",
        {"expected": expected},
    )


_EXPECTED = {
    "boolean": "yes or no",
    "integer": "a whole number",
    "decimal": "a number",
    "string": "text",
    "text": "text",
    "date": "a date",
    "dateTime": "a date and time",
    "choice": "one of the options",
    "open-choice": "one of the options or text",
    "time": "a time of day",
    "quantity": "a number with a unit",
    "group": "filled-in instances of the group",
}


def _type_ok(item: Item, value: AnswerValue) -> bool:
    kind = item.type
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "decimal":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind in ("string", "text"):
        return isinstance(value, str)
    if kind == "date":
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    if kind == "dateTime":
        return isinstance(value, str) and bool(_DATETIME.match(value))
    if kind == "time":
        return isinstance(value, dt.time)
    if kind == "quantity":
        return isinstance(value, Quantity)
    if kind == "open-choice":
        return isinstance(value, Coding | str) or _is_int(value)
    return isinstance(value, Coding | str) or _is_int(value)  # choice


def _check_range(item: Item, value: AnswerValue) -> Problem | None:
    if isinstance(value, str) and item.max_length is not None and len(value) > item.max_length:
        return Problem(
            item.link_id,
            "too-long",
            f"Item '{item.link_id}' allows at most {item.max_length} characters.",
            {"max_length": item.max_length},
        )
    if item.min_value is not None and _less(value, item.min_value):
        return Problem(
            item.link_id,
            "below-min",
            f"Item '{item.link_id}' must be at least {item.min_value}.",
            {"min": item.min_value},
        )
    if item.max_value is not None and _less(item.max_value, value):
        return Problem(
            item.link_id,
            "above-max",
            f"Item '{item.link_id}' must be at most {item.max_value}.",
            {"max": item.max_value},
        )
    return None


def _check_unit(item: Item, value: AnswerValue) -> Problem | None:
    if not isinstance(value, Quantity) or not item.units:
        return None
    if any(value.code == u.code or value.unit in (u.code, u.display) for u in item.units):
        return None
    return Problem(
        item.link_id,
        "no-unit",
        f"Item '{item.link_id}': the unit is not one the item offers.",
        {"units": ", ".join(u.display or u.code for u in item.units)},
    )


def _less(a: Any, b: Any) -> bool:
    numbers = (int, float)
    if isinstance(a, Quantity):
        a = a.value
    if isinstance(b, Quantity):
        b = b.value
    if isinstance(a, bool) or isinstance(b, bool):
        return False
    if isinstance(a, numbers) and isinstance(b, numbers):
        return bool(a < b)
    if isinstance(a, dt.date) and isinstance(b, dt.date):
        return a < b
    return False


def _check_option(item: Item, value: AnswerValue) -> Problem | None:
    if item.type not in ("choice", "open-choice") or not item.options:
        return None
    if item.option_for(value) is not None:
        return None
    if item.type == "open-choice" and isinstance(value, str):
        return None  # free text is allowed
    return Problem(
        item.link_id,
        "not-an-option",
        f"Item '{item.link_id}': {value!r} is not one of the options.",
    )


def _is_int(value: AnswerValue) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
