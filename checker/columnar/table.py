"""The events of a log as sorted columns: one row per event, ordered by ticket, time, a
ticket's life order and input order, the same order the per-ticket engine reads a ticket in.

Event names are small integer codes, instants int64 epoch seconds, tickets an integer key.
The ticket attributes (category, class, urgency, key category, channel) are resolved by the
per-ticket engine's own `group_tickets` on each distinct combination of first-stated values,
so both engines read a ticket the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

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


def frame_of_events(events: list[Event]) -> pl.DataFrame:
    """Events already read by the row readers, as a frame of the canonical columns."""
    return pl.DataFrame({name: [getattr(event, name) for event in events] for name in COLUMNS},
                        schema={name: SCHEMA[name] for name in COLUMNS})


@dataclass
class EventTable:
    """Sorted event columns of every ticket, and the ticket attributes."""
    frame: pl.DataFrame           # the sorted events (all canonical columns, plus tkey, code)
    tickets: pl.DataFrame         # one row per ticket key: ticket_id and its attributes
    tkey: np.ndarray              # per row: the ticket key (0..tickets-1)
    code: np.ndarray              # per row: the event code
    at: np.ndarray                # per row: epoch seconds
    first_row: np.ndarray         # per ticket: its first row
    end_row: np.ndarray           # per ticket: one past its last row

    @property
    def rows(self) -> int:
        return len(self.code)

    def column(self, name: str) -> np.ndarray:
        return self.frame.get_column(name).to_numpy()

    def is_event(self, names) -> np.ndarray:
        codes = [EVENT_CODES[name] for name in names if name in EVENT_CODES]
        return np.isin(self.code, codes)

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

    def first_in_ticket(self, flags: np.ndarray) -> np.ndarray:
        """Per ticket: its first flagged row, or NONE."""
        return self.next_flagged(flags, self.first_row, strict=False) if len(self.first_row) \
            else np.empty(0, dtype=np.int64)


def build_table(frame: pl.DataFrame, ruleset: RuleSet, as_of: int) -> EventTable:
    """Sort the events once by an integer ticket key and resolve each ticket's attributes."""
    life = {name: LIFE_ORDER[name] for name in EVENTS}
    units = frame.get_column("unit").drop_nulls().unique().to_list()
    canonical = {name: ruleset.canonical_unit(name) or name for name in units}
    frame = frame.filter(pl.col("at") <= as_of)
    # The ticket key: the rank of the ticket id among the distinct ids (a sort of the distinct
    # ids and a hash lookup cost a third of a dense rank over every row).
    ids = frame.get_column("ticket_id").unique().sort()
    frame = frame.with_columns(
        pl.col("unit").replace(canonical),
        pl.col("ticket_id").replace_strict(ids, pl.int_range(ids.len(), eager=True, dtype=pl.Int64),
                                           return_dtype=pl.Int64).alias("tkey"),
        pl.col("event").replace_strict(EVENT_CODES, return_dtype=pl.Int16).alias("code"),
        pl.col("event").replace_strict(life, return_dtype=pl.Int16).alias("life"),
    ).sort(["tkey", "at", "life", "seq"])
    tkey = frame.get_column("tkey").to_numpy()
    count = int(tkey[-1]) + 1 if len(tkey) else 0
    bounds = np.searchsorted(tkey, np.arange(count + 1))
    first_row, end_row = bounds[:-1], bounds[1:]
    stated = frame.group_by("tkey", maintain_order=True).agg(
        pl.col("ticket_id").first(),
        *(pl.col(name).drop_nulls().first() for name in TICKET_FIELDS))
    tickets = _resolve_attributes(stated, ruleset)
    return EventTable(frame=frame, tickets=tickets, tkey=tkey,
                      code=frame.get_column("code").to_numpy(), at=frame.get_column("at").to_numpy(),
                      first_row=first_row, end_row=end_row)


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
