"""The finality table: what can no longer change once a record is signed, completed or voided.

This is the ONE place these rules are written down (``TABLE`` below). Its users:

* ``server.push`` refuses a pushed change that breaks them (``refusal``), with the reason text
  of the table;
* ``store.replica`` keeps the server's value of a field the server will never change again
  (``final_fields``) and predicts which columns the store's triggers protect
  (``store_guarded_fields``);
* the SQLite triggers of the store's migration 0001 enforce the same rules in the database.
  A migration is frozen history and never imports this table; the test
  ``tests/store/test_finality_triggers.py`` proves the triggers refuse exactly what the table
  says, no more and no less, and so keeps them in step.

The rules, per entity:

* ``journal_entry`` is final once ``signed_at`` is set; afterwards only the void fields
  (``voided_at``, ``voided_reason``, ``voided_by``) may change, and only until it is voided
  (``voided_at`` set), after which nothing may change. A void (setting ``voided_at``) needs a
  non-blank ``voided_reason``, whether the entry is signed or not.
* ``questionnaire_response`` is final once ``status`` is ``completed``; afterwards only
  ``voided_reason`` may change, once (a non-empty reason is the void).
* ``access_log_entry`` is append-only: final from the moment it exists.
* Rows of every entity in ``NEVER_DELETED`` are never deleted (the store lets a family's rows
  go only under a ``scope_removal`` permit, when the family leaves the nurse's scope).

``versions`` (the per-field clocks, ``BOOKKEEPING``) stays writable on every row: a replica
records there which version of a field it holds. Empty strings count as unset, as ``None``
does: the store's defaults are "".

Known gaps of the store's triggers (``unguarded_by_store``): the triggers of migration 0001 do
not protect ``id``, ``child_id``, ``contact_id``, ``language`` and ``authored_at`` of a completed
questionnaire response, nor ``id`` of an access-log entry, although the server refuses changes
to them. The trigger test asserts these gaps exactly, so closing one (in a new migration) means
updating the table.

Pure Python: no SQL, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

#: columns of every row that no finality rule covers (a replica's per-field clocks)
BOOKKEEPING: frozenset[str] = frozenset({"versions"})

#: entities whose rows are never deleted (every clinical table of the store)
NEVER_DELETED: frozenset[str] = frozenset(
    {
        "family",
        "guardian",
        "child",
        "enrollment",
        "contact",
        "journal_entry",
        "measurement",
        "questionnaire_response",
        "follow_up_action",
        "access_log_entry",
        "conflict",
        # structured child-health records (issue 14; fields in domain.child_health)
        "feeding_record",
        "vaccination",
        "language_record",
        "tobacco_exposure",
        "sensory_screening",
        "referral",
    }
)


@dataclass(frozen=True, slots=True)
class Marker:
    """A field whose value decides a state: set to ``value``, or to any value when it is None."""

    field: str
    value: str | None = None

    def holds(self, values: Mapping[str, Any]) -> bool:
        current = values.get(self.field)
        if not _is_set(current):
            return False
        return self.value is None or current == self.value


@dataclass(frozen=True, slots=True)
class Void:
    """How a record is voided: the fields a void writes and the field that marks it voided."""

    marker: Marker
    fields: frozenset[str]
    reason_field: str
    #: a void (``marker`` set by a change) is refused when the reason is blank
    reason_required: bool
    missing_reason: str = ""


@dataclass(frozen=True, slots=True)
class Finality:
    """When one entity's records become final and what may still change afterwards."""

    entity: str
    #: the state that makes a record final; None: final from the moment it exists
    final_when: Marker | None
    #: fields that may still change once the record is final (besides ``BOOKKEEPING``)
    mutable_once_final: frozenset[str]
    void: Void | None
    #: once final and voided, nothing may change any more
    voided_is_final: bool
    #: the reason text of a refused change to a final record
    final_reason: str
    #: the reason text of a refused change to a final, voided record
    voided_reason: str = ""
    #: final fields the store's triggers (migration 0001) do not protect (known gap)
    unguarded_by_store: frozenset[str] = frozenset()


JOURNAL_VOID_FIELDS: frozenset[str] = frozenset({"voided_at", "voided_reason", "voided_by"})

TABLE: Mapping[str, Finality] = {
    rule.entity: rule
    for rule in (
        Finality(
            entity="journal_entry",
            final_when=Marker("signed_at"),
            mutable_once_final=JOURNAL_VOID_FIELDS,
            void=Void(
                marker=Marker("voided_at"),
                fields=JOURNAL_VOID_FIELDS,
                reason_field="voided_reason",
                reason_required=True,
                missing_reason="A journal entry is voided only with a reason.",
            ),
            voided_is_final=True,
            final_reason="This journal entry is signed; it can only be voided with a reason, "
            "not changed.",
            voided_reason="This journal entry is already voided; the void cannot be changed.",
        ),
        Finality(
            entity="questionnaire_response",
            final_when=Marker("status", "completed"),
            mutable_once_final=frozenset({"voided_reason"}),
            # the reason itself is the void: a non-empty reason means voided
            void=Void(
                marker=Marker("voided_reason"),
                fields=frozenset({"voided_reason"}),
                reason_field="voided_reason",
                reason_required=False,
            ),
            voided_is_final=True,
            final_reason="This questionnaire response is completed; it can only be voided with "
            "a reason, not changed.",
            voided_reason="This questionnaire response is already voided; the void cannot be "
            "changed.",
            unguarded_by_store=frozenset(
                {"id", "child_id", "contact_id", "language", "authored_at"}
            ),
        ),
        Finality(
            entity="access_log_entry",
            final_when=None,
            mutable_once_final=frozenset(),
            void=None,
            voided_is_final=False,
            final_reason="Access-log entries cannot be changed after they are created.",
            unguarded_by_store=frozenset({"id"}),
        ),
    )
}


def _is_set(value: Any) -> bool:
    return value is not None and value != ""


def finality(entity: str) -> Finality | None:
    """The entity's rule, or None when its records never become final."""
    return TABLE.get(entity)


def state_fields(entity: str) -> frozenset[str]:
    """The fields ``is_final`` and ``is_voided`` read (so a caller can pass only those)."""
    rule = TABLE.get(entity)
    if rule is None:
        return frozenset()
    markers = [rule.final_when, None if rule.void is None else rule.void.marker]
    return frozenset(marker.field for marker in markers if marker is not None)


def is_final(entity: str, values: Mapping[str, Any]) -> bool:
    """Whether an existing record with these current ``values`` is final."""
    rule = TABLE.get(entity)
    if rule is None:
        return False
    return rule.final_when is None or rule.final_when.holds(values)


def is_voided(entity: str, values: Mapping[str, Any]) -> bool:
    """Whether a record with these current ``values`` is voided (final or not)."""
    rule = TABLE.get(entity)
    return rule is not None and rule.void is not None and rule.void.marker.holds(values)


def void_fields(entity: str) -> frozenset[str]:
    """The fields a void writes (empty for an entity without voids)."""
    rule = TABLE.get(entity)
    return frozenset() if rule is None or rule.void is None else rule.void.fields


def mutable_fields_once_final(entity: str) -> frozenset[str]:
    """The fields that may still change once a record is final, until it is voided."""
    rule = TABLE.get(entity)
    return frozenset() if rule is None else rule.mutable_once_final


def final_fields(entity: str, values: Mapping[str, Any], fields: Iterable[str]) -> frozenset[str]:
    """Of ``fields``, those that may no longer change on a record with current ``values``."""
    rule = TABLE.get(entity)
    names = frozenset(fields) - BOOKKEEPING
    if rule is None or not is_final(entity, values):
        return frozenset()
    if rule.voided_is_final and is_voided(entity, values):
        return names
    return names - rule.mutable_once_final


def store_guarded_fields(
    entity: str, values: Mapping[str, Any], fields: Iterable[str]
) -> frozenset[str]:
    """Of ``fields``, those the store's triggers refuse to change (``final_fields`` less the
    triggers' known gaps)."""
    rule = TABLE.get(entity)
    gaps = frozenset() if rule is None else rule.unguarded_by_store
    return final_fields(entity, values, fields) - gaps


def refusal(
    entity: str,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    modified: AbstractSet[str],
) -> str | None:
    """Why a change is refused, or None when the rules allow it.

    ``before`` holds the record's current values (empty for a new record), ``after`` the values
    once the change is applied, ``modified`` the fields the change writes anew.
    """
    rule = TABLE.get(entity)
    if rule is None:
        return None
    void = rule.void
    if (
        void is not None
        and void.reason_required
        and void.marker.field in modified
        and void.marker.holds(after)
        and not _has_text(after.get(void.reason_field))
    ):
        return void.missing_reason
    if not before or not modified or not is_final(entity, before):
        return None
    if modified - rule.mutable_once_final:
        return rule.final_reason
    if rule.voided_is_final and is_voided(entity, before):
        return rule.voided_reason
    return None


def _has_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())
