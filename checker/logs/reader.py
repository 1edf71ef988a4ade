"""read_logs: every input file, whatever its format, into events and rejected rows.

Every data row becomes either an Event or a Rejected row, so `rows == events + rejected`.
In the wide layout a "row" is one potential event: each non-empty event-time cell of a
spreadsheet row counts once (see docs/log-formats.md).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable
from zoneinfo import ZoneInfo

from checker import limits
from checker.errors import CheckerError, file_error
from checker.logs.badrow import BadRow
from checker.logs.csv_reader import read_csv_table
from checker.logs.encoding import detect_encoding
from checker.logs.jsonl_reader import read_jsonl_records
from checker.logs.header import clean_header, find_header
from checker.logs.mapping import (ASSUMED, IDENTITY, Mapping, choose_plan, rename_record,
                                  wide_rows)
from checker.logs.assumptions import assumption_notes, fill_from_any_row
from checker.logs.rows import CellPlan, RowBuilder
from checker.logs.xlsx_reader import read_xlsx_rows
from checker.model import Event, Rejected
from checker.vocabulary import EVENTS

# A long table without an `actor` column records who acted for no event.
NO_ACTOR_COLUMN = frozenset(f"{event}.actor" for event in EVENTS)

PROGRESS_EVERY = 10_000

FORMATS = {".csv": "csv", ".txt": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".xlsx": "xlsx",
           ".parquet": "parquet"}


@dataclass
class LogData:
    events: list[Event] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    rows: int = 0              # every data row read: always len(events) + len(rejected)
    sources: list[str] = field(default_factory=list)
    # What the reader had to note or assume (checker.model.DataNote), and per source the
    # events its mapping declares the platform does not record.
    data_notes: list = field(default_factory=list)
    unrecorded: dict[str, frozenset[str]] = field(default_factory=dict)


class _Collector:
    """Takes canonical rows one by one, numbers the events, counts and reports progress."""

    def __init__(self, tz: ZoneInfo, progress: Callable[[int], None] | None):
        self.tz = tz
        self.data = LogData()
        self.progress = progress
        self.next_progress = PROGRESS_EVERY
        self._builders: dict[int, RowBuilder] = {}
        self.unit_from_any_row = False      # the file being read takes units from any row

    def builder(self, mapping: Mapping) -> RowBuilder:
        builder = self._builders.get(id(mapping))
        if builder is None:
            builder = RowBuilder(self.tz, mapping.values, mapping.timestamp_formats,
                                 unit_from_any_row=mapping.ticket_attributes.get("unit") == "from_any_row",
                                 unrecorded=mapping.declared_unrecorded())
            self._builders[id(mapping)] = builder
        return builder

    def add(self, builder: RowBuilder, row: dict, source: str, line: int, sheet: str | None = None):
        data = self.data
        result = builder.build(row, data.rows, source, line)
        if result.__class__ is str:
            data.rejected.append(Rejected(source, line, result, sheet))
        else:
            data.events.append(result)
        data.rows += 1
        if data.rows >= self.next_progress and self.progress is not None:
            self.progress(data.rows)
            self.next_progress += PROGRESS_EVERY
        return result

    def add_tables(self, builder: RowBuilder, plan: CellPlan, rows, source: str):
        """The hot loop of long-layout tables: one event or rejection per row."""
        data = self.data
        events, rejected = data.events, data.rejected
        build = builder.build_cells
        count = data.rows
        for sheet, line, cells in rows:
            if cells.__class__ is BadRow:    # the file reader could not cut this row
                rejected.append(Rejected(source, line, cells.reason, sheet))
                count += 1
                continue
            result = build(cells, plan, count, source, line)
            if result.__class__ is str:
                rejected.append(Rejected(source, line, result, sheet))
            else:
                events.append(result)
            count += 1
            if count >= self.next_progress and self.progress is not None:
                data.rows = count
                self.progress(count)
                self.next_progress += PROGRESS_EVERY
        data.rows = count

    def reject(self, source: str, line: int, reason: str, sheet: str | None = None):
        self.data.rejected.append(Rejected(source, line, reason, sheet))
        self.data.rows += 1


def read_logs(paths: list[str], tz: ZoneInfo, mapping: Mapping | None = None,
              progress: Callable[[int], None] | None = None) -> LogData:
    """Events and rejected rows of all inputs, in input order; `Event.seq` runs across them.

    Raises CheckerError naming the file for what stops a whole file: missing, unreadable,
    unsupported extension, not a workbook, required columns absent."""
    collector = _Collector(tz, progress)
    for path in paths:
        kind = _kind_of(path)
        first_event = len(collector.data.events)
        if kind == "csv":
            _read_table(path, _csv_rows(path, mapping), mapping, collector)
        elif kind == "xlsx":
            _read_table(path, read_xlsx_rows(path, mapping.sheet if mapping else None),
                        mapping, collector)
        elif kind == "parquet":
            from checker.logs.parquet_reader import read_parquet_rows
            _read_table(path, read_parquet_rows(path, tz), mapping, collector)
        else:
            _read_jsonl(path, mapping, collector)
        collector.data.sources.append(path)
        if collector.unit_from_any_row:
            fill_from_any_row(collector.data, first_event)
            collector.unit_from_any_row = False
    if progress is not None:
        progress(collector.data.rows)
    return collector.data


def _kind_of(path: str) -> str:
    if not os.path.exists(path):
        raise file_error(path, "not_found")
    if os.path.isdir(path):
        raise CheckerError("是文件夹，不是日志文件", file=path)
    bound = limits.byte_limit("LOG_FILE_MB")
    if os.path.getsize(path) > bound:
        raise CheckerError(f"文件大小超过日志文件上限 {limits.limit('LOG_FILE_MB'):g} MB"
                           f"（{limits.env_name('LOG_FILE_MB')}）", file=path)
    extension = os.path.splitext(path)[1].lower()
    kind = FORMATS.get(extension)
    if kind is None:
        known = ", ".join(FORMATS)
        raise CheckerError(f"unsupported log format '{extension or '(none)'}' (use {known})",
                           file=path)
    return kind


def table_rows(path: str, sheet: str | None = None, encoding: str | None = None):
    """(kind, encoding, rows) of a CSV or XLSX file: rows are (sheet, line, cells), the
    header included, as the reader sees them. JSON Lines has no header: CheckerError."""
    kind = _kind_of(path)
    if kind == "csv":
        encoding = encoding or detect_encoding(path)
        return kind, encoding, read_csv_table(path, encoding)
    if kind == "xlsx":
        return kind, None, read_xlsx_rows(path, sheet)
    raise CheckerError("JSON Lines 文件没有表头，无需映射表头；请给出 CSV 或 XLSX 导出", file=path)


def _csv_rows(path: str, mapping: Mapping | None):
    encoding = mapping.encoding if mapping and mapping.encoding else detect_encoding(path)
    return read_csv_table(path, encoding)


def _read_table(path: str, rows, mapping: Mapping | None, collector: _Collector) -> None:
    """CSV and XLSX: the header is the first of the top rows that has the required columns
    (exports put a title line and an 导出时间 line above it); each later row gives its events."""
    def fits(header, line):
        try:
            return choose_plan(header, mapping, path, line)
        except CheckerError:
            return None

    search = find_header(rows, fits)
    if search.found is None:
        if search.guess is None:
            raise CheckerError("文件没有表头行（文件为空）", file=path)
        # The row most like a header names what it lacks (choose_plan raises for it).
        choose_plan(clean_header(search.guess[2]), mapping, path, search.guess[1])
        raise CheckerError("找不到表头行", file=path)
    used, plan = search.found
    missing = set(used.declared_unrecorded())
    if isinstance(plan, CellPlan) and not plan.has("actor"):
        missing.update(NO_ACTOR_COLUMN)
    if missing:
        collector.data.unrecorded[path] = frozenset(missing)
    builder = collector.builder(used)
    collector.unit_from_any_row = builder.unit_from_any_row
    if isinstance(plan, CellPlan):
        collector.add_tables(builder, plan, rows, path)
        return
    add = collector.add
    notes = collector.data.data_notes
    for sheet, line, cells in rows:
        if cells.__class__ is BadRow:
            collector.reject(path, line, cells.reason, sheet)
            continue
        for row in wide_rows(cells, plan):
            if "__rejected__" in row:
                collector.reject(path, line, row["__rejected__"], sheet)
                continue
            assumed = row.pop(ASSUMED, None)
            event = add(builder, row, path, line, sheet)
            if event.__class__ is not str:
                notes.extend(assumption_notes(event, assumed, missing))


def _read_jsonl(path: str, mapping: Mapping | None, collector: _Collector) -> None:
    used = mapping or IDENTITY
    if used.layout != "long":
        raise CheckerError(f"mapping {used.id} is a wide layout, which applies to CSV and XLSX "
                           f"tables, not to JSON Lines", file=path)
    missing = used.declared_unrecorded()
    if missing:
        collector.data.unrecorded[path] = missing
    builder = collector.builder(used)
    for line, record in read_jsonl_records(path):
        if record.__class__ is str:
            collector.reject(path, line, record)
        else:
            collector.add(builder, rename_record(record, used), path, line)
