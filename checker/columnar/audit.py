"""The audit on the columnar engine: every check column-wise where it can be, the tickets
handed over judged by the per-ticket engine, the findings the same whatever the engine."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import polars as pl

from checker.columnar import deadline, recurring, requires
from checker.columnar import notes as columnar_notes
from checker.columnar import unrecorded as gaps
from checker.columnar.in_order import in_order
from checker.columnar.run import NONE_INSTANT, Run
from checker.columnar.table import COLUMNS, NONE, build_table
from checker.engine.tickets import group_tickets
from checker.finding_frame import DETAIL, FRAME_SCHEMA, ORDER, FindingList, combined, frame_of_findings
from checker.i18n import pick
from checker.model import Event

KERNELS = {"deadline": deadline.evaluate, "requires": requires.evaluate,
           "recurring": recurring.evaluate}


@dataclass
class ColumnarAudit:
    """An audit on the columnar engine and what the reports read beside its findings: the
    run (sorted events, cycles), the tickets in the period, those the per-ticket engine
    judged and, for these, its (TicketContext, findings) pairs."""
    audited: object                 # checker.engine.audit.Audited
    run: Run | None = None          # None: no event to judge
    in_period: np.ndarray | None = None
    handed: np.ndarray | None = None            # ticket keys judged by the per-ticket engine
    reference: list = field(default_factory=list)


def audit_frame(frame, ruleset, options, as_of: int, unrecorded=None):
    """What the events in `frame`, judged at `as_of`, break (checker.engine.audit.Audited).
    `frame` is the events frame, or a list holding it: the engine then takes it out, so the
    caller keeps no reference to it while it is sorted (a large log is in memory once, not
    twice). `unrecorded`: per source, what its export does not record (LogData.unrecorded)."""
    return audit_columns(frame, ruleset, options, as_of, unrecorded).audited


def audit_columns(frame, ruleset, options, as_of: int, unrecorded=None) -> ColumnarAudit:
    """audit_frame, keeping the run and the per-ticket engine's contexts of the tickets it judged."""
    from checker.engine.audit import Audited, Auditor
    auditor = Auditor(ruleset, as_of, options.lang, unrecorded)
    held = frame if isinstance(frame, list) else [frame]
    del frame
    if not held[0].select((pl.col("at") <= as_of).any()).item():
        return ColumnarAudit(Audited(0, [], [], auditor.unjudged.result()))
    table = build_table(held.pop(), ruleset, as_of)
    run = Run(table, ruleset, as_of, auditor.fields, auditor.days, lang=options.lang)
    run.prepare()
    run.gaps = gaps.ticket_gaps(run, unrecorded)
    if run.gaps is not None:
        gaps.block_checks(run, auditor.checks, auditor.unjudged)
    _evaluate(run, auditor.checks)
    in_period = _in_period(run, options)
    if run.blocked:
        gaps.count_unjudged(run, auditor.checks, in_period, auditor.unjudged)
    columns = _findings(run, options.lang, in_period & ~run.hand_over)
    handed = np.flatnonzero(run.hand_over & in_period)
    reference = _reference(run, auditor, handed) if len(handed) else []
    findings = combined([FindingList(columns), [f for _, ticket_findings in reference for f in ticket_findings]])
    notes = columnar_notes.ticket_notes(run, in_period, options.lang)
    judged = _judged(run, auditor.checks, in_period & ~run.hand_over) + auditor.judged
    audited = Audited(int(in_period.sum()), findings, notes, auditor.unjudged.result(), judged)
    return ColumnarAudit(audited, run, in_period, handed, reference)


def _evaluate(run: Run, checks) -> None:
    """Every check column-wise, two at a time up to _CONCURRENT_ROWS events (the kernels'
    array work leaves Python's lock): the deadline checks first, as a requires check reads
    their cycles, those of one rule in turn, as a later check's cycle wins; then the others.
    The findings are kept in the order of the checks, whichever finished first. A check of a
    kind without a kernel hands every ticket to the per-ticket engine."""
    if any(check.kind not in KERNELS for check in checks):
        run.hand_over[:] = True
    by_rule: dict = {}
    for check in checks:
        if check.kind == "deadline":
            by_rule.setdefault(check.rule_id, []).append(check)
    stages = [list(by_rule.values()),
              [[check] for check in checks if check.kind in KERNELS and check.kind != "deadline"]]

    def evaluate(group) -> None:
        for check in group:
            KERNELS[check.kind](check, run)

    at_once = _AT_ONCE if run.table.rows <= _CONCURRENT_ROWS else 1
    for stage in stages:
        for _ in in_order(evaluate, stage, at_once):
            pass
        if run.blocked:
            gaps.drop_blocked_cycles(run)
    position = {id(check): index for index, check in enumerate(checks)}
    run.found.sort(key=lambda found: position[id(found.check)])


_AT_ONCE = 2
# Above this many events, one check at a time in the calling thread (in_order with one
# worker): a worker thread's arrays come from a malloc arena of its own, which gives memory
# back less readily (10M tickets from Parquet peaked 0.7 GB higher), and at that size memory
# is the bound, the time gained a twentieth.
_CONCURRENT_ROWS = 1 << 21


def _judged(run: Run, checks, tickets: np.ndarray) -> int:
    """(ticket, check) pairs judged column-wise: a check counts on a ticket that has an event
    waking it, as the per-ticket engine counts, unless the ticket lacks what it needs."""
    from checker.engine.registry import wakes_on
    woken_by: dict = {}             # wake events -> tickets woken (checks share them)
    total = 0
    for check in checks:
        wake = wakes_on(check)
        if wake is not None and wake not in woken_by:
            woken = np.zeros(len(tickets), dtype=bool)
            woken[run.table.tkey[run.table.is_event(wake)]] = True
            woken_by[wake] = woken
        judged = gaps.judged_tickets(run, check, tickets)
        total += int((judged if wake is None else judged & woken_by[wake]).sum())
    return total


def _in_period(run: Run, options) -> np.ndarray:
    inside = np.ones(len(run.table.first_row), dtype=bool)
    if options.date_from is not None:
        inside &= run.dispatch_ordinal >= options.date_from.toordinal()
    if options.date_to is not None:
        inside &= run.dispatch_ordinal <= options.date_to.toordinal()
    return inside


def _findings(run: Run, lang: str, keep_ticket: np.ndarray) -> pl.DataFrame:
    """The findings of the checks judged column-wise, as one frame (checker.finding_frame),
    in the order of the checks."""
    table = run.table
    units = table.frame.get_column("unit")
    notes = table.frame.get_column("note")
    ticket_ids = table.tickets.get_column("ticket_id")
    frames = []
    for found in run.found:
        keep = gaps.kept_findings(run, found, keep_ticket)
        if not keep.any():
            continue
        chosen = np.flatnonzero(keep)
        check = found.check
        detail = found.detail[chosen] if len(chosen) < len(keep) else found.detail
        message = pl.lit(pick(check.message, lang), dtype=pl.String) if found.message is None \
            else pl.lit(found.message.gather(chosen))
        frames.append(pl.DataFrame({
            "ticket_id": ticket_ids.gather(found.tkey[chosen]),
            "unit": _rows_of(units, found.unit_row[chosen]).cast(pl.String),
            "due": _instants(found.due[chosen]), "actual": _instants(found.actual[chosen]),
            "status": found.pending[chosen],
            "note": _rows_of(notes, found.note_row[chosen]),
            ORDER: _order_of(detail), DETAIL: _detail_text(detail)}).with_columns(
            *(pl.lit(value, dtype=pl.String).alias(name) for name, value in (
                ("rule", check.rule_id), ("clause", check.clause), ("severity", check.severity),
                ("check", check.name), ("responsible", check.responsible), ("version", None))),
            message.alias("message"),
            pl.when(pl.col("status")).then(pl.lit("pending")).otherwise(pl.lit("violated")).alias("status"))
            .select(pl.col(name).cast(dtype) for name, dtype in FRAME_SCHEMA.items()))
    return pl.concat(frames) if frames else frame_of_findings([])


def _rows_of(column: pl.Series, rows: np.ndarray) -> pl.Series:
    """The column's value at each row; null where there is no row (NONE)."""
    values = column.gather(np.maximum(rows, 0))
    missing = np.flatnonzero(rows == NONE)
    return values.scatter(missing, None) if len(missing) else values


def _instants(values: np.ndarray) -> pl.Series:
    series = pl.Series(values, dtype=pl.Int64)
    missing = np.flatnonzero(values == NONE_INSTANT)
    return series.scatter(missing, None) if len(missing) else series


def _order_of(detail: pl.DataFrame) -> pl.Series:
    """checker.finding_frame.order_value of each finding's detail."""
    keys = [pl.when(pl.col(name) != 0).then(pl.col(name)) for name in ("start", "trigger")
            if name in detail.columns]
    if not keys:
        return pl.Series(ORDER, np.zeros(detail.height, dtype=np.int64))
    return detail.select(pl.coalesce(*keys, pl.lit(0, dtype=pl.Int64)).cast(pl.Int64)).to_series()


def _detail_text(detail: pl.DataFrame) -> pl.Series:
    return detail.select(pl.struct(pl.all()).struct.json_encode()).to_series() if detail.width \
        else pl.Series(["{}"] * detail.height, dtype=pl.String)


def _reference(run: Run, auditor, tkeys: np.ndarray) -> list:
    """The handed-over tickets, judged by the per-ticket engine on their own events:
    (TicketContext, findings) per ticket."""
    table = run.table
    rows = np.concatenate([np.arange(table.first_row[k], table.end_row[k]) for k in tkeys.tolist()])
    part = table.events(rows)
    events = [Event(**dict(zip(COLUMNS, values))) for values in part.iter_rows()]
    return [auditor.check_ticket(ticket) for ticket in group_tickets(events, run.ruleset, run.as_of)]
