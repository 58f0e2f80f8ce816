"""Immutable model of a loaded FHIR R4 Questionnaire (the subset Hembesök supports).

Answers are kept as a plain mapping ``linkId -> tuple of values`` (see :data:`Answers`). A value
is one of :data:`AnswerValue`; which Python type is used depends on the item type:

==============  =============================================
item type       Python value
==============  =============================================
boolean         ``bool``
integer         ``int``
decimal         ``float`` (an ``int`` is accepted)
string, text    ``str``
date            ``datetime.date``
dateTime        ``str`` (ISO 8601, as written in FHIR)
time            ``datetime.time``
quantity        :class:`Quantity` (a number with its unit)
choice          :class:`Coding`, ``str`` or ``int`` (the option's own value)
open-choice     as choice, or ``str`` for free text
group (repeats) :class:`GroupAnswer`, one per filled-in instance of the group
==============  =============================================

The answers to the items of a *repeating* group live inside its :class:`GroupAnswer` values, never
at the top level; every other item (also in non-repeating groups) keeps its answers at the top
level of the mapping, keyed by its linkId.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, cast

from .cutoffs import LanguageVersion

#: Item types the engine understands. Anything else is refused at load time.
SUPPORTED_TYPES: frozenset[str] = frozenset(
    {
        "group",
        "display",
        "boolean",
        "choice",
        "open-choice",
        "integer",
        "decimal",
        "string",
        "text",
        "date",
        "dateTime",
        "time",
        "quantity",
    }
)
#: Item types that carry no answer of their own.
NON_QUESTION_TYPES: frozenset[str] = frozenset({"group", "display"})
#: enableWhen operators of FHIR R4.
OPERATORS: frozenset[str] = frozenset({"exists", "=", "!=", ">", "<", ">=", "<="})

EnableBehavior = Literal["all", "any"]
Severity = Literal["positive", "urgent"]


@dataclass(frozen=True)
class LocalizedText:
    """A text in the form's default language plus translations keyed by BCP-47 tag."""

    default: str
    translations: tuple[tuple[str, str], ...] = ()

    def text(self, lang: str | None = None) -> str:
        """The text in ``lang``; falls back to the same primary language, then to the default."""
        if not lang:
            return self.default
        wanted = lang.replace("_", "-").lower()
        table = {tag.lower(): content for tag, content in self.translations}
        if wanted in table:
            return table[wanted]
        primary = wanted.split("-")[0]
        for tag, content in table.items():
            if tag.split("-")[0] == primary:
                return content
        return self.default

    def languages(self) -> tuple[str, ...]:
        return tuple(tag for tag, _ in self.translations)


@dataclass(frozen=True)
class Coding:
    """A FHIR Coding. Equality is by system and code; the display text is informative."""

    code: str
    system: str | None = None
    display: str | None = field(default=None, compare=False)

    def matches(self, other: Coding) -> bool:
        """FHIR matching: codes equal, systems equal when both are given."""
        if self.code != other.code:
            return False
        return self.system is None or other.system is None or self.system == other.system


@dataclass(frozen=True)
class Quantity:
    """A FHIR Quantity answer: a number and its unit (``code``/``system`` when it is coded)."""

    value: float
    unit: str | None = None
    system: str | None = None
    code: str | None = None

    def same_unit(self, other: Quantity) -> bool:
        mine, theirs = (self.code or self.unit), (other.code or other.unit)
        return mine is None or theirs is None or mine == theirs


@dataclass(frozen=True)
class GroupAnswer:
    """One filled-in instance of a repeating group: its items' answers, keyed by linkId."""

    entries: tuple[tuple[str, tuple[AnswerValue, ...]], ...] = ()

    @classmethod
    def of(cls, answers: AnswersInput) -> GroupAnswer:
        return cls(tuple(normalize_answers(answers).items()))

    @property
    def answers(self) -> dict[str, tuple[AnswerValue, ...]]:
        return dict(self.entries)


AnswerValue = bool | int | float | str | dt.date | dt.time | Coding | Quantity | GroupAnswer
#: linkId -> the answers given to that item, in order.
Answers = Mapping[str, tuple[AnswerValue, ...]]
#: What the public functions accept: a value or a sequence of values per linkId.
AnswersInput = Mapping[str, AnswerValue | Sequence[AnswerValue]]
OptionValue = Coding | str | int


@dataclass(frozen=True)
class AnswerOption:
    value: OptionValue
    label: LocalizedText
    #: Score from the ordinalValue / itemWeight extension, if any.
    score: float | None = None
    initial_selected: bool = False

    def matches(self, answer: AnswerValue) -> bool:
        if isinstance(self.value, Coding):
            return isinstance(answer, Coding) and self.value.matches(answer)
        if isinstance(answer, bool | Coding):
            return False
        return type(answer) is type(self.value) and answer == self.value


@dataclass(frozen=True)
class EnableWhen:
    question: str
    operator: str
    answer: AnswerValue


@dataclass(frozen=True)
class Expression:
    """A FHIRPath expression from an SDC ``Expression`` (``name`` for a variable)."""

    expression: str
    name: str | None = None
    #: ``text/fhirpath``, or ``application/x-fhir-query`` for a variable (never run here)
    language: str = "text/fhirpath"

    @property
    def is_fhirpath(self) -> bool:
        return self.language == "text/fhirpath"


@dataclass(frozen=True)
class Item:
    link_id: str
    type: str
    text: LocalizedText | None = None
    prefix: str | None = None
    required: bool = False
    repeats: bool = False
    read_only: bool = False
    options: tuple[AnswerOption, ...] = ()
    enable_when: tuple[EnableWhen, ...] = ()
    enable_behavior: EnableBehavior = "all"
    initial: tuple[AnswerValue, ...] = ()
    min_value: int | float | dt.date | None = None
    max_value: int | float | dt.date | None = None
    max_length: int | None = None
    items: tuple[Item, ...] = ()
    #: SDC calculatedExpression: the answer is computed, never typed.
    calculated: Expression | None = None
    #: SDC enableWhenExpression: enabled when it evaluates to true (replaces enableWhen).
    enable_expression: Expression | None = None
    #: SDC initialExpression: evaluated once when a new response is started.
    initial_expression: Expression | None = None
    #: ``variable`` extensions on the item, visible to its own and its children's expressions.
    variables: tuple[Expression, ...] = ()
    #: The unit of a quantity/decimal/integer item (questionnaire-unit) and the choices offered
    #: (questionnaire-unitOption); a quantity answer takes the first when none is chosen.
    unit: Coding | None = None
    unit_options: tuple[Coding, ...] = ()
    #: questionnaire-hidden: not shown, but answered/calculated and exported.
    hidden: bool = False

    @property
    def is_question(self) -> bool:
        return self.type not in NON_QUESTION_TYPES

    @property
    def is_repeating_group(self) -> bool:
        return self.type == "group" and self.repeats

    @property
    def units(self) -> tuple[Coding, ...]:
        """The units a quantity answer may take (the declared unit first)."""
        if self.unit is not None and self.unit not in self.unit_options:
            return (self.unit, *self.unit_options)
        return self.unit_options

    def label(self, lang: str | None = None) -> str:
        """The item's text in ``lang`` (falls back to the default text; '' when none)."""
        return self.text.text(lang) if self.text else ""

    def option_for(self, answer: AnswerValue) -> AnswerOption | None:
        return next((option for option in self.options if option.matches(answer)), None)


@dataclass(frozen=True)
class ScoringArea:
    id: str
    label: LocalizedText
    link_ids: tuple[str, ...]
    #: "any-positive" (default), "at-least" (subscore >= value) or "none".
    rule: str = "any-positive"
    value: float | None = None
    severity: Severity = "positive"


@dataclass(frozen=True)
class FlagRule:
    id: str
    rule: str  # "total-at-least" | "area-at-least" | "item-above" | "item-at-least"
    label: LocalizedText
    value: float
    area: str | None = None
    link_id: str | None = None
    severity: Severity = "positive"


@dataclass(frozen=True)
class ScoringSpec:
    areas: tuple[ScoringArea, ...] = ()
    flags: tuple[FlagRule, ...] = ()
    #: cut-offs per language version of the flag rules (``cutoffs.py``)
    language_versions: tuple[LanguageVersion, ...] = ()


@dataclass(frozen=True)
class Questionnaire:
    url: str
    version: str
    items: tuple[Item, ...]
    id: str | None = None
    name: str | None = None
    title: LocalizedText = LocalizedText("")
    status: str = "active"
    #: The language of the default texts (the resource's ``language``), if declared.
    language: str | None = None
    scoring: ScoringSpec | None = None
    #: Root ``variable`` extensions (SDC), visible to every expression.
    variables: tuple[Expression, ...] = ()
    #: Names of the SDC launch contexts the form declares (``patient``, ``user``...).
    launch_contexts: tuple[str, ...] = ()
    #: The Questionnaire JSON as loaded (``%questionnaire`` in expressions).
    raw: Mapping[str, object] = field(default_factory=dict, compare=False, repr=False)
    #: Where the form came from (a file name), for error messages.
    source: str = field(default="<memory>", compare=False)
    _index: Mapping[str, Item] = field(init=False, compare=False, repr=False)
    _parents: Mapping[str, str | None] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        index: dict[str, Item] = {}
        parents: dict[str, str | None] = {}
        for item, parent in _walk(self.items, None):
            index[item.link_id] = item
            parents[item.link_id] = parent
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_parents", parents)

    @property
    def canonical(self) -> str:
        """``url|version``, as a QuestionnaireResponse refers to it."""
        return f"{self.url}|{self.version}" if self.version else self.url

    @property
    def display_name(self) -> str:
        return self.title.default or self.name or self.id or self.url

    def item(self, link_id: str) -> Item:
        try:
            return self._index[link_id]
        except KeyError:
            raise KeyError(f"form {self.display_name!r} has no item {link_id!r}") from None

    def has_item(self, link_id: str) -> bool:
        return link_id in self._index

    def parent_of(self, link_id: str) -> str | None:
        return self._parents.get(link_id)

    def iter_items(self) -> Iterator[Item]:
        """Every item, depth first in document order."""
        for item, _ in _walk(self.items, None):
            yield item

    def questions(self) -> Iterator[Item]:
        return (item for item in self.iter_items() if item.is_question)

    @property
    def uses_expressions(self) -> bool:
        """Whether anything in the form needs the FHIRPath engine."""
        return any(
            item.calculated or item.enable_expression or item.initial_expression
            for item in self.iter_items()
        )

    def in_repeating_group(self, link_id: str) -> str | None:
        """The linkId of the nearest repeating group around ``link_id``, if any."""
        parent = self.parent_of(link_id)
        while parent is not None:
            if self._index[parent].is_repeating_group:
                return parent
            parent = self.parent_of(parent)
        return None


def _walk(items: Sequence[Item], parent: str | None) -> Iterator[tuple[Item, str | None]]:
    for item in items:
        yield item, parent
        yield from _walk(item.items, item.link_id)


def normalize_answers(answers: AnswersInput) -> dict[str, tuple[AnswerValue, ...]]:
    """Turn ``{linkId: value | [values]}`` into ``{linkId: (values,)}``, dropping empty entries."""
    result: dict[str, tuple[AnswerValue, ...]] = {}
    for link_id, value in answers.items():
        values = tuple(value) if isinstance(value, list | tuple) else (cast(AnswerValue, value),)
        if values:
            result[link_id] = values
    return result


def flatten_answers(answers: Answers) -> dict[str, tuple[AnswerValue, ...]]:
    """Every answer by linkId, the answers inside repeating-group instances gathered in order
    (the group's own :class:`GroupAnswer` values are left out)."""
    flat: dict[str, tuple[AnswerValue, ...]] = {}
    _gather(answers, flat)
    return flat


def _gather(answers: Answers, flat: dict[str, tuple[AnswerValue, ...]]) -> None:
    for link_id, values in answers.items():
        plain = tuple(v for v in values if not isinstance(v, GroupAnswer))
        if plain:
            flat[link_id] = (*flat.get(link_id, ()), *plain)
        for value in values:
            if isinstance(value, GroupAnswer):
                _gather(value.answers, flat)
