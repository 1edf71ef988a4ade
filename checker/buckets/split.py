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


class _Writer:
    def __init__(self, log: SplitLog):
        self.log = log
        self.batches = 0

    def write(self, frame: pl.DataFrame) -> None:
        log = self.log
        if frame.height == 0:
            return
        frame = frame.select(COLUMNS)
        latest = frame.get_column("at").max()
        if latest is not None and (log.latest is None or latest > log.latest):
            log.latest = latest
        log.event_count += frame.height
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
        if mapping is None and _canonical_parquet(path):
            _split_parquet(path, tz, log, writer, progress)
        else:
            _split_file(path, tz, mapping, log, writer, progress)
        log.sources.append(path)
    if progress is not None:
        progress(log.rows)
    return log


def _canonical_parquet(path: str) -> bool:
    if os.path.splitext(path)[1].lower() != ".parquet":
        return False
    from checker.logs.parquet_reader import parquet_columns
    columns = set(parquet_columns(path))
    return {"ticket_id", "event", "at"} <= columns <= set(CANONICAL_COLUMNS)


def _split_parquet(path: str, tz, log: SplitLog, writer: _Writer, progress) -> None:
    from checker.columnar.reader import events_of_text
    from checker.logs.parquet_reader import parquet_batches, parquet_columns
    if "actor" not in parquet_columns(path):     # as the row readers say it: no actor recorded
        log.unrecorded[path] = NO_ACTOR_COLUMN
    line = 1
    for raw in parquet_batches(path, tz):
        lines = np.arange(line, line + raw.height)
        frame, rejected, rows = events_of_text(raw, path, tz, log.rows, lines)
        writer.write(frame)
        log.rejected.extend(rejected)
        log.rows += rows
        line += raw.height
        if progress is not None:
            progress(log.rows)


def _split_file(path: str, tz, mapping, log: SplitLog, writer: _Writer, progress) -> None:
    from checker.columnar.reader import read_logs_frame
    part = read_logs_frame([path], tz, mapping=mapping, progress=progress)
    writer.write(part.frame.with_columns(pl.col("seq") + log.rows))
    log.rejected.extend(part.rejected)
    log.data_notes.extend(part.data_notes)
    log.unrecorded.update(part.unrecorded)
    log.rows += part.rows
