"""Evaluate a form live: which items are enabled, and the values of calculated items.

FHIR R4 / SDC rules, as implemented here:

* An item is enabled when its parent is enabled and its own conditions hold (``enableBehavior``
  ``all`` = every condition, ``any`` = at least one; an SDC ``enableWhenExpression`` instead when
  it evaluates to ``true``). No conditions = enabled.
* A condition looks at the answers of its question; answers of a *disabled* question count as
  absent (so chains of dependent questions collapse together). Inside an instance of a repeating
  group a condition reads that instance's answers; a condition outside the group on a question
  inside it holds when it holds for any instance.
* ``exists`` with ``true`` holds when the question has an answer, with ``false`` when it has none.
  Every other operator is false when the question has no answer, and true when *any* answer
  satisfies it.
* ``=``/``!=`` compare Codings by system and code (system only when both sides carry one), other
  values by value. ``>``, ``<``, ``>=``, ``<=`` compare numbers with numbers (a Quantity by its
  value, when the units agree), dates with dates, times with times and strings with strings; a
  comparison across kinds is false.
* An SDC ``calculatedExpression`` gives the item's answer; whatever was typed there is replaced.
  Evaluation repeats until the enabled items and the calculated values no longer change.
  A calculation that fails leaves the item without an answer and is reported in
  :attr:`Resolved.errors` (validation turns it into a problem, so the form cannot be completed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .calculate import Evaluator
from .model import (
    AnswersInput,
    AnswerValue,
    Coding,
    EnableWhen,
    GroupAnswer,
    Item,
    Quantity,
    Questionnaire,
    normalize_answers,
)

_MAX_PASSES = 50
Scope = Mapping[str, tuple[AnswerValue, ...]]
#: Where an instance of a repeating group sits: ((group linkId, instance number), ...)
Path = tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Resolved:
    #: linkIds enabled somewhere (for items in a repeating group: in at least one instance)
    enabled: frozenset[str]
    #: only the answers of enabled questions, with the calculated values filled in
    answers: dict[str, tuple[AnswerValue, ...]]
    #: linkId -> why its expression failed
    errors: dict[str, str] = field(default_factory=dict)
    #: the linkIds enabled in each instance of a repeating group (``()``: outside any)
    enabled_at: dict[Path, frozenset[str]] = field(default_factory=dict)

    def enabled_in(self, path: Path) -> frozenset[str]:
        return self.enabled_at.get(path, frozenset())


def resolve(
    questionnaire: Questionnaire,
    answers: AnswersInput,
    launch: Mapping[str, Any] | None = None,
) -> Resolved:
    """Enabled items and effective answers for ``answers`` (``launch``: SDC launch contexts)."""
    given = normalize_answers(answers)
    reference: dict[str, tuple[AnswerValue, ...]] = given
    result = _Pass(questionnaire, reference, launch).run(given)
    for _ in range(_MAX_PASSES):
        following = _Pass(questionnaire, result.answers, launch).run(given)
        if following.enabled == result.enabled and following.answers == result.answers:
            return following
        result = following
    return result


def enabled_link_ids(questionnaire: Questionnaire, answers: AnswersInput) -> frozenset[str]:
    """The linkIds of every enabled item, given ``answers``."""
    return resolve(questionnaire, answers).enabled


def is_enabled(questionnaire: Questionnaire, link_id: str, answers: AnswersInput) -> bool:
    return link_id in enabled_link_ids(questionnaire, answers)


def visible_items(questionnaire: Questionnaire, answers: AnswersInput) -> list[Item]:
    """The enabled items in document order (depth first), for rendering."""
    enabled = enabled_link_ids(questionnaire, answers)
    return [item for item in questionnaire.iter_items() if item.link_id in enabled]


def enabled_answers(
    questionnaire: Questionnaire, answers: AnswersInput
) -> dict[str, tuple[AnswerValue, ...]]:
    """Only the answers that belong to enabled questions of the form, calculated ones included."""
    return resolve(questionnaire, answers).answers


class _Pass:
    """One evaluation of every condition and calculation against ``reference`` answers."""

    def __init__(
        self, q: Questionnaire, reference: Scope, launch: Mapping[str, Any] | None
    ) -> None:
        self.q = q
        self.reference = reference
        self.enabled: set[str] = set()
        self.enabled_at: dict[Path, set[str]] = {}
        self.evaluator = Evaluator(q, reference, launch) if q.uses_expressions else None

    def run(self, given: Scope) -> Resolved:
        env = self.evaluator.root_env() if self.evaluator else {}
        answers = self._walk(self.q.items, given, (self.reference,), env, ())
        errors = dict(self.evaluator.errors) if self.evaluator else {}
        at = {path: frozenset(ids) for path, ids in self.enabled_at.items()}
        return Resolved(frozenset(self.enabled), answers, errors, at)

    def _walk(
        self,
        items: tuple[Item, ...],
        given: Scope,
        chain: tuple[Scope, ...],
        env: dict[str, Any],
        path: Path,
    ) -> dict[str, tuple[AnswerValue, ...]]:
        out: dict[str, tuple[AnswerValue, ...]] = {}
        here = self.enabled_at.setdefault(path, set())
        for item in items:
            if not self._holds(item, chain, env):
                continue
            self.enabled.add(item.link_id)
            here.add(item.link_id)
            if item.is_repeating_group:
                instances = self._instances(item, given, chain, env, path)
                if instances:
                    out[item.link_id] = instances
                continue
            item_env = self.evaluator.item_env(item, chain[0], env) if self.evaluator else env
            if item.calculated is not None and self.evaluator is not None:
                values = self.evaluator.calculate(item, chain[0], item_env)
                if values:
                    out[item.link_id] = values
            elif item.is_question and given.get(item.link_id):
                out[item.link_id] = given[item.link_id]
            out.update(self._walk(item.items, given, chain, item_env, path))
        return out

    def _instances(
        self, item: Item, given: Scope, chain: tuple[Scope, ...], env: dict[str, Any], path: Path
    ) -> tuple[AnswerValue, ...]:
        own = [v for v in given.get(item.link_id, ()) if isinstance(v, GroupAnswer)]
        refs = [v for v in chain[0].get(item.link_id, ()) if isinstance(v, GroupAnswer)]
        if not own:  # no instance yet: its items are enabled as for an empty one
            self._walk(item.items, {}, ({}, *chain), env, (*path, (item.link_id, -1)))
            return ()
        kept: list[AnswerValue] = []
        for number, instance in enumerate(own):
            ref = refs[number].answers if number < len(refs) else {}
            inner = self.evaluator.instance_env(item, ref, env) if self.evaluator else env
            where = (*path, (item.link_id, number))
            inside = self._walk(item.items, instance.answers, (ref, *chain), inner, where)
            kept.append(GroupAnswer.of(inside))
        return tuple(kept)

    def _holds(self, item: Item, chain: tuple[Scope, ...], env: dict[str, Any]) -> bool:
        if item.enable_expression is not None and self.evaluator is not None:
            return self.evaluator.enabled(item, chain[0], env)
        if not item.enable_when:
            return True
        results = (_holds(c, self._values(c.question, chain)) for c in item.enable_when)
        return all(results) if item.enable_behavior == "all" else any(results)

    def _values(self, link_id: str, chain: tuple[Scope, ...]) -> tuple[AnswerValue, ...]:
        for scope in chain:
            if link_id in scope:
                return scope[link_id]
        if self.q.in_repeating_group(link_id) is None:
            return ()
        return tuple(_everywhere(link_id, self.reference))


def _everywhere(link_id: str, scope: Scope) -> Iterator[AnswerValue]:
    """Every answer to ``link_id``, in any instance of any repeating group."""
    for key, values in scope.items():
        if key == link_id:
            yield from values
        for value in values:
            if isinstance(value, GroupAnswer):
                yield from _everywhere(link_id, value.answers)


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
    if isinstance(value, Quantity) and isinstance(target, Quantity):
        if not value.same_unit(target):
            return None
        return (value.value > target.value) - (value.value < target.value)
    if isinstance(value, Quantity) and isinstance(target, int | float):
        return (value.value > target) - (value.value < target)
    if isinstance(value, int | float) and isinstance(target, int | float):
        return (value > target) - (value < target)
    if isinstance(value, dt.time) and isinstance(target, dt.time):
        return (value > target) - (value < target)
    if isinstance(value, dt.date) and isinstance(target, dt.date):
        return (value > target) - (value < target)
    if isinstance(value, str) and isinstance(target, str):
        return (value > target) - (value < target)
    return None
