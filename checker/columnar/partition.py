"""Auditing one partition of tickets, for a distributed engine (Spark, Dask): Arrow in,
Arrow out. A partition must hold every row of each of its tickets (partition by ticket id);
all partitions are judged at the same as-of instant, the latest of the whole log, so the
union of their findings is what one machine finds.

    findings = audit_partition(events, ruleset, as_of)     # pyarrow.Table -> pyarrow.Table

`events` has the canonical columns of checker.columnar.table.COLUMNS (instants as int64
epoch seconds); `log_to_arrow` gives them for a log read on one machine.
"""

from __future__ import annotations

import polars as pl
import pyarrow as pa

from checker.columnar.table import COLUMNS, SCHEMA

FINDING_SCHEMA = pa.schema([
    ("ticket_id", pa.string()), ("rule", pa.string()), ("check", pa.string()),
    ("clause", pa.string()), ("severity", pa.string()), ("status", pa.string()),
    ("responsible", pa.string()), ("unit", pa.string()), ("due", pa.int64()),
    ("actual", pa.int64()), ("message", pa.string()), ("note", pa.string()),
])


def log_to_arrow(log) -> pa.Table:
    """A log read by checker.logs or checker.columnar.reader, as an Arrow table of events."""
    from checker.columnar.table import frame_of_events
    frame = getattr(log, "frame", None)
    return (frame if frame is not None else frame_of_events(log.events)).select(COLUMNS).to_arrow()


def audit_partition(events: pa.Table, ruleset, as_of: int, lang: str = "zh",
                    pending: bool = False) -> pa.Table:
    """The findings of the tickets in `events`, as an Arrow table (FINDING_SCHEMA)."""
    from checker.columnar.audit import audit_frame
    from checker.engine.audit import AuditOptions
    from checker.finding_frame import frame_of, reported
    frame = pl.from_arrow(events)
    frame = frame.select(pl.col(name).cast(SCHEMA[name]) for name in COLUMNS)
    options = AuditOptions(as_of=as_of, pending=pending, lang=lang, engine="columnar")
    audited = audit_frame(frame, ruleset, options, as_of)
    findings = frame_of(reported(audited.findings, pending, None))
    return findings.select(FINDING_SCHEMA.names).to_arrow().cast(FINDING_SCHEMA)
