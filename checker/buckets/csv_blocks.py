"""A CSV file too large to read at once, cut into blocks of whole rows.

A block ends at a line end outside any quoted cell (an even number of quotes before it, so a
note spanning lines stays in one block), and is decoded in the file's encoding
(checker.logs.encoding: the whole file's, as the row readers decide it). Every block is
given as UTF-8 text for the native parser, which takes it only if every line is a row
(checker.columnar.reader.events_of_block: no blank line, every cell on its line, strict
UTF-8); a block it leaves (a note over several lines, a blank line, an undecodable line) is
read from its raw bytes by the row readers. Each block knows the file line it starts on, so
rows keep their lines.
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass
from typing import Iterator

from checker.logs.encoding import detect_encoding
from checker.logs.header import csv_header_cells
from checker.logs.mapping import canonical_header

BLOCK_BYTES = 64 * 1024 * 1024
_BOM = codecs.BOM_UTF8


@dataclass
class Block:
    first_line: int        # the file line of the block's first row
    lines: int             # physical lines in the block
    text: bytes | None     # UTF-8 for the native parser; None (undecodable): use `raw`
    raw: bytes             # the block's bytes as in the file


@dataclass
class CsvFile:
    path: str
    encoding: str
    header: list[str]
    header_raw: bytes      # the header line as in the file (BOM removed)
    start: int             # byte offset of the first data line


def canonical_csv(path: str) -> CsvFile | None:
    """The file's header, when the first line is a canonical header; None otherwise (a title
    above the header, an export's own column names: the file is read whole)."""
    encoding = detect_encoding(path)
    with open(path, "rb") as stream:
        first = stream.readline(1 << 20)
    start = len(first)
    if first.startswith(_BOM):
        first = first[len(_BOM):]
    try:
        line = first.decode("utf-8" if encoding == "utf-8-sig" else encoding).rstrip("\r\n")
    except UnicodeDecodeError:
        return None
    header = canonical_header(csv_header_cells(line))        # other columns by placeholders
    if header is None:
        return None
    return CsvFile(path, encoding, header, first, start)


def blocks(csv: CsvFile, block_bytes: int = BLOCK_BYTES) -> Iterator[Block]:
    encoding = "utf-8" if csv.encoding == "utf-8-sig" else csv.encoding
    line = 2
    size = os.path.getsize(csv.path)
    with open(csv.path, "rb") as stream:
        stream.seek(csv.start)
        carry = b""
        while True:
            data = carry + stream.read(block_bytes)
            carry = b""
            if not data:
                return
            if stream.tell() < size:
                cut = _row_end(data)
                if cut is None or cut < len(data) // 2:
                    # A quote left open runs on and on: cut at a line end all the same (the
                    # row readers reject the broken row), so that memory stays one block.
                    cut = data.rfind(b"\n") + 1
                if cut == 0:                  # no line ends in this block: read on
                    carry = data
                    continue
                data, carry = data[:cut], data[cut:]
            lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
            yield Block(line, lines, _native(data, encoding), data)
            line += lines
            if stream.tell() >= size and not carry:
                return


def _row_end(data: bytes) -> int | None:
    """One past the last line end of `data` that lies outside a quoted cell (an even number of
    quotes before it), walking back a line at a time."""
    end = data.rfind(b"\n")
    quotes = data.count(b'"', 0, end) if end >= 0 else 0
    while end >= 0:
        if quotes % 2 == 0:
            return end + 1
        previous = data.rfind(b"\n", 0, end)
        quotes -= data.count(b'"', previous + 1, end)
        end = previous
    return None


def _native(data: bytes, encoding: str) -> bytes | None:
    """The block as UTF-8 for the native parser (which refuses bytes that are not UTF-8, and
    whose rows are checked line by line against the block's: checker.columnar.reader); None
    for a block the file's encoding cannot decode."""
    if encoding == "utf-8":
        return data
    try:
        return data.decode(encoding).encode("utf-8")
    except UnicodeDecodeError:
        return None
