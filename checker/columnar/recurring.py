"""Rule kind `recurring` over columns (the meaning: checker/engine/recurring.py).

Per ticket: its first applying opening row, the first closing row at or after it, and every
day between them (or up to as-of) exploded into rows; the days holding a required event are
taken out by one membership test of (ticket, day) keys, the rest days by the calendar's day
table. A ticket with a day the calendar lacks is handed to the per-ticket engine.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from checker.columnar import days as day_tables
from checker.columnar import predicates
from checker.columnar.run import Found, Run
from checker.columnar.table import NONE
from checker.engine.context import HANDOVER_EVENTS

_DAY_BITS = np.int64(21)


def evaluate(check, run: Run) -> None:
    table = run.table
    spec = check.spec
    rows = np.flatnonzero(table.is_event(spec["from"]))
    applies, failed = predicates.evaluate(check.applies, spec.get("applies_when"), table, rows,
                                          run.fields, run.workday)
    run.hand_over_rows(rows, failed)
    rows = rows[applies]
    if len(rows) == 0:
        return
    keys = table.tkey[rows]
    opening = rows[np.concatenate(([True], keys[1:] != keys[:-1]))]
    tkey = table.tkey[opening]
    start = table.first_at_or_after(tkey, table.at[opening])
    closing = table.next_flagged(table.is_event(spec["until"]), start, strict=False)
    closed = closing != NONE
    first_day = run.ordinal[opening] + 1
    as_of_day = int(run.days.ordinal(run.as_of))
    last_day = np.where(closed, run.ordinal[np.maximum(closing, 0)] - 1, as_of_day)
    lengths = np.maximum(last_day - first_day + 1, 0)
    which = np.repeat(np.arange(len(opening)), lengths)
    offsets = np.arange(len(which)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    day = first_day[which] + offsets
    owner = tkey[which]
    recorded_rows = np.flatnonzero(table.is_event(spec["event"]))
    recorded = (table.tkey[recorded_rows].astype(np.int64) << _DAY_BITS) | run.ordinal[recorded_rows]
    keep = ~np.isin((owner.astype(np.int64) << _DAY_BITS) | day, recorded)
    every = spec.get("every", "workday")
    if every == "workday":
        work, covered = day_tables.workday_table(day, run.ruleset.calendar)
        run.hand_over[owner[~covered]] = True
        keep &= work
    which, day, owner = which[keep], day[keep], owner[keep]
    day_end = _midnights(day + 1, run.days)
    pending = ~closed[which] & (day_end > run.as_of)
    run.found.append(Found(
        check=check, tkey=owner, due=day_end, actual=np.full(len(day), np.iinfo(np.int64).min),
        unit_row=_unit_at_time(run, owner, day_end - 1), note_row=opening[which], pending=pending,
        detail=pl.DataFrame({"day": day.astype(np.int64),
                            "every": pl.Series([every] * len(day), dtype=pl.String)})))


def _midnights(days: np.ndarray, local_days) -> np.ndarray:
    unique, inverse = np.unique(days, return_inverse=True)
    values = np.array([local_days.midnight(int(o)) for o in unique.tolist()], dtype=np.int64)
    return values[inverse] if len(unique) else np.empty(0, dtype=np.int64)


def _unit_at_time(run: Run, tkey: np.ndarray, instant: np.ndarray) -> np.ndarray:
    """The unit of the last dispatch or redispatch at or before the instant, else the ticket's
    current unit (TicketContext.unit_at_time): as the row holding it, or NONE."""
    table = run.table
    handover = table.is_event(HANDOVER_EVENTS) & table.frame.get_column("unit").is_not_null().to_numpy()
    last_before = table.first_at_or_after(tkey, instant + 1) - 1
    inside = last_before >= table.first_row[tkey]
    found = np.where(inside, table.previous_flagged(handover, np.maximum(last_before, 0), strict=False), NONE)
    current = table.previous_flagged(handover, table.end_row[tkey] - 1, strict=False)
    return np.where(found != NONE, found, current)
