"""JSON Lines logs: one JSON object per line; blank lines are skipped."""

from __future__ import annotations

import json
from typing import Iterator

from checker.errors import CheckerError, file_error
from checker.logs.rows import reason


def read_jsonl_records(path: str) -> Iterator[tuple[int, dict | str]]:
    """(line, record) for every non-blank line; a line that is not a JSON object gives
    (line, rejection reason) instead, so the caller rejects it and reads on."""
    try:
        stream = open(path, "r", encoding="utf-8-sig")
    except OSError as error:
        raise file_error(path, "unreadable", error) from None
    with stream:
        number = 0
        try:
            for number, text in enumerate(stream, start=1):
                if not text.strip():
                    continue
                try:
                    record = json.loads(text)
                except ValueError as error:
                    yield number, reason("bad_json", detail=getattr(error, "msg", str(error)))
                    continue
                if not isinstance(record, dict):
                    yield number, reason("not_object")
                    continue
                yield number, record
        except UnicodeDecodeError as error:
            raise CheckerError(f"not UTF-8 text ({error.reason})", file=path,
                               line=number + 1) from None
