"""The audit: every check of the rule set over every ticket of the log."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

from checker.conditions import FieldContext
from checker.calendar.calendar import MissingCalendarYear
from checker.engine.context import LocalDays, TicketContext
from checker.resources import shown_path
from checker.engine.data_quality import ticket_notes
from checker.engine.registry import KINDS, ORDER, SCHEDULE_KINDS, wakes_on
from checker.engine.tickets import group_tickets, in_force
from checker.engine.unrecorded import UnjudgedTally, ticket_unrecorded
from checker.errors import CheckerError
from checker.model import AuditResult, Finding, Ticket, Unjudged
from checker.ruleset import RuleSet
from checker.versions import out_of_force_notes, versions_listing


@dataclass
class AuditOptions:
    as_of: int | None = None
    date_from: date | None = None     # tickets first dispatched on or after this day
    date_to: date | None = None       # … and on or before this day
    unit: str | None = None           # only findings of this unit
    pending: bool = False             # also list what is still running
    lang: str = "zh"
    engine: str | None = None         # columnar | reference (default: $HOTLINE_CHECK_ENGINE, columnar)


class Auditor:
    """Runs the per-ticket checks; keeps the cycles for reports that need them."""

    def __init__(self, ruleset: RuleSet, as_of: int, lang: str = "zh",
                 unrecorded: dict[str, frozenset[str]] | None = None):
        self.ruleset = ruleset
        self.as_of = as_of
        self.lang = lang
        self.days = LocalDays(ruleset)
        self.fields = FieldContext(self.days.is_workday, ruleset.office_actors, ruleset.actor_key)
        self.checks = sorted((c for c in ruleset.checks if c.kind not in SCHEDULE_KINDS),
                             key=lambda check: ORDER[check.kind])
        self._plan = [(KINDS[check.kind], check, wakes_on(check)) for check in self.checks]
        # Per source, what its export does not record (checker.logs.LogData.unrecorded).
        self.unrecorded: dict[str, frozenset[str]] = dict(unrecorded or {})
        self.unjudged = UnjudgedTally(self.checks)
        self.judged = 0          # (ticket, check) pairs evaluated to the end
        # A folder of versions: one auditor per version; each ticket goes to its own.
        self._versions = {id(version): Auditor(version, as_of, lang, unrecorded) for version in ruleset.versions}

    def for_ticket(self, ticket: Ticket) -> "Auditor":
        """The auditor of the ticket's rule set version (itself for a single rule set file)."""
        if not self._versions:
            return self
        return self._versions.get(id(ticket.rules), self)

    def unjudged_result(self) -> list[Unjudged]:
        """The rules not judged, once each (a folder of versions: summed over the versions)."""
        if not self._versions:
            return self.unjudged.result()
        merged: dict[tuple, Unjudged] = {}
        for auditor in self._versions.values():
            for item in auditor.unjudged.result():
                key = (item.rule, item.check, item.reason, tuple(item.missing))
                if key in merged:
                    merged[key].tickets += item.tickets
                    merged[key].sources = sorted(set(merged[key].sources) | set(item.sources))
                else:
                    merged[key] = item
        return sorted(merged.values(), key=lambda item: (item.rule, item.check or "", item.missing))

    def context(self, ticket: Ticket) -> TicketContext:
        missing = ticket_unrecorded(ticket.events, self.unrecorded) if self.unrecorded else frozenset()
        return TicketContext(ticket, self.ruleset, self.as_of, self.days, self.fields,
                             unrecorded=missing)

    def check_ticket(self, ticket: Ticket) -> tuple[TicketContext, list[Finding]]:
        if self._versions:
            auditor = self.for_ticket(ticket)
            if auditor is self:          # no version in force: nothing is judged
                return self.context(ticket), []
            before = auditor.judged
            context, findings = auditor.check_ticket(ticket)
            self.judged += auditor.judged - before
            version = auditor.ruleset.shown_file
            for finding in findings:
                finding.version = version
            return context, findings
        context = self.context(ticket)
        names = context.names
        lang = self.lang
        missing = context.unrecorded
        findings: list[Finding] = []
        for evaluate, check, wake in self._plan:
            lacking = self.unjudged.blocked(check, missing) if missing else ()
            if lacking:
                if _would_fire(check, wake, context, lacking):
                    self.unjudged.add(check, lacking, ticket)
                continue
            if wake is None or not names.isdisjoint(wake):
                try:
                    findings.extend(evaluate(check, context, lang))
                except MissingCalendarYear as error:
                    # Only this obligation of this ticket needs the missing year: it is listed
                    # as not computable; the ticket's other checks and the log go on.
                    context.no_calendar[check.rule_id] = error
                    self.unjudged.add_no_calendar(check, error.year, shown_path(error.file or ""))
                    continue
                self.judged += 1
        return context, findings


def _would_fire(check, wake, context: TicketContext, lacking: tuple[str, ...]) -> bool:
    """Whether a check not judged concerned this ticket: its trigger is what is unrecorded,
    or the ticket has an event that would have started it."""
    overdue_of = check.spec.get("trigger", {}).get("overdue_of") if check.kind == "requires" else None
    if overdue_of:
        return any(cycle.overdue for rule in overdue_of for cycle in context.cycles.get(rule, ()))
    if wake is None or wake.issubset(lacking):
        return True
    ticket, fields = context.ticket, context.fields
    condition = check.applies if check.kind in ("deadline", "recurring") else check.where
    return any(event.event in wake and condition(ticket, event, fields) for event in context.events)


def latest_instant(events) -> int | None:
    return max((event.at for event in events), default=None)


def log_latest_instant(log) -> int | None:
    """The latest instant of a log, read into columns or into events."""
    frame = getattr(log, "frame", None)
    if frame is not None:
        return frame.get_column("at").max() if frame.height else None
    return latest_instant(log.events)


def _in_period(ticket: Ticket, days: LocalDays, options: AuditOptions) -> bool:
    if options.date_from is None and options.date_to is None:
        return True
    first = ticket.first_dispatch() or ticket.events[0]
    day = days.date(first.at)
    if options.date_from and day < options.date_from:
        return False
    return not (options.date_to and day > options.date_to)


ENGINES = ("columnar", "reference")
ENGINE_VARIABLE = "HOTLINE_CHECK_ENGINE"


def chosen_engine(options: AuditOptions, ruleset: RuleSet) -> str:
    """The engine of an audit: the option, else $HOTLINE_CHECK_ENGINE, else the columnar one
    (the per-ticket engine is the reference both are tested against, and explain's source).
    A folder of rule set versions is judged by the per-ticket engine, ticket by version."""
    engine = options.engine or os.environ.get(ENGINE_VARIABLE) or "columnar"
    if engine not in ENGINES:
        raise CheckerError(f"unknown engine '{engine}' (known: {', '.join(ENGINES)})")
    if getattr(ruleset, "versions", None):
        return "reference"
    return engine


@dataclass
class Audited:
    """What an engine found: the tickets judged, the findings (pending included), its
    data-quality notes, the checks it could not judge and the (ticket, check) pairs judged."""
    tickets: int
    findings: list[Finding]
    notes: list
    unjudged: list
    judged: int = 0


def run_audit(log, ruleset: RuleSet, options: AuditOptions, release: bool = False) -> AuditResult:
    """`log` is a checker.logs.LogData (events, rejected, rows, sources). `release`: a log read
    into columns hands its frame to the engine and keeps only its count of events (nothing
    else may read its events afterwards), so the events are in memory once while sorted."""
    as_of = options.as_of if options.as_of is not None else log_latest_instant(log)
    if as_of is None:
        as_of = 0
    if chosen_engine(options, ruleset) == "columnar":
        from checker.columnar.audit import audit_frame
        from checker.columnar.table import frame_of_events
        if getattr(log, "frame", None) is None:
            held = [frame_of_events(log.events)]
        else:
            held = [log.frame]
            if release:
                log.release_frame()
        audited = audit_frame(held, ruleset, options, as_of, getattr(log, "unrecorded", None))
    else:
        audited = _audit_tickets(log, ruleset, options, as_of)
    return result_of(log, ruleset, options, as_of, audited)


def frame_height(log) -> int:
    """The number of events, without building them from a log read into columns (or split
    into buckets on disk: checker.buckets)."""
    count = getattr(log, "event_count", None)
    if count is not None:
        return count
    frame = getattr(log, "frame", None)
    return frame.height if frame is not None else len(log.events)


def _audit_tickets(log, ruleset: RuleSet, options: AuditOptions, as_of: int) -> Audited:
    auditor = Auditor(ruleset, as_of, options.lang, getattr(log, "unrecorded", None))
    grouped = [t for t in group_tickets(log.events, ruleset, as_of)
               if _in_period(t, auditor.days, options)]
    tickets = in_force(grouped)
    findings: list[Finding] = []
    for ticket in tickets:
        _, ticket_findings = auditor.check_ticket(ticket)
        findings.extend(ticket_findings)
    notes = ticket_notes(tickets, ruleset, options.lang)
    if len(tickets) < len(grouped):
        notes += out_of_force_notes(grouped, ruleset, options.lang)
    return Audited(len(tickets), findings, notes, auditor.unjudged_result(), auditor.judged)


def result_of(log, ruleset: RuleSet, options: AuditOptions, as_of: int, audited: Audited) -> AuditResult:
    """The AuditResult of what an engine found in `log` (also of a log audited in buckets)."""
    unit = (ruleset.canonical_unit(options.unit) or options.unit) if options.unit else None
    from checker.finding_frame import reported    # polars: only once there is an audit
    findings = reported(audited.findings, options.pending, unit)
    notes = list(getattr(log, "data_notes", ())) + audited.notes
    return AuditResult(ruleset_id=ruleset.id, ruleset_source=ruleset.source,
                       timezone=ruleset.timezone_name, as_of=as_of, rows=log.rows,
                       events=frame_height(log), tickets=audited.tickets, findings=findings,
                       rejected=list(log.rejected), inputs=list(getattr(log, "sources", [])),
                       data_notes=notes, unjudged=audited.unjudged, judged=audited.judged,
                       ruleset_file=ruleset.shown_file, ruleset_hash=ruleset.file_hash,
                       ruleset_versions=versions_listing(ruleset))
