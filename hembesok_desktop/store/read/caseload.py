"""The caseload screen: work lists, one family's row (the family header too), and search.

Re-exports ``store.caseload`` (rows are ``CaseloadRow`` named tuples: immutable, and built in C
for lists of thousands) and ``store.search.matching_family_ids``.
"""

from __future__ import annotations

from ..caseload import WORKLISTS, CaseloadRow, age_text, caseload_row, caseload_rows, sort_key
from ..search import matching_family_ids

__all__ = [
    "WORKLISTS",
    "CaseloadRow",
    "age_text",
    "caseload_row",
    "caseload_rows",
    "matching_family_ids",
    "sort_key",
]
