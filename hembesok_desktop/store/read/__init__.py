"""What the screens read: one module per screen, each a set of read functions.

A read function takes a ``ReadSession`` (``Store.read()`` yields one) and ids, and returns
frozen view dataclasses (or tuples of them), never table-model rows: the UI gets values it can
keep, compare and show, and never a row it could change or lazily load from. The UI types its
queries with ``ReadSession`` and never imports SQLModel or the table models.

Modules: ``caseload`` (work lists, the family header), ``family`` (the family's record),
``timeline``, ``journal``, ``visits``, ``responses`` (forms and follow-ups), ``growth``,
``printing``, ``sync_overview``, ``conflicts``, ``history``; ``views`` holds the row views
they share.
"""

from __future__ import annotations

from sqlmodel import Session

#: The session a read function takes (what ``Store.read()`` yields): typed by name, so the UI
#: can annotate its queries without importing SQLModel.
ReadSession = Session

__all__ = ["ReadSession"]
