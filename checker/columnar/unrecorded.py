"""What a log's sources do not record, column-wise (the meaning: checker/engine/unrecorded.py).

Each ticket lacks what none of its sources records. The checks needing a lacking entry are
not judged on that ticket: their findings and cycles are left out, and the tickets they
would have concerned are counted, once per check, as the per-ticket engine counts them. An
event whose actor is not recorded matches any actor a rule names (TicketContext.actor_matches).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from checker.columnar import predicates
from checker.columnar.run import Cycles, Found, Run
from checker.columnar.table import EVENT_NAMES
from checker.engine.registry import wakes_on
from checker.engine.unrecorded import common_unrecorded

# Past this many distinct declarations among the sources, a ticket that mixes them is judged
# by the per-ticket engine (each declaration is one bit of a 64-bit mask per ticket).
_MAX_DECLARATIONS = 64


@dataclass
class Gaps:
    """Per ticket, what its sources do not record."""
    sets: list                     # the distinct lacking sets; sets[0] is the empty one
    of_ticket: np.ndarray          # per ticket: its set's index
    actor_rows: np.ndarray | None  # per row: no actor logged, and its event's actor unrecorded


def ticket_gaps(run: Run, unrecorded: dict | None) -> Gaps | None:
    """The Gaps of the run's tickets; None when every source records everything. Tickets
    mixing more declarations than one mask holds are handed to the per-ticket engine."""
    declared = {source: missing for source, missing in (unrecorded or {}).items() if missing}
    if not declared:
        return None
    table = run.table
    number, sources = table.dictionary("source")
    kinds = [frozenset()]
    kind_of_source = np.zeros(len(sources) + 1, dtype=np.int64)      # the last: no source
    for position, source in enumerate(sources):
        missing = frozenset(declared.get(source, ()))
        if missing not in kinds:
            kinds.append(missing)
        kind_of_source[position] = kinds.index(missing)
    row_kind = kind_of_source[number]
    if not len(table.first_row):
        return Gaps([frozenset()], np.zeros(0, dtype=np.int64), None)
    low = np.minimum.reduceat(row_kind, table.first_row)
    high = np.maximum.reduceat(row_kind, table.first_row)
    of_ticket = low.copy()
    sets = list(kinds)
    mixed = np.flatnonzero(low != high)
    if len(mixed):
        if len(kinds) > _MAX_DECLARATIONS:
            run.hand_over[mixed] = True
        else:
            bits = np.left_shift(np.uint64(1), row_kind.astype(np.uint64))
            masks = np.bitwise_or.reduceat(bits, table.first_row)[mixed]
            by_bit = dict(enumerate(kinds))
            for mask in np.unique(masks).tolist():
                common = common_unrecorded((bit for bit in by_bit if mask >> bit & 1), by_bit)
                if common not in sets:
                    sets.append(common)
                of_ticket[mixed[masks == mask]] = sets.index(common)
    return Gaps(sets, of_ticket, _actor_rows(run, sets, of_ticket))


def _actor_rows(run: Run, sets: list, of_ticket: np.ndarray) -> np.ndarray | None:
    unrecorded_actor = np.array([[f"{name}.actor" in missing for name in EVENT_NAMES] for missing in sets],
                                dtype=bool)
    if not unrecorded_actor.any():
        return None
    table = run.table
    no_actor = table.frame.get_column("actor").is_null().to_numpy()
    return no_actor & unrecorded_actor[of_ticket[table.tkey], table.code]


def block_checks(run: Run, checks, tally) -> None:
    """Per check the tickets it is not judged on (run.blocked), by what they lack."""
    gaps = run.gaps
    for check in checks:
        lacking = {index: tally.blocked(check, missing) for index, missing in enumerate(gaps.sets)}
        lacking = {index: entries for index, entries in lacking.items() if entries}
        if lacking:
            by_set = np.zeros(len(gaps.sets), dtype=bool)
            by_set[list(lacking)] = True
            run.blocked[id(check)] = (by_set[gaps.of_ticket], lacking)


def drop_blocked_cycles(run: Run) -> None:
    """The cycles of deadline checks not judged on a ticket left out, as the per-ticket
    engine never computes them (the checks reading cycles look at the others only)."""
    for rule_id, parts in run.cycles.items():
        run.cycles[rule_id] = [_kept_cycles(part, ~run.blocked[id(part.check)][0][run.table.tkey[part.start]])
                               if id(part.check) in run.blocked else part for part in parts]


def _kept_cycles(cycles: Cycles, keep: np.ndarray) -> Cycles:
    return Cycles(**{name: value[keep] if isinstance(value, np.ndarray) else value
                     for name, value in vars(cycles).items()})


def judged_tickets(run: Run, check, tickets: np.ndarray) -> np.ndarray:
    """Of `tickets` (a mask), those the check is judged on."""
    blocked = run.blocked.get(id(check))
    return tickets if blocked is None else tickets & ~blocked[0]


def kept_findings(run: Run, found: Found, tickets: np.ndarray) -> np.ndarray:
    """Per finding of `found`: whether its ticket is among `tickets` and the check judged on it."""
    return judged_tickets(run, found.check, tickets)[found.tkey]


def count_unjudged(run: Run, checks, tickets: np.ndarray, tally) -> None:
    """Into `tally`: per check and what it lacks, the tickets among `tickets` (a mask: in
    the period, judged column-wise) it would have concerned, with their sources. A condition
    the calendar cannot answer hands its ticket to the per-ticket engine, which counts it."""
    concerned = []
    for check in checks:
        if id(check) not in run.blocked:
            continue
        blocked, lacking = run.blocked[id(check)]
        for index, entries in lacking.items():
            concerned.append((check, entries, _would_fire(run, check, entries,
                                                          blocked & (run.gaps.of_ticket == index))))
    table = run.table
    number, sources = table.dictionary("source")
    for check, entries, fires in concerned:
        counted = fires & tickets & ~run.hand_over
        if not counted.any():
            continue
        seen = np.unique(number[counted[table.tkey]])
        tally.add_tickets(check, entries, int(counted.sum()),
                          [sources[index] if index >= 0 else "" for index in seen.tolist()])


def _would_fire(run: Run, check, lacking: tuple, candidates: np.ndarray) -> np.ndarray:
    """Per ticket, of the `candidates` (a mask): whether the check not judged concerned it
    (checker.engine.audit._would_fire): its trigger is what is unrecorded, or the ticket
    has an event that would have started it (an overdue cycle, for an overdue trigger)."""
    table = run.table
    spec = check.spec
    overdue_of = spec.get("trigger", {}).get("overdue_of") if check.kind == "requires" else None
    if overdue_of:
        fires = np.zeros(len(candidates), dtype=bool)
        for part in (part for rule_id in overdue_of for part in run.cycles.get(rule_id, ())):
            fires[table.tkey[part.start[part.overdue]]] = True
        return fires & candidates
    wake = wakes_on(check)
    if wake is None or wake <= set(lacking):
        return candidates
    if check.kind == "requires":
        predicate, condition = check.where, spec["trigger"].get("where")
    else:
        predicate, condition = check.applies, spec.get("applies_when")
    rows = np.flatnonzero(table.is_event(wake) & candidates[table.tkey])
    passes, failed = predicates.evaluate(predicate, condition, table, rows, run.fields, run.workday)
    run.hand_over_rows(rows, failed)
    fires = np.zeros(len(candidates), dtype=bool)
    fires[table.tkey[rows[passes]]] = True
    return fires
