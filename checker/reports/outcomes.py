"""The rate facts (TicketOutcome) of the tickets first dispatched in some months, from the
engine `audit` uses: the columnar one (the default), or the per-ticket one (the reference,
`HOTLINE_CHECK_ENGINE=reference`, and always for a folder of rule set versions).

On the columnar engine only the rows of those months' tickets are judged; the fact
conditions are evaluated for all of them at once (checker.assessment.fact_columns) from its
findings and cycles; the tickets it hands to the per-ticket engine, and those a fact cannot
be answered for column-wise, take the per-ticket `ticket_outcome`. Both engines give the
same outcomes (tests/test_report_engines.py).
"""

from __future__ import annotations

from datetime import date
from typing import Iterable

import numpy as np
import polars as pl

from checker.assessment.fact_columns import FactColumns, compile_fact_columns, event_values
from checker.assessment.scheme import scheme_of
from checker.columnar.table import NONE
from checker.engine.audit import AuditOptions, Auditor, chosen_engine
from checker.engine.tickets import group_tickets, in_force
from checker.i18n import DEFAULT_LANGUAGE
from checker.reports.months import first_dispatch_month
from checker.reports.rates import TicketOutcome, overdue_units, ticket_outcome, units_for
from checker.reports.unsatisfied_list import UNSATISFIED, UnsatisfiedVisit
from checker.ruleset import RuleSet


def month_outcomes(log, ruleset: RuleSet, as_of: int, months: Iterable[str],
                   lang: str = DEFAULT_LANGUAGE, unjudged: list | None = None,
                   scheme: RuleSet | None = None) -> list[TicketOutcome]:
    """The outcomes of the tickets first dispatched in `months`, judged at `as_of` as `audit`
    judges them, in the order the tickets first appear in the log. `scheme`: the rule set
    whose assessment counts them (default: `ruleset`). The rules the log's sources cannot
    feed are added to `unjudged` when a list is given."""
    wanted = set(months)
    scheme = scheme or ruleset
    unrecorded = getattr(log, "unrecorded", None)
    if chosen_engine(AuditOptions(lang=lang), ruleset) == "reference":
        auditor = Auditor(ruleset, as_of, lang, unrecorded)
        outcomes = [ticket_outcome(*auditor.check_ticket(ticket), scheme)
                    for ticket in in_force(group_tickets(log.events, ruleset, as_of))
                    if first_dispatch_month(ticket, auditor.days) in wanted]
        if unjudged is not None:
            unjudged.extend(auditor.unjudged_result())
        return outcomes
    from checker.columnar.audit import audit_columns
    frame = _tickets_of_months(log_frame(log), ruleset, as_of, wanted)
    result = audit_columns(frame, ruleset, AuditOptions(as_of=as_of, pending=True, lang=lang),
                           as_of, unrecorded)
    if unjudged is not None:
        unjudged.extend(result.audited.unjudged)
    if result.run is None:
        return []
    return columnar_outcomes(result, scheme, lang, unrecorded)


def log_frame(log) -> pl.DataFrame:
    """The log's events as the columnar engine's frame (read into columns, or built from rows)."""
    from checker.columnar.table import frame_of_events
    if isinstance(log, list):
        return frame_of_events(log)
    frame = getattr(log, "frame", None)
    return frame if frame is not None else frame_of_events(log.events)


def _tickets_of_months(frame: pl.DataFrame, ruleset: RuleSet, as_of: int, months: set[str]) -> pl.DataFrame:
    """The rows of the tickets whose first dispatch (by as-of) falls in one of `months`."""
    from checker.columnar.days import local_ordinals
    first = frame.filter((pl.col("event") == "dispatched") & (pl.col("at") <= as_of)) \
        .group_by("ticket_id").agg(pl.col("at").min())
    ordinals = local_ordinals(first.get_column("at").to_numpy(), ruleset.tz)
    names = {ordinal: date.fromordinal(ordinal).strftime("%Y-%m") for ordinal in np.unique(ordinals).tolist()}
    keep = np.fromiter((names[ordinal] in months for ordinal in ordinals.tolist()), dtype=bool,
                       count=len(ordinals))
    return frame.filter(pl.col("ticket_id").is_in(first.get_column("ticket_id").filter(keep).implode()))


def columnar_outcomes(result, ruleset: RuleSet, lang: str, unrecorded=None) -> list[TicketOutcome]:
    """The outcome of every ticket of a columnar audit (checker.columnar.audit.ColumnarAudit)."""
    run = result.run
    table = run.table
    scheme = scheme_of(ruleset)
    ticket_ids = table.tickets.get_column("ticket_id").to_list()
    key_of = {ticket_id: tkey for tkey, ticket_id in enumerate(ticket_ids)}
    per_ticket: dict[int, list] = {}
    handed = np.zeros(len(ticket_ids), dtype=bool)
    handed[result.handed] = True
    for finding in result.audited.findings:
        tkey = key_of[finding.ticket_id]
        if not handed[tkey]:
            per_ticket.setdefault(tkey, []).append(finding)
    found = [(tkey, finding) for tkey, findings in per_ticket.items() for finding in findings]
    facts = FactColumns(run, [tkey for tkey, _ in found], [f.rule for _, f in found],
                        [f.status for _, f in found])
    judged = _OutcomeColumns(scheme, ruleset, facts)
    fallback = facts.unanswered & ~handed
    reference = {context.ticket.ticket_id: ticket_outcome(context, findings, ruleset)
                 for context, findings in result.reference}
    if fallback.any():
        from checker.columnar.audit import _reference
        auditor = Auditor(ruleset, run.as_of, lang, unrecorded)
        for context, findings in _reference(run, auditor, np.flatnonzero(fallback)):
            reference[context.ticket.ticket_id] = ticket_outcome(context, findings, ruleset)
    first_seq = table.frame.group_by("tkey").agg(pl.col("seq").min()).sort("tkey").get_column("seq").to_numpy()
    outcomes = []
    for tkey in np.argsort(first_seq, kind="stable").tolist():
        ticket_id = ticket_ids[tkey]
        outcome = reference.get(ticket_id)
        outcomes.append(outcome if outcome is not None else
                        judged.outcome(tkey, ticket_id, per_ticket.get(tkey, [])))
    return outcomes


class _OutcomeColumns:
    """Every column a ticket's outcome is read from, computed once for all tickets."""

    def __init__(self, scheme, ruleset: RuleSet, facts: FactColumns):
        self.scheme = scheme
        run, table = facts.run, facts.table
        units = table.frame.get_column("unit")
        self.current = _units_at(units, run.unit_row, table.end_row - 1)
        dispatch = facts.first_row(("dispatched",))
        self.first_unit = _units_at(units, np.arange(table.rows), dispatch)
        self.dispatched_at = [None if row == NONE else at for row, at in
                              zip(dispatch.tolist(), table.at[np.maximum(dispatch, 0)].tolist())]
        months = {}
        self.month = []
        for row in dispatch.tolist():
            if row == NONE:
                self.month.append(None)
                continue
            ordinal = int(run.ordinal[row])
            if ordinal not in months:
                months[ordinal] = date.fromordinal(ordinal).strftime("%Y-%m")
            self.month.append(months[ordinal])
        self.closed = facts.per_ticket(table.tkey[table.is_event(("closed",))]).tolist()
        self.unsatisfied = _unsatisfied_visits(facts)
        self.category = table.tickets.get_column("category").to_list()
        self.key_category = table.tickets.get_column("key_category").to_list()
        exclusions = (ruleset.data.get("rates") or {}).get("exclude") or ()
        self.excluded = [(item.ruling, compile_fact_columns(raw.get("when"))(facts).tolist())
                         for item, raw in zip(scheme.exclusions, exclusions)]
        self.counts = [(count, compile_fact_columns(count.spec.get("when"))(facts).tolist())
                       for count in scheme.counts]
        self.indicators = []
        for indicator in scheme.indicators:
            spec = indicator.spec
            left_out = np.zeros(facts.tickets, dtype=bool)
            for raw in spec.get("exclude") or ():
                left_out |= compile_fact_columns(raw.get("when"))(facts)
            counted = (compile_fact_columns(spec.get("denominator"))(facts) & ~left_out).tolist()
            if indicator.weighted is not None:
                weights = indicator.weighted["weights"]
                numerator = [float(weights.get(value, 0.0)) if value is not None else 0.0
                             for value in event_values(indicator.weighted, facts)]
            else:
                numerator = compile_fact_columns(spec.get("numerator"))(facts).astype(int).tolist()
            self.indicators.append((indicator, counted, numerator))

    def outcome(self, tkey: int, ticket_id: str, findings: list) -> TicketOutcome:
        current, first_unit = self.current[tkey], self.first_unit[tkey]
        outcome = TicketOutcome(
            ticket_id=ticket_id, month=self.month[tkey], unit=current,
            overdue_units=overdue_units(findings, self.scheme), key_category=self.key_category[tkey],
            closed=self.closed[tkey], category=self.category[tkey],
            dispatched_at=self.dispatched_at[tkey], findings=findings,
            unsatisfied_visit=self.unsatisfied.get(tkey))
        for count, holds in self.counts:
            if holds[tkey]:
                outcome.counts[count.id] = units_for(count.credit, count.spec.get("when"), current,
                                                     first_unit, findings)
        outcome.excluded_by = next((ruling for ruling, holds in self.excluded if holds[tkey]), None)
        if outcome.excluded_by is not None:
            return outcome
        for indicator, counted, numerator in self.indicators:
            if counted[tkey]:
                units = units_for(indicator.credit, indicator.spec.get("denominator"), current,
                                  first_unit, findings)
                outcome.indicators[indicator.id] = (units, numerator[tkey])
        return outcome


def _unsatisfied_visits(facts: FactColumns) -> dict:
    """Per ticket key whose last visit found the citizen unsatisfied: that visit
    (checker.reports.unsatisfied_list.last_unsatisfied_visit, over columns)."""
    frame, table = facts.table.frame, facts.table
    visit = facts.last_row(("visited",))
    has = visit != NONE
    rows = np.maximum(visit, 0)
    satisfaction = frame.get_column("satisfaction").gather(rows).to_list() if len(rows) else []
    chosen = [tkey for tkey, (present, value) in enumerate(zip(has.tolist(), satisfaction))
              if present and value == UNSATISFIED]
    if not chosen:
        return {}
    seq = frame.get_column("seq").to_numpy()
    returned = facts.last_row(("returned",))
    later = (returned != NONE) & (
        (table.at[np.maximum(returned, 0)] > table.at[rows])
        | ((table.at[np.maximum(returned, 0)] == table.at[rows]) & (seq[np.maximum(returned, 0)] > seq[rows])))
    picked = rows[chosen]
    resolved = frame.get_column("resolved").gather(picked).to_list()
    notes = frame.get_column("note").gather(picked).to_list()
    return {tkey: UnsatisfiedVisit(int(table.at[row]), resolved[i], notes[i], bool(later[tkey]))
            for i, (tkey, row) in enumerate(zip(chosen, picked.tolist()))}


def _units_at(units: pl.Series, unit_row: np.ndarray, rows: np.ndarray) -> list:
    """Per entry of `rows`: the unit of `unit_row[row]` (None where either is NONE)."""
    valid = rows != NONE
    chosen = np.where(valid, unit_row[np.maximum(rows, 0)], NONE) if len(rows) else rows
    names = units.gather(np.maximum(chosen, 0)).to_list() if len(chosen) else []
    return [None if row == NONE else name for row, name in zip(chosen.tolist(), names)]
