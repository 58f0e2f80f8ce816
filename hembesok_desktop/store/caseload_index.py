"""The caseload index: per family, what its caseload row and work lists need, kept current on
write so that a list of 10,000 families reads one small row per family.

Two local tables, derived from the records and never synced (``store.derived`` refreshes them
in the same transaction as the change, and rebuilds them when the program's way of computing
them changes):

- ``caseload_open_contact``: every *open* contact, with its window filled in. Only contacts
  with status ``planned`` are open; done, missed and cancelled ones are closed, and a
  ``rescheduled`` row is the superseded booking (the new one is a planned row of its own). A
  contact of a programme counts only while it is *applicable* to the child's enrollment in that
  programme (``domain.planning``): its window does not end before the enrollment started, and
  it is not planned after an ended enrollment's end. A family enrolled late therefore never has
  its early contacts overdue, even if rows for them exist. A contact without a window (a booked
  ad hoc visit) has its planned date as its window.
- ``caseload_family``: the family's guardians' names (birthing parent first) with their Swedish
  sort key, its children by birth date, address and interpreter, its next open contact, open
  follow-up actions, and completed (not voided) screenings with flags that no follow-up action
  points at and that have no urgent flag. The same column also holds the *urgent* findings
  (``pack_findings``): completed, not voided screenings with an urgent flag (EPDS item 10,
  thoughts of self-harm) that no *closed* follow-up action points at. An urgent finding does
  not fade when an offer is recorded: it stays until the nurse closes a follow-up of it with
  an outcome. An *in-progress* response held open with an urgent flag (its acute offer not
  yet recorded, ``clinical.hold_urgent_response``) is an urgent finding too, until it is
  closed, whatever follow-up it has. Packing both counts into ``flagged_screenings`` (the
  urgent count in the high bits) keeps the table's schema, so no migration is needed; the
  follow-up list's condition ``flagged_screenings > 0`` still holds for every family with
  either kind of finding.

Nothing here depends on the day: what does (ages, overdue counts, which list a family is on)
is computed by ``store.caseload`` from these rows and the calendar date it is given.

``refresh`` recomputes the given families with a few set-based statements; ``stale_families``
recomputes everything and names the families whose stored rows differ (a check, used by
``Store.check`` and the tests).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Set
from typing import Any

from sqlmodel import Session

from . import raw_sql

#: the records a family's index rows are computed from
CASELOAD_ENTITIES = frozenset(
    {
        "family",
        "guardian",
        "child",
        "enrollment",
        "contact",
        "follow_up_action",
        "questionnaire_response",
    }
)

#: Swedish alphabetical order: å, ä, ö after z (in that order), accented e and u as their base.
_SWEDISH = str.maketrans(
    {"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}", "é": "e", "è": "e", "ü": "y"}
)


#: ``flagged_screenings`` holds ``flagged + urgent * URGENT_UNIT``
URGENT_UNIT = 1 << 20


def pack_findings(flagged: int, urgent: int) -> int:
    """The stored ``flagged_screenings`` value for these two counts."""
    return min(flagged, URGENT_UNIT - 1) + urgent * URGENT_UNIT


def unpack_findings(stored: int) -> tuple[int, int]:
    """(flagged, urgent) from a stored ``flagged_screenings`` value."""
    return stored % URGENT_UNIT, stored // URGENT_UNIT


def name_key(name: str) -> str:
    """A sort key for names in Swedish alphabetical order, ignoring case.

    Compared as plain strings (code point order, which is also SQLite's BINARY order of UTF-8),
    so the database can sort by it.
    """
    return name.casefold().translate(_SWEDISH)


_COVERS = """
(c.window_end IS NULL OR c.window_end >= e.start_date)
AND (e.end_date IS NULL OR c.planned_date IS NULL OR c.planned_date <= e.end_date)
"""
# Open: status planned and, for a programme contact of an enrolled child, covered by one of the
# child's enrollments in that programme (applicable).
_OPEN = f"""
c.status = 'planned'
AND (
    c.programme_id = '' OR c.child_id IS NULL
    OR NOT EXISTS (
        SELECT 1 FROM enrollment e
        WHERE e.child_id = c.child_id AND e.programme_id = c.programme_id
    )
    OR EXISTS (
        SELECT 1 FROM enrollment e INDEXED BY ix_enrollment_cover
        WHERE e.child_id = c.child_id AND e.programme_id = c.programme_id AND {_COVERS}
    )
)
"""

_OPEN_CONTACTS = f"""
SELECT c.id, c.family_id, c.planned_date, c.contact_code,
       coalesce(c.window_start, c.planned_date), coalesce(c.window_end, c.planned_date)
FROM contact c
WHERE {_OPEN} {{fam_c}}
"""

# The family rows: an aggregate per table (each restricted to the wanted families), joined to
# the families. min(date || ' ' || code) gives the earliest open contact and its code in one
# deterministic value. Names and children are joined in Python (``_GUARDIANS``, ``_CHILDREN``):
# an ordered group_concat needs SQLite 3.44, and the plain-SQLite comparison runs older ones.
_URGENT = """EXISTS (
    SELECT 1 FROM json_each(r.flags) j WHERE json_extract(j.value, '$.severity') = 'urgent')"""
_FAMILIES = f"""
WITH
next_due AS (
    SELECT oc.family_id, min(oc.planned_date || ' ' || oc.contact_code) AS first
    FROM caseload_open_contact oc
    WHERE oc.planned_date IS NOT NULL {{fam_oc}}
    GROUP BY oc.family_id),
follow_ups AS (
    SELECT fu.family_id, count(*) AS open
    FROM follow_up_action fu INDEXED BY ix_follow_up_open
    WHERE fu.status = 'open' {{fam_fu}}
    GROUP BY fu.family_id),
flagged AS (
    SELECT r.family_id, count(*) AS flagged
    FROM questionnaire_response r INDEXED BY ix_response_flagged
    WHERE r.status = 'completed' AND r.flags != '[]' AND r.voided_reason = ''
      AND NOT EXISTS (SELECT 1 FROM follow_up_action x WHERE x.response_id = r.id)
      AND NOT {_URGENT} {{fam_r}}
    GROUP BY r.family_id),
urgent AS (
    SELECT u.family_id, count(*) AS urgent FROM (
        SELECT r.family_id
        FROM questionnaire_response r INDEXED BY ix_response_flagged
        WHERE r.status = 'completed' AND r.flags != '[]' AND r.voided_reason = ''
          AND {_URGENT}
          AND NOT EXISTS (
              SELECT 1 FROM follow_up_action x INDEXED BY ix_follow_up_response
              WHERE x.response_id = r.id AND x.status = 'done')
          {{fam_r}}
        UNION ALL
        SELECT r.family_id
        FROM questionnaire_response r
        WHERE r.status = 'in-progress' AND r.flags != '[]' AND r.voided_reason = ''
          AND {_URGENT} {{fam_r}}) u
    GROUP BY u.family_id)
SELECT f.id, f.address, f.area, f.interpreter_needed, f.interpreter_language, next_due.first,
       coalesce(follow_ups.open, 0), coalesce(flagged.flagged, 0), coalesce(urgent.urgent, 0)
FROM family f
LEFT JOIN next_due ON next_due.family_id = f.id
LEFT JOIN follow_ups ON follow_ups.family_id = f.id
LEFT JOIN flagged ON flagged.family_id = f.id
LEFT JOIN urgent ON urgent.family_id = f.id
WHERE 1 {{fam_f}}
"""
# the guardians of a family in display order: the birthing parent first, then by name
_GUARDIANS = """
SELECT g.family_id, g.given_name, g.family_name
FROM guardian g INDEXED BY ix_guardian_caseload
WHERE 1 {fam_g}
ORDER BY g.family_id, g.birthing_parent DESC, g.given_name, g.family_name
"""
# the children of a family, youngest first
_CHILDREN = """
SELECT ch.family_id, ch.birth_date, ch.given_name
FROM child ch INDEXED BY ix_child_caseload
WHERE 1 {fam_ch}
ORDER BY ch.family_id, ch.birth_date DESC, ch.given_name
"""

_FAMILY_COLUMNS = (
    "family_id",
    "display_name",
    "name_key",
    "children_by_birth",
    "address",
    "area",
    "interpreter_needed",
    "interpreter_language",
    "next_due_date",
    "next_due_code",
    "open_follow_ups",
    "flagged_screenings",
)
# Every family row is replaced whole; families are never deleted except through ``forget``.
_REPLACE_FAMILY = (
    f"INSERT OR REPLACE INTO caseload_family ({', '.join(_FAMILY_COLUMNS)}) "
    f"VALUES ({', '.join(':' + name for name in _FAMILY_COLUMNS)})"
)
_ALIASES = ("g", "ch", "oc", "fu", "r", "c")
#: the records the open contacts are computed from (the rest change only the family row)
_CONTACT_ENTITIES = frozenset({"contact", "enrollment"})


def refresh(
    session: Session, family_ids: Collection[str] | None, *, entities: Set[str] | None = None
) -> None:
    """Recompute the index rows of these families (every family when None) after a change of
    ``entities`` (any when None). Call after the change is flushed, in its transaction."""
    if family_ids is not None and not family_ids:
        return
    conditions, params = _family_filter(family_ids)
    if entities is None or entities & _CONTACT_ENTITIES:
        raw_sql.run(
            session,
            f"DELETE FROM caseload_open_contact AS oc WHERE 1 {conditions['fam_oc']}",
            params,
        )
        raw_sql.run(
            session,
            "INSERT INTO caseload_open_contact (contact_id, family_id, planned_date,"
            " contact_code, window_start, window_end) " + _OPEN_CONTACTS.format(**conditions),
            params,
        )
    rows = _computed_families(session, conditions=conditions, params=params)
    stored = _stored_families(session, family_ids)
    changed = [row for row in rows if stored.get(row["family_id"]) != _as_stored(row)]
    raw_sql.run_many(session, _REPLACE_FAMILY, changed)  # an unchanged row is not rewritten


def forget(session: Session, family_id: str) -> None:
    """Delete a family's index rows (the family left this laptop)."""
    for table in ("caseload_open_contact", "caseload_family"):
        raw_sql.run(
            session, f"DELETE FROM {table} WHERE family_id = :family_id", {"family_id": family_id}
        )


def stale_families(session: Session) -> list[str]:
    """Families whose stored index rows differ from what the records give now (sorted)."""
    conditions, params = _family_filter(None)
    stored_contacts = _by_family(
        raw_sql.fetch(
            session,
            "SELECT contact_id, family_id, planned_date, contact_code, window_start, window_end"
            " FROM caseload_open_contact",
        )
    )
    computed_contacts = _by_family(
        raw_sql.fetch(session, _OPEN_CONTACTS.format(**conditions), params)
    )
    stale = {
        family_id
        for family_id in stored_contacts.keys() | computed_contacts.keys()
        if stored_contacts.get(family_id) != computed_contacts.get(family_id)
    }
    stored = _stored_families(session, None)
    computed = {
        row["family_id"]: _as_stored(row)
        for row in _computed_families(session, conditions=conditions, params=params)
    }
    stale |= {
        family_id
        for family_id in stored.keys() | computed.keys()
        if stored.get(family_id) != computed.get(family_id)
    }
    return sorted(stale)


def _computed_families(
    session: Session, *, conditions: dict[str, str], params: dict[str, Any]
) -> list[dict[str, Any]]:
    """The family rows as the records give them (reading ``caseload_open_contact``)."""
    names = _joined(
        raw_sql.fetch(session, _GUARDIANS.format(**conditions), params),
        lambda given, family: f"{given} {family}".strip(" "),
        separator=", ",
    )
    kids = _joined(
        raw_sql.fetch(session, _CHILDREN.format(**conditions), params),
        lambda born, given: f"{born} {given}",
        separator="\x1f",
    )
    rows = []
    for (
        family_id,
        address,
        area,
        needed,
        language,
        first,
        follow_ups,
        flagged,
        urgent,
    ) in raw_sql.fetch(session, _FAMILIES.format(**conditions), params):
        next_date, _, next_code = (first or "").partition(" ")
        display_name = names.get(family_id, "")
        rows.append(
            {
                "family_id": family_id,
                "display_name": display_name,
                "name_key": name_key(display_name),
                "children_by_birth": kids.get(family_id, ""),
                "address": address,
                "area": area,
                "interpreter_needed": bool(needed),
                "interpreter_language": language,
                "next_due_date": next_date or None,
                "next_due_code": next_code,
                "open_follow_ups": follow_ups,
                "flagged_screenings": pack_findings(flagged, urgent),
            }
        )
    return rows


def _joined(
    rows: Iterable[Any], part: Callable[[str, str], str], *, separator: str
) -> dict[str, str]:
    """Per family, its ordered ``(family_id, a, b)`` rows as ``part(a, b)`` joined."""
    parts: dict[str, list[str]] = {}
    for family_id, first, second in rows:
        parts.setdefault(family_id, []).append(part(first, second))
    return {family_id: separator.join(items) for family_id, items in parts.items()}


def _stored_families(
    session: Session, family_ids: Collection[str] | None
) -> dict[str, tuple[Any, ...]]:
    """The stored family rows (of these families, or all), as raw tuples by family id."""
    wanted, params = raw_sql.family_condition("family_id", family_ids)
    sql = f"SELECT {', '.join(_FAMILY_COLUMNS)} FROM caseload_family WHERE 1 {wanted}"
    return {row[0]: tuple(row) for row in raw_sql.fetch(session, sql, params)}


def _as_stored(row: dict[str, Any]) -> tuple[Any, ...]:
    """A computed family row as the raw SQLite row holds it (booleans as 0/1)."""
    return tuple(
        int(value) if isinstance(value, bool) else value
        for value in (row[name] for name in _FAMILY_COLUMNS)
    )


def _by_family(rows: Any) -> dict[str, set[tuple[Any, ...]]]:
    grouped: dict[str, set[tuple[Any, ...]]] = {}
    for row in rows:
        grouped.setdefault(row[1], set()).add(tuple(row))
    return grouped


def _family_filter(family_ids: Collection[str] | None) -> tuple[dict[str, str], dict[str, Any]]:
    """The ``{fam_*}`` conditions of the statements above for a set of family ids."""
    conditions = {}
    params: dict[str, Any] = {}
    for alias in _ALIASES:
        conditions[f"fam_{alias}"], params = raw_sql.family_condition(
            f"{alias}.family_id", family_ids
        )
    conditions["fam_f"], params = raw_sql.family_condition("f.id", family_ids)
    return conditions, params
