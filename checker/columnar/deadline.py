"""Rule kind `deadline` over columns (the meaning: checker/engine/deadline.py).

Each start row that the rule applies to opens a cycle; its terminator is the first later row
of the ticket that ends it (an end event, by the end actor if named) or bounds it (another
start, an `until` event), found by one binary search over the flagged rows. One extension in
a cycle is applied column-wise; a cycle with several is handed to the per-ticket engine,
which applies them in turn.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from checker.columnar import predicates
from checker.columnar.run import CYCLE_STATES, NONE_INSTANT, Cycles, Found, Run
from checker.columnar.table import NONE
from checker.durations import parse_duration


def evaluate(check, run: Run) -> None:
    table = run.table
    spec = check.spec
    is_start = table.is_event(spec["start"])
    candidates = np.flatnonzero(is_start)
    applies, failed = predicates.evaluate(check.applies, spec.get("applies_when"), table,
                                          candidates, run.fields, run.workday)
    run.hand_over_rows(candidates, failed)
    starts = candidates[applies]
    is_end = table.is_event(spec["end"]) & run.actor_matches(spec.get("end_actor"))
    terminators = is_end | is_start | table.is_event(spec.get("until", ()))
    term = table.next_flagged(terminators, starts)
    early = spec.get("end_before_start")
    if early:
        # An end logged shortly before its start (after the previous start) may meet the
        # cycle: where one exists, the per-ticket engine pairs ends and starts in turn.
        seconds = parse_duration(early).total_seconds
        floor = table.previous_flagged(is_start, starts)
        first_row = table.first_row[table.tkey[starts]]
        probe = np.where(floor != NONE, floor + 1, first_row)
        before = table.next_flagged(is_end, probe, strict=False)
        safe = np.maximum(before, 0)
        early_end = (before != NONE) & (before < starts) & (table.at[safe] >= table.at[starts] - seconds)
        run.hand_over_rows(starts, early_end)
    base_due, bad, pairs = run.due_instants(check, starts, table.at[starts])
    run.hand_over_rows(starts, bad)
    due = base_due.copy()
    extension_row = np.full(len(starts), NONE)
    extension = spec.get("extension")
    if extension:
        promised = table.frame.get_column("promised_at").is_not_null().to_numpy()
        flags = (table.is_event((extension["event"],)) & promised
                 & run.actor_matches(extension.get("actor")))
        rows = np.flatnonzero(flags)
        window_end = np.where(term != NONE, term, table.end_row[table.tkey[starts]])
        low = np.searchsorted(rows, starts, side="right")
        high = np.searchsorted(rows, window_end, side="left")
        count = high - low
        run.hand_over_rows(starts, count > 1)
        single = np.flatnonzero(count == 1)
        if len(single):
            row = rows[low[single]]
            applied = table.at[row] <= base_due[single]
            values = table.frame.get_column("promised_at").gather(row).to_numpy()
            due[single[applied]] = values[applied]
            extension_row[single[applied]] = row[applied]
    has_term = term != NONE
    safe_term = np.where(has_term, term, 0)
    term_at = table.at[safe_term] if len(safe_term) else safe_term
    ended = has_term & is_end[safe_term]
    late = ended & (term_at > due)
    missed = (has_term & ~ended & (term_at > due)) | (~has_term & (run.as_of > due))
    pending = ~has_term & (run.as_of <= due)
    unit_row = run.unit_row[starts]
    state = np.select([ended & ~late, late, missed, pending],
                      [CYCLE_STATES.index(name) for name in ("met", "late", "missed", "pending")],
                      CYCLE_STATES.index("handed_over"))
    run.cycles[check.rule_id] = run.cycles.get(check.rule_id, []) + [Cycles(
        start=starts, due=due, base_due=base_due, overdue=late | missed, unit_row=unit_row,
        extension_row=extension_row, term=term, state=state, check=check)]
    keep = late | missed | pending
    run.found.append(Found(
        check=check, tkey=table.tkey[starts[keep]], due=due[keep],
        actual=np.where(late, term_at, NONE_INSTANT)[keep], unit_row=unit_row[keep],
        note_row=starts[keep], pending=pending[keep],
        detail=_details(run, starts, keep, base_due, pairs, extension_row)))


def _details(run: Run, starts, keep, base_due, pairs, extension_row) -> pl.DataFrame:
    """What the per-ticket engine's finding says of its cycle, for the kept cycles, as columns."""
    table = run.table
    chosen = np.flatnonzero(keep)
    rows = starts[chosen]
    extended = extension_row[chosen]
    # Each cycle's (Duration, clock) is one of a few: written once each, gathered per cycle.
    kinds = pairs.index[chosen]
    return pl.DataFrame({
        "start": table.at[rows],
        "start_event": table.frame.get_column("event").gather(rows).cast(pl.String),
        "clock": pl.Series([pair and pair[1] for pair in pairs.values], dtype=pl.String).gather(kinds),
        "duration": pl.Series([pair and pair[0].text for pair in pairs.values], dtype=pl.String)
        .gather(kinds),
        "deadline_class": table.tickets.get_column("deadline_class").gather(table.tkey[rows])
        .cast(pl.String),
        "base_due": base_due[chosen],
        "_extended_at": np.where(extended != NONE, table.at[np.maximum(extended, 0)], NONE_INSTANT),
    }).with_columns(
        pl.when(pl.col("_extended_at") != NONE_INSTANT).then(pl.concat_list("_extended_at"))
        .otherwise(pl.lit([], dtype=pl.List(pl.Int64))).alias("extended_by")).drop("_extended_at")
