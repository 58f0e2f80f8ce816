"""Evaluate ``enableWhen`` live: which items are enabled for a given set of answers.

FHIR R4 rules, as implemented here:

* An item is enabled when its parent is enabled and its own conditions hold (``enableBehavior``
  ``all`` = every condition, ``any`` = at least one). No conditions = enabled.
* A condition looks at the answers of its question; answers of a *disabled* question count as
  absent (so chains of dependent questions collapse together).
* ``exists`` with ``true`` holds when the question has an answer, with ``false`` when it has none.
  Every other operator is false when the question has no answer, and true when *any* answer
  satisfies it.
* ``=``/``!=`` compare Codings by system and code (system only when both sides carry one), other
  values by value. ``>``, ``<``, ``>=``, ``<=`` compare numbers with numbers, dates with dates and
  strings with strings; a comparison across kinds is false.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from .model import (
    AnswersInput,
    AnswerValue,
    Coding,
    EnableWhen,
    Item,
    Questionnaire,
    normalize_answers,
)

_MAX_PASSES = 50


def enabled_link_ids(questionnaire: Questionnaire, answers: AnswersInput) -> frozenset[str]:
    """The linkIds of every enabled item, given ``answers``."""
    given = normalize_answers(answers)
    enabled = _pass(questionnaire, given)
    for _ in range(_MAX_PASSES):
        effective = {k: v for k, v in given.items() if k in enabled}
        following = _pass(questionnaire, effective)
        if following == enabled:
            return enabled
        enabled = following
    return enabled


def is_enabled(questionnaire: Questionnaire, link_id: str, answers: AnswersInput) -> bool:
    return link_id in enabled_link_ids(questionnaire, answers)


def visible_items(questionnaire: Questionnaire, answers: AnswersInput) -> list[Item]:
    """The enabled items in document order (depth first), for rendering."""
    enabled = enabled_link_ids(questionnaire, answers)
    return [item for item in questionnaire.iter_items() if item.link_id in enabled]


def enabled_answers(
    questionnaire: Questionnaire, answers: AnswersInput
) -> dict[str, tuple[AnswerValue, ...]]:
    """Only the answers that belong to enabled questions of the form."""
    enabled = enabled_link_ids(questionnaire, answers)
    return {
        link_id: values
        for link_id, values in normalize_answers(answers).items()
        if link_id in enabled and questionnaire.item(link_id).is_question
    }


def _pass(q: Questionnaire, answers: dict[str, tuple[AnswerValue, ...]]) -> frozenset[str]:
    return frozenset(_enabled_in(q.items, answers))


def _enabled_in(
    items: tuple[Item, ...], answers: dict[str, tuple[AnswerValue, ...]]
) -> Iterator[str]:
    for item in items:
        if _conditions_hold(item, answers):
            yield item.link_id
            yield from _enabled_in(item.items, answers)


def _conditions_hold(item: Item, answers: dict[str, tuple[AnswerValue, ...]]) -> bool:
    if not item.enable_when:
        return True
    results = (_holds(cond, answers.get(cond.question, ())) for cond in item.enable_when)
    return all(results) if item.enable_behavior == "all" else any(results)


def _holds(cond: EnableWhen, values: tuple[AnswerValue, ...]) -> bool:
    if cond.operator == "exists":
        return bool(values) == cond.answer
    return any(_compare(cond.operator, value, cond.answer) for value in values)


def _compare(operator: str, value: AnswerValue, target: AnswerValue) -> bool:
    if operator in ("=", "!="):
        equal = _equal(value, target)
        return equal if operator == "=" else not equal
    order = _order(value, target)
    if order is None:
        return False
    return {">": order > 0, "<": order < 0, ">=": order >= 0, "<=": order <= 0}[operator]


def _equal(value: AnswerValue, target: AnswerValue) -> bool:
    if isinstance(value, Coding) or isinstance(target, Coding):
        return isinstance(value, Coding) and isinstance(target, Coding) and value.matches(target)
    if isinstance(value, bool) or isinstance(target, bool):
        return isinstance(value, bool) and isinstance(target, bool) and value == target
    return _order(value, target) == 0


def _order(value: AnswerValue, target: AnswerValue) -> int | None:
    if isinstance(value, bool) or isinstance(target, bool):
        return None
    if isinstance(value, int | float) and isinstance(target, int | float):
        return (value > target) - (value < target)
    if isinstance(value, dt.date) and isinstance(target, dt.date):
        return (value > target) - (value < target)
    if isinstance(value, str) and isinstance(target, str):
        return (value > target) - (value < target)
    return None
