"""The access-log extract as a CSV file a reviewer or a patient opens in Excel.

UTF-8 with a byte-order mark (Excel then reads å, ä, ö right), semicolons between cells (a
Swedish Excel's list separator; with commas it puts every row in one cell), CRLF line ends.
Cells are guarded against CSV injection (OWASP): a cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return gets a leading apostrophe, so a spreadsheet shows it as text
instead of running it as a formula. (Own four lines rather than ``defusedcsv``: the standard
``csv`` module writes the file, and the guard is exactly the rule above, which a test pins.)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

BOM = "\ufeff"
DELIMITER = ";"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow([guard(c) for c in header])
    writer.writerows([guard(c) for c in row] for row in rows)
    return (BOM + out.getvalue()).encode("utf-8")
