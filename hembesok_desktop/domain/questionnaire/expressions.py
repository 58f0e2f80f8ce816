"""FHIRPath for SDC expressions, through the maintained ``fhirpathpy`` library (imported lazily).

Environment of an expression: ``%resource`` (the response as answered so far, Codings carrying
their option scores), ``%questionnaire`` (the form's JSON), ``%context`` (the response item the
expression belongs to), the form's and enclosing items' ``variable`` extensions by name, and the
declared launch contexts (``%patient`` ...; empty unless the caller passes them). Besides the
FHIRPath functions the library implements, SDC's ``answers()`` (every answer of the response,
nested ones too), ``weight()`` and ``ordinal()`` (the score of a chosen Coding) are provided.

:func:`check` is used at load time: an expression that does not parse, or that calls a function
or variable nobody provides, refuses the form. :func:`evaluate` raises :class:`ExpressionError`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Any

from .encode import ITEM_WEIGHT_URL

JSON = dict[str, Any]
ORDINAL_URLS = (
    ITEM_WEIGHT_URL,
    "http://hl7.org/fhir/StructureDefinition/ordinalValue",
    "http://hl7.org/fhir/StructureDefinition/iso21090-CO-value",
)
ANSWER_PATH = "QuestionnaireResponse.item.answer"
ITEM_PATH = "QuestionnaireResponse.item"


class ExpressionError(ValueError):
    """An expression failed; ``str()`` names the problem (no answer content)."""


def check(expression: str, names: set[str]) -> None:
    """Raise :class:`ExpressionError` when ``expression`` cannot be run with ``names`` defined."""
    _parsed(expression)
    empty: JSON = {"resourceType": "QuestionnaireResponse", "status": "in-progress"}
    env: dict[str, Any] = {name: [] for name in names}
    try:
        evaluate(expression, empty, {"resource": empty, "questionnaire": {}, **env})
    except ExpressionError as exc:
        message = str(exc)
        if "Not implemented" in message or "undefined environment variable" in message:
            raise
        # other failures on an empty response (e.g. arithmetic on nothing) are not errors here


def evaluate(expression: str, base: JSON, env: Mapping[str, Any]) -> list[Any]:
    """The result collection of ``expression`` on ``base`` (a response or one of its items)."""
    from fhirpathpy import apply_parsed_path
    from fhirpathpy.engine.nodes import ResourceNode

    def typed(data: Any) -> Any:
        if isinstance(data, Mapping) and "resourceType" not in data and "linkId" in data:
            return ResourceNode.create_node(data, ITEM_PATH)
        return data

    variables = {name: typed(value) for name, value in env.items()}
    try:
        result = apply_parsed_path(
            typed(base),
            _parsed(expression),
            variables,
            _model(),
            {"userInvocationTable": _functions()},
        )
    except RecursionError as exc:
        raise ExpressionError("the expression recurses too deeply") from exc
    except Exception as exc:  # fhirpathpy raises plain Exception for evaluation errors
        raise ExpressionError(_safe_reason(exc)) from exc
    return [_plain(value) for value in result]


@lru_cache(maxsize=512)
def _parsed(expression: str) -> Any:
    """The library's syntax tree, parsed strictly: its own ``parse`` recovers from errors."""
    from antlr4 import CommonTokenStream, InputStream, Token
    from antlr4.error.ErrorListener import ErrorListener
    from antlr4.tree.Tree import ParseTreeWalker
    from fhirpathpy.parser.ASTPathListener import ASTPathListener
    from fhirpathpy.parser.generated.FHIRPathLexer import FHIRPathLexer
    from fhirpathpy.parser.generated.FHIRPathParser import FHIRPathParser

    class Strict(ErrorListener):
        def syntaxError(self, *args: Any) -> None:
            line, column = args[2], args[3]
            message = str(args[4]).split(" expecting ")[0]
            raise ExpressionError(f"it cannot be parsed (at {line}:{column}: {message})")

    lexer = FHIRPathLexer(InputStream(expression))
    lexer.removeErrorListeners()
    lexer.addErrorListener(Strict())
    parser = FHIRPathParser(CommonTokenStream(lexer))
    parser.removeErrorListeners()
    parser.addErrorListener(Strict())
    try:
        tree = parser.expression()
    except ExpressionError:
        raise
    except Exception as exc:
        raise ExpressionError(f"it cannot be parsed ({_first_line(exc)})") from exc
    if parser.getCurrentToken().type != Token.EOF:
        raise ExpressionError("it cannot be parsed (text is left after the expression)")
    listener = ASTPathListener()
    ParseTreeWalker().walk(listener, tree)
    return listener.parentStack[0]


@lru_cache(maxsize=1)
def _model() -> Any:
    from fhirpathpy.models import models

    return models["r4"]


@lru_cache(maxsize=1)
def _functions() -> dict[str, dict[str, Any]]:
    none: dict[int, list[str]] = {0: []}
    table: dict[str, Callable[..., list[Any]]] = {
        "weight": _weights,
        "ordinal": _weights,
        "answers": _answers,
    }
    return {name: {"fn": fn, "arity": none} for name, fn in table.items()}


def _weights(inputs: list[Any]) -> list[Any]:
    found: list[Any] = []
    for value in inputs:
        if not isinstance(value, Mapping):
            continue
        for ext in value.get("extension") or []:
            if isinstance(ext, Mapping) and ext.get("url") in ORDINAL_URLS:
                weight = ext.get("valueDecimal", ext.get("valueInteger"))
                if weight is not None:
                    found.append(weight)
                    break
    return found


def _answers(inputs: list[Any]) -> list[Any]:
    from fhirpathpy.engine.nodes import ResourceNode

    found: list[Any] = []

    def walk(items: Any) -> None:
        for item in items if isinstance(items, list) else []:
            for answer in item.get("answer") or []:
                found.append(ResourceNode.create_node(answer, ANSWER_PATH))
                walk(answer.get("item"))
            walk(item.get("item"))

    for node in inputs:
        if isinstance(node, Mapping):
            walk(node.get("item"))
    return found


def _plain(value: Any) -> Any:
    """Library values as plain Python: Decimal -> float, FP types -> str/dict."""
    from fhirpathpy.engine.nodes import FP_Quantity, FP_Type, ResourceNode

    if isinstance(value, ResourceNode):
        value = value.data
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, FP_Quantity):
        unit = str(value.unit).strip("'")
        return {"value": float(value.value), "unit": unit, "code": unit}
    if isinstance(value, FP_Type):
        return str(value)
    return value


def _safe_reason(exc: BaseException) -> str:
    """The library's reason when it names only a function or variable; messages that may quote
    answer values are replaced (no personal data in exceptions)."""
    message = _first_line(exc)
    for known in ("Not implemented", "undefined environment variable"):
        if known in message:
            return message
    return f"it cannot be evaluated on these answers ({type(exc).__name__})"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__
