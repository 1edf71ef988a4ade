"""Rule kind `requires` over columns (the meaning: checker/engine/requires.py).

Triggers are rows (an event, optionally only the first per ticket, optionally with a
condition) or the overdue cycles of deadline rules. `before`: a required row between the
latest `since_event` (or the ticket's start) and the trigger; `after`: the first required
row from the trigger on, unless a closing row comes first, within a duration if any.
What the trigger itself must carry (`trigger_must`: an actor, fields, a known unit, the due
time of a cycle) is judged per distinct combination by the per-ticket engine's own test.
What this module does not evaluate column-wise is handed to the per-ticket engine for the
tickets concerned: required events that must match the trigger's values.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from checker.columnar import predicates
from checker.columnar.run import NONE_INSTANT, Found, Run
from checker.columnar.table import NONE
from checker.engine import requires as reference
from checker.i18n import pick
from checker.output.phrasing import with_aside


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


def evaluate(check, run: Run) -> None:
    table = run.table
    spec = check.spec
    triggers = _triggers(check, run)
    has_event = triggers.event_row != NONE
    if "trigger_must" in spec:
        _trigger_must(check, run, triggers)
    require = spec.get("require")
    if require is None or len(triggers.index) == 0:
        return
    if any(name not in table.frame.columns for name in require.get("match", ())):
        run.hand_over_rows(triggers.index, has_event)
    candidates = table.is_event(require["event"]) & run.actor_matches(require.get("actor"))
    if require["position"] == "before":
        _before(check, run, triggers, candidates)
    else:
        _after(check, run, triggers, candidates)


def _trigger_must(check, run: Run, triggers: Triggers) -> None:
    """What each triggering row itself lacks: the per-ticket engine's own test judges each
    distinct combination of what it reads (the actor, the unit, which named fields are
    empty) once; the lateness against the cycle of `by_due_of` is found column-wise."""
    table = run.table
    must = check.spec["trigger_must"]
    has_event = triggers.event_row != NONE
    rows = triggers.event_row[has_event]
    fields = tuple(must.get("fields", ()))
    frame = table.frame
    if not len(rows):
        return
    if any(name not in frame.columns for name in fields):
        run.hand_over_rows(rows)
        return
    keys = {"actor": frame.get_column("actor").gather(rows), "unit": frame.get_column("unit").gather(rows)}
    keys.update({f"_{name}": frame.get_column(name).gather(rows).is_null() for name in fields})
    firsts, group = predicates.groups_of(keys)
    problems = []                   # per group: what its rows lack
    for first in firsts:
        event = predicates.stand_in_event(table, int(rows[first]))
        found, _ = reference.own_problems(check, reference.Trigger(0, event.at, event, None),
                                          run.actor_context, run.lang)
        problems.append(found)
    at = table.at[rows]
    due = at.copy()
    late = np.zeros(len(rows), dtype=bool)
    rule_id = must.get("by_due_of")
    if rule_id:
        due, late = _due_of_cycle(run, rule_id, rows, at)
    late_text = reference.late_for_due(run.lang)
    chosen = np.flatnonzero(np.array([bool(found) for found in problems], dtype=bool)[group] | late)
    # One message per (group, late) met, gathered per row.
    said, index = np.unique(group[chosen].astype(np.int64) * 2 + late[chosen], return_inverse=True)
    messages = pl.Series([reference.problems_message(
        check, [*problems[key // 2], *([late_text] if key % 2 else [])], run.lang)
        for key in said.tolist()], dtype=pl.String).gather(index)
    kept = np.flatnonzero(has_event)[chosen]
    run.found.append(Found(
        check=check, tkey=triggers.tkey[kept], due=due[chosen], actual=at[chosen],
        unit_row=triggers.unit_row[kept], note_row=rows[chosen],
        pending=np.zeros(len(chosen), dtype=bool),
        detail=pl.DataFrame({"trigger": at[chosen]}), message=messages))


def _due_of_cycle(run: Run, rule_id: str, rows: np.ndarray, at: np.ndarray):
    """Per row: the due time, just before the row, of the last cycle of `rule_id` its ticket
    started before it (the row's own time when there is none), and whether the row is later."""
    table = run.table
    due = at.copy()
    found = np.zeros(len(rows), dtype=bool)
    promised = table.frame.get_column("promised_at").fill_null(0).to_numpy()
    for cycles in run.cycles.get(rule_id, ()):      # a later check's cycle wins, as in the reference
        position = np.searchsorted(cycles.start, rows, side="left") - 1
        safe = np.maximum(position, 0)
        inside = (position >= 0) & (table.tkey[cycles.start[safe]] == table.tkey[rows]) \
            if len(cycles.start) else np.zeros(len(rows), dtype=bool)
        extension = cycles.extension_row[safe] if len(cycles.start) else np.full(len(rows), NONE)
        extended = (extension != NONE) & (table.at[np.maximum(extension, 0)] < at)
        value = np.where(extended, promised[np.maximum(extension, 0)],
                         cycles.base_due[safe] if len(cycles.start) else 0)
        due = np.where(inside, value, due)
        found |= inside
    return due, found & (at > due)


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
        detail=_trigger_details(triggers.at[missing], "before")))


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
    after_instant = table.first_at_or_after(triggers.tkey, triggers.at)
    low = np.where(has_event, triggers.index + 1, np.maximum(after_instant, triggers.index * 0))
    low = np.maximum(low, after_instant)
    end = table.end_row[triggers.tkey]
    inside = low < end
    probe = np.where(inside, low, 0)
    closing = table.is_event(require.get("not_after_event", ()))
    boundary = np.where(inside, table.next_flagged(closing, probe, strict=False), NONE)
    found = np.where(inside, table.next_flagged(candidates, probe, strict=False), NONE)
    found = np.where((boundary != NONE) & (found != NONE) & (found > boundary), NONE, found)
    mismatched = np.zeros(count, dtype=bool)
    if require.get("match"):
        # The first required row carrying the trigger's values; an overdue trigger has none
        # to match. Rows in between that do not carry them are named in the message.
        matching = _first_matching(table, require["match"], np.flatnonzero(candidates),
                                   triggers.event_row, np.where(inside, probe, table.rows))
        matching = np.where(has_event & inside, matching, found)
        matching = np.where((boundary != NONE) & (matching != NONE) & (matching > boundary), NONE, matching)
        mismatched = (matching == NONE) & (found != NONE)
        found = matching
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
    messages = None
    if mismatched.any():
        plain = pick(check.message, run.lang)
        told = with_aside(plain, reference.mismatch_text(require, run.lang), run.lang)
        messages = pl.Series(np.where((mismatched & (bounded | overdue))[keep], told, plain), dtype=pl.String)
    run.found.append(Found(
        check=check, tkey=triggers.tkey[keep], due=finding_due[keep],
        actual=np.where(late, found_at, NONE_INSTANT)[keep], unit_row=triggers.unit_row[keep],
        note_row=triggers.event_row[keep], pending=pending[keep],
        detail=_trigger_details(triggers.at[keep], "after"),
        message=messages))


def _first_matching(table, fields, candidate_rows: np.ndarray, trigger_rows: np.ndarray,
                    probes: np.ndarray) -> np.ndarray:
    """Per trigger: the first candidate row at or after its probe, in its ticket, whose values
    of `fields` equal the trigger row's (empty equal to empty), or NONE. A trigger row of NONE
    finds NONE."""
    has_row = trigger_rows != NONE
    rows = np.concatenate([candidate_rows, trigger_rows[has_row]])
    result = np.full(len(trigger_rows), NONE)
    if not len(candidate_rows) or not has_row.any():
        return result
    values = table.frame.select(fields)[rows].with_row_index("_position")
    groups = values.group_by(list(fields)).agg(pl.col("_position"))
    code = np.empty(len(rows), dtype=np.int64)
    for number, members in enumerate(groups.get_column("_position").to_list()):
        code[np.asarray(members, dtype=np.int64)] = number
    _, pair = np.unique(table.tkey[rows].astype(np.int64) * (len(groups) + 1) + code, return_inverse=True)
    span = np.int64(table.rows + 1)
    candidate_keys = np.sort(pair[:len(candidate_rows)].astype(np.int64) * span + candidate_rows)
    wanted_pair = pair[len(candidate_rows):].astype(np.int64)
    wanted = wanted_pair * span + probes[has_row]
    at = np.searchsorted(candidate_keys, wanted, side="left")
    hit = candidate_keys[np.minimum(at, len(candidate_keys) - 1)]
    same = (at < len(candidate_keys)) & (hit // span == wanted_pair)
    result[has_row] = np.where(same, hit % span, NONE)
    return result


def _trigger_details(at: np.ndarray, position: str) -> pl.DataFrame:
    """What the per-ticket engine's finding says of its trigger, as columns."""
    return pl.DataFrame({"trigger": at, "position": pl.Series([position] * len(at), dtype=pl.String)})
