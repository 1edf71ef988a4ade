"""CSV exports: rows as lists of strings with the physical line each row starts on.

The file is read line by line as bytes and each line decoded on its own, so that
- a line that does not decode is one rejected row at its true line, and the others are read;
- quoting is strict: a quoted cell may span lines (notes often do), but a quote that is never
  closed does not swallow the rows after it. While a quoted cell runs on, each further line
  that reads as a whole row of its own (as many cells as the rows before it, no quote inside
  its first cell, which would close the quoted one) ends the broken row there: the row that opened the quote is rejected at its line, and reading goes on from
  the line that looked like a row. A quoted cell running past the end of the file, or past
  MAX_CELL_LINES lines, or a row over several lines that does not have the table's number
  of cells (the quote ran into the next row's own quoted note), is rejected the same way;
- characters a terminal or an XML file would act on (NUL, ESC, U+FFFE …) are replaced with
  U+FFFD before the cells are cut (checker.output.sanitize).
A file that is not text at all (NUL bytes, a zip package, a PDF) is refused as a whole,
naming what it looks like.
"""

from __future__ import annotations

import csv
import sys
from typing import Iterator

from checker.errors import CheckerError, file_error
from checker.i18n import say
from checker.logs.badrow import BadRow
from checker.output.sanitize import clean_input

# Notes pasted from case files can exceed the csv module's 128 KiB default per cell.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

# A quoted cell spanning more lines than this is taken for a quote never closed.
MAX_CELL_LINES = 1000

# Reasons of rejected rows: stored in English like every reason (checker.logs.rows), shown
# in the user's language by localize_reason.
ROW_MESSAGES = {
    "undecodable": {"zh": "无法按 {encoding} 解码（本行第 {column} 个字节起）",
                    "en": "cannot decode as {encoding} (from byte {column} of the line)"},
    "unclosed": {"zh": "引号未闭合：本行开始的带引号单元格到第 {until} 行仍未结束",
                 "en": "unbalanced quote: the quoted cell opened on this line still runs on line {until}"},
    "unclosed_eof": {"zh": "引号未闭合：带引号的单元格直到文件末尾仍未结束",
                     "en": "unbalanced quote: the quoted cell runs to the end of the file"},
    "malformed": {"zh": "CSV 格式错误：{detail}", "en": "malformed CSV: {detail}"},
}

MESSAGES = {
    "not_text": {"zh": "不是文本文件（{what}）：CSV 日志应为 UTF-8 或 GB18030 文本",
                 "en": "not a text file ({what}): a CSV log is UTF-8 or GB18030 text"},
    "looks_zip": {"zh": "看起来是 XLSX/ZIP 文件，请使用 .xlsx 扩展名", "en": "it looks like an XLSX/zip file; name it .xlsx"},
    "looks_pdf": {"zh": "看起来是 PDF 文件", "en": "it looks like a PDF file"},
    "has_nul": {"zh": "前 64 KB 中多处含有 NUL 字节", "en": "many NUL bytes in its first 64 KB"},
    "utf16": {"zh": "UTF-16 文本（Excel“Unicode 文本”）", "en": "UTF-16 text (Excel 'Unicode text')"},
}


def _say(key: str, **values) -> str:
    return say(MESSAGES, key, "zh", **values)


def _row(key: str, **values) -> BadRow:
    return BadRow(say(ROW_MESSAGES, key, "en", **values))


def _dialect(first_line: str) -> str:
    """Comma unless the header is clearly tab- or semicolon-separated (some .txt exports)."""
    counts = {delimiter: first_line.count(delimiter) for delimiter in (",", "\t", ";")}
    best = max(counts, key=counts.get)
    return best if counts[best] > counts[","] else ","


def refuse_binary(head: bytes, path: str) -> None:
    """A file-level error for a log that is not text (checked on its first block)."""
    what = None
    if head.startswith(b"PK\x03\x04"):
        what = _say("looks_zip")
    elif head.startswith(b"%PDF"):
        what = _say("looks_pdf")
    elif head.startswith((b"\xff\xfe", b"\xfe\xff")):
        what = _say("utf16")
    elif head.count(b"\x00") * 20 > len(head):     # a stray NUL in text is replaced, not fatal
        what = _say("has_nul")
    if what is not None:
        raise CheckerError(_say("not_text", what=what), file=path, line=1)


class _Lines:
    """Decoded physical lines, numbered, with push-back; remembers the lines of the row being cut."""

    def __init__(self, stream, encoding: str):
        self.stream = stream
        self.encoding = "utf-8" if encoding == "utf-8-sig" else encoding
        self.strip_bom = encoding in ("utf-8-sig", "utf-8")
        self.number = 0              # physical lines taken from the file
        self.pending: list[tuple[int, str]] = []
        self.taken: list[tuple[int, str]] = []   # lines of the row being cut
        self.bad: tuple[int, str] | None = None  # an undecodable line met
        self.width = 0               # the commonest number of cells of single-line rows
        self._widths: dict[int, int] = {}
        self.delimiter = ","

    def __iter__(self):
        return self

    def __next__(self) -> str:
        if self.pending:
            item = self.pending.pop()
        else:
            raw = self.stream.readline()
            if not raw:
                raise StopIteration
            self.number += 1
            try:
                text = raw.decode(self.encoding)
            except UnicodeDecodeError as error:
                self.bad = (self.number, _row("undecodable", encoding=self.encoding, column=error.start + 1))
                raise _Undecodable from None
            if self.number == 1 and self.strip_bom and text.startswith("\ufeff"):
                text = text[1:]
            item = (self.number, clean_input(text))
        if self.taken:
            if len(self.taken) >= MAX_CELL_LINES or self._looks_like_row(item[1]):
                self.pending.append(item)
                raise _Runaway(item[0])
        self.taken.append(item)
        return item[1]

    def _looks_like_row(self, text: str) -> bool:
        """A line that would be a whole row of the table by itself. Not one whose first cell
        has a quote inside it (`…第二行",`): that quote closes the cell running on, as when a
        quoted first column holds a line end."""
        if self.width < 2 or text.count(self.delimiter) < self.width - 1:
            return False
        first = text.split(self.delimiter, 1)[0]
        if '"' in first and not first.lstrip().startswith('"'):
            return False
        try:
            cells = next(csv.reader([text], delimiter=self.delimiter, strict=True))
        except (csv.Error, StopIteration):
            return False
        return len(cells) == self.width and bool(cells[0].strip())

    def count_width(self, cells: int) -> None:
        seen = self._widths[cells] = self._widths.get(cells, 0) + 1
        if cells != self.width and seen > self._widths.get(self.width, 0):
            self.width = cells

    def push_back_after_first(self) -> None:
        """The row being cut is broken: its lines after the first are read again as rows."""
        for item in reversed(self.taken[1:]):
            self.pending.append(item)


class _Undecodable(Exception):
    pass


class _Runaway(Exception):
    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


def read_csv_table(path: str, encoding: str) -> Iterator[tuple[None, int, list[str] | BadRow]]:
    """(None, line, cells) for every non-blank row, the header included; (None, line, BadRow)
    for a row that could not be read. `line` is where the row starts in the file (1 = the
    first line), so a quoted cell spanning lines is counted. The leading None stands where
    an XLSX row names its sheet."""
    try:
        stream = open(path, "rb")
    except OSError as error:
        raise file_error(path, "unreadable", error) from None
    with stream:
        try:
            refuse_binary(stream.read(65536), path)
            stream.seek(0)
            yield from rows_of_stream(stream, encoding)
        except OSError as error:
            raise file_error(path, "unreadable", error) from None


def rows_of_stream(stream, encoding: str):
    """read_csv_table of an open binary stream, read from its start."""
    lines = _Lines(stream, encoding)
    first = stream.readline()
    stream.seek(0)
    try:
        lines.delimiter = _dialect(first.decode(lines.encoding, errors="replace"))
    except LookupError:
        lines.delimiter = ","
    reader = csv.reader(lines, delimiter=lines.delimiter, strict=True)
    while True:
        lines.taken = []
        lines.bad = None
        try:
            cells = next(reader)
        except StopIteration:
            if lines.taken and lines.taken[0][1].strip():     # a quote open at the end
                yield None, lines.taken[0][0], _row("unclosed_eof")
                lines.push_back_after_first()
                reader = csv.reader(lines, delimiter=lines.delimiter, strict=True)
                continue
            return
        except _Undecodable:
            if len(lines.taken) > 0:      # the bad line cut a quoted cell short
                yield None, lines.taken[0][0], _row("unclosed", until=lines.bad[0])
                lines.push_back_after_first()
            yield None, lines.bad[0], lines.bad[1]
            reader = csv.reader(lines, delimiter=lines.delimiter, strict=True)
            continue
        except _Runaway as runaway:
            yield None, lines.taken[0][0], _row("unclosed", until=runaway.line)
            lines.push_back_after_first()
            reader = csv.reader(lines, delimiter=lines.delimiter, strict=True)
            continue
        except csv.Error as error:
            start = lines.taken[0][0] if lines.taken else lines.number
            if "unexpected end of data" in str(error):
                yield None, start, _row("unclosed_eof")
            else:
                yield None, start, _row("malformed", detail=error)
            if len(lines.taken) > 1:
                lines.push_back_after_first()
            reader = csv.reader(lines, delimiter=lines.delimiter, strict=True)
            continue
        if not cells or (len(cells) == 1 and not cells[0].strip()):
            continue
        if len(lines.taken) == 1:
            lines.count_width(len(cells))
        elif lines.width and len(cells) != lines.width:
            # A row over several lines must still be a row of the table: a quote opened by
            # mistake ran into the next row's own quoted cell. Cut it back to its first line.
            yield None, lines.taken[0][0], _row("unclosed", until=lines.taken[-1][0])
            lines.push_back_after_first()
            reader = csv.reader(lines, delimiter=lines.delimiter, strict=True)
            continue
        yield None, lines.taken[0][0], cells


def read_csv_rows(path: str, encoding: str) -> Iterator[tuple[int, list[str] | BadRow]]:
    """(line, cells or BadRow) for every non-blank row, the header included."""
    for _, line, cells in read_csv_table(path, encoding):
        yield line, cells
