"""Logs in the canonical layout read straight into columns (CSV in UTF-8 or GB18030, Parquet).

The fast path reads the whole file in native code (polars), then checks every row
column-wise: a ticket id, an event of the vocabulary, `YYYY-MM-DD HH:MM[:SS]` instants of
the years the readers accept, known values in the vocabulary columns, a unit on dispatches,
the answers of a visit. A row that fails any of these, or holds a control character, is
built by the row readers' own `RowBuilder` instead, so it becomes the same event or the same
rejection, with the same reason, as on the row-by-row path. A file the fast path cannot take
as a whole (a title line above the header, a header that is not canonical, a cell spanning
lines, a CSV the native parser refuses) is left to the row readers: `None` is returned.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

import numpy as np
import polars as pl

from checker.columnar.table import COLUMNS, DICTIONARY_COLUMNS, SCHEMA, frame_of_events
from checker.logs.encoding import detect_encoding
from checker.logs.mapping import REQUIRED_COLUMNS
from checker.logs.reader import NO_ACTOR_COLUMN, LogData, read_logs
from checker.logs.rows import VOCABULARIES, CellPlan, RowBuilder
from checker.logs.timestamps import FIRST_YEAR, LAST_YEAR
from checker.model import Event, Rejected
from checker.output.sanitize import _UNSAFE_INPUT, clean_input
from checker.vocabulary import CANONICAL_COLUMNS, HANDOVER_EVENTS

FAST_EXTENSIONS = (".csv", ".txt", ".parquet")
_WALL = "%Y-%m-%d %H:%M:%S"
_INSTANT = r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$"
_CONTROL = r"[\x00-\x1f\x7f\x85\u2028\u2029]"
_YEARS = (FIRST_YEAR, LAST_YEAR)       # the years the row readers accept


def read_frame(path: str, tz, seq_start: int):
    """((events frame, rejected rows, rows), whether it has an actor column) of one file, or
    None for the row readers."""
    extension = os.path.splitext(path)[1].lower()
    if extension not in FAST_EXTENSIONS or not os.path.isfile(path):
        return None
    if extension == ".parquet":
        raw = _parquet(path, tz)
        lines = None
    else:
        raw = _csv(path)
        if raw is None:
            return None
        lines = np.arange(2, raw.height + 2)
    if raw is None or not set(REQUIRED_COLUMNS) <= set(raw.columns):
        return None
    if lines is None:
        lines = np.arange(1, raw.height + 1)
    clean, has_actor = getattr(raw, "_clean", False), "actor" in raw.columns
    # _build holds the only reference to the text frame, to free it once checked.
    held = [raw]
    del raw
    return _build(held, path, tz, seq_start, lines, clean), has_actor


def _csv(path: str):
    facts = _scan(path)
    header = facts.header.split(",")
    if len(set(header)) != len(header) or not set(header) <= set(CANONICAL_COLUMNS):
        return None
    if facts.blank_line:
        return None
    unsafe = facts.unsafe
    try:
        # Read from the file itself (no copy of its bytes); polars refuses bytes that are
        # not UTF-8, as strictly as Python's codec does, and skips a BOM.
        frame = pl.read_csv(path, infer_schema=False, has_header=True, quote_char='"',
                            schema_overrides=_dictionary(header))
    except Exception:
        # Not UTF-8: a GB18030 export is transcoded; the rest (or a CSV polars cannot
        # parse) is left to the row readers, which say what is wrong.
        # The encoding as the row readers decide it: a UTF-8 file with a stray bad line is
        # theirs (that line rejected), not transcoded from GB18030 as a whole.
        if facts.bom or detect_encoding(path) != "gb18030":
            return None
        with open(path, "rb") as stream:
            data = stream.read()
        try:
            data = data.decode("gb18030").encode("utf-8")
            frame = pl.read_csv(data, infer_schema=False, has_header=True, quote_char='"',
                                schema_overrides=_dictionary(header))
        except Exception:
            return None
        unsafe = has_unsafe_bytes(data)
    # One physical line per row: a quoted cell spanning lines makes fewer rows than lines.
    if frame.height != facts.lines - 1:
        return None
    # A file without control characters needs no check per cell.
    frame._clean = not unsafe
    return frame


@dataclass
class _Facts:
    bom: bool
    header: str          # the first line, as text
    lines: int           # physical lines (a last line without a line end counts)
    blank_line: bool
    unsafe: bool         # has_unsafe_bytes of the whole file


_BLOCK = 1 << 26


def _scan(path: str) -> _Facts:
    """What the fast path must know of a file, read block by block (a few bytes of overlap
    find what straddles two blocks), never the whole file in memory."""
    with open(path, "rb") as stream:
        line = stream.readline(1 << 20)
        bom = line.startswith(b"\xef\xbb\xbf")
        header = line.removeprefix(b"\xef\xbb\xbf").removesuffix(b"\n").rstrip(b"\r").decode("utf-8", "replace")
        stream.seek(3 if bom else 0)
        first = stream.read(_BLOCK)
        lines, blank, unsafe, tail, last = 0, False, False, b"", b""
        block = first
        while block:
            window = tail + block
            lines += block.count(b"\n")
            blank = blank or b"\n\n" in window or b"\r\n\r\n" in window
            unsafe = unsafe or has_unsafe_bytes(window)
            tail, last = window[-3:], block[-1:]
            block = stream.read(_BLOCK)
    return _Facts(bom, header, lines + (0 if last in (b"\n", b"") else 1), blank, unsafe)


def _dictionary(header: list[str]) -> dict:
    """The columns read dictionary-encoded (checker.columnar.table.DICTIONARY_COLUMNS): each
    distinct value is then stripped and checked once."""
    return {name: pl.Categorical for name in header if name in DICTIONARY_COLUMNS}


# What clean_input replaces, and the line breaks a cell may not hold (_CONTROL), as UTF-8:
# the one-byte controls, then each multi-byte range by its lead bytes (found by a fast
# search, UTF-8 never putting a lead byte inside another character).
_UNSAFE_BYTES = bytes([*range(0x00, 0x09), 0x0b, 0x0c, *range(0x0e, 0x20), 0x7f])
_SAFE_BYTES = bytes(b for b in range(256) if b not in _UNSAFE_BYTES)
_UNSAFE_SEQUENCES = tuple(re.compile(pattern) for pattern in (
    rb"\xc2[\x80-\x9f]",                  # C1 controls, NEL among them
    rb"\xe2\x80[\xa8-\xae]",              # line and paragraph separators, bidi embeddings
    rb"\xe2\x81[\xa6-\xa9]",              # bidi isolates
    rb"\xef\xb7[\x90-\xaf]",              # non-characters U+FDD0..U+FDEF
    rb"\xef\xbf[\xbe\xbf]",               # U+FFFE, U+FFFF
    rb"\xed[\xa0-\xbf]"))                  # surrogates (never valid UTF-8)


def has_unsafe_bytes(data: bytes) -> bool:
    """Whether UTF-8 `data` holds a character of _UNSAFE_INPUT, or of _CONTROL other than
    the line ends and the tab that separate rows."""
    if data.translate(None, _SAFE_BYTES):
        return True
    return any(pattern.search(data) for pattern in _UNSAFE_SEQUENCES)


def _parquet(path: str, tz):
    from checker.logs.parquet_reader import as_text
    try:
        frame = pl.read_parquet(path)
    except Exception:
        return None
    if not set(frame.columns) <= set(CANONICAL_COLUMNS):
        return None
    return as_text(frame, tz)


def _instant(column: str, tz) -> pl.Expr:
    text = pl.col(column).str.strip_chars()
    full = pl.when(text.str.len_chars() == 16).then(text + ":00").otherwise(text)
    parsed = full.str.strptime(pl.Datetime("us"), _WALL, strict=False)
    local = parsed.dt.replace_time_zone(str(tz), ambiguous="null", non_existent="null")
    good = (text.str.contains(_INSTANT) & parsed.dt.year().is_between(*_YEARS))
    return pl.when(good).then(local.dt.epoch("s")).otherwise(None)


def _cells(raw: pl.DataFrame, name: str) -> pl.Expr:
    """The cells of a column stripped, an empty one null; a dictionary-encoded column is
    stripped value by distinct value."""
    if raw.schema[name] != pl.Categorical:
        return pl.col(name).str.strip_chars().replace("", None)
    distinct = raw.get_column(name).drop_nulls().unique().cast(pl.String)
    cleaned = distinct.str.strip_chars().replace("", None)
    changed = distinct.ne_missing(cleaned)
    return pl.col(name).replace(distinct.filter(changed), cleaned.filter(changed))


def _control(raw: pl.DataFrame, name: str) -> pl.Expr:
    """Whether a cell holds a control or unsafe character (judged once per distinct value of a
    dictionary-encoded column)."""
    def found(text: pl.Expr | pl.Series):
        return text.str.contains(_CONTROL) | text.str.contains(_UNSAFE_INPUT.pattern)
    if raw.schema[name] != pl.Categorical:
        return found(pl.col(name)).fill_null(False)
    distinct = raw.get_column(name).drop_nulls().unique().cast(pl.String)
    return pl.col(name).is_in(distinct.filter(found(distinct)).to_list()).fill_null(False)


def _build(held: list, path: str, tz, seq_start: int, lines: np.ndarray, clean: bool = False):
    """The events of the text frame `held[0]` (taken out of the list and freed once checked),
    its rejected rows, and its number of rows."""
    raw = held.pop()
    height = raw.height
    present = [name for name in CANONICAL_COLUMNS if name in raw.columns]
    # One lazy query from the cells to the checked columns: no stripped copy of the frame.
    stripped = raw.lazy().select(_cells(raw, name) for name in present).with_columns(
        pl.lit(None, dtype=_dictionary([name]).get(name, pl.String)).alias(name)
        for name in CANONICAL_COLUMNS if name not in present)
    values = {}
    bad = pl.lit(False)
    for column in ("event", *[c for c in VOCABULARIES if c != "event"]):
        table = {key: value for key, value in VOCABULARIES[column].items()}
        mapped = pl.col(column).replace_strict(table, default=None, return_dtype=SCHEMA[column]) \
            if column != "urgent" and column != "resolved" else \
            pl.col(column).replace_strict(table, default=None, return_dtype=pl.Boolean)
        values[column] = mapped
        bad = bad | (pl.col(column).is_not_null() & mapped.is_null())
    at = _instant("at", tz)
    promised = _instant("promised_at", tz)
    bad = (bad | pl.col("ticket_id").is_null() | pl.col("event").is_null() | at.is_null()
           | (pl.col("promised_at").is_not_null() & promised.is_null())
           | (values["event"].is_in(HANDOVER_EVENTS)
              & pl.col("unit").is_null())
           | (values["event"].eq("visited") & (values["resolved"].is_null()
                                                 | values["satisfaction"].is_null())))
    control = pl.lit(False) if clean else \
        pl.any_horizontal(raw.select(_control(raw, name) for name in present).get_columns())
    frame = stripped.with_columns(
        *(values[c].alias(c) for c in values), at.alias("at"), promised.alias("promised_at"),
        pl.Series("seq", np.arange(seq_start, seq_start + raw.height), dtype=pl.Int64),
        pl.lit(path, dtype=SCHEMA["source"]).alias("source"), pl.Series("line", lines, dtype=pl.Int64),
        (bad | control).alias("_suspect")).select(
        *(pl.col(c).cast(SCHEMA[c]) for c in COLUMNS), "_suspect").collect()
    suspects = np.flatnonzero(frame.get_column("_suspect").to_numpy())
    part = raw[suspects].select(present)
    del raw, stripped
    # Without a suspect row the checked columns are the frame itself, not a filtered copy.
    good = (frame.filter(~pl.col("_suspect")) if len(suspects) else frame).drop("_suspect")
    del frame
    rejected: list[Rejected] = []
    if len(suspects):
        rebuilt = _row_by_row(part, present, suspects, path, tz, seq_start, lines)
        events = [item for item in rebuilt if item.__class__ is not Rejected]
        rejected = [item for item in rebuilt if item.__class__ is Rejected]
        if events:
            good = pl.concat([good, frame_of_events(events)]).sort("seq")
    return good, rejected, height


def _row_by_row(part, present, rows, path, tz, seq_start, lines):
    """The suspect rows (`part`: their cells; `rows`: their positions), built by the row
    readers' RowBuilder: events or rejections."""
    builder = RowBuilder(tz)
    plan = CellPlan({name: position for position, name in enumerate(present)})
    built = []
    for row, cells in zip(rows.tolist(), part.iter_rows()):
        line = int(lines[row])
        cells = [None if cell is None else clean_input(cell) for cell in cells]
        result = builder.build_cells(cells, plan, seq_start + row, path, line)
        built.append(Rejected(path, line, result) if result.__class__ is str else result)
    return built


class FrameLog(LogData):
    """A LogData whose events are held as a frame; the Event objects are built only if a
    caller asks for `events` (explain, the leader-day audit)."""

    def __init__(self, frame: pl.DataFrame, **fields):
        self.frame = frame
        self._events: list | None = None
        super().__init__(**fields)

    @property
    def events(self) -> list:
        if not self._events and self.frame is not None and self.frame.height:
            self._events = [Event(**dict(zip(COLUMNS, values))) for values in self.frame.iter_rows()]
        return self._events if self._events is not None else []

    @events.setter
    def events(self, value) -> None:
        self._events = list(value)


def read_logs_frame(paths: list[str], tz, mapping=None, progress=None) -> LogData:
    """The logs as read_logs reads them, canonical CSV and Parquet files read into columns.
    Anything else (a mapping, JSON Lines, XLSX, a file the fast path leaves) is read row by
    row and joined to the frame, with `seq` running on across the files."""
    frames, rejected, notes, unrecorded, sources = [], [], [], {}, []
    rows = 0
    for path in paths:
        fast = read_frame(path, tz, rows) if mapping is None else None
        if fast is None:
            part = read_logs([path], tz, mapping=mapping, progress=progress)
            for event in part.events:
                event.seq += rows
            frames.append(frame_of_events(part.events))
            rejected.extend(part.rejected)
            notes.extend(part.data_notes)
            unrecorded.update(part.unrecorded)
            rows += part.rows
        else:
            (frame, file_rejected, file_rows), has_actor = fast
            if not has_actor:        # as the row reader says it: no actor recorded
                unrecorded[path] = NO_ACTOR_COLUMN
            frames.append(frame)
            rejected.extend(file_rejected)
            rows += file_rows
        sources.append(path)
        if progress is not None:
            progress(rows)
    frame = pl.concat(frames) if frames else frame_of_events([])
    return FrameLog(frame, rejected=rejected, rows=rows, sources=sources, data_notes=notes,
                    unrecorded=unrecorded)


def events_of_text(raw: pl.DataFrame, path: str, tz, seq_start: int, lines: np.ndarray):
    """(events frame, rejected rows, rows) of a batch of canonical text columns read from
    `path`, its rows at `lines`: the same checks and rebuilds as a whole file, for a file read
    batch by batch (checker.buckets)."""
    return _build([raw], path, tz, seq_start, lines)
