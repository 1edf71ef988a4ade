"""JSON Lines logs read straight into columns, as checker.logs.jsonl_reader reads them.

The file is read in blocks of whole lines, each parsed in native code (polars) under the
canonical columns, every value as text. A line is taken from the columns only when each of
its keys is a canonical name, written as such, and each value a text, null, true or false:
then the columns hold what the row reader reads. Any other line (a number or an object as a
value, a key of another spelling, text that looks like a key) is read by the row reader's own
code, on that line alone, so it gives the same event or rejection with the same reason; so
are the rows the checks of a CSV's columns find suspect. A file the native parser refuses,
or with a blank line (the row reader skips it, the lines would no longer be numbered alike),
is left to the row readers whole: None is returned.
"""

from __future__ import annotations

import re

import numpy as np
import polars as pl

from checker import limits
from checker.columnar.in_order import in_order
from checker.columnar.reader import events_of_text, has_unsafe_bytes, joined, numbered_blocks
from checker.logs.jsonl_reader import record_of_line
from checker.logs.mapping import IDENTITY, rename_record
from checker.logs.rows import RowBuilder
from checker.model import Rejected
from checker.vocabulary import CANONICAL_COLUMNS

_BLOCK = 1 << 24                # 16 MiB: about 57,000 records written with every key
_BOM = b"\xef\xbb\xbf"
_SCHEMA = {name: pl.String for name in CANONICAL_COLUMNS}
# Per line: every key (a quote, then a colon), the canonical keys, and a value that is not
# a text, null, true or false. Text holding a quote and a colon counts as a key: the line is
# then the row reader's, which is never wrong, only slower.
_ANY_KEY = r'"\s*:'
_CANONICAL_KEY = '"(?:' + "|".join(re.escape(name) for name in CANONICAL_COLUMNS) + r')"\s*:'
_OTHER_VALUE = r'"\s*:\s*[^\s"ntf]'


class _Refused(Exception):
    """The native parser refused a block: the file is the row readers'."""


def read_jsonl_frame(path: str, tz, seq_start: int):
    """((events frame, rejected rows, rows), True) of a JSON Lines file, or None for the row
    readers. (True: a record-based file never lacks the actor column as a whole.)"""
    bound = limits.int_limit("JSON_DEPTH")

    def check(item):
        block, before, lines = item
        return _block_events(block, path, tz, seq_start + before, 1 + before, lines, bound)

    try:
        with open(path, "rb") as stream:
            head = stream.read(65536)
            if b"\x00" in head:                    # binary: the row readers say what it is
                return None
            stream.seek(len(_BOM) if head.startswith(_BOM) else 0)
            # An empty file is the row readers' (nothing to read).
            built = joined(in_order(check, numbered_blocks(stream, b"", _BLOCK)), lambda: None)
    except (_Refused, OSError):
        return None
    return None if built is None else (built, True)


def _block_events(block: bytes, path: str, tz, seq_start: int, first_line: int, count: int,
                  bound: int):
    """(events frame, rejected rows, rows) of a block of lines, the first at `first_line`;
    None when its lines are not one record each."""
    try:
        raw = pl.read_ndjson(block, schema=_SCHEMA)
        texts = pl.Series("line", [block], dtype=pl.Binary).cast(pl.String).str.split("\n").explode()
    except (Exception, pl.exceptions.PanicException):     # a panic is not an Exception
        raise _Refused from None
    if block.endswith(b"\n"):
        texts = texts.slice(0, len(texts) - 1)
    if raw.height != count or len(texts) != count:
        return None
    theirs = pl.DataFrame([texts]).select(
        (pl.col("line").str.count_matches(_ANY_KEY) != pl.col("line").str.count_matches(_CANONICAL_KEY))
        | pl.col("line").str.contains(_OTHER_VALUE)).to_series().to_numpy()

    def rebuild(rows: np.ndarray) -> list:
        """The row reader's events or rejections of these rows, each from its own line."""
        builder = RowBuilder(tz)
        built = []
        for row, text in zip(rows.tolist(), texts.gather(rows).to_list()):
            line = first_line + row
            record = record_of_line(line, text.encode("utf-8"), bound)
            result = record if record.__class__ is str else \
                builder.build(rename_record(record, IDENTITY), seq_start + row, path, line)
            built.append(Rejected(path, line, result) if result.__class__ is str else result)
        return built

    # An escape may stand for any character, and a tab or carriage return the native parser
    # takes into a text is one the row reader refuses: the cells are then checked, as are a
    # block's holding an unsafe character.
    clean = not has_unsafe_bytes(block) and not any(byte in block for byte in (b"\\", b"\t", b"\r"))
    return events_of_text(raw, path, tz, seq_start, np.arange(first_line, first_line + count),
                          clean, theirs, rebuild)
