"""Findings as columns: what the JSON, CSV and Parquet writers write, without one Python
object per finding.

The columnar engine hands its findings over as these columns; the per-ticket engine's
`Finding` list is turned into the same columns first (checker.finding_frame), so each format
has one writer. Text is shown through the one masking function, applied to each DISTINCT value
once and joined back (`per_distinct`), except a text no writer changes, taken as it is
(`shown_per_distinct`: most ticket numbers); instants are formatted column by column.
"""

from __future__ import annotations

from typing import Callable

import polars as pl

from checker.columnar.in_order import WORKERS
from checker.output.sanitize import (ASCII_SEPARATORS, DIGIT_BEFORE_X, FEWEST_DIGITS_MASKED,
                                     MAY_BE_NUMBER_RUN)

# The fields of a finding, in the order of schemas/findings.schema.json.
TEXT_FIELDS = ("ticket_id", "rule", "clause", "severity", "unit", "message", "status", "check",
               "responsible", "note", "version")
INSTANT_FIELDS = ("due", "actual")
SCHEMA = {"ticket_id": pl.String, "rule": pl.String, "clause": pl.String,
          "severity": pl.String, "unit": pl.String, "due": pl.Int64, "actual": pl.Int64,
          "message": pl.String, "status": pl.String, "check": pl.String,
          "responsible": pl.String, "note": pl.String, "version": pl.String}


def result_frame(result) -> pl.DataFrame:
    """The findings of an AuditResult as columns (checker.finding_frame): the audit's own frame
    when it came as columns, else its Finding objects turned into them."""
    return result.finding_frame


# The fields of a data note (checker.model.DataNote).
NOTE_SCHEMA = {"kind": pl.String, "ticket_id": pl.String, "rule": pl.String, "message": pl.String,
               "source": pl.String, "line": pl.Int64}


def notes_frame(result) -> pl.DataFrame:
    """The data notes of an AuditResult as the columns of NOTE_SCHEMA."""
    return pl.DataFrame({name: [getattr(note, name) for note in result.data_notes]
                         for name in NOTE_SCHEMA}, schema=NOTE_SCHEMA)


def per_distinct(series: pl.Series, function: Callable[[object], object],
                 dtype=pl.String) -> pl.Series:
    """`function` of each value, computed once per distinct value (nulls stay null)."""
    distinct = series.drop_nulls().unique()
    return _replaced(series, distinct, [function(key) for key in distinct.to_list()], dtype)


def _replaced(series: pl.Series, distinct: pl.Series, values: list, dtype) -> pl.Series:
    """Each value of `series` replaced by the one of `values` at its place in `distinct`."""
    if distinct.len() == 0:
        return pl.Series(series.name, [None] * series.len(), dtype=dtype)
    return series.replace_strict(distinct, values, default=None, return_dtype=dtype)


def left_as_written(series: pl.Series) -> pl.Series:
    """Whether each text comes out of the JSON and CSV writers exactly as written: printable
    ASCII that needs no JSON escape nor CSV quote (no quote, backslash or comma), does not
    start like a formula, and cannot hold a number `mask_personal` masks. False for null."""
    text = pl.col("text").str
    safe = text.contains(r"^[\x20-\x7e]+$") & ~text.contains(r'["\\,]|^[=+\-@]')
    few_digits = text.count_matches(r"[0-9]") < FEWEST_DIGITS_MASKED
    lone_runs = ~text.contains(f"{ASCII_SEPARATORS}|{DIGIT_BEFORE_X}|{MAY_BE_NUMBER_RUN}")
    return pl.DataFrame({"text": series}).select(
        (safe & (few_digits | lone_runs)).fill_null(False)).to_series().rename(series.name)


def shown_expression(series: pl.Series, function: Callable[[str], str], before: str = "",
                     after: str = "", most_distinct: int | None = None) -> pl.Expr | None:
    """What shown_per_distinct gives, as an expression over a frame holding `series`' column
    (so that it can be applied to each piece of a longer column); None when more than
    `most_distinct` distinct texts would have to be looked up."""
    distinct = series.drop_nulls().unique()
    plain = left_as_written(distinct)
    column = pl.col(series.name)
    if plain.all():             # ticket numbers, mostly: no value to look up
        return pl.concat_str([pl.lit(before), column, pl.lit(after)])
    if most_distinct is not None and len(distinct) > most_distinct:
        return None
    shown = [before + text + after if kept else function(text)
             for text, kept in zip(distinct.to_list(), plain.to_list())]
    return column.replace_strict(distinct, shown, default=None, return_dtype=pl.String)


def shown_per_distinct(series: pl.Series, function: Callable[[str], str],
                       before: str = "", after: str = "") -> pl.Series:
    """`function` of each text (once per distinct value, nulls stay null), where a text left as
    written by every writer (`left_as_written`) is taken as it is between `before` and
    `after`, without calling `function`: it must give just that for such a text."""
    return series.to_frame().select(shown_expression(series, function, before, after)).to_series()


def _offset_text(seconds: int) -> str:
    """+08:00 as datetime.isoformat writes a UTC offset (seconds only when there are any)."""
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02d}:{minutes:02d}" + (f":{seconds:02d}" if seconds else "")


def _local(epochs: pl.Series, timezone: str) -> pl.Series:
    return pl.from_epoch(epochs, time_unit="s").dt.convert_time_zone(timezone).dt.replace_time_zone(None)


def iso_column(epochs: pl.Series, timezone: str) -> pl.Series:
    """checker.timefmt.iso of every instant: 2024-05-11T10:30:00+08:00; null stays null."""
    local = _local(epochs, timezone)
    offset = (local.dt.epoch("s") - epochs).rename("offset")
    return (local.dt.strftime("%Y-%m-%dT%H:%M:%S") + per_distinct(offset, _offset_text)).rename(epochs.name)


def short_column(epochs: pl.Series, timezone: str) -> pl.Series:
    """checker.timefmt.short of every instant: 2024-05-11 10:30 (seconds when there are any);
    an empty string for null."""
    local = _local(epochs, timezone)
    frame = pl.DataFrame({"local": local})
    return frame.select(
        pl.when(pl.col("local").dt.second() != 0)
        .then(pl.col("local").dt.strftime("%Y-%m-%d %H:%M:%S"))
        .otherwise(pl.col("local").dt.strftime("%Y-%m-%d %H:%M"))
        .fill_null("").alias(epochs.name)).to_series()


def overdue_minutes_column(frame: pl.DataFrame) -> pl.Series:
    """checker.output.labels.overdue_minutes of every finding: whole minutes late, null when
    the finding is not a late event."""
    late = pl.col("actual") - pl.col("due")
    return frame.select(
        pl.when((pl.col("status") == "violated") & (late > 0)).then(late // 60)
        .otherwise(None).alias("overdue_minutes")).to_series()


PIECE = 50_000      # findings written at a time


def chunks(height: int):
    """(offset, length) slices of a column of `height` values, for writing a piece at a time:
    at most PIECE each, of about equal length and, past a tenth of PIECE, as many as the
    writers put together at once (in_order's WORKERS) or a multiple of it."""
    count = -(-height // PIECE)
    if height > PIECE // 10:
        count += -count % WORKERS
    size = -(-height // count) if count else PIECE
    for offset in range(0, height, size):
        yield offset, min(size, height - offset)
