"""Local tables derived from the records: the search text (``store.search``) and the caseload
index (``store.caseload_index``).

They are never synced and never edited by hand. Every change refreshes the families it touched
in its own transaction (``refresh``: ``Store.write`` and the replica's apply), so what a list
shows commits with the change or not at all. A family that leaves the laptop loses its rows
(``forget``).

``DERIVED_VERSION`` names the way they are computed. ``ensure_current`` (run when a store is
created or opened, after any migration) rebuilds all of them when the store's recorded version
differs: after a migration that added a derived table, or after a program update that computes
one differently. A rebuild of 10,000 families takes a few seconds, once.
"""

from __future__ import annotations

from collections.abc import Collection, Set

from sqlalchemy import Engine
from sqlmodel import Session

from . import caseload_index, raw_sql, search
from .engine import WRITE_OPTION
from .models import Setting

#: Raise when a derived table's content or computation changes: stores then rebuild on open.
#: 3: ``caseload_family.flagged_screenings`` also counts urgent findings (``pack_findings``)
#: 4: in-progress responses held open with an urgent flag count as urgent findings
DERIVED_VERSION = 4
_VERSION_KEY = "derived_version"


def refresh(session: Session, *, entities: Set[str], family_ids: Collection[str]) -> None:
    """Bring the derived rows of ``family_ids`` up to date after ``entities`` changed there."""
    if not family_ids:
        return
    touches_search = bool(entities & search.SEARCH_ENTITIES)
    touches_caseload = bool(entities & caseload_index.CASELOAD_ENTITIES)
    if not (touches_search or touches_caseload):
        return
    session.flush()
    if touches_search:
        search.refresh(session, family_ids)
    if touches_caseload:
        caseload_index.refresh(session, family_ids, entities=entities)


def forget(session: Session, family_id: str) -> None:
    """Delete a family's derived rows."""
    raw_sql.run(
        session, "DELETE FROM family_search WHERE family_id = :family_id", {"family_id": family_id}
    )
    caseload_index.forget(session, family_id)


def stale_families(session: Session) -> list[str]:
    """Families whose derived rows differ from a fresh computation from the records (sorted)."""
    return sorted(set(search.stale_families(session)) | set(caseload_index.stale_families(session)))


def rebuild(session: Session) -> None:
    """Recompute every derived row of every family."""
    raw_sql.run(session, "DELETE FROM family_search")
    family_ids = [row[0] for row in raw_sql.fetch(session, "SELECT id FROM family")]
    search.refresh(session, family_ids)
    caseload_index.refresh(session, None)
    session.merge(Setting(key=_VERSION_KEY, value=DERIVED_VERSION))


def ensure_current(engine: Engine) -> bool:
    """Rebuild the derived tables if they were computed by another version; True if rebuilt."""
    with Session(engine) as session:
        recorded = session.get(Setting, _VERSION_KEY)
        if recorded is not None and recorded.value == DERIVED_VERSION:
            return False
    writer = engine.execution_options(**{WRITE_OPTION: True})
    with Session(writer) as session, session.begin():
        rebuild(session)
    return True
