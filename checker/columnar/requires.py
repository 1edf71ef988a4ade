"""Rule kind `requires` over columns (the meaning: checker/engine/requires.py).

Triggers are rows (an event, optionally only the first per ticket, optionally with a
condition) or the overdue cycles of deadline rules. `before`: a required row between the
latest `since_event` (or the ticket's start) and the trigger; `after`: the first required
row from the trigger on, unless a closing row comes first, within a duration if any.
What this module does not evaluate column-wise is handed to the per-ticket engine for the
tickets concerned: a trigger that must carry an actor, fields or a due time of its own;
required events that must match the trigger's values; a unit-known test that fails (its
message names the unit).
"""

from __future__ import annotations

import numpy as np

from checker.columnar import predicates
from checker.columnar.run import NONE_INSTANT, Found, Run
from checker.columnar.table import NONE


class Triggers:
    def __init__(self, tkey, index, at, event_row, unit_row):
        self.tkey = tkey              # ticket key
        self.index = index            # trigger row; for an overdue trigger, its cycle's start
        self.at = at
        self.event_row = event_row    # the triggering row, or NONE (overdue)
        self.unit_row = unit_row


def _triggers(check, run: Run) -> Triggers:
    table = run.table
    spec = check.spec["trigger"]
    if "overdue_of" in spec:
        parts = [cycles for rule_id in spec["overdue_of"] for cycles in run.cycles.get(rule_id, ())]
        start = np.concatenate([c.start[c.overdue] for c in parts]) if parts else np.empty(0, np.int64)
        due = np.concatenate([c.due[c.overdue] for c in parts]) if parts else np.empty(0, np.int64)
        unit = np.concatenate([c.unit_row[c.overdue] for c in parts]) if parts else np.empty(0, np.int64)
        return Triggers(table.tkey[start], start, due, np.full(len(start), NONE), unit)
    rows = np.flatnonzero(table.is_event(spec["event"]))
    passes, failed = predicates.evaluate(check.where, spec.get("where"), table, rows, run.fields,
                                         run.workday)
    run.hand_over_rows(rows, failed)
    rows = rows[passes]
    nth = spec.get("nth")
    if (spec.get("first_only") or nth is not None) and len(rows):
        keys = table.tkey[rows]
        opens = np.concatenate(([True], keys[1:] != keys[:-1]))
        if nth is None:
            rows = rows[opens]
        else:
            # The rank of each trigger among its ticket's: position minus its ticket's first.
            ticket_start = np.maximum.accumulate(np.where(opens, np.arange(len(rows)), 0))
            rows = rows[np.arange(len(rows)) - ticket_start + 1 == nth]
    return Triggers(table.tkey[rows], rows, table.at[rows], rows, run.unit_row[rows])


def _first_at_or_after(table, tkeys: np.ndarray, instants: np.ndarray) -> np.ndarray:
    """Per (ticket, instant): the ticket's first row at or after the instant, or its end."""
    base = int(table.at.min()) if table.rows else 0
    span = np.int64(1) << np.int64(34)
    keys = (table.tkey.astype(np.int64) << np.int64(34)) | (table.at - base)
    wanted = (tkeys.astype(np.int64) << np.int64(34)) | np.clip(instants - base, 0, span - 1)
    return np.searchsorted(keys, wanted, side="left")


def evaluate(check, run: Run) -> None:
    table = run.table
    spec = check.spec
    triggers = _triggers(check, run)
    has_event = triggers.event_row != NONE
    if "trigger_must" in spec:
        must = spec["trigger_must"]
        if set(must) - {"unit_known"}:
            run.hand_over_rows(triggers.index, has_event)
        elif must.get("unit_known"):
            units = table.frame.get_column("unit")
            known = run.ruleset.units
            unknown = units.is_not_null() & ~units.is_in(list(known))
            rows = triggers.event_row[has_event]
            run.hand_over_rows(rows, unknown.to_numpy()[rows])
    require = spec.get("require")
    if require is None or len(triggers.index) == 0:
        return
    if require.get("match"):
        run.hand_over_rows(triggers.index, has_event)
    candidates = table.is_event(require["event"]) & predicates.actor_matches(
        run.actor_context, table, require.get("actor"))
    if require["position"] == "before":
        _before(check, run, triggers, candidates)
    else:
        _after(check, run, triggers, candidates)


def _before(check, run: Run, triggers: Triggers, candidates: np.ndarray) -> None:
    table = run.table
    since = check.spec["require"].get("since_event")
    first = table.first_row[triggers.tkey]
    if since:
        lower = table.previous_flagged(table.is_event((since,)), triggers.index)
        found = np.where(lower != NONE, table.next_flagged(candidates, np.maximum(lower, 0)),
                         table.next_flagged(candidates, first, strict=False))
    else:
        found = table.next_flagged(candidates, first, strict=False)
    missing = (found == NONE) | (found >= triggers.index)
    run.found.append(Found(
        check=check, tkey=triggers.tkey[missing], due=triggers.at[missing],
        actual=np.full(int(missing.sum()), NONE_INSTANT), unit_row=triggers.unit_row[missing],
        note_row=triggers.event_row[missing], pending=np.zeros(int(missing.sum()), dtype=bool),
        detail=[{"trigger": at, "position": "before"} for at in triggers.at[missing].tolist()]))


def _after(check, run: Run, triggers: Triggers, candidates: np.ndarray) -> None:
    table = run.table
    require = check.spec["require"]
    count = len(triggers.index)
    due = np.full(count, NONE_INSTANT)
    if "within" in require:
        due, bad, _ = run.due_instants(check, triggers.index, triggers.at)
        run.hand_over_rows(triggers.index, bad)
    has_event = triggers.event_row != NONE
    # From the row after the trigger (an event trigger) or the first row at or after the
    # instant it fell due (an overdue trigger), the rows at or after the trigger's instant.
    after_instant = _first_at_or_after(table, triggers.tkey, triggers.at)
    low = np.where(has_event, triggers.index + 1, np.maximum(after_instant, triggers.index * 0))
    low = np.maximum(low, after_instant)
    end = table.end_row[triggers.tkey]
    inside = low < end
    probe = np.where(inside, low, 0)
    closing = table.is_event(require.get("not_after_event", ()))
    boundary = np.where(inside, table.next_flagged(closing, probe, strict=False), NONE)
    found = np.where(inside, table.next_flagged(candidates, probe, strict=False), NONE)
    found = np.where((boundary != NONE) & (found != NONE) & (found > boundary), NONE, found)
    has_due = due != NONE_INSTANT
    found_at = np.where(found != NONE, table.at[np.maximum(found, 0)], NONE_INSTANT)
    boundary_at = np.where(boundary != NONE, table.at[np.maximum(boundary, 0)], NONE_INSTANT)
    late = (found != NONE) & has_due & (found_at > due)
    bounded = (found == NONE) & (boundary != NONE)
    open_ = (found == NONE) & (boundary == NONE)
    overdue = open_ & has_due & (run.as_of > due)
    pending = open_ & ~overdue
    limit = np.where(has_due & (due < boundary_at), due, boundary_at)
    finding_due = np.where(bounded, limit, due)
    keep = late | bounded | open_
    run.found.append(Found(
        check=check, tkey=triggers.tkey[keep], due=finding_due[keep],
        actual=np.where(late, found_at, NONE_INSTANT)[keep], unit_row=triggers.unit_row[keep],
        note_row=triggers.event_row[keep], pending=pending[keep],
        detail=[{"trigger": at, "position": "after"} for at in triggers.at[keep].tolist()]))
