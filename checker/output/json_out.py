"""The findings JSON of DESIGN.md (schema: schemas/findings.schema.json).

The findings (and the data notes) are written from their columns
(checker/output/finding_columns.py): each distinct value is encoded, cleaned and masked once
(a text no writer changes is taken as it is), the records are put together column-wise
and the document comes out in pieces, so a million findings are never a million dicts. The
text is the one `json.dumps(…, ensure_ascii=False, indent=2)` of `result_to_dict` would write
(tests/test_output_columns.py compares them byte for byte).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Iterator
from zoneinfo import ZoneInfo

import polars as pl

from checker.columnar.in_order import in_order
from checker.model import AuditResult, Finding, Rejected
from checker.output.audit_notes import data_note_to_dict, unjudged_to_dict
from checker.output.finding_columns import (INSTANT_FIELDS, NOTE_SCHEMA, chunks, iso_column,
                                            notes_frame, result_frame, shown_expression,
                                            shown_per_distinct)
from checker.output.labels import rejected_reason
from checker.output.sanitize import mask_personal, shown_output
from checker.timefmt import iso

# The keys of a finding in the JSON, and the column each is written from.
KEYS = (("ticket_id", "ticket_id"), ("rule", "rule"), ("clause", "clause"),
        ("severity", "severity"), ("unit", "unit"), ("due", "due"), ("actual", "actual"),
        ("message", "message"), ("status", "status"), ("check", "check"),
        ("responsible", "responsible"), ("note", "note"), ("ruleset_version", "version"))
MASKED = frozenset({"message", "note"})

# A finding's message is its check's, and notes repeat: each text is masked once.
_masked = lru_cache(maxsize=1 << 16)(mask_personal)


def finding_to_dict(finding: Finding, tz: ZoneInfo) -> dict:
    """One finding as the JSON holds it (explain's findings)."""
    values = {"due": iso(finding.due, tz), "actual": iso(finding.actual, tz)}
    return {key: values[column] if column in values
            else _masked(getattr(finding, column)) if column in MASKED
            else getattr(finding, column) for key, column in KEYS}


def rejected_to_dict(rejected: Rejected, lang: str = "zh") -> dict:
    entry = {"source": rejected.source, "line": rejected.line, "reason": rejected_reason(rejected, lang)}
    if rejected.sheet is not None:
        entry["sheet"] = rejected.sheet
    return entry


def result_to_dict(result: AuditResult, findings: bool = True, lang: str = "zh",
                   data_notes: bool = True) -> dict:
    """The document as a dict; `findings=False` (`data_notes=False`) leaves that list empty."""
    tz = ZoneInfo(result.timezone)
    return {
        "ruleset": {"id": result.ruleset_id, "source": result.ruleset_source,
                    "file": result.ruleset_file, "hash": result.ruleset_hash,
                    **({"versions": result.ruleset_versions} if result.ruleset_versions else {})},
        "as_of": iso(result.as_of, tz),
        "summary": result.summary(),
        "findings": [finding_to_dict(finding, tz) for finding in result.findings] if findings else [],
        "rejected": [rejected_to_dict(rejected, lang) for rejected in result.rejected],
        "unjudged": [unjudged_to_dict(item) for item in result.unjudged],
        "data_notes": [data_note_to_dict(note) for note in result.data_notes] if data_notes else [],
    }


def json_token(value: str, masked: bool) -> str:
    """A string value as the JSON text shows it: encoded, then cleaned and masked."""
    return shown_output(json.dumps(_masked(value) if masked else value, ensure_ascii=False))


def column_token(column: str):
    """json_token for the values of a column, masked where the column is (MASKED)."""
    masked = column in MASKED
    return lambda value: json_token(value, masked)


# The keys of a data note in the JSON (data_note_to_dict), each written from its field.
NOTE_KEYS = tuple(NOTE_SCHEMA)


# A text column of at most this many distinct values is looked up once for the whole list;
# one of more (ticket numbers that need escaping or masking) a piece at a time.
_SHARED_DISTINCT = 1 << 16


def _value_of(frame: pl.DataFrame, column: str):
    """How the values of a column are written in every piece of the list: an expression over a
    piece's columns, or None for a column worked out piece by piece (_piece_value)."""
    series = frame.get_column(column)
    if column in INSTANT_FIELDS or series.dtype.is_integer():
        return None
    return shown_expression(series, column_token(column), '"', '"', _SHARED_DISTINCT)


def _piece_value(series: pl.Series, column: str, timezone: str) -> pl.Series:
    """The JSON values of one piece of a column (_value_of gave None)."""
    if column in INSTANT_FIELDS:
        # ISO instants hold no character to escape and no run of digits a mask matches.
        return '"' + iso_column(series, timezone) + '"'
    if series.dtype.is_integer():
        # As the whole text was masked: a number as long as a phone number would be.
        return shown_per_distinct(series.cast(pl.String), shown_output)
    return shown_per_distinct(series, column_token(column), '"', '"')


def _list_pieces(name: str, frame: pl.DataFrame, keys, timezone: str) -> Iterator[str | bytes]:
    """`"name": [...]` of the document (the text after its key's indentation), a piece at a time.

    Each row's JSON object is put together in one query per piece, at the indentation of a
    list of the document, each after `,` and a line end but the list's first; text is encoded,
    cleaned and masked per distinct value. A query runs on one core: two pieces are put
    together at a time (in_order), in the list's order."""
    yield f'\n  "{name}": [\n'
    shared = {column: _value_of(frame, column) for _, column in keys}

    def records(piece_at) -> bytes:
        offset, length = piece_at
        piece = frame.slice(offset, length)
        parts: list = []
        for position, (key, column) in enumerate(keys):
            value = shared[column] if shared[column] is not None \
                else pl.lit(_piece_value(piece.get_column(column), column, timezone))
            parts.append(pl.lit(("    {\n" if position == 0 else ",\n") + f'      "{key}": '))
            parts.append(value.fill_null("null"))
        parts.append(pl.lit("\n    }"))
        after = pl.lit(",\n") if offset else \
            pl.when(pl.int_range(pl.len()) == 0).then(pl.lit("")).otherwise(pl.lit(",\n"))
        text = piece.select(pl.concat_str([after, *parts])).to_series()
        # As UTF-8 bytes straight from the column: no Python string to build and encode again.
        return text.str.join("").cast(pl.Binary).item()

    # Built a piece at a time: the text of every record is never in memory at once.
    yield from in_order(records, chunks(frame.height))
    yield "\n  ]"


def json_pieces(result: AuditResult, lang: str = "zh") -> Iterator[str | bytes]:
    """The JSON document in pieces, each already cleaned and masked: text, or the UTF-8 bytes
    of the records."""
    text = shown_output(json.dumps(result_to_dict(result, findings=False, lang=lang, data_notes=False),
                                   ensure_ascii=False, indent=2) + "\n")
    head, rest = text.split(_empty("findings"), 1)
    middle, tail = rest.split(_empty("data_notes"), 1)
    yield head
    frame = result_frame(result)
    if frame.height:
        yield from _list_pieces("findings", frame, KEYS, result.timezone)
    else:
        yield _empty("findings")
    yield middle
    if result.data_notes:
        yield from _list_pieces("data_notes", notes_frame(result), [(key, key) for key in NOTE_KEYS],
                                result.timezone)
    else:
        yield _empty("data_notes")
    yield tail


def _empty(name: str) -> str:
    return f'\n  "{name}": []'


def render_json(result: AuditResult, lang: str = "zh") -> str:
    """Keys and codes (rule ids, severities, statuses) are the same in every language; the texts
    for people (messages, rejected rows' reasons) are in the run's language."""
    return "".join(piece if isinstance(piece, str) else piece.decode("utf-8")
                   for piece in json_pieces(result, lang))
