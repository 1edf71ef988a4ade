"""CSV exports: rows as lists of strings with the physical line each row starts on."""

from __future__ import annotations

import csv
import sys
from typing import Iterator

from checker.errors import CheckerError, file_error

# Notes pasted from case files can exceed the csv module's 128 KiB default per cell.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def _dialect(first_line: str) -> str:
    """Comma unless the header is clearly tab- or semicolon-separated (some .txt exports)."""
    counts = {delimiter: first_line.count(delimiter) for delimiter in (",", "\t", ";")}
    best = max(counts, key=counts.get)
    return best if counts[best] > counts[","] else ","


def _undecodable_line(path: str, encoding: str) -> int | None:
    """The first line that does not decode (the text reader fails a whole block at a time)."""
    with open(path, "rb") as stream:
        for number, raw in enumerate(stream, start=1):
            try:
                raw.decode(encoding)
            except UnicodeDecodeError:
                return number
    return None


def read_csv_table(path: str, encoding: str) -> Iterator[tuple[None, int, list[str]]]:
    """(None, line, cells) for every non-blank row, the header included. `line` is where the row
    starts in the file (1 = the first line), so a quoted cell spanning lines is counted.
    The leading None stands where an XLSX row names its sheet."""
    try:
        stream = open(path, "r", encoding=encoding, newline="")
    except OSError as error:
        raise file_error(path, "unreadable", error) from None
    with stream:
        line_end = 0
        try:
            first = stream.readline()
            stream.seek(0)
            reader = csv.reader(stream, delimiter=_dialect(first))
            for cells in reader:
                start, line_end = line_end + 1, reader.line_num
                if cells and (len(cells) > 1 or cells[0].strip()):
                    yield None, start, cells
        except UnicodeDecodeError as error:
            raise CheckerError(f"cannot decode as {encoding} ({error.reason})",
                               file=path, line=_undecodable_line(path, encoding)) from None
        except csv.Error as error:
            raise CheckerError(f"malformed CSV: {error}", file=path, line=line_end + 1) from None


def read_csv_rows(path: str, encoding: str) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) for every non-blank row, the header included."""
    for _, line, cells in read_csv_table(path, encoding):
        yield line, cells
