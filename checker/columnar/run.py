"""What the column-wise checks of one audit share: the sorted events, the calendar answers
per row, the unit handling each row, the cycles of the deadline checks, the findings as
columns, and the tickets handed to the per-ticket engine."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import polars as pl

from checker.columnar import days as day_tables
from checker.columnar import predicates
from checker.columnar.table import NONE, EventTable
from checker.engine.context import HANDOVER_EVENTS, TicketContext
from checker.model import Ticket


@dataclass
class Cycles:
    """The cycles of one deadline check, one entry per start row."""
    start: np.ndarray
    due: np.ndarray
    base_due: np.ndarray
    overdue: np.ndarray
    unit_row: np.ndarray
    extension_row: np.ndarray      # the one extension applied, or NONE
    term: np.ndarray = None        # the row that ends or bounds the cycle, or NONE
    state: np.ndarray = None       # CYCLE_STATES index: as the per-ticket Cycle.state says
    check: object = None           # the deadline check they are cycles of


@dataclass
class Found:
    """Findings of one check as columns."""
    check: object
    tkey: np.ndarray
    due: np.ndarray                # int64; NONE_INSTANT where there is none
    actual: np.ndarray
    unit_row: np.ndarray           # the row whose unit is responsible, or NONE
    note_row: np.ndarray           # the row whose note the finding carries, or NONE
    pending: np.ndarray
    detail: object                 # pl.DataFrame, a row per finding: how its due time came about
                                   # (the keys of the per-ticket engine's Finding.detail)
    message: pl.Series | None = None    # per finding, when it is not the check's own message


NONE_INSTANT = np.iinfo(np.int64).min
CYCLE_STATES = ("met", "late", "missed", "pending", "handed_over")


@dataclass
class Run:
    table: EventTable
    ruleset: object
    as_of: int
    fields: object                 # the per-ticket engine's FieldContext
    days: object                   # its LocalDays
    ordinal: np.ndarray = None
    workday: np.ndarray = None
    covered: np.ndarray = None
    unit_row: np.ndarray = None
    dispatch_ordinal: np.ndarray = None
    hand_over: np.ndarray = None   # per ticket: judged by the per-ticket engine
    cycles: dict = field(default_factory=dict)
    found: list = field(default_factory=list)
    actor_context: TicketContext = None
    lang: str = "zh"
    gaps: object = None            # checker.columnar.unrecorded.Gaps: what sources do not record
    blocked: dict = field(default_factory=dict)     # id(check) -> (per ticket: not judged, lacking by set)
    _classes_found: tuple = None    # _classes(), kept

    def prepare(self) -> None:
        table = self.table
        self.ordinal = day_tables.local_ordinals(table.at, self.ruleset.tz).astype(np.int32)
        self.workday, self.covered = day_tables.workday_table(self.ordinal, self.ruleset.calendar)
        units = table.frame.get_column("unit").is_not_null().to_numpy()
        handover = table.is_event(HANDOVER_EVENTS) & units
        self.unit_row = table.latest_flagged(handover)
        # A row before any handover takes the ticket's last unit (TicketContext.unit_at reads
        # back from the row; with none found it has none).
        first_dispatch = table.first_in_ticket(table.is_event(("dispatched",)))
        anchor = np.where(first_dispatch != NONE, first_dispatch, table.first_row)
        self.dispatch_ordinal = self.ordinal[anchor] if len(anchor) else anchor
        self.hand_over = np.zeros(len(table.first_row), dtype=bool)
        dummy = Ticket("_", [])
        self.actor_context = TicketContext(dummy, self.ruleset, self.as_of, self.days, self.fields)

    def actor_matches(self, actor) -> np.ndarray:
        """Per row: whether the rule's `actor` did it (checker.columnar.predicates.actor_matches)."""
        return predicates.actor_matches(self.actor_context, self.table, actor,
                                        self.gaps.actor_rows if self.gaps is not None else None)

    def hand_over_rows(self, rows: np.ndarray, where: np.ndarray | None = None) -> None:
        """The tickets of these rows are judged by the per-ticket engine."""
        if where is not None:
            rows = rows[where]
        self.hand_over[self.table.tkey[rows]] = True

    def durations(self, check, rows: np.ndarray):
        """(Duration, clock) per row, for the ticket's class on its dispatch day, and the rows
        whose class the rule does not name (handed over: the per-ticket engine says why).
        The rule is asked once per distinct (class, dispatch day)."""
        tkeys = self.table.tkey[rows]
        class_of, class_names = self._classes()
        days = self.dispatch_ordinal[tkeys]
        low = int(days.min()) if len(days) else 0
        span = int(days.max()) - low + 1 if len(days) else 1
        distinct, index = _distinct_keys(class_of[tkeys] * span + (days - low), len(class_names) * span)
        values = []
        for key in distinct.tolist():
            try:
                values.append(check.within.for_class(class_names[key // span],
                                                     date.fromordinal(key % span + low)))
            except (KeyError, TypeError, ValueError):
                values.append(None)
        bad = np.array([value is None for value in values], dtype=bool)[index]
        return PerRow(values, index), bad

    def _classes(self):
        """Per ticket: the number of its deadline class, and the classes by number."""
        if self._classes_found is None:
            classes = self.table.tickets.get_column("deadline_class")
            physical = classes.to_physical().fill_null(-1).cast(pl.Int64).to_numpy()
            _, first, class_of = np.unique(physical, return_index=True, return_inverse=True)
            # Set at once: two checks may ask at the same time (checker.columnar.audit).
            self._classes_found = (class_of.astype(np.int64), classes.gather(first).to_list())
        return self._classes_found

    def due_instants(self, check, rows: np.ndarray, starts: np.ndarray):
        """The due instant of a period begun at `starts[i]` for the ticket of `rows[i]`,
        where it could not be computed (handed over), and the (Duration, clock) of each."""
        from checker.calendar.clocks import due_instant
        pairs, bad = self.durations(check, rows)
        due = np.zeros(len(rows), dtype=np.int64)
        kinds: dict = {}                 # (duration text, clock) -> (a pair of it, its number)
        number = np.full(len(pairs.values), -1)
        for position, pair in enumerate(pairs.values):
            if pair is not None:
                number[position] = kinds.setdefault((pair[0].text, pair[1]), (pair, len(kinds)))[1]
        kind_of_row = number[pairs.index]
        ruleset = self.ruleset
        for (duration, clock), kind in kinds.values():
            members = np.flatnonzero(kind_of_row == kind)
            if clock == "elapsed":
                due[members] = starts[members] + duration.total_seconds
                continue
            values, ok = day_tables.day_dues(
                starts[members], ruleset.tz,
                lambda start: due_instant(start, duration, clock, ruleset.calendar, ruleset.tz,
                                          check.within.holiday_extends,
                                          getattr(check.within, "count_start_day", False)))
            due[members] = values
            bad[members[~ok]] = True
        return due, bad, pairs


def _distinct_keys(keys: np.ndarray, bound: int) -> tuple[np.ndarray, np.ndarray]:
    """(the distinct keys, sorted; the index of each key among them) of keys in 0..bound-1:
    by a table of the bound when it is not much larger than the keys (no sort)."""
    if bound > 4 * len(keys) + 65536:
        return np.unique(keys, return_inverse=True)
    present = np.zeros(bound, dtype=bool)
    present[keys] = True
    return np.flatnonzero(present), (np.cumsum(present) - 1)[keys]


class PerRow(Sequence):
    """One value per row, each distinct value held once: `values[index[row]]`."""

    def __init__(self, values: list, index: np.ndarray):
        self.values = values
        self.index = index

    def __len__(self) -> int:
        return len(self.index)

    def __getitem__(self, row):
        return self.values[self.index[row]]
