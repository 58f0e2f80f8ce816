"""Carry a draft's answers across a form version change without losing anything silently.

An answer is kept when its item exists in both versions with the same type, the same default
text, the same repeat setting and the same options (values, default labels and scores). Answers to
removed or changed items are dropped and listed in the report so the nurse can ask again.
Translations, ``required``, ranges and enableWhen may change without dropping answers: the
answers are validated and re-evaluated against the new version anyway.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import AnswerOption, AnswersInput, AnswerValue, Item, Questionnaire, normalize_answers


@dataclass(frozen=True)
class ItemChange:
    link_id: str
    #: What changed: any of "type", "text", "options", "repeats".
    aspects: tuple[str, ...]


@dataclass(frozen=True)
class MigrationReport:
    old_version: str
    new_version: str
    removed: tuple[str, ...]
    added: tuple[str, ...]
    changed: tuple[ItemChange, ...]
    #: linkIds whose answers were dropped (removed or changed items).
    dropped_answers: tuple[str, ...]

    @property
    def lossless(self) -> bool:
        return not self.dropped_answers


def migrate_draft(
    draft_answers: AnswersInput, old_form: Questionnaire, new_form: Questionnaire
) -> tuple[dict[str, tuple[AnswerValue, ...]], MigrationReport]:
    """``(kept answers, report)`` for moving a draft from ``old_form`` to ``new_form``."""
    old_items = {item.link_id: item for item in old_form.iter_items()}
    new_items = {item.link_id: item for item in new_form.iter_items()}
    changed = tuple(
        ItemChange(link_id, aspects)
        for link_id, item in old_items.items()
        if link_id in new_items and (aspects := item_differences(item, new_items[link_id]))
    )
    changed_ids = {change.link_id for change in changed}
    kept: dict[str, tuple[AnswerValue, ...]] = {}
    dropped: list[str] = []
    for link_id, values in normalize_answers(draft_answers).items():
        if link_id in new_items and link_id not in changed_ids:
            kept[link_id] = values
        else:
            dropped.append(link_id)
    report = MigrationReport(
        old_version=old_form.version,
        new_version=new_form.version,
        removed=tuple(k for k in old_items if k not in new_items),
        added=tuple(k for k in new_items if k not in old_items),
        changed=changed,
        dropped_answers=tuple(dropped),
    )
    return kept, report


def item_differences(old: Item, new: Item) -> tuple[str, ...]:
    aspects = []
    if old.type != new.type:
        aspects.append("type")
    if _default_text(old) != _default_text(new):
        aspects.append("text")
    if _option_signature(old.options) != _option_signature(new.options):
        aspects.append("options")
    if old.repeats != new.repeats:
        aspects.append("repeats")
    return tuple(aspects)


def _default_text(item: Item) -> str:
    return item.text.default if item.text else ""


def _option_signature(
    options: tuple[AnswerOption, ...],
) -> tuple[tuple[object, str, float | None], ...]:
    return tuple((option.value, option.label.default, option.score) for option in options)
