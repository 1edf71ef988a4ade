"""Findings as CSV for Excel: one row per finding, headers in the report language, every text
cell masked and defused (DESIGN.md: cells starting with = + - @ are neutralised).

Written from the finding columns (checker/output/finding_columns.py), and the data notes below
them from theirs: each distinct cell is defused, quoted, cleaned and masked once, the rows are
put together column-wise and come out in pieces.
"""

from __future__ import annotations

import csv
import io
from types import SimpleNamespace
from typing import Iterator

import polars as pl

from checker.columnar.in_order import in_order

from checker.model import AuditResult
from checker.output import audit_notes
from checker.output.finding_columns import (chunks, notes_frame, overdue_minutes_column,
                                            per_distinct, result_frame, short_column,
                                            shown_per_distinct)
from checker.output.labels import column_name, rule_name, ruleset_ref, status_name, verdict_name
from checker.output.sanitize import mask_personal, neutralize_formula, shown_output

CSV_COLUMNS = ("ticket_id", "unit", "rule", "rule_name", "clause", "severity", "status", "due",
               "actual", "overdue_minutes", "message", "note", "ruleset_file")


def _row_text(cells: list) -> str:
    """One row as the csv module writes it (the default dialect, quoting when needed)."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerow(cells)
    return buffer.getvalue()


def _cell(value) -> str:
    """A cell as the file shows it: defused, quoted when needed, then cleaned and masked."""
    cell = neutralize_formula(value) if isinstance(value, str) else value
    return shown_output(_row_text([cell, ""])[:-len(",\r\n")])


def _same(value):
    return value


def shown(series: pl.Series, function=_same) -> pl.Series:
    """The cell of `function` of each value (once per distinct value); null: an empty cell."""
    return per_distinct(series, lambda value: _cell(function(value))).fill_null("")


def as_written(series: pl.Series, function=_same) -> pl.Series:
    """`shown`, for a `function` that leaves a text left as written as it is."""
    return shown_per_distinct(series, lambda value: _cell(function(value))).fill_null("")


def _cells(frame: pl.DataFrame, result: AuditResult, lang: str) -> list[pl.Series]:
    """The columns of CSV_COLUMNS, each value as its cell's text."""
    timezone = result.timezone
    ruleset = ruleset_ref(result.ruleset_file, result.ruleset_hash)
    by_version = {version["file"]: ruleset_ref(version["file"], version["hash"])
                  for version in result.ruleset_versions}

    status_severity = frame.select(pl.concat_str("status", "severity", separator="\x1f")).to_series()
    verdict = per_distinct(status_severity, lambda pair: _cell(verdict_name(
        SimpleNamespace(**dict(zip(("status", "severity"), pair.split("\x1f")))), lang)))
    column = frame.get_column
    return [
        as_written(column("ticket_id")),
        as_written(column("unit")),
        as_written(column("rule")),
        shown(column("rule"), lambda rule: rule_name(rule, lang)),
        as_written(column("clause")),
        verdict,
        shown(column("status"), lambda status: status_name(status, lang)),
        # Instants as `2024-05-11 10:30` need no quoting and hold no run of digits a mask matches.
        short_column(column("due"), timezone),
        short_column(column("actual"), timezone),
        as_written(overdue_minutes_column(frame).cast(pl.String), int),
        as_written(column("message"), lambda text: mask_personal(text) or ""),
        as_written(column("note"), lambda text: mask_personal(text) or ""),
        per_distinct(column("version"), lambda version: _cell(by_version.get(version, ruleset)))
        .fill_null(_cell(ruleset)),
    ]


def _rows(frame: pl.DataFrame, cells_of) -> Iterator[str]:
    """The rows of `cells_of(part)` (a list of cell columns) joined column-wise, a piece at a
    time, two pieces at a time (in_order), in order: the text of every row is never in memory
    at once. Line ends as the cleaning of the whole text leaves them (CR LF becomes LF)."""
    def piece(piece_at) -> str:
        offset, length = piece_at
        cells = cells_of(frame.slice(offset, length))
        rows = pl.select(pl.concat_str([pl.lit(column) for column in cells], separator=",")).to_series()
        return rows.str.join("\n").item() + "\n"

    yield from in_order(piece, chunks(frame.height))


def _note_cells(notes: pl.DataFrame, lang: str) -> list[pl.Series]:
    """The columns of audit_notes.data_note_row, each value as its cell's text."""
    column = notes.get_column
    return [as_written(column("ticket_id")),
            shown(column("kind"), lambda kind: audit_notes.kind_name(kind, lang)),
            as_written(column("message"), lambda text: mask_personal(text) or ""),
            as_written(column("source")),
            # No line (0) is an empty cell.
            as_written(column("line").replace(0, None).cast(pl.String), int)]


def csv_pieces(result: AuditResult, lang: str = "zh") -> Iterator[str]:
    """The CSV text in pieces, each already cleaned and masked."""
    yield shown_output(_row_text([column_name(column, lang) for column in CSV_COLUMNS]))
    frame = result_frame(result)
    if frame.height:
        yield from _rows(frame, lambda part: _cells(part, result, lang))
    # Below the findings, after a blank line each: the rules not checkable, the data notes.
    # One file keeps what a reader must not miss; a spreadsheet user sees them under the list.
    for which, title, headers, rows in audit_notes.sections(result, lang, note_rows=False):
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([])
        writer.writerow([title])
        writer.writerow(headers)
        for row in rows:
            writer.writerow([neutralize_formula(cell) if isinstance(cell, str) else cell for cell in row])
        yield shown_output(buffer.getvalue())
        if which == "data_notes":
            yield from _rows(notes_frame(result), lambda part: _note_cells(part, lang))


def render_csv(result: AuditResult, lang: str = "zh") -> str:
    return "".join(csv_pieces(result, lang))
