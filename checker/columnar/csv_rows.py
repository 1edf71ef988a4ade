"""Rows of a CSV that span lines (a quoted note over several lines), read column-wise as
the row reader reads them (checker/logs/csv_reader.py).

A line end outside quotes ends a row, and the blocks of a file are cut at such line ends.
A block whose rows span lines is read column-wise when
- the quotes cut it into as many rows as the native parser found, each with the header's
  number of cells, and so are all the rows of the file before it (the row reader takes the
  commonest number of cells so far for the table's width: it is then the header's);
- the row reader, given the header and those rows alone, cuts each of them as one row, at its
  line: not a quote left open, a line in the cell that reads as a row of its own, a cell over
  more lines than it allows. Those rows are then built from the row reader's own cells.
Otherwise the file is the row readers', as any file they would cut otherwise.
"""

from __future__ import annotations

import io
import re
import threading
from typing import NamedTuple

import numpy as np

from checker.logs.badrow import BadRow
from checker.logs.csv_reader import MAX_CELL_LINES, rows_of_stream

_QUOTE, _COMMA, _NEWLINE, _RETURN = 0x22, 0x2C, 0x0A, 0x0D
_LONE_RETURN = re.compile(rb"\r(?!\n)")


def quoted_as_the_row_reader_reads(block: bytes) -> bool:
    """Whether the block's quotes and carriage returns are read by the row reader as by the
    native parser: every quote opens a cell (at its start), closes one (before a comma, a line
    end or the end) or is doubled inside one, as many closed as opened; a carriage return only
    before a line end. Python's csv module refuses the others (text after a closing quote, a
    quote left open, a carriage return in an unquoted cell), or reads a quote inside a cell as
    a character, where the native parser reads on."""
    if b"\r" in block and _LONE_RETURN.search(block):
        return False
    if b'"' not in block:
        return True
    data = np.frombuffer(block, dtype=np.uint8)
    quotes = quote_positions(block, data)
    if len(quotes) % 2:
        return False
    opening, closing = quotes[0::2], quotes[1::2]
    before = data[np.maximum(opening - 1, 0)]
    opens = (opening == 0) | (before == _COMMA) | (before == _NEWLINE) | (before == _QUOTE)
    after = data[np.minimum(closing + 1, len(data) - 1)]
    closes = ((closing + 1 == len(data)) | (after == _COMMA) | (after == _NEWLINE)
              | (after == _RETURN) | (after == _QUOTE))
    return bool(opens.all() and closes.all())


_FEW_QUOTES = 1 << 15


def quote_positions(block: bytes, data: np.ndarray) -> np.ndarray:
    """Where the block's quotes are: found one by one while they are few (a formula or a
    remark quoted here and there), by a pass over the bytes once they are many."""
    found = []
    at = block.find(b'"')
    while at >= 0:
        if len(found) == _FEW_QUOTES:
            return np.flatnonzero(data == _QUOTE)
        found.append(at)
        at = block.find(b'"', at + 1)
    return np.array(found, dtype=np.int64)


def line_end_outside_quotes(carried_quotes: int, data: bytes, end: int) -> int:
    """One past the last line end of `data[:end]` outside quotes (`end` one past its last line
    end; what came before `data` from the last row's start holds `carried_quotes` quotes), or
    0 when there is none. Up to MAX_CELL_LINES lines back, past which a cell is one the row
    reader refuses anyway: then `end`, and the block it ends is not one the checks take."""
    odd = (carried_quotes + data.count(b'"', 0, end)) & 1
    at = end
    for _ in range(MAX_CELL_LINES):
        if not odd:
            return at
        before = data.rfind(b"\n", 0, at - 1) + 1
        if before == 0:
            return 0
        odd ^= data.count(b'"', before, at) & 1
        at = before
    return end


class RowCut(NamedTuple):
    """A block's rows as its quotes cut it."""
    first_lines: np.ndarray        # per row after the first line: its first line among those after it
    full: bool                     # every row has the header's number of cells
    line_ends: np.ndarray          # where the block's line ends are


def row_starts(block: bytes, width: int) -> RowCut | None:
    """The block's RowCut for a header of `width` cells; None when a quote is left open at its
    end. Worked out from the positions of the quotes, line ends and commas, not byte by byte:
    a quoted stretch runs from an odd quote to the next."""
    data = np.frombuffer(block, dtype=np.uint8)
    quotes = quote_positions(block, data)
    if len(quotes) % 2:
        return None
    line_ends = np.flatnonzero(data == _NEWLINE)
    # A line end is inside quotes where an odd number of quotes comes before it.
    ends = line_ends[np.searchsorted(quotes, line_ends) % 2 == 0]
    if not block.endswith(b"\n"):
        ends = np.append(ends, len(data))
    commas = np.flatnonzero(data == _COMMA)
    per_row = np.diff(np.searchsorted(commas, ends))
    if len(quotes):
        # Less the commas inside each quoted stretch, counted to the row it lies in.
        opening, closing = quotes[0::2], quotes[1::2]
        quoted = np.searchsorted(commas, closing) - np.searchsorted(commas, opening)
        row = np.searchsorted(ends, opening) - 1          # -1: the first line's
        per_row -= np.bincount(row[row >= 0], weights=quoted[row >= 0],
                               minlength=len(per_row)).astype(per_row.dtype)
    first_lines = np.searchsorted(line_ends, ends[:-1], side="right") - 1
    return RowCut(first_lines, bool((per_row == width - 1).all()), line_ends)


def cells_of_spanning_rows(block: bytes, cut: RowCut, rows: np.ndarray, lines: int) -> list | None:
    """The row reader's cells of the rows `rows` of a UTF-8 block (its first line the header,
    `cut` its RowCut, `lines` its lines after the header), each cut alone after the header;
    None when it does not cut each as one row at its line."""
    bounds = np.append(cut.line_ends + 1, len(block))    # where each line after the header ends
    header_end = int(bounds[0])
    starts = cut.first_lines
    ends = np.append(starts[1:], lines)
    pieces, expected, line = [block[:header_end]], [], 2
    for row in rows.tolist():
        begin, end = int(bounds[starts[row]]), int(bounds[ends[row]])
        piece = block[begin:end]
        pieces.append(piece if piece.endswith(b"\n") else piece + b"\n")
        expected.append(line)
        line += int(ends[row] - starts[row])
    cut_alone = list(rows_of_stream(io.BytesIO(b"".join(pieces)), "utf-8"))[1:]
    if [line for _, line, _ in cut_alone] != expected \
            or any(isinstance(cells, BadRow) for _, _, cells in cut_alone):
        return None
    return [cells for _, _, cells in cut_alone]


class EarlierRows:
    """Whether every row of a file's blocks before a given one has the header's number of
    cells: known of the blocks whose rows span lines, and of the others read again from the
    file, as the reader cut them, in order, only when a block with rows spanning lines asks."""

    def __init__(self, blocks, width: int):
        self._blocks = blocks          # an iterator over the blocks, each after a header line
        self._width = width
        self._verdicts: dict[int, bool] = {}
        self._read = 0                 # blocks taken from the iterator
        self._lock = threading.Lock()

    def record(self, index: int, full: bool) -> None:
        with self._lock:
            self._verdicts.setdefault(index, full)

    def all_full_before(self, index: int) -> bool:
        with self._lock:
            while self._read < index:
                block = next(self._blocks, None)
                if block is None:
                    return False
                if self._read not in self._verdicts:
                    found = row_starts(block, self._width)
                    self._verdicts[self._read] = found is not None and found[1]
                self._read += 1
            return all(self._verdicts[number] for number in range(index))
