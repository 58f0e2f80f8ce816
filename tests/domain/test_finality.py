"""The finality table's queries: final fields per state, refusals and their reason texts."""

from __future__ import annotations

import pytest

from hembesok_desktop.domain import finality

JOURNAL = frozenset(
    {
        "child_id", "contact_id", "text", "author_name", "author_title", "created_at",
        "signed_at", "amends", "voided_at", "voided_reason", "voided_by",
    }
)  # fmt: skip
RESPONSE = frozenset(
    {
        "child_id", "contact_id", "form_id", "form_version", "language", "respondent", "status",
        "answers", "score", "subscores", "flags", "authored_at", "completed_at", "voided_reason",
    }
)  # fmt: skip
SIGNED = {"signed_at": "2026-03-01T09:30:00+00:00"}
VOIDED = {**SIGNED, "voided_at": "2026-03-02T09:30:00+00:00", "voided_reason": "Fel barn."}


def test_the_table_is_consistent() -> None:
    for entity, rule in finality.TABLE.items():
        assert rule.entity == entity
        assert rule.final_reason
        if rule.void is None:
            assert not rule.voided_is_final and not rule.mutable_once_final
        else:
            assert rule.mutable_once_final <= rule.void.fields
            assert rule.void.reason_field in rule.void.fields
            assert bool(rule.void.missing_reason) == rule.void.reason_required
        assert bool(rule.voided_reason) == rule.voided_is_final
    assert set(finality.TABLE) <= finality.NEVER_DELETED


@pytest.mark.parametrize(
    ("values", "final"),
    [
        ({}, frozenset()),
        ({"signed_at": ""}, frozenset()),
        (SIGNED, JOURNAL - finality.JOURNAL_VOID_FIELDS),
        (VOIDED, JOURNAL),
        ({"voided_at": "2026-03-02T09:30:00+00:00", "voided_reason": "r"}, frozenset()),
    ],
)
def test_journal_entry_final_fields(values: dict[str, str], final: frozenset[str]) -> None:
    assert finality.final_fields("journal_entry", values, JOURNAL | {"versions"}) == final
    assert finality.is_final("journal_entry", values) == bool(final)


@pytest.mark.parametrize(
    ("values", "final"),
    [
        ({"status": "in-progress"}, frozenset()),
        ({"status": "in-progress", "voided_reason": "r"}, frozenset()),
        ({"status": "completed"}, RESPONSE - {"voided_reason"}),
        ({"status": "completed", "voided_reason": " "}, RESPONSE),
    ],
)
def test_questionnaire_response_final_fields(values: dict[str, str], final: frozenset[str]) -> None:
    assert finality.final_fields("questionnaire_response", values, RESPONSE) == final


def test_the_store_guards_all_final_fields_but_its_known_gaps() -> None:
    completed = {"status": "completed"}
    guarded = finality.store_guarded_fields("questionnaire_response", completed, RESPONSE)
    assert guarded == RESPONSE - {
        "voided_reason", "child_id", "contact_id", "language", "authored_at",
    }  # fmt: skip
    assert finality.store_guarded_fields("journal_entry", SIGNED, JOURNAL) == (
        JOURNAL - finality.JOURNAL_VOID_FIELDS
    )


def test_access_log_entries_are_final_from_the_start() -> None:
    fields = {"at", "user", "action", "id", "versions"}
    assert finality.is_final("access_log_entry", {})
    assert finality.final_fields("access_log_entry", {}, fields) == {"at", "user", "action", "id"}
    assert finality.mutable_fields_once_final("access_log_entry") == frozenset()
    assert finality.void_fields("access_log_entry") == frozenset()


def test_entities_without_a_rule_are_never_final() -> None:
    assert finality.finality("family") is None
    assert not finality.is_final("family", {"signed_at": "x"})
    assert finality.final_fields("family", {}, {"address"}) == frozenset()
    assert finality.refusal("family", {"address": "a"}, {"address": "b"}, {"address"}) is None
    assert finality.state_fields("family") == frozenset()


def _journal_refusal(before: dict[str, str], change: dict[str, str]) -> str | None:
    return finality.refusal("journal_entry", before, {**before, **change}, set(change))


def test_journal_refusals_and_their_order() -> None:
    rule = finality.TABLE["journal_entry"]
    assert rule.void is not None
    draft = {"text": "t", "voided_reason": ""}
    assert _journal_refusal(draft, {"text": "u"}) is None
    # a void needs a reason, on a new, a draft or a signed entry; a blank one is no reason
    assert _journal_refusal({}, {"voided_at": "now"}) == rule.void.missing_reason
    assert _journal_refusal(draft, {"voided_at": "now"}) == rule.void.missing_reason
    assert _journal_refusal(draft, {"voided_at": "now", "voided_reason": " \t"}) == (
        rule.void.missing_reason
    )
    assert _journal_refusal({**SIGNED, "voided_reason": ""}, {"voided_at": "now"}) == (
        rule.void.missing_reason
    )
    assert _journal_refusal(SIGNED, {"text": "u"}) == rule.final_reason
    assert _journal_refusal(SIGNED, {"voided_at": "now", "voided_reason": "r", "text": "u"}) == (
        rule.final_reason
    )
    assert _journal_refusal(SIGNED, {"voided_at": "now", "voided_reason": "r"}) is None
    assert _journal_refusal(VOIDED, {"voided_by": "b"}) == rule.voided_reason
    assert _journal_refusal(VOIDED, {"text": "u"}) == rule.final_reason
    assert _journal_refusal(VOIDED, {}) is None  # a re-sent version is not a change


def test_questionnaire_refusals() -> None:
    rule = finality.TABLE["questionnaire_response"]

    def refusal(before: dict[str, str], change: dict[str, str]) -> str | None:
        return finality.refusal("questionnaire_response", before, {**before, **change}, set(change))

    completed = {"status": "completed", "voided_reason": ""}
    assert refusal({"status": "in-progress"}, {"answers": "a"}) is None
    assert refusal(completed, {"language": "en"}) == rule.final_reason
    assert refusal(completed, {"voided_reason": " "}) is None  # the reason is the void itself
    assert refusal({**completed, "voided_reason": "r"}, {"voided_reason": "s"}) == (
        rule.voided_reason
    )


def test_state_fields_name_what_the_state_depends_on() -> None:
    assert finality.state_fields("journal_entry") == {"signed_at", "voided_at"}
    assert finality.state_fields("questionnaire_response") == {"status", "voided_reason"}
    assert finality.state_fields("access_log_entry") == frozenset()
