"""Parquet logs: the columns as the text a CSV export would hold, batch by batch.

A data platform writes typed columns; the readers take text. A timestamp column becomes its
wall time in the rule set's timezone (a zoned one is converted, a naive one is taken as wall
time, as a CSV time without offset is), a date stays a date (and is refused as a time, as in
CSV), an integer `at` or `promised_at` is read as epoch seconds (the Arrow layout of
checker.columnar.partition), booleans read `true`/`false`, everything else its text.
Parquet has no header line: a rejected row's line is its row number, the first row being 1.
"""

from __future__ import annotations

from typing import Iterator

import polars as pl
import pyarrow.parquet as pq

from checker.errors import CheckerError
from checker.output.sanitize import clean_input

BATCH_ROWS = 1_000_000
_WALL = "%Y-%m-%d %H:%M:%S"
_INSTANT_COLUMNS = ("at", "promised_at")


def as_text(frame: pl.DataFrame, tz) -> pl.DataFrame:
    """Every column of `frame` as text, the way the module docstring says."""
    converted = []
    for name, dtype in frame.schema.items():
        column = pl.col(name)
        if isinstance(dtype, pl.Datetime):
            if dtype.time_zone is not None:
                column = column.dt.convert_time_zone(str(tz))
            column = column.dt.strftime(_WALL)
        elif dtype == pl.Date:
            column = column.dt.strftime("%Y-%m-%d")
        elif dtype.is_integer() and name in _INSTANT_COLUMNS:
            column = pl.from_epoch(column, time_unit="s").dt.replace_time_zone("UTC") \
                .dt.convert_time_zone(str(tz)).dt.strftime(_WALL)
        elif dtype != pl.String:
            column = column.cast(pl.String)
        converted.append(column.alias(name))
    return frame.select(converted)


def _open(path: str) -> pq.ParquetFile:
    try:
        return pq.ParquetFile(path)
    except OSError as error:
        raise CheckerError(f"不是可读的 Parquet 文件：{error}", file=path) from None
    except Exception as error:       # pyarrow's ArrowInvalid for a file that is not Parquet
        raise CheckerError(f"不是可读的 Parquet 文件：{error}", file=path) from None


def parquet_columns(path: str) -> list[str]:
    return list(_open(path).schema_arrow.names)


def parquet_batches(path: str, tz, batch_rows: int = BATCH_ROWS) -> Iterator[pl.DataFrame]:
    """The file's rows as text frames of at most `batch_rows` rows each, in file order."""
    _open(path)
    try:
        # polars' streaming engine: one batch decoded at a time, no arrow memory pool kept.
        for batch in pl.scan_parquet(path).collect_batches(chunk_size=batch_rows):
            yield as_text(batch, tz)
    except CheckerError:
        raise
    except (Exception, pl.exceptions.PanicException) as error:     # a panic is not an Exception
        raise CheckerError(f"Parquet 文件读取失败：{error}", file=path) from None


def numbered_batches(path: str, tz, batch_rows: int) -> Iterator[tuple[pl.DataFrame, int]]:
    """parquet_batches, each with the number of rows before it; a batch is not held here
    while the next is read (the caller may be working on several)."""
    before = 0
    for frame in parquet_batches(path, tz, batch_rows):
        height = frame.height
        yield frame, before
        del frame
        before += height


def read_parquet_rows(path: str, tz) -> Iterator[tuple]:
    """(sheet, line, cells) as the table readers give them: the column names first (line 0),
    then each row at its row number."""
    yield None, 0, parquet_columns(path)
    line = 1
    for frame in parquet_batches(path, tz, 100_000):
        for cells in frame.iter_rows():
            # Every cell of every log is cleaned once, as the CSV reader cleans its lines.
            yield None, line, [None if cell is None else clean_input(cell) for cell in cells]
            line += 1
