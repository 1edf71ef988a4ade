"""The events of the inputs split by ticket into buckets on disk.

Every file is read in the input order by the readers a run in memory uses, so each row
becomes the same event or the same rejected row, with the same `seq` running across the
files: a canonical Parquet file batch by batch (its metadata's row groups, a million rows at
most at once), every other file whole (one part of a folder at a time). Each batch of events
is cut by a hash of its ticket number into `count` buckets and written as Parquet beside
the others of its bucket, so every row of a ticket lands in one bucket and memory holds one
batch. What is not an event — rejected rows, the readers' data notes, what each source does
not record, the row count — stays in memory, as in a run that reads the log whole.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
import polars as pl

from checker.columnar.table import COLUMNS, SCHEMA
from checker.logs.mapping import REQUIRED_COLUMNS
from checker.logs.reader import NO_ACTOR_COLUMN, LogData
from checker.vocabulary import CANONICAL_COLUMNS

HASH_SEED = 20240101


@dataclass
class SplitLog(LogData):
    """A LogData whose events are in bucket files under `folder`, not in memory."""
    event_count: int = 0
    latest: int | None = None       # the latest instant of every event
    folder: str = ""
    buckets: int = 0

    def bucket_files(self, bucket: int) -> list[str]:
        prefix = f"b{bucket:05d}-"
        return sorted(os.path.join(self.folder, name) for name in os.listdir(self.folder)
                      if name.startswith(prefix))

    def bucket_frame(self, bucket: int) -> pl.DataFrame:
        files = self.bucket_files(bucket)
        if not files:
            return pl.DataFrame(schema={name: SCHEMA[name] for name in COLUMNS})
        return pl.read_parquet(files).select(pl.col(name).cast(SCHEMA[name]) for name in COLUMNS)


# Events gathered before they are cut into buckets and written: a reader's batch is small
# (100,000 rows of Parquet), and a file per batch and bucket would be many small files to
# write and to read back.
FLUSH_ROWS = 2_000_000


class _Writer:
    def __init__(self, log: SplitLog):
        self.log = log
        self.batches = 0
        self.gathered: list[pl.DataFrame] = []
        self.gathered_rows = 0

    def write(self, frame: pl.DataFrame) -> None:
        log = self.log
        if frame.height == 0:
            return
        frame = frame.select(COLUMNS)
        latest = frame.get_column("at").max()
        if latest is not None and (log.latest is None or latest > log.latest):
            log.latest = latest
        log.event_count += frame.height
        self.gathered.append(frame)
        self.gathered_rows += frame.height
        if self.gathered_rows >= FLUSH_ROWS:
            self.flush()

    def flush(self) -> None:
        """The gathered events cut by ticket into their buckets, a file each."""
        if not self.gathered:
            return
        frame = pl.concat(self.gathered) if len(self.gathered) > 1 else self.gathered[0]
        self.gathered, self.gathered_rows = [], 0
        log = self.log
        bucket = (pl.col("ticket_id").hash(seed=HASH_SEED) % log.buckets).alias("_bucket")
        parts = frame.with_columns(bucket).partition_by("_bucket", as_dict=True, include_key=False)
        for (number,), part in parts.items():
            part.write_parquet(os.path.join(log.folder, f"b{number:05d}-{self.batches:07d}.parquet"),
                               compression="lz4")
        self.batches += 1


def split_logs(files: list[str], tz, count: int, folder: str, mapping=None,
               progress=None) -> SplitLog:
    """The inputs read into `count` bucket files under `folder` (which the caller removes)."""
    log = SplitLog(folder=folder, buckets=count)
    writer = _Writer(log)
    for path in files:
        csv = _large_canonical_csv(path) if mapping is None else None
        if csv is not None:
            _split_csv(csv, tz, log, writer, progress)
        elif mapping is None and (columns := _canonical_parquet(path)) is not None:
            _split_parquet(path, columns, tz, log, writer, progress)
        else:
            _split_file(path, tz, mapping, log, writer, progress)
        log.sources.append(path)
    writer.flush()
    if progress is not None:
        progress(log.rows)
    return log


def _canonical_parquet(path: str) -> list[str] | None:
    """The columns of a Parquet file in the canonical layout; None for any other file."""
    if os.path.splitext(path)[1].lower() != ".parquet":
        return None
    from checker.logs.parquet_reader import parquet_columns
    columns = parquet_columns(path)
    return columns if set(REQUIRED_COLUMNS) <= set(columns) <= set(CANONICAL_COLUMNS) else None


def _split_parquet(path: str, columns: list[str], tz, log: SplitLog, writer: _Writer,
                   progress) -> None:
    """A Parquet file batch by batch, two batches checked at a time (in_order)."""
    from checker.columnar.in_order import in_order
    from checker.columnar.reader import events_of_text
    from checker.logs.parquet_reader import numbered_batches
    if "actor" not in columns:     # as the row readers say it: no actor recorded
        log.unrecorded[path] = NO_ACTOR_COLUMN

    def check(item):
        raw, before = item
        # Input positions counted from 0 here, moved on to the log's when the batch is taken;
        # a Parquet row's line is its row number from 1.
        return events_of_text(raw, path, tz, 0, np.arange(before + 1, before + raw.height + 1))

    for frame, rejected, rows in in_order(check, numbered_batches(path, tz, _PARQUET_BATCH_ROWS)):
        writer.write(_after_rows(frame, log.rows))
        log.rejected.extend(rejected)
        log.rows += rows
        if progress is not None:
            progress(log.rows)


# Two batches are checked at a time: half the rows each keeps the memory of one batch.
_PARQUET_BATCH_ROWS = 500_000


def _after_rows(frame: pl.DataFrame, rows: int) -> pl.DataFrame:
    """The events of a part read with input positions from 0, placed after `rows` rows."""
    return frame.with_columns(pl.col("seq") + rows) if rows else frame


def _large_canonical_csv(path: str):
    from checker.buckets import csv_blocks
    if os.path.splitext(path)[1].lower() not in (".csv", ".txt") or not os.path.isfile(path) \
            or os.path.getsize(path) <= csv_blocks.BLOCK_BYTES:
        return None
    return csv_blocks.canonical_csv(path)


def _split_csv(csv, tz, log: SplitLog, writer: _Writer, progress) -> None:
    """A CSV larger than a block, block by block: natively where a block allows it (two
    blocks checked at a time, in_order), else by the row readers, every row at its line in
    the file."""
    from checker.buckets.csv_blocks import blocks
    from checker.columnar.in_order import in_order
    from checker.columnar.reader import events_of_block
    if "actor" not in csv.header:
        log.unrecorded[csv.path] = NO_ACTOR_COLUMN

    def check(block):
        """(the events natively, None) or (None, the block for the row readers)."""
        built = None if block.text is None else \
            events_of_block(block.text, csv.header, csv.path, tz, 0, block.first_line)
        return (built, None) if built is not None else (None, block)

    for built, block in in_order(check, blocks(csv)):
        if built is None:
            frame, rejected, rows = _rows_of_block(csv, block, tz, log.rows, log.folder)
        else:
            frame, rejected, rows = built
            frame = _after_rows(frame, log.rows)
        del block
        writer.write(frame)
        log.rejected.extend(rejected)
        log.rows += rows
        if progress is not None:
            progress(log.rows)


def _rows_of_block(csv, block, tz, seq_start: int, folder: str):
    """A block the native parser cannot take, read by the row readers from a file of its own
    (the header and the block's bytes), its rows moved back to their file and lines."""
    from dataclasses import replace

    from checker.columnar.table import frame_of_events
    from checker.logs.mapping import IDENTITY
    from checker.logs.reader import read_logs
    from checker.model import Rejected
    piece = os.path.join(folder, "block.csv")
    with open(piece, "wb") as stream:
        stream.write(csv.header_raw if csv.header_raw.endswith(b"\n") else csv.header_raw + b"\n")
        stream.write(block.raw)
    try:
        part = read_logs([piece], tz, mapping=replace(IDENTITY, encoding=csv.encoding))
    finally:
        os.unlink(piece)
    shift = block.first_line - 2            # the piece's first data line is line 2
    frame = frame_of_events(part.events).with_columns(
        pl.lit(csv.path).alias("source"), pl.col("line") + shift, pl.col("seq") + seq_start)
    rejected = [Rejected(csv.path, item.line + shift, item.reason, item.sheet) for item in part.rejected]
    return frame, rejected, part.rows


def _split_file(path: str, tz, mapping, log: SplitLog, writer: _Writer, progress) -> None:
    from checker.columnar.reader import read_logs_frame
    part = read_logs_frame([path], tz, mapping=mapping, progress=progress)
    writer.write(part.frame.with_columns(pl.col("seq") + log.rows))
    log.rejected.extend(part.rejected)
    log.data_notes.extend(part.data_notes)
    log.unrecorded.update(part.unrecorded)
    log.rows += part.rows
