"""Scores and flags.

* An answer scores the ``ordinalValue``/``itemWeight`` of the option chosen (0 when the option
  has none). In an area, a boolean ``true`` scores 1 and ``false`` 0; an integer or decimal
  answer scores its value.
* ``total`` is the sum of option scores over every enabled question (for a form without our
  extension, e.g. an external PHQ-9, this is all there is), in every instance of a repeating
  group. Answers to disabled items never count. A calculated item's own value (an SDC total) is
  an answer, not a score: its options, if any, are scored like any other.
* ``subscores`` maps each declared area to the sum of its items' scores.
* Flags come from the area rules (``any-positive``: any answer in the area scores above 0, or a
  boolean ``true``; ``at-least``: the subscore reaches ``value``) and the flag rules
  (``total-at-least``, ``area-at-least``, ``item-above``, ``item-at-least``).
* A flag rule may have a cut-off per language version (``cutoffs.py``): the response's
  language picks it. A version without a validated cut-off raises no flag from that rule and
  marks the result ``indicative`` (the total is shown as indicative only).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .cutoffs import LanguageVersion, cut_off
from .enable_when import enabled_answers
from .model import (
    AnswersInput,
    AnswerValue,
    FlagRule,
    Item,
    LocalizedText,
    Questionnaire,
    ScoringArea,
    Severity,
    flatten_answers,
)


@dataclass(frozen=True)
class Flag:
    id: str
    area: str | None
    severity: Severity
    label: LocalizedText

    @property
    def label_sv(self) -> str:
        return self.label.text("sv")

    @property
    def label_en(self) -> str:
        return self.label.text("en")


@dataclass(frozen=True)
class ScoreResult:
    total: float
    subscores: dict[str, float] = field(default_factory=dict)
    flags: list[Flag] = field(default_factory=list)
    #: the language version has no validated cut-off: the total is indicative only
    indicative: bool = False

    @property
    def urgent(self) -> bool:
        return any(flag.severity == "urgent" for flag in self.flags)

    def flag_ids(self) -> list[str]:
        return [flag.id for flag in self.flags]

    def flag_records(self) -> list[dict[str, str | None]]:
        """The flags as stored with a completed response (Swedish label for the record)."""
        return [
            {"id": f.id, "area": f.area, "severity": f.severity, "label": f.label_sv}
            for f in self.flags
        ]


def score(
    questionnaire: Questionnaire, answers: AnswersInput, *, language: str | None = None
) -> ScoreResult:
    """Total, subscores per area and flags for ``answers`` (only enabled items count).

    ``language`` is the language the answers were given in (the response's); it picks the
    cut-off of each flag rule that has one per language version. None: the form's language.
    """
    given = flatten_answers(enabled_answers(questionnaire, answers))
    total = sum(_option_score(questionnaire.item(k), v) for k, v in given.items())
    spec = questionnaire.scoring
    if spec is None:
        return ScoreResult(total=total)
    lang = language or questionnaire.language or "sv"
    rules = [_with_cut_off(rule, spec.language_versions, lang) for rule in spec.flags]
    subscores = {area.id: _area_score(questionnaire, area, given) for area in spec.areas}
    flags = [f for area in spec.areas if (f := _area_flag(questionnaire, area, given, subscores))]
    flags += [
        f
        for rule in rules
        if rule is not None and (f := _rule_flag(questionnaire, rule, given, total, subscores))
    ]
    return ScoreResult(total=total, subscores=subscores, flags=flags, indicative=None in rules)


def total_is_indicative(questionnaire: Questionnaire | None, language: str | None) -> bool:
    """True when the ``language`` version of the form has no validated cut-off."""
    if questionnaire is None or questionnaire.scoring is None:
        return False
    spec = questionnaire.scoring
    lang = language or questionnaire.language or "sv"
    return any(_with_cut_off(r, spec.language_versions, lang) is None for r in spec.flags)


def _with_cut_off(
    rule: FlagRule, versions: tuple[LanguageVersion, ...], language: str
) -> FlagRule | None:
    """The rule with its language version's cut-off; None when that version has none."""
    value = cut_off(versions, rule.id, language, rule.value)
    return None if value is None else replace(rule, value=value)


def item_score(item: Item, values: tuple[AnswerValue, ...]) -> float:
    """Score of one item's answers as counted in an area."""
    if item.type == "boolean":
        return float(sum(1 for v in values if v is True))
    if item.type in ("integer", "decimal"):
        return float(
            sum(v for v in values if isinstance(v, int | float) and not isinstance(v, bool))
        )
    return _option_score(item, values)


def _option_score(item: Item, values: tuple[AnswerValue, ...]) -> float:
    total = 0.0
    for value in values:
        option = item.option_for(value)
        if option is not None and option.score is not None:
            total += option.score
    return total


def _area_score(
    q: Questionnaire, area: ScoringArea, given: dict[str, tuple[AnswerValue, ...]]
) -> float:
    return sum(item_score(q.item(link_id), given.get(link_id, ())) for link_id in area.link_ids)


def _area_flag(
    q: Questionnaire,
    area: ScoringArea,
    given: dict[str, tuple[AnswerValue, ...]],
    subscores: dict[str, float],
) -> Flag | None:
    if area.rule == "any-positive":
        hit = any(item_score(q.item(k), given.get(k, ())) > 0 for k in area.link_ids)
    elif area.rule == "at-least":
        hit = area.value is not None and subscores[area.id] >= area.value
    else:
        hit = False
    return Flag(area.id, area.id, area.severity, area.label) if hit else None


def _rule_flag(
    q: Questionnaire,
    rule: FlagRule,
    given: dict[str, tuple[AnswerValue, ...]],
    total: float,
    subscores: dict[str, float],
) -> Flag | None:
    if rule.rule == "total-at-least":
        hit = total >= rule.value
    elif rule.rule == "area-at-least":
        hit = subscores.get(rule.area or "", 0.0) >= rule.value
    else:
        assert rule.link_id is not None
        values = given.get(rule.link_id)
        if not values:
            return None
        value = item_score(q.item(rule.link_id), values)
        hit = value > rule.value if rule.rule == "item-above" else value >= rule.value
    return Flag(rule.id, rule.area, rule.severity, rule.label) if hit else None
