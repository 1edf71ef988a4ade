"""JSON Lines logs: one JSON object per line; blank lines are skipped.

Each line is read as bytes and decoded on its own: a line that is not UTF-8, not JSON, not
an object, or nested deeper than the bound (checker.limits JSON_DEPTH) is one rejected row
at its line, and the lines after it are read. Text inside a record that a terminal or an
XML file would act on — escaped lone surrogates (\\ud800), NUL, ESC, U+FFFE — is replaced
with U+FFFD as the record is read (checker.output.sanitize), so no output fails on it later.
A key given twice in one object keeps its first value (JSON leaves it open; the column-wise
reading, checker.columnar.jsonl_columns, keeps the first too).
"""

from __future__ import annotations

import json
from typing import Iterator

from checker import limits
from checker.errors import file_error
from checker.i18n import say
from checker.logs.csv_reader import refuse_binary
from checker.logs.rows import reason
from checker.output.sanitize import clean_input, has_unsafe

ROW_MESSAGES = {
    "not_utf8": {"zh": "不是 UTF-8 文本（本行第 {column} 个字节起）",
                 "en": "not UTF-8 text (from byte {column} of the line)"},
    "too_deep": {"zh": "JSON 嵌套超过 {limit} 层", "en": "JSON nested deeper than {limit} levels"},
}


def _row(key: str, **values) -> str:
    return say(ROW_MESSAGES, key, "en", **values)


def _depth_exceeds(text: str, bound: int) -> bool:
    """Whether brackets outside strings nest deeper than `bound` (checked before parsing, so
    that a line of 100,000 '[' never reaches the recursive parser)."""
    depth = 0
    in_string = escaped = False
    for character in text:
        if in_string:
            if escaped:
                escaped = False
            elif character == "\\":
                escaped = True
            elif character == '"':
                in_string = False
        elif character == '"':
            in_string = True
        elif character in "[{":
            depth += 1
            if depth > bound:
                return True
        elif character in "]}":
            depth -= 1
    return False


def _cleaned(value):
    if isinstance(value, str):
        return clean_input(value).replace("\r", "\ufffd") if has_unsafe(value) else value
    if isinstance(value, dict):
        return {_cleaned(key): _cleaned(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_cleaned(item) for item in value]
    return value


def read_jsonl_records(path: str) -> Iterator[tuple[int, dict | str]]:
    """(line, record) for every non-blank line; a line that cannot be a record gives
    (line, rejection reason) instead, so the caller rejects it and reads on."""
    try:
        stream = open(path, "rb")
    except OSError as error:
        raise file_error(path, "unreadable", error) from None
    bound = limits.int_limit("JSON_DEPTH")
    with stream:
        head = stream.read(65536)
        if not head.startswith(b"\xef\xbb\xbf"):
            refuse_binary(head, path)
        stream.seek(0)
        for number, raw in enumerate(stream, start=1):
            record = record_of_line(number, raw, bound)
            if record is not None:
                yield number, record


def record_of_line(number: int, raw: bytes, bound: int) -> dict | str | None:
    """The record of line `number` (its bytes `raw`), the reason it cannot be one, or None for
    a blank line. A key given twice in one object keeps its first value (checker.columnar reads
    a record so too)."""
    try:
        text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as error:
        return _row("not_utf8", column=error.start + 1)
    if not text.strip():
        return None
    if (text.count("[") + text.count("{") > bound) and _depth_exceeds(text, bound):
        return _row("too_deep", limit=bound)
    try:
        record = json.loads(text, object_pairs_hook=_first_values)
    except RecursionError:
        return _row("too_deep", limit=bound)
    except ValueError as error:
        return reason("bad_json", detail=getattr(error, "msg", str(error)))
    if not isinstance(record, dict):
        return reason("not_object")
    if "\\u" in text or has_unsafe(text):
        record = _cleaned(record)
    return record


def _first_values(pairs: list) -> dict:
    """An object's keys, each with its first value."""
    found: dict = {}
    for key, value in pairs:
        if key not in found:
            found[key] = value
    return found
