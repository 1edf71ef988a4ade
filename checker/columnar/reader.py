"""Logs in the canonical layout read straight into columns (CSV in UTF-8 or GB18030, Parquet;
JSON Lines by checker.columnar.jsonl_columns, through the same checks of a block).

The fast path reads a file in native code (polars) a block at a time — a CSV in blocks of
whole lines, a Parquet file in batches of rows — and checks every row of the block
column-wise: a ticket id, an event of the vocabulary, `YYYY-MM-DD HH:MM[:SS]` instants of
the years the readers accept, known values in the vocabulary columns, a unit on dispatches,
the answers of a visit. A row that fails any of these, or holds a control character, is
built by the row readers' own `RowBuilder` instead, so it becomes the same event or the same
rejection, with the same reason, as on the row-by-row path. Only the checked columns are
kept: memory is theirs plus one block's text. A file the fast path cannot take as a whole (a
title line above the header, a header that is not canonical, a blank line, a cell spanning
lines the row reader would cut otherwise (checker.columnar.csv_rows), a CSV the native parser
refuses) is left to the row readers: `None` is returned.
"""

from __future__ import annotations

import os
import re
from typing import Iterator

import numpy as np
import polars as pl

from checker.columnar import csv_rows
from checker.columnar.in_order import in_order
from checker.columnar.instant_columns import CANONICAL, epoch_seconds, form_seconds, instant_form
from checker.columnar.table import COLUMNS, DICTIONARY_COLUMNS, SCHEMA, frame_of_events
from checker.logs.encoding import detect_encoding
from checker.logs.header import csv_header_cells
from checker.logs.mapping import canonical_header
from checker.logs.reader import NO_ACTOR_COLUMN, LogData, read_logs
from checker.logs.rows import VOCABULARIES, CellPlan, RowBuilder, cell_text, vocabulary_value
from checker.model import Event, Rejected
from checker.output.sanitize import _UNSAFE_INPUT, clean_input
from checker.vocabulary import CANONICAL_COLUMNS, HANDOVER_EVENTS

FAST_EXTENSIONS = (".csv", ".txt", ".parquet", ".jsonl", ".ndjson")
_CONTROL = r"[\x00-\x1f\x7f\x85\u2028\u2029]"
_CELL_CHECK = f"{_CONTROL}|{_UNSAFE_INPUT.pattern}"    # one search, not two, per cell


def read_frame(path: str, tz, seq_start: int):
    """((events frame, rejected rows, rows), whether it has an actor column) of one file, or
    None for the row readers."""
    extension = os.path.splitext(path)[1].lower()
    if extension not in FAST_EXTENSIONS or not os.path.isfile(path):
        return None
    if extension in (".jsonl", ".ndjson"):
        from checker.columnar.jsonl_columns import read_jsonl_frame
        return read_jsonl_frame(path, tz, seq_start)
    read = _parquet if extension == ".parquet" else _csv
    return read(path, tz, seq_start)


def _canonical(header: list[str]) -> bool:
    """Whether a Parquet file's columns are canonical columns, each named as such."""
    return set(header) <= set(CANONICAL_COLUMNS) and canonical_header(header) == header


_BLOCK = 1 << 24                # 16 MiB: about 200,000 rows
_BOM = b"\xef\xbb\xbf"


class _NotUtf8(Exception):
    """The native parser refused a block of a file read as UTF-8."""


def _csv(path: str, tz, seq_start: int):
    """The file read block by block (whole lines, _BLOCK bytes or so), each block parsed and
    checked on its own, so that only one block's text is ever held beside the checked columns."""
    with open(path, "rb") as stream:
        first = stream.readline(1 << 20)
        bom = first.startswith(_BOM)
        first = first.removeprefix(_BOM)
        # A header that is not UTF-8, or whose quotes run on past its line, is read by the
        # row readers as they decide (the encoding of the whole file, the header over lines).
        try:
            text = first.removesuffix(b"\n").rstrip(b"\r").decode("utf-8")
        except UnicodeDecodeError:
            return None
        if not csv_rows.quoted_as_the_row_reader_reads(first):
            return None
        # The columns by their canonical names, any other column by a placeholder: read and
        # checked like the rest of its line, then left out, as the row readers leave it.
        header = canonical_header(csv_header_cells(text))
        if header is None:
            return None
        start = stream.tell()
        try:
            built = _csv_blocks(stream, path, tz, seq_start, header, "utf-8")
        except _NotUtf8:
            # Not UTF-8: a GB18030 export is transcoded block by block; the rest (or a CSV
            # polars cannot parse) is left to the row readers, which say what is wrong. The
            # encoding as the row readers decide it: a UTF-8 file with a stray bad line is
            # theirs (that line rejected), not transcoded from GB18030 as a whole.
            if bom or detect_encoding(path) != "gb18030":
                return None
            stream.seek(start)
            try:
                built = _csv_blocks(stream, path, tz, seq_start, header, "gb18030")
            except _NotUtf8:
                return None
    if built is None:
        return None
    return built, "actor" in header


def _csv_blocks(stream, path: str, tz, seq_start: int, header: list[str], encoding: str):
    """(events frame, rejected rows, rows) of the data lines from the stream's position, or
    None when the file as a whole is not cut as the row readers cut it (a blank line, a cell
    spanning lines they would cut otherwise): then it is the row readers'. Blocks are checked
    two at a time (in_order)."""
    utf8 = encoding == "utf-8"
    head = ",".join(header).encode("utf-8") + b"\n"
    earlier = csv_rows.EarlierRows(_blocks_again(path, stream.tell(), head), len(header))

    def check(item):
        index, (block, before, lines) = item
        if not utf8:
            try:
                block = head + block.decode(encoding).encode("utf-8")
            except UnicodeDecodeError:
                return None, lines
        try:
            return _block_events(block, header, path, tz, seq_start + before, 2 + before, lines,
                                 (earlier, index)), lines
        except pl.exceptions.PanicException:    # not an Exception: the file is the row readers'
            return None, lines

    def empty():
        frame = pl.DataFrame(schema={name: _dictionary([name]).get(name, pl.String) for name in header})
        return _build([frame], path, tz, seq_start, np.arange(0))

    blocks = numbered_blocks(stream, head if utf8 else b"", quoted=True)
    return joined(_renumbered(in_order(check, enumerate(blocks))), empty)


def _renumbered(results):
    """The blocks' (events frame, rejected rows, rows), each numbered on from the rows before
    it: a block is numbered from the lines before it, and rows spanning lines are fewer."""
    shift = 0
    for built, lines in results:
        if built is None:
            yield None
            return
        frame, rejected, height = built
        yield (frame.with_columns(pl.col("seq") - shift) if shift else frame), rejected, height
        shift += lines - height


def _blocks_again(path: str, start: int, head: bytes):
    """The CSV's blocks from `start` as _csv_blocks cuts them, each after `head`, read again."""
    with open(path, "rb") as stream:
        stream.seek(start)
        yield from _line_blocks(stream, head, quoted=True)


def numbered_blocks(stream, head: bytes, size: int | None = None, quoted: bool = False):
    """_line_blocks, each with the number of lines before it and its own number of lines
    (`head`'s not counted); a block is not held here while the next one is read."""
    before, head_lines = 0, head.count(b"\n")
    for block in _line_blocks(stream, head, size, quoted):
        lines = block.count(b"\n") + (0 if block.endswith(b"\n") else 1) - head_lines
        yield block, before, lines
        del block
        before += lines


def joined(results, empty):
    """(events frame, rejected rows, rows) of blocks' (events frame, rejected rows, rows),
    taken in order; None as soon as one is None (the file is the row readers'); `empty()`
    when there is no block."""
    frames, rejected, rows = [], [], 0
    for built in results:
        if built is None:
            return None
        frame, block_rejected, height = built
        frames.append(frame)
        rejected.extend(block_rejected)
        rows += height
    if not frames:
        return empty()
    return pl.concat(frames, rechunk=False), rejected, rows


def _block_events(block: bytes, header: list[str], path: str, tz, seq_start: int, line: int,
                  lines: int | None = None, earlier=None):
    """(events frame, rejected rows, rows) of a block of UTF-8 lines after its header line
    (`header`), the first at file line `line`, `lines` of them (counted when not given); None
    when its rows are not cut as the row readers cut them; _NotUtf8 when the native parser
    refuses it. Parsed under the header, as the whole file would be (a short first row is
    padded, not taken for the width of the file). `earlier`: (csv_rows.EarlierRows of the
    file, the block's number), or None: a row spanning lines then leaves the file to the row
    readers."""
    if lines is None:
        lines = block.count(b"\n") - 1 + (0 if block.endswith(b"\n") else 1)
    try:
        # polars refuses bytes that are not UTF-8, as strictly as Python's codec does.
        raw = pl.read_csv(block, infer_schema=False, has_header=True, quote_char='"',
                          schema_overrides=_dictionary(header))
    except (Exception, pl.exceptions.PanicException):     # a panic is not an Exception
        raise _NotUtf8 from None
    if not csv_rows.quoted_as_the_row_reader_reads(block):
        return None
    if raw.height == lines:
        if _blank_line(raw, block) or _cell_spans_lines(raw, block):
            return None
        return _build([raw], path, tz, seq_start, np.arange(line, line + lines), not has_unsafe_bytes(block))
    return _spanning_block(raw, block, header, path, tz, seq_start, line, lines, earlier)


def _spanning_block(raw: pl.DataFrame, block: bytes, header: list[str], path: str, tz,
                    seq_start: int, line: int, lines: int, earlier):
    """_block_events of a block whose rows span lines (checker.columnar.csv_rows): the rows
    spanning lines built from the row reader's own cells."""
    cut = csv_rows.row_starts(block, len(header)) if earlier is not None else None
    if cut is None or len(cut.first_lines) != raw.height:
        return None
    rows_before, index = earlier
    rows_before.record(index, cut.full)
    starts = cut.first_lines
    spanning = np.flatnonzero(np.diff(np.append(starts, lines)) > 1)
    if not cut.full or _blank_line(raw, block, cut) or not rows_before.all_full_before(index):
        return None
    cells = csv_rows.cells_of_spanning_rows(block, cut, spanning, lines)
    if cells is None:
        return None
    theirs = np.zeros(raw.height, dtype=bool)
    theirs[spanning] = True
    own = dict(zip(spanning.tolist(), cells))
    present = _present(raw)
    positions = CellPlan({name: position for position, name in enumerate(header) if name in present})
    row_lines = line + starts

    def rebuild(rows: np.ndarray) -> list:
        """The row reader's events or rejections of these rows: those spanning lines from its
        own cells, the others from the block's."""
        others = rows[~theirs[rows]]
        built = dict(zip(others.tolist(), _row_by_row(raw[others].select(present), present, others,
                                                      path, tz, seq_start, row_lines)))
        builder = RowBuilder(tz)
        for row in rows[theirs[rows]].tolist():
            result = builder.build_cells(own[row], positions, seq_start + row, path, int(row_lines[row]))
            built[row] = Rejected(path, int(row_lines[row]), result) if result.__class__ is str else result
        return [built[row] for row in rows.tolist()]

    return _build([raw], path, tz, seq_start, row_lines, not has_unsafe_bytes(block), theirs, rebuild)


def events_of_block(text: bytes, header: list[str], path: str, tz, seq_start: int, line: int):
    """(events frame, rejected rows, rows) of one block of a large CSV (checker.buckets):
    `text` its lines in UTF-8, the first at file line `line`; None for a block the native
    parser cannot take line by line (the row readers then read it)."""
    try:
        return _block_events(",".join(header).encode("utf-8") + b"\n" + text, header, path, tz,
                             seq_start, line)
    except _NotUtf8:
        return None


def _line_blocks(stream, head: bytes, size: int | None = None, quoted: bool = False) -> Iterator[bytes]:
    """The rest of the stream in blocks of whole lines (a last line without a line end
    included) of about `size` bytes (default _BLOCK), each after `head`; `quoted`: of whole
    rows of a CSV, each ending at a line end outside quotes. A line longer than a block is
    gathered piece by piece and joined once."""
    carry: list = []
    carried_quotes = carried_lines = 0
    while True:
        data = stream.read(size or _BLOCK)
        if not data:
            if carry:
                yield b"".join((head, *carry))
            return
        end = data.rfind(b"\n") + 1
        if quoted and end and (carried_quotes or b'"' in data):
            row_end = csv_rows.line_end_outside_quotes(carried_quotes, data, end)
            carried_lines += data.count(b"\n") if not row_end else 0
            # A quote left open: past as many lines as a cell may hold, cut at a line end.
            end = row_end or (end if carried_lines > csv_rows.MAX_CELL_LINES else 0)
        if end == 0:
            carry.append(data)
            carried_quotes += data.count(b'"') if quoted else 0
            continue
        yield b"".join((head, *carry, memoryview(data)[:end]))
        carry = [data[end:]] if end < len(data) else []
        carried_quotes = data.count(b'"', end) if quoted else 0
        carried_lines = 0


def _blank_line(raw: pl.DataFrame, block: bytes, cut: csv_rows.RowCut | None = None) -> bool:
    """Whether a line of the block is one the row readers skip as blank (nothing, or one cell
    of white space: checker.logs.csv_reader), or one they may cut otherwise (a carriage return
    inside it, a quote): the native parser makes a row of it, so the file is theirs. Looked
    for only where a row has nothing past its first cell. The block's first line is the header;
    `cut`: its rows as its quotes cut them, where rows span lines."""
    candidates = np.flatnonzero(raw.select(pl.all_horizontal(
        pl.col(name).is_null() for name in raw.columns[1:])).to_series().to_numpy())
    if not len(candidates):
        return False
    ends = np.flatnonzero(np.frombuffer(block, dtype=np.uint8) == 0x0a) if cut is None else cut.line_ends
    for row in candidates.tolist():
        first = row if cut is None else int(cut.first_lines[row])      # the row's first line
        line = block[ends[first] + 1:ends[first + 1] if first + 1 < len(ends) else len(block)]
        line = line.removesuffix(b"\r")
        if b"\r" in line or b'"' in line \
                or (b"," not in line and not line.decode("utf-8", "replace").strip()):
            return True
    return False


def _cell_spans_lines(raw: pl.DataFrame, block: bytes) -> bool:
    """Whether a quoted cell holds a line end although the block has as many rows as lines:
    only its last row can, its quote left open to the block's end (a line end taken into a cell
    anywhere else would leave a row fewer). The file is then not one row per line."""
    if b'"' not in block or not raw.height:
        return False
    return any(isinstance(cell, str) and "\n" in cell for cell in raw.row(raw.height - 1))


# The columns read dictionary-encoded: those kept so (checker.columnar.table), and the yes/no
# columns, kept as booleans.
_READ_AS_DICTIONARY = DICTIONARY_COLUMNS | {"urgent", "resolved"}


def _dictionary(header: list[str]) -> dict:
    """The columns read dictionary-encoded (_READ_AS_DICTIONARY): each distinct value is then
    stripped and checked once."""
    return {name: pl.Categorical for name in header if name in _READ_AS_DICTIONARY}


# What clean_input replaces, and the line breaks a cell may not hold (_CONTROL), as UTF-8:
# the one-byte controls, then each multi-byte range by its lead bytes (found by a fast
# search, UTF-8 never putting a lead byte inside another character).
_UNSAFE_BYTES = bytes([*range(0x00, 0x09), 0x0b, 0x0c, *range(0x0e, 0x20), 0x7f])
_SAFE_BYTES = bytes(b for b in range(256) if b not in _UNSAFE_BYTES)
# Each with its lead byte, looked for first (a search for one byte is several times faster).
_UNSAFE_SEQUENCES = tuple((bytes([int(pattern[2:4], 16)]), re.compile(pattern)) for pattern in (
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
    return any(lead in data and pattern.search(data) for lead, pattern in _UNSAFE_SEQUENCES)


def _parquet(path: str, tz, seq_start: int):
    """The file read batch by batch (checker.logs.parquet_reader), each batch's text checked
    on its own: the whole file's text is never held at once."""
    from checker.errors import CheckerError
    from checker.logs.parquet_reader import numbered_batches, parquet_columns
    try:
        columns = parquet_columns(path)
    except CheckerError:
        return None
    if not _canonical(columns):
        return None

    def check(item):
        raw, before = item
        return events_of_text(raw, path, tz, seq_start + before,
                              np.arange(before + 1, before + raw.height + 1))

    def empty():
        frame = pl.DataFrame(schema={name: pl.String for name in columns})
        return _build([frame], path, tz, seq_start, np.arange(0))

    try:
        built = joined(in_order(check, numbered_batches(path, tz, _PARQUET_ROWS)), empty)
    except CheckerError:
        return None
    return built, "actor" in columns


_PARQUET_ROWS = 100_000


def _distinct(raw: pl.DataFrame) -> dict[str, list[str]]:
    """The distinct non-empty cells of each dictionary-encoded column of a block, and of each
    vocabulary column however it was read, all found in one query: each is then stripped,
    looked up and checked once, in Python (a few hundred values), instead of by a dozen small
    queries per column."""
    names = [name for name in raw.columns
             if raw.schema[name] == pl.Categorical or name in VOCABULARIES]
    if not names:
        return {}
    found = raw.select(pl.col(name).drop_nulls().unique().cast(pl.String).implode() for name in names)
    return dict(zip(names, found.row(0)))


def _cells(name: str, distinct: dict) -> pl.Expr:
    """The cells of a column stripped, an empty one null; a dictionary-encoded column is
    stripped value by distinct value."""
    if name not in distinct:
        return pl.col(name).str.strip_chars().replace("", None)
    changed = [(value, stripped) for value in distinct[name]
               if (stripped := cell_text(value)) != value]
    if not changed:
        return pl.col(name)
    before, after = zip(*changed)
    return pl.col(name).replace(pl.Series(before, dtype=pl.String), pl.Series(after, dtype=pl.String))


def _vocabulary(name: str, distinct: dict) -> tuple[pl.Expr, pl.Expr | None]:
    """A vocabulary column's values (stripped cells looked up in checker.logs.rows'
    VOCABULARIES) and whether a given cell is not in the vocabulary (None when none is), each
    distinct cell looked up once."""
    dtype = pl.Boolean if name in ("urgent", "resolved") else SCHEMA[name]
    table = VOCABULARIES[name]
    cells = distinct[name]
    cleaned = [cell_text(value) for value in cells]
    values = [None if text is None else vocabulary_value(table, text) for text in cleaned]
    unknown = [value for value, text, found in zip(cells, cleaned, values)
               if text is not None and found is None]
    flag = pl.col(name).is_in(unknown).fill_null(False) if unknown else None
    if dtype == pl.Categorical and values == cells:
        return pl.col(name), flag          # every value already the vocabulary's own name
    return (pl.col(name).replace_strict(pl.Series(cells, dtype=pl.String), pl.Series(values, dtype=dtype),
                                        default=None, return_dtype=dtype), flag)


_CELL_SEARCH = re.compile(_CELL_CHECK)


def _control(name: str, distinct: dict) -> pl.Expr | None:
    """Whether a cell holds a control or unsafe character (judged once per distinct value of a
    dictionary-encoded column; None when none does)."""
    if name not in distinct:
        return pl.col(name).str.contains(_CELL_CHECK).fill_null(False)
    found = [value for value in distinct[name] if _CELL_SEARCH.search(value)]
    return pl.col(name).is_in(found).fill_null(False) if found else None


def _build(held: list, path: str, tz, seq_start: int, lines: np.ndarray, clean: bool = False,
           theirs: np.ndarray | None = None, rebuild=None):
    """The events of the text frame `held[0]` (taken out of the list and freed once checked),
    its rejected rows, and its number of rows. `theirs`: per row, whether it is the row
    readers' whatever its cells; `rebuild(rows)`: their events or rejections of those rows
    (by default, built from the frame's cells)."""
    raw = held.pop()
    height = raw.height
    present = _present(raw)
    # One query from the cells to the checked columns and what the row checks need of them,
    # each computed once: no stripped copy of the frame.
    given = set(present)
    distinct = _distinct(raw)
    vocabulary = {name: _vocabulary(name, distinct) for name in VOCABULARIES if name in given}
    unknown = [flag for _, flag in vocabulary.values() if flag is not None]
    exprs = [(vocabulary[name][0] if name in vocabulary else _cells(name, distinct)).alias(name)
             for name in present if name not in ("at", "promised_at")]
    exprs += [pl.lit(None, dtype=pl.Boolean if name in ("urgent", "resolved") else SCHEMA[name]).alias(name)
              for name in CANONICAL_COLUMNS if name not in given and name not in ("at", "promised_at")]
    for name in ("at", "promised_at"):
        text = _cells(name, distinct) if name in given else pl.lit(None, dtype=pl.String)
        if name == "promised_at":
            exprs.append(text.is_not_null().alias("_promised_at_given"))
        exprs.append(text.alias(name))
    exprs.append((pl.any_horizontal(unknown) if unknown else pl.lit(False)).alias("_unknown"))
    forms = {name: instant_form(raw.get_column(name)) if name in given else CANONICAL
             for name in ("at", "promised_at")}
    checked = raw.lazy().select(exprs).with_columns(
        form_seconds(name, form) for name, form in forms.items()).collect()
    checked = checked.with_columns(
        epoch_seconds(checked.get_column(name), raw.get_column(name) if name in given else None,
                      tz, form) for name, form in forms.items())
    event = pl.col("event")
    suspect = (pl.col("_unknown") | pl.col("ticket_id").is_null() | event.is_null()
               | pl.col("at").is_null()
               | (pl.col("_promised_at_given") & pl.col("promised_at").is_null())
               | (event.is_in(HANDOVER_EVENTS) & pl.col("unit").is_null())
               | (event.eq("visited") & (pl.col("resolved").is_null()
                                         | pl.col("satisfaction").is_null())))
    controls = [] if clean else [found for found in (_control(name, distinct) for name in present)
                                 if found is not None]
    if controls:
        suspect = suspect | pl.any_horizontal(raw.select(controls).get_columns())
    frame = checked.with_columns(
        pl.Series("seq", np.arange(seq_start, seq_start + height), dtype=pl.Int64),
        pl.lit(path, dtype=SCHEMA["source"]).alias("source"), pl.Series("line", lines, dtype=pl.Int64),
        suspect.alias("_suspect")).select(*(pl.col(c).cast(SCHEMA[c]) for c in COLUMNS), "_suspect")
    del checked
    suspect = frame.get_column("_suspect").to_numpy()
    suspects = np.flatnonzero(suspect if theirs is None else suspect | theirs)
    part = raw[suspects].select(present) if rebuild is None else None
    del raw
    # Without a suspect row the checked columns are the frame itself, not a filtered copy.
    if len(suspects):
        kept = np.ones(height, dtype=bool)
        kept[suspects] = False
        good = frame.filter(pl.Series(kept)).drop("_suspect")
    else:
        good = frame.drop("_suspect")
    del frame
    rejected: list[Rejected] = []
    if len(suspects):
        rebuilt = _row_by_row(part, present, suspects, path, tz, seq_start, lines) \
            if rebuild is None else rebuild(suspects)
        events = [item for item in rebuilt if item.__class__ is not Rejected]
        rejected = [item for item in rebuilt if item.__class__ is Rejected]
        if events:
            good = pl.concat([good, frame_of_events(events)]).sort("seq")
    return good, rejected, height


def _present(raw: pl.DataFrame) -> list[str]:
    """The canonical columns of a block, in the order of the file's columns: a row with two
    faults is rejected for the first, as the row readers find it."""
    return [name for name in raw.columns if name in CANONICAL_COLUMNS]


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
        self.frame = frame            # None once handed to the engine (release_frame)
        self._events: list | None = None
        super().__init__(**fields)

    def release_frame(self) -> None:
        """Drop the frame (handed to the engine), keeping its count of events."""
        self.event_count = self.frame.height
        self.frame = None

    @property
    def events(self) -> list:
        if self.frame is None:
            raise RuntimeError("the events of this log were handed to the engine")
        if not self._events and self.frame.height:
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


def events_of_text(raw: pl.DataFrame, path: str, tz, seq_start: int, lines: np.ndarray,
                   clean: bool = False, theirs: np.ndarray | None = None, rebuild=None):
    """(events frame, rejected rows, rows) of a batch of canonical text columns read from
    `path` (a Parquet file's, a JSON Lines file's), its rows at `lines`: the same checks and
    rebuilds as a whole file (`clean`, `theirs`, `rebuild`: as _build takes them)."""
    # Dictionary-encoded, as a CSV's columns are read: checked once per distinct value.
    raw = raw.with_columns(pl.col(name).cast(pl.Categorical) for name in raw.columns
                           if name in _READ_AS_DICTIONARY and raw.schema[name] == pl.String)
    return _build([raw], path, tz, seq_start, lines, clean, theirs, rebuild)
