"""The events of a log as sorted columns: one row per event, ordered by ticket, time, a
ticket's life order and input order, the same order the per-ticket engine reads a ticket in.

Event names are small integer codes, instants int64 epoch seconds, tickets an integer key.
The ticket attributes (category, class, urgency, key category, channel) are resolved by the
per-ticket engine's own `group_tickets` on each distinct combination of first-stated values,
so both engines read a ticket the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import polars as pl

from checker.engine.tickets import group_tickets
from checker.model import Event
from checker.ruleset import RuleSet
from checker.vocabulary import CANONICAL_COLUMNS, EVENTS, LIFE_ORDER

EVENT_CODES = {name: code for code, name in enumerate(EVENTS)}
EVENT_NAMES = list(EVENTS)
TICKET_FIELDS = ("category", "deadline_class", "urgent", "key_category", "channel")
TEXT_COLUMNS = ("ticket_id", "event", "source", "unit", "actor", "category", "deadline_class",
                "key_category", "satisfaction", "outcome", "channel", "note")
# Columns of few distinct values (events, units, classes …) are dictionary-encoded: four bytes
# a row instead of a string view of sixteen, so a million tickets' eight million rows fit.
DICTIONARY_COLUMNS = frozenset(TEXT_COLUMNS) - {"ticket_id", "note"}
SCHEMA = {name: pl.Categorical if name in DICTIONARY_COLUMNS else pl.String for name in TEXT_COLUMNS}
SCHEMA.update({"at": pl.Int64, "seq": pl.Int64, "line": pl.Int64, "promised_at": pl.Int64,
               "urgent": pl.Boolean, "resolved": pl.Boolean})
COLUMNS = ("ticket_id", "event", "at", "seq", "source", "line", *CANONICAL_COLUMNS[3:])
NONE = -1                                   # "no such row" in position arrays
_SECONDS_BITS = np.int64(34)


def frame_of_events(events: list[Event]) -> pl.DataFrame:
    """Events already read by the row readers, as a frame of the canonical columns."""
    return pl.DataFrame({name: [getattr(event, name) for event in events] for name in COLUMNS},
                        schema={name: SCHEMA[name] for name in COLUMNS})


@dataclass
class EventTable:
    """Sorted event columns of every ticket, and the ticket attributes."""
    frame: pl.DataFrame           # the sorted events: the canonical columns but the ticket id, tkey, code
    tickets: pl.DataFrame         # one row per ticket key: ticket_id and its attributes
    tkey: np.ndarray              # per row: the ticket key (0..tickets-1)
    code: np.ndarray              # per row: the event code
    at: np.ndarray                # per row: epoch seconds
    first_row: np.ndarray         # per ticket: its first row
    end_row: np.ndarray           # per ticket: one past its last row

    numbered: dict = field(default_factory=dict)    # dictionary(): per column, kept
    _time_keys: np.ndarray = None                    # first_at_or_after(), kept

    @property
    def rows(self) -> int:
        return len(self.code)

    def column(self, name: str) -> np.ndarray:
        return self.frame.get_column(name).to_numpy()

    def events(self, rows) -> pl.DataFrame:
        """The canonical columns (COLUMNS) of these rows, their ticket ids among them."""
        part = self.frame[rows]
        ids = self.tickets.get_column("ticket_id").gather(part.get_column("tkey"))
        return part.with_columns(ids).select(COLUMNS)

    def dictionary(self, name: str) -> tuple[np.ndarray, list]:
        """Per row: the number of its value of the dictionary-encoded column `name` (-1 where
        it is empty), and the values by number; worked out once per column."""
        if name not in self.numbered:
            column = self.frame.get_column(name)
            distinct = column.drop_nulls().unique()
            numbers = _per_distinct(column, distinct, np.arange(len(distinct), dtype=np.int32), -1)
            self.numbered[name] = (numbers, distinct.to_list())
        return self.numbered[name]

    def is_event(self, names) -> np.ndarray:
        codes = [EVENT_CODES[name] for name in names if name in EVENT_CODES]
        if len(codes) > 3:              # a table lookup; a comparison or two is cheaper
            wanted = np.zeros(len(EVENT_NAMES), dtype=bool)
            wanted[codes] = True
            return wanted[self.code]
        found = np.zeros(self.rows, dtype=bool)
        for code in codes:
            found |= self.code == code
        return found

    def ticket_of_rows(self, name: str) -> pl.Series:
        """A ticket attribute repeated on every row."""
        return self.tickets.get_column(name).gather(self.tkey)

    def next_flagged(self, flags: np.ndarray, rows: np.ndarray, strict: bool = True) -> np.ndarray:
        """For each row in `rows`: the first flagged row after it (at it too if not strict) in
        the same ticket, or NONE."""
        flagged = np.flatnonzero(flags)
        at = np.searchsorted(flagged, rows, side="right" if strict else "left")
        found = np.where(at < len(flagged), flagged[np.minimum(at, len(flagged) - 1)], NONE) \
            if len(flagged) else np.full(len(rows), NONE)
        same = (found != NONE) & (found < self.end_row[self.tkey[rows]])
        return np.where(same, found, NONE)

    def previous_flagged(self, flags: np.ndarray, rows: np.ndarray, strict: bool = True) -> np.ndarray:
        """For each row in `rows`: the last flagged row before it (or at it if not strict) in
        the same ticket, or NONE."""
        flagged = np.flatnonzero(flags)
        at = np.searchsorted(flagged, rows, side="left" if strict else "right") - 1
        found = np.where(at >= 0, flagged[np.maximum(at, 0)], NONE) if len(flagged) \
            else np.full(len(rows), NONE)
        same = (found != NONE) & (found >= self.first_row[self.tkey[rows]])
        return np.where(same, found, NONE)

    def latest_flagged(self, flags: np.ndarray) -> np.ndarray:
        """For every row: the last flagged row at or before it in the same ticket, or NONE
        (previous_flagged of every row, strict=False, by one running maximum)."""
        kind = np.int32 if self.rows < 2**31 else np.int64        # half the memory where it fits
        latest = np.where(flags, np.arange(self.rows, dtype=kind), kind(NONE))
        np.maximum.accumulate(latest, out=latest)
        latest[latest < self.first_row[self.tkey]] = NONE
        return latest

    def first_at_or_after(self, tkeys: np.ndarray, instants: np.ndarray) -> np.ndarray:
        """Per (ticket, instant): the ticket's first row at or after the instant, or its end."""
        if self._time_keys is None:
            # Sorted like the rows: the ticket key above 34 bits of seconds since the first event.
            self._time_keys = (self.tkey.astype(np.int64) << _SECONDS_BITS) | (self.at - self._base)
        span = np.int64(1) << _SECONDS_BITS
        wanted = (tkeys.astype(np.int64) << _SECONDS_BITS) | np.clip(instants - self._base, 0, span - 1)
        return np.searchsorted(self._time_keys, wanted, side="left")

    @property
    def _base(self) -> int:
        return int(self.at.min()) if self.rows else 0

    def first_in_ticket(self, flags: np.ndarray) -> np.ndarray:
        """Per ticket: its first flagged row, or NONE."""
        return self.next_flagged(flags, self.first_row, strict=False) if len(self.first_row) \
            else np.empty(0, dtype=np.int64)


def build_table(frame: pl.DataFrame, ruleset: RuleSet, as_of: int) -> EventTable:
    """Sort the events once by an integer ticket key and resolve each ticket's attributes.

    Only the order is sorted (integer keys); each column is then gathered once, the ticket id
    kept per ticket, not per row, and row numbers held in 32 bits where they fit."""
    units = frame.get_column("unit").drop_nulls().unique().to_list()
    canonical = {name: ruleset.canonical_unit(name) or name for name in units}
    if frame.height and frame.get_column("at").max() > as_of:
        frame = frame.filter(pl.col("at") <= as_of)
    code = _event_codes(frame.get_column("event"))
    order, first_row, tkey, ticket_ids = _ticket_order(frame, code)
    end_row = np.append(first_row[1:], len(tkey)) if len(first_row) else first_row
    # Each read column let go once gathered: a large log's events are held about once, not
    # twice, when the caller has let the read frame go.
    columns = [column for column in frame.get_columns() if column.name != "ticket_id"]
    del frame
    index = pl.Series(order, dtype=pl.UInt32 if len(order) < 2**32 else pl.UInt64)
    # A few columns at a time, gathered in parallel, each from one piece (several times
    # cheaper than from the read blocks); the read ones let go once gathered. All at once up
    # to _GATHERED_TOGETHER_ROWS: the copy held beside the read columns is small there.
    at_once = len(columns) if len(order) <= _GATHERED_TOGETHER_ROWS else _GATHERED_AT_ONCE
    gathered = []
    while columns:
        group = [_prepared(column, canonical).rechunk() for column in columns[:at_once]]
        del columns[:at_once]
        gathered.extend(pl.DataFrame(group)[index].get_columns())
        del group
    code = code[order]
    sorted_frame = pl.DataFrame([*gathered, pl.Series("tkey", tkey), pl.Series("code", code)])
    del gathered
    stated = sorted_frame.group_by("tkey", maintain_order=True).agg(
        *(pl.col(name).drop_nulls().first() for name in TICKET_FIELDS)).with_columns(
        ticket_ids.alias("ticket_id"))
    tickets = _resolve_attributes(stated, ruleset)
    return EventTable(frame=sorted_frame, tickets=tickets, tkey=tkey, code=code,
                      at=sorted_frame.get_column("at").to_numpy(), first_row=first_row, end_row=end_row)


_ROW_NUMBERS = ("seq", "line")
_GATHERED_AT_ONCE = 2
_GATHERED_TOGETHER_ROWS = 1 << 21


def _prepared(column: pl.Series, canonical: dict) -> pl.Series:
    """A read column as the table keeps it: units by their canonical names, row numbers narrowed."""
    if column.name == "unit":
        renamed = {name: to for name, to in canonical.items() if to != name}
        return column.replace(renamed) if renamed else column
    if column.name in _ROW_NUMBERS:
        return _narrow(column)
    return column


def _event_codes(events: pl.Series) -> np.ndarray:
    """Each row's EVENT_CODES code, looked up once per distinct event name (an empty or
    unknown name refused, as replace_strict refuses it)."""
    if events.dtype != pl.Categorical or not len(events) or events.null_count():
        return events.replace_strict(EVENT_CODES, return_dtype=pl.Int16).to_numpy()
    distinct = events.unique()
    codes = np.array([EVENT_CODES[name] for name in distinct.cast(pl.String).to_list()], dtype=np.int16)
    return _per_distinct(events, distinct, codes, -1)


def _per_distinct(column: pl.Series, distinct: pl.Series, values: np.ndarray, empty) -> np.ndarray:
    """Per row of the dictionary-encoded `column`: `values[i]` where it holds `distinct[i]`,
    `empty` where it is null — a table indexed by the dictionary's codes, no lookup by text."""
    codes = distinct.to_physical().cast(pl.Int64).to_numpy()
    table = np.full(int(codes.max()) + 2 if len(codes) else 1, empty, dtype=values.dtype)
    table[codes] = values
    return table[column.to_physical().cast(pl.Int64).fill_null(len(table) - 1).to_numpy()]


_LIFE = np.array([LIFE_ORDER[name] for name in EVENTS], dtype=np.int64)


def _narrow(column: pl.Series) -> pl.Series:
    """A column of row numbers in 32 bits when every value fits (half the memory)."""
    top, bottom = column.max(), column.min()
    fits = top is None or (top < 2**31 and bottom >= -2**31)
    return column.cast(pl.Int32) if fits else column


def _ticket_order(frame: pl.DataFrame, code: np.ndarray):
    """(the row order, where each ticket's rows begin in it, the ticket key of each sorted
    row, the ticket id of each key).

    Rows are ordered by a 64-bit hash of the ticket id, then time, life order and input order
    (integers only: ordering by the id text costs several times more); a ticket's rows are
    then contiguous. Two ids of one hash would share a key: that is checked, and then the
    ids themselves are numbered instead."""
    ids = frame.get_column("ticket_id")
    within = _within_ticket_keys(frame, code)
    for number in (pl.Series.hash, _numbered):
        ticket = number(ids)
        order = _sorted_order(ticket, within)
        sorted_ticket = ticket.to_numpy()[order]
        opens = np.empty(len(order), dtype=bool)
        opens[:1] = True
        np.not_equal(sorted_ticket[1:], sorted_ticket[:-1], out=opens[1:])
        tkey = np.cumsum(opens, dtype=np.int32) - 1
        ticket_ids = ids.gather(order[opens])
        if _one_id_per_key(ids, ticket_ids, tkey, order):
            return order, np.flatnonzero(opens), tkey, ticket_ids
    raise AssertionError("distinct ticket ids numbered alike")


def _sorted_order(ticket: pl.Series, within: list[pl.Series]) -> np.ndarray:
    """The row order by ticket number, then the order within a ticket. With the latter packed
    into one key (unique: it holds the input position), two sorts on one key each, the second
    stable, give that order at a third less than one sort on both."""
    if len(within) == 1:
        by_within = within[0].arg_sort()
        pairs = pl.DataFrame([ticket.gather(by_within).alias("_ticket"), by_within.alias("_row")])
        return pairs.sort("_ticket", maintain_order=True).get_column("_row").to_numpy()
    keys = pl.DataFrame([ticket.alias("_ticket"), *within])
    return keys.select(pl.arg_sort_by(keys.columns)).to_series().to_numpy()


def _numbered(ids: pl.Series) -> pl.Series:
    distinct = ids.unique()
    return ids.replace_strict(distinct, pl.int_range(distinct.len(), eager=True), return_dtype=pl.Int64)


def _within_ticket_keys(frame: pl.DataFrame, code: np.ndarray) -> list[pl.Series]:
    """The order within a ticket (time, life order, input order), packed into one int64
    where the spans allow (a sort on two keys instead of four)."""
    at, seq = frame.get_column("at"), frame.get_column("seq")
    life = _LIFE[code]
    if frame.height and at.null_count() == 0 and seq.null_count() == 0:
        at_low, seq_low = at.min(), seq.min()
        at_bits = int(at.max() - at_low).bit_length()
        seq_bits = int(seq.max() - seq_low).bit_length()
        life_bits = int(_LIFE.max()).bit_length()
        if at_bits + life_bits + seq_bits <= 63:
            packed = np.subtract(at.to_numpy(), at_low, dtype=np.int64)     # in place from here
            packed <<= np.int64(life_bits + seq_bits)
            life <<= np.int64(seq_bits)
            packed |= life
            packed |= np.subtract(seq.to_numpy(), seq_low, dtype=np.int64)
            return [pl.Series("_within", packed)]
    return [at.alias("_at"), pl.Series("_life", life), seq.alias("_seq")]


def _one_id_per_key(ids: pl.Series, ticket_ids: pl.Series, tkey: np.ndarray, order: np.ndarray,
                    chunk: int = 1 << 20) -> bool:
    """Whether every row's ticket id is its key's (no two ids of one hash), compared a slice
    of rows at a time."""
    key_of_row = np.empty(len(order), dtype=np.int32)
    key_of_row[order] = tkey
    for begin in range(0, len(order), chunk):
        part = ids.slice(begin, chunk)
        if not (part == ticket_ids.gather(key_of_row[begin:begin + chunk])).all():
            return False
    return True


def _resolve_attributes(stated: pl.DataFrame, ruleset: RuleSet) -> pl.DataFrame:
    """The class, urgency … of each distinct combination of first-stated values, resolved by
    the per-ticket engine itself (a one-event ticket stating exactly those values)."""
    combos = stated.select(TICKET_FIELDS).unique()
    resolved = {name: [] for name in TICKET_FIELDS}
    for values in combos.iter_rows():
        event = Event("_", "received", 0, 0, **dict(zip(TICKET_FIELDS, values)))
        ticket = group_tickets([event], ruleset)[0]
        for name in TICKET_FIELDS:
            resolved[name].append(getattr(ticket, name))
    lookup = combos.with_columns(
        pl.Series(f"_{name}", resolved[name], dtype=SCHEMA[name]) for name in TICKET_FIELDS)
    joined = stated.join(lookup, on=list(TICKET_FIELDS), how="left", nulls_equal=True,
                         maintain_order="left")
    return joined.select("tkey", "ticket_id", *(pl.col(f"_{name}").alias(name) for name in TICKET_FIELDS))
