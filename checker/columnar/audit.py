"""The audit on the columnar engine: every check column-wise where it can be, the tickets
handed over judged by the per-ticket engine, the findings the same whatever the engine."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import polars as pl

from checker.columnar import deadline, recurring, requires
from checker.columnar.run import NONE_INSTANT, Run
from checker.columnar.table import COLUMNS, NONE, TICKET_FIELDS, build_table
from checker.engine.data_quality import ticket_notes
from checker.engine.tickets import group_tickets
from checker.i18n import pick
from checker.model import Event, Finding, Ticket

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


def audit_frame(frame: pl.DataFrame, ruleset, options, as_of: int, unrecorded=None):
    """What the events in `frame`, judged at `as_of`, break (checker.engine.audit.Audited).
    `unrecorded`: per source, what its export does not record (LogData.unrecorded)."""
    return audit_columns(frame, ruleset, options, as_of, unrecorded).audited


def audit_columns(frame: pl.DataFrame, ruleset, options, as_of: int, unrecorded=None) -> ColumnarAudit:
    """audit_frame, keeping the run and the per-ticket engine's contexts of the tickets it judged."""
    from checker.engine.audit import Audited, Auditor
    auditor = Auditor(ruleset, as_of, options.lang, unrecorded)
    frame = frame.filter(pl.col("at") <= as_of)
    if frame.height == 0:
        return ColumnarAudit(Audited(0, [], [], auditor.unjudged.result()))
    table = build_table(frame, ruleset, as_of)
    run = Run(table, ruleset, as_of, auditor.fields, auditor.days, lang=options.lang)
    run.prepare()
    partial = [source for source, missing in (unrecorded or {}).items() if missing]
    if partial:
        # What a source does not record decides per ticket whether a check is judged at all:
        # the per-ticket engine decides it, and counts what it could not judge.
        run.hand_over_rows(np.flatnonzero(table.frame.get_column("source").is_in(partial).to_numpy()))
    for check in auditor.checks:
        kernel = KERNELS.get(check.kind)
        if kernel is None:
            run.hand_over[:] = True
        else:
            kernel(check, run)
    in_period = _in_period(run, options)
    findings = _findings(run, options.lang, in_period & ~run.hand_over)
    handed = np.flatnonzero(run.hand_over & in_period)
    reference = _reference(run, auditor, handed) if len(handed) else []
    for _, ticket_findings in reference:
        findings.extend(ticket_findings)
    notes = _notes(run, in_period, options.lang)
    judged = _judged(run, auditor.checks, in_period & ~run.hand_over) + auditor.judged
    audited = Audited(int(in_period.sum()), findings, notes, auditor.unjudged.result(), judged)
    return ColumnarAudit(audited, run, in_period, handed, reference)


def _judged(run: Run, checks, tickets: np.ndarray) -> int:
    """(ticket, check) pairs judged column-wise: a check counts on a ticket that has an event
    waking it, as the per-ticket engine counts."""
    from checker.engine.registry import wakes_on
    total = 0
    for check in checks:
        wake = wakes_on(check)
        if wake is None:
            total += int(tickets.sum())
            continue
        woken = np.zeros(len(tickets), dtype=bool)
        woken[run.table.tkey[run.table.is_event(wake)]] = True
        total += int((woken & tickets).sum())
    return total


def _notes(run: Run, in_period: np.ndarray, lang: str) -> list:
    """The per-ticket engine's data-quality notes, asked of the tickets that can carry one (a
    unit the rule set lacks, a stated urgency flag), in the order they first appear in the
    input, each with its rows that state a unit, a class, an urgency or a category."""
    table = run.table
    frame = table.frame
    units = frame.get_column("unit")
    suspect = (units.is_not_null() & ~units.is_in(list(run.ruleset.units))).to_numpy()
    suspect |= frame.get_column("urgent").is_not_null().to_numpy()
    tickets = np.zeros(len(table.first_row), dtype=bool)
    tickets[table.tkey[suspect]] = True
    tickets &= in_period
    if not tickets.any():
        return []
    stating = frame.select(pl.any_horizontal(pl.col(name).is_not_null() for name in
                                             ("unit", "urgent", "deadline_class", "category"))
                           ).to_series().to_numpy()
    rows = np.flatnonzero(stating & tickets[table.tkey])
    first_seq = frame.select(pl.col("seq").min().over("tkey")).to_series().to_numpy()[rows]
    rows = rows[np.argsort(first_seq, kind="stable")]
    attributes = table.tickets
    grouped: dict[int, list] = {}
    for tkey, values in zip(table.tkey[rows].tolist(), frame[rows].select(COLUMNS).iter_rows()):
        grouped.setdefault(tkey, []).append(Event(**dict(zip(COLUMNS, values))))
    chosen = [Ticket(events=events, rules=run.ruleset, **{name: attributes[name][tkey] for name in
                                       ("ticket_id", *TICKET_FIELDS)})
              for tkey, events in grouped.items()]
    return ticket_notes(chosen, run.ruleset, lang)


def _in_period(run: Run, options) -> np.ndarray:
    inside = np.ones(len(run.table.first_row), dtype=bool)
    if options.date_from is not None:
        inside &= run.dispatch_ordinal >= options.date_from.toordinal()
    if options.date_to is not None:
        inside &= run.dispatch_ordinal <= options.date_to.toordinal()
    return inside


def _findings(run: Run, lang: str, keep_ticket: np.ndarray) -> list[Finding]:
    table = run.table
    units = table.frame.get_column("unit")
    notes = table.frame.get_column("note")
    ticket_ids = table.tickets.get_column("ticket_id")
    findings: list[Finding] = []
    for found in run.found:
        keep = keep_ticket[found.tkey]
        if not keep.any():
            continue
        check = found.check
        message = pick(check.message, lang)
        ids = ticket_ids.gather(found.tkey[keep]).to_list()
        unit_rows = found.unit_row[keep]
        unit = units.gather(np.maximum(unit_rows, 0)).to_list()
        note_rows = found.note_row[keep]
        note = notes.gather(np.maximum(note_rows, 0)).to_list()
        due = found.due[keep].tolist()
        actual = found.actual[keep].tolist()
        pending = found.pending[keep].tolist()
        no_unit = (unit_rows == NONE).tolist()
        no_note = (note_rows == NONE).tolist()
        kept = keep.tolist()
        details = [detail for detail, chosen in zip(found.detail, kept) if chosen]
        messages = [message] * len(ids) if found.message is None else \
            [text for text, chosen in zip(found.message, kept) if chosen]
        for i, ticket_id in enumerate(ids):
            findings.append(Finding(
                ticket_id=ticket_id, rule=check.rule_id, clause=check.clause,
                severity=check.severity, unit=None if no_unit[i] else unit[i],
                due=None if due[i] == NONE_INSTANT else due[i],
                actual=None if actual[i] == NONE_INSTANT else actual[i], message=messages[i],
                status="pending" if pending[i] else "violated", check=check.name,
                responsible=check.responsible, note=None if no_note[i] else note[i],
                detail=details[i]))
    return findings


def _reference(run: Run, auditor, tkeys: np.ndarray) -> list:
    """The handed-over tickets, judged by the per-ticket engine on their own events:
    (TicketContext, findings) per ticket."""
    table = run.table
    rows = np.concatenate([np.arange(table.first_row[k], table.end_row[k]) for k in tkeys.tolist()])
    part = table.frame[rows].select(COLUMNS)
    events = [Event(**dict(zip(COLUMNS, values))) for values in part.iter_rows()]
    return [auditor.check_ticket(ticket) for ticket in group_tickets(events, run.ruleset, run.as_of)]
