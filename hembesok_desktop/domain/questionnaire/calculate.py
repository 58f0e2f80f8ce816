"""SDC expressions of one evaluation pass: variables, enableWhenExpression, calculatedExpression
and initialExpression, against the answers given so far (see :mod:`.expressions` for the
environment). Results are turned into answers of the item's type; a result that does not fit
is an error, never a guess."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from .encode import encode_group_instance, encode_items
from .expressions import ExpressionError, evaluate
from .model import AnswerValue, Coding, Expression, Item, Quantity, Questionnaire

JSON = dict[str, Any]
Scope = Mapping[str, tuple[AnswerValue, ...]]


class Evaluator:
    def __init__(
        self, q: Questionnaire, reference: Scope, launch: Mapping[str, Any] | None = None
    ) -> None:
        self.q = q
        self.resource: JSON = {
            "resourceType": "QuestionnaireResponse",
            "status": "in-progress",
            "item": encode_items(q.items, reference, weights=True),
        }
        self.launch = dict(launch or {})
        self.errors: dict[str, str] = {}

    # -- environments ---------------------------------------------------------------------
    def root_env(self) -> dict[str, Any]:
        env: dict[str, Any] = {name: [] for name in self.q.launch_contexts}
        env.update(self.launch)
        env["resource"] = self.resource
        env["questionnaire"] = dict(self.q.raw)
        for variable in self.q.variables:
            env[str(variable.name)] = self._variable(variable, self.resource, env, None)
        return env

    def item_env(self, item: Item, scope: Scope, env: dict[str, Any]) -> dict[str, Any]:
        if not item.variables:
            return env
        return self._with_variables(item, _node(item, scope), env)

    def instance_env(self, group: Item, instance: Scope, env: dict[str, Any]) -> dict[str, Any]:
        if not group.variables:
            return env
        return self._with_variables(
            group, encode_group_instance(group, instance, weights=True), env
        )

    def _with_variables(self, item: Item, node: JSON, env: dict[str, Any]) -> dict[str, Any]:
        inner = dict(env)
        for variable in item.variables:
            inner[str(variable.name)] = self._variable(variable, node, inner, item.link_id)
        return inner

    def _variable(
        self, variable: Expression, base: JSON, env: dict[str, Any], link_id: str | None
    ) -> list[Any]:
        if not variable.is_fhirpath:
            return []  # a FHIR query: never run here (the loader refused calculations on it)
        try:
            return evaluate(variable.expression, base, {**env, "context": base})
        except ExpressionError as exc:
            self.errors.setdefault(link_id or "", f"variable '{variable.name}': {exc}")
            return []

    # -- expressions ------------------------------------------------------------------------
    def enabled(self, item: Item, scope: Scope, env: dict[str, Any]) -> bool:
        assert item.enable_expression is not None
        result = self._run(item, item.enable_expression, scope, env)
        return result == [True]

    def calculate(self, item: Item, scope: Scope, env: dict[str, Any]) -> tuple[AnswerValue, ...]:
        assert item.calculated is not None
        return self._answers(item, self._run(item, item.calculated, scope, env))

    def initial(self, item: Item, scope: Scope, env: dict[str, Any]) -> tuple[AnswerValue, ...]:
        assert item.initial_expression is not None
        return self._answers(item, self._run(item, item.initial_expression, scope, env))

    def _run(
        self, item: Item, expression: Expression, scope: Scope, env: dict[str, Any]
    ) -> list[Any]:
        node = _node(item, scope)
        try:
            return evaluate(expression.expression, node, {**env, "context": node})
        except ExpressionError as exc:
            self.errors[item.link_id] = str(exc)
            return []

    def _answers(self, item: Item, results: list[Any]) -> tuple[AnswerValue, ...]:
        if len(results) > 1 and not item.repeats:
            self.errors[item.link_id] = f"the expression gives {len(results)} values, not one"
            return ()
        try:
            return tuple(to_answer(item, result) for result in results)
        except ValueError as exc:
            self.errors[item.link_id] = str(exc)
            return ()


def _node(item: Item, scope: Scope) -> JSON:
    """The response item for ``item`` in ``scope`` (a bare one when it has no answer yet)."""
    encoded = encode_items((item,), scope, weights=True)
    return encoded[0] if encoded else {"linkId": item.link_id}


def to_answer(item: Item, result: Any) -> AnswerValue:
    """An expression result as an answer to ``item``; ``ValueError`` when it does not fit."""
    kind = item.type
    number = _number(result)
    if kind == "decimal" and number is not None:
        return float(number)
    if kind == "integer" and number is not None:
        if float(number) != int(number):
            raise ValueError("the expression gives a fraction for a whole-number item")
        return int(number)
    if kind == "quantity":
        return _quantity(item, result, number)
    if kind == "boolean" and isinstance(result, bool):
        return result
    if kind in ("string", "text") and isinstance(result, str):
        return result
    if kind == "date" and isinstance(result, str):
        return dt.date.fromisoformat(result[:10])
    if kind == "dateTime" and isinstance(result, str):
        return result
    if kind == "time" and isinstance(result, str):
        return dt.time.fromisoformat(result.removeprefix("T"))
    if kind in ("choice", "open-choice"):
        return _choice(item, result)
    raise ValueError(f"the expression gives a {type(result).__name__} for a '{kind}' item")


def _number(result: Any) -> float | int | None:
    if isinstance(result, int | float) and not isinstance(result, bool):
        return result
    return None


def _quantity(item: Item, result: Any, number: float | int | None) -> Quantity:
    if number is not None:
        unit = item.units[0] if item.units else None
        if unit is None:
            return Quantity(float(number))
        return Quantity(float(number), unit.display or unit.code, unit.system, unit.code)
    if isinstance(result, Mapping) and _number(result.get("value")) is not None:
        return Quantity(
            float(result["value"]),
            _opt(result.get("unit")),
            _opt(result.get("system")),
            _opt(result.get("code")),
        )
    raise ValueError(f"the expression gives a {type(result).__name__} for a 'quantity' item")


def _choice(item: Item, result: Any) -> AnswerValue:
    if isinstance(result, Mapping) and isinstance(result.get("code"), str):
        coding = Coding(result["code"], _opt(result.get("system")), _opt(result.get("display")))
        option = item.option_for(coding)
        if option is not None or item.type == "open-choice" or not item.options:
            return coding
    if isinstance(result, str | int) and not isinstance(result, bool):
        option = item.option_for(result)
        if option is not None:
            return option.value
        if isinstance(result, str) and item.type == "open-choice":
            return result
    raise ValueError("the expression gives a value that is none of the options")


def _opt(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def initial_answers(
    q: Questionnaire, answers: Scope, launch: Mapping[str, Any] | None = None
) -> dict[str, tuple[AnswerValue, ...]]:
    """``answers`` plus the starting values of unanswered items outside repeating groups: the
    item's ``initial`` values, or what its SDC ``initialExpression`` gives (``launch``: the launch
    contexts, e.g. ``{"patient": <Patient JSON>}``; without them such expressions give nothing).
    Failing expressions give nothing: the nurse answers by hand."""
    filled = dict(answers)
    evaluator = Evaluator(q, answers, launch) if q.uses_expressions else None
    env = evaluator.root_env() if evaluator else {}
    for item in q.iter_items():
        if filled.get(item.link_id) or q.in_repeating_group(item.link_id) or item.calculated:
            continue
        if item.initial:
            filled[item.link_id] = item.initial
        elif item.initial_expression is not None and evaluator is not None:
            values = evaluator.initial(item, answers, evaluator.item_env(item, answers, env))
            if values:
                filled[item.link_id] = values
    return filled
