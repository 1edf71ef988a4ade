"""Where a table's header row is: exports put a title and an 导出时间 line above it.

One function for the reader and for `mapping init`: each says what a header must hold
(`fits`); the first of the top rows that fits is the header. When none fits, the row that
looks most like a header (several text cells, no times or numbers) is the one an error
message shows, so the user sees the header actually found, not the title line.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator
from checker.logs.badrow import BadRow

HEADER_SEARCH_ROWS = 10

_DATE_LIKE = re.compile(r"\d{4}\s*[-/年.]\s*\d{1,2}")


def csv_header_cells(line: str) -> list[str]:
    """The cells of a CSV file's first line as written, cut as the CSV reader cuts it (an
    export that quotes every cell quotes its header too); none for a line the CSV reader
    refuses (a carriage return inside, a binary file), which the table readers then report."""
    try:
        return next(csv.reader([line]), [])
    except csv.Error:
        return []


def clean_header(cells) -> list[str]:
    return ["" if cell is None else str(cell).strip().lstrip("\ufeff") for cell in cells]


def looks_like_header(header: list[str]) -> bool:
    """At least three text cells, none of them a time, a date or a number: a title line has
    one cell, an 导出时间 line a date, a data row times and numbers."""
    cells = [cell for cell in header if cell]
    if len(cells) < 3:
        return False
    for cell in cells:
        if _DATE_LIKE.search(cell) or cell.replace(".", "", 1).isdigit():
            return False
    return True


@dataclass
class HeaderSearch:
    found: Any = None                 # what `fits` returned for the header row; None if no row fit
    line: int = 0                     # the header's line (CSV) or row (XLSX)
    header: list[str] = field(default_factory=list)
    skipped: list[tuple] = field(default_factory=list)    # rows above the header
    guess: tuple | None = None        # when nothing fit: the row most like a header


def find_header(rows: Iterator[tuple], fits: Callable[[list[str], int], Any]) -> HeaderSearch:
    """Reads at most HEADER_SEARCH_ROWS rows of (sheet, line, cells) from `rows`; the rows
    after the header stay in the iterator for the caller."""
    seen: list[tuple] = []
    for row in rows:
        if row[2].__class__ is BadRow:       # an unreadable line above the header: not a data row
            continue
        seen.append(row)
        header = clean_header(row[2])
        result = fits(header, row[1])
        if result is not None:
            return HeaderSearch(found=result, line=row[1], header=header, skipped=seen[:-1])
        if len(seen) >= HEADER_SEARCH_ROWS:
            break
    guess = next((row for row in seen if looks_like_header(clean_header(row[2]))),
                 seen[0] if seen else None)
    return HeaderSearch(skipped=seen, guess=guess)
