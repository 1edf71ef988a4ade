"""The reminder list of clause 3.2: what the office must chase at an instant, by unit.

“对未及时响应的、即将到期的、超时的以及群众表示不满意的工单 … 及时予以提醒督促”:
- `not_accepted` (未及时响应): a response deadline passed at the instant and the ticket is
  still waiting for it. A response deadline is a reminder deadline whose end event is
  `accepted` (签收 / 启动接诉程序);
- `about_to_expire` (即将到期): a reminder deadline still running whose time left is at most
  max(fraction_of_window × window, at_least) — the rule set's `reminders.about_to_expire`;
  the window runs from the cycle's start to its due time, extensions included;
- `overdue` (超时): any other reminder deadline passed and still waiting (response deadlines
  are listed once, under `not_accepted`);
- `unsatisfied` (不满意): a visit that found the problem unresolved or the citizen unsatisfied,
  not followed by a return (退回重办), on a ticket not closed.

The reminder deadlines are those the rule set's reminder duty already watches (a rule's
`trigger.overdue_of`, e.g. `reminder-sent`). Deadlines come from the engine's cycles; the
log is judged as it stood at the instant (later events are ignored).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import polars as pl

from checker.durations import parse_duration
from checker.engine.audit import AuditOptions, Auditor, chosen_engine
from checker.engine.tickets import group_tickets, in_force
from checker.errors import CheckerError
from checker.model import Ticket
from checker.ruleset import RuleSet
from checker.vocabulary import LIFE_ORDER

KINDS = ("not_accepted", "about_to_expire", "overdue", "unsatisfied")

RESPONSE_EVENT = "accepted"
_REOPENING = frozenset(("dispatched", "redispatched", "returned"))


@dataclass(slots=True)
class Reminder:
    kind: str                       # one of KINDS
    ticket_id: str
    unit: str | None                # the ticket's current unit
    category: str | None
    deadline_class: str
    rule: str | None                # the deadline rule; None for `unsatisfied`
    start: int | None               # when the deadline began to run (or the visit's instant)
    due: int | None                 # effective due instant; None for `unsatisfied`
    remaining: int | None           # due − as-of in seconds; negative when overdue
    expected: tuple[str, ...] = ()  # the events that would settle it (accepted, feedback…)


@dataclass
class ReminderList:
    ruleset_id: str
    ruleset_source: str
    timezone: str
    as_of: int
    reminders: list[Reminder]
    tickets: int
    rejected: int = 0
    office_name: str = ""
    sms: dict = field(default_factory=dict)      # the rule set's reminders.sms, if any
    class_names: dict[str, str] = field(default_factory=dict)   # deadline class -> its name
    ruleset_file: str = ""          # the rule set file used and its content hash
    ruleset_hash: str = ""
    unjudged: list = field(default_factory=list)   # rules the log's sources cannot feed (Unjudged)

    def of_kind(self, kind: str) -> list[Reminder]:
        return [r for r in self.reminders if r.kind == kind]

    def counts(self, reminders: list[Reminder] | None = None) -> dict[str, int]:
        chosen = self.reminders if reminders is None else reminders
        return {kind: sum(1 for r in chosen if r.kind == kind) for kind in KINDS}

    def by_unit(self) -> list[tuple[str | None, list[Reminder]]]:
        """Units in name order (the unit-less last), each with its reminders in list order."""
        groups: dict[str | None, list[Reminder]] = {}
        for reminder in self.reminders:
            groups.setdefault(reminder.unit, []).append(reminder)
        return sorted(groups.items(), key=lambda item: (item[0] is None, item[0] or ""))


@dataclass(frozen=True)
class Threshold:
    """“即将到期”: the last `fraction` of the window, and never less than `at_least` seconds."""
    fraction: float
    at_least: int

    def seconds(self, window: int) -> float:
        return max(self.fraction * window, self.at_least)

    def applies(self, window: int, remaining: int) -> bool:
        return 0 <= remaining <= self.seconds(window)


def threshold_of(ruleset: RuleSet) -> Threshold:
    """reminders.about_to_expire of the (validated) rule set."""
    section = ruleset.section("reminders").get("about_to_expire")
    if section is None:
        raise CheckerError("规则集没有 reminders.about_to_expire（何为“即将到期”），无法列出提醒清单",
                           file=ruleset.path)
    at_least = parse_duration(section["at_least"]) if "at_least" in section else None
    seconds = at_least.total_seconds if at_least else 0
    return Threshold(float(section["fraction_of_window"]), seconds)


def reminder_rules(ruleset: RuleSet) -> list[str]:
    """The deadline rules the reminder list watches: those whose breach the office must
    chase (the `overdue_of` of its reminder rule; validate makes sure they are deadlines)."""
    named: list[str] = []
    for check in ruleset.checks:
        for rule_id in (check.spec.get("trigger") or {}).get("overdue_of", ()):
            if rule_id not in named:
                named.append(rule_id)
    if not named:
        raise CheckerError("the rule set names no deadline for the reminder list "
                           "(a rule with trigger.overdue_of)", file=ruleset.path)
    return named


def _is_response_rule(ruleset: RuleSet, rule_id: str) -> bool:
    return RESPONSE_EVENT in (ruleset.rule(rule_id).get("end") or ())


def is_closed(ticket: Ticket) -> bool:
    """Closed and not reopened since (a return or a new dispatch after `closed` reopens it)."""
    closed = False
    for event in ticket.events:
        if event.event == "closed":
            closed = True
        elif event.event in _REOPENING:
            closed = False
    return closed


def _unsatisfied_visit(ticket: Ticket):
    """The first visit that found a problem and was not followed by a return; None if none."""
    waiting = None
    for event in ticket.events:
        if event.event == "visited":
            if waiting is None and (event.resolved is False or event.satisfaction == "unsatisfied"):
                waiting = event
        elif event.event == "returned":
            waiting = None
    return waiting


def build_reminders(log, ruleset: RuleSet, as_of: int, unit: str | None = None,
                    rejected: int = 0, unrecorded: dict | None = None) -> ReminderList:
    """The reminder list at `as_of` of a log (a checker.logs.LogData, read into columns or
    not, or a list of events); only `unit`'s when given. The engine is the one `audit` uses."""
    threshold = threshold_of(ruleset)
    watched = reminder_rules(ruleset)
    response = frozenset(rule_id for rule_id in watched if _is_response_rule(ruleset, rule_id))
    if unrecorded is None:
        unrecorded = getattr(log, "unrecorded", None)
    chase = _Chase(watched, response, threshold, as_of, unit)
    if chosen_engine(AuditOptions(), ruleset) == "reference":
        events = log if isinstance(log, list) else log.events
        auditor = Auditor(ruleset, as_of, unrecorded=unrecorded)
        tickets = in_force(group_tickets(events, ruleset, as_of))
        for ticket in tickets:
            if not is_closed(ticket):
                chase.of_context(auditor.check_ticket(ticket)[0])
        count, unjudged = len(tickets), auditor.unjudged.result()
    else:
        count, unjudged = _columnar(log, ruleset, chase, unrecorded)
    chase.reminders.sort(key=_order)
    return ReminderList(unjudged=unjudged,
                        ruleset_id=ruleset.id, ruleset_source=ruleset.source,
                        timezone=ruleset.timezone_name, as_of=as_of, reminders=chase.reminders,
                        tickets=count, rejected=rejected,
                        office_name=ruleset.office_name,
                        sms=dict(ruleset.section("reminders").get("sms") or {}),
                        class_names={cls: spec.get("name", cls)
                                     for cls, spec in ruleset.classes.items()},
                        ruleset_file=ruleset.shown_file, ruleset_hash=ruleset.file_hash)


@dataclass
class _Chase:
    """The reminders found so far, and what decides them."""
    watched: list[str]
    response: frozenset[str]
    threshold: Threshold
    as_of: int
    unit: str | None
    reminders: list[Reminder] = field(default_factory=list)

    def cycle(self, ticket: tuple, rule_id: str, check, state: str, start: int, due: int) -> None:
        """A cycle still waiting for its end (neither ended nor bounded) of a watched rule.
        `ticket`: (ticket id, current unit, category, deadline class)."""
        expected = tuple(check.spec.get("end", ()))
        if state == "missed":
            kind = "not_accepted" if rule_id in self.response else "overdue"
            self.add(kind, ticket, rule_id, start, due, expected)
        elif state == "pending" and self.threshold.applies(due - start, due - self.as_of):
            self.add("about_to_expire", ticket, rule_id, start, due, expected)

    def add(self, kind: str, ticket: tuple, rule_id: str | None, start: int | None, due: int | None,
            expected: tuple[str, ...]) -> None:
        ticket_id, unit, category, deadline_class = ticket
        self.reminders.append(Reminder(
            kind=kind, ticket_id=ticket_id, unit=unit, category=category,
            deadline_class=deadline_class, rule=rule_id, start=start, due=due,
            remaining=None if due is None else due - self.as_of, expected=expected))

    def of_context(self, context) -> None:
        """The reminders of one open ticket checked by the per-ticket engine."""
        ticket = context.ticket
        current = context.current_unit()
        if self.unit is not None and current != self.unit:
            return
        about = (ticket.ticket_id, current, ticket.category, ticket.deadline_class)
        for rule_id in self.watched:
            for cycle in context.cycles.get(rule_id, ()):
                if cycle.end is None and cycle.boundary is None:
                    self.cycle(about, rule_id, cycle.check, cycle.state, cycle.start.at, cycle.due)
        visit = _unsatisfied_visit(ticket)
        if visit is not None:
            self.add("unsatisfied", about, None, visit.at, None, ("returned",))


def _columnar(log, ruleset: RuleSet, chase: _Chase, unrecorded) -> tuple[int, list]:
    """The columnar engine's run over the open tickets: (tickets at as-of, rules not judged)."""
    from checker.columnar.audit import audit_columns
    from checker.columnar.run import CYCLE_STATES
    from checker.columnar.table import NONE
    from checker.reports.outcomes import log_frame
    frame = log_frame(log).filter(pl.col("at") <= chase.as_of)
    tickets = frame.get_column("ticket_id").n_unique()
    frame = frame.filter(~pl.col("ticket_id").is_in(_closed_tickets(frame).implode()))
    result = audit_columns(frame, ruleset, AuditOptions(as_of=chase.as_of, pending=True),
                           chase.as_of, unrecorded)
    run = result.run
    if run is None:
        return tickets, result.audited.unjudged
    table = run.table
    handed = np.zeros(len(table.first_row), dtype=bool)
    handed[result.handed] = True
    units = table.frame.get_column("unit")
    last = table.end_row - 1
    current_row = run.unit_row[last]
    current = [None if row == NONE else name for row, name in
               zip(current_row.tolist(), units.gather(np.maximum(current_row, 0)).to_list())]
    attributes = list(zip(table.tickets.get_column("ticket_id").to_list(), current,
                          table.tickets.get_column("category").to_list(),
                          table.tickets.get_column("deadline_class").to_list()))
    chosen = ~handed
    if chase.unit is not None:
        chosen &= np.array([unit == chase.unit for unit in current], dtype=bool)
    for rule_id in chase.watched:
        for part in run.cycles.get(rule_id, ()):
            waiting = np.flatnonzero((part.term == NONE) & chosen[table.tkey[part.start]])
            for index, start_row, due, state in zip(waiting.tolist(), part.start[waiting].tolist(),
                                                    part.due[waiting].tolist(), part.state[waiting].tolist()):
                chase.cycle(attributes[table.tkey[start_row]], rule_id, part.check, CYCLE_STATES[state],
                            int(table.at[start_row]), due)
    returned = table.previous_flagged(table.is_event(("returned",)), last, strict=False)
    problem = table.is_event(("visited",)) & (
        (table.frame.get_column("resolved") == False).fill_null(False).to_numpy()  # noqa: E712
        | (table.frame.get_column("satisfaction") == "unsatisfied").fill_null(False).to_numpy())
    visit = np.where(returned != NONE, table.next_flagged(problem, np.maximum(returned, 0)),
                     table.first_in_ticket(problem))
    for tkey in np.flatnonzero((visit != NONE) & chosen).tolist():
        chase.add("unsatisfied", attributes[tkey], None, int(table.at[visit[tkey]]), None, ("returned",))
    for context, _ in result.reference:
        chase.of_context(context)
    return tickets, result.audited.unjudged


def _closed_tickets(frame: pl.DataFrame) -> pl.Series:
    """The tickets closed and not reopened since (is_closed), in the log's own order of events."""
    marks = frame.filter(pl.col("event").is_in(["closed", *_REOPENING])).with_columns(
        pl.col("event").replace_strict(LIFE_ORDER, return_dtype=pl.Int16).alias("_life"))
    last = marks.sort(["ticket_id", "at", "_life", "seq"]).group_by("ticket_id").agg(pl.col("event").last())
    return last.filter(pl.col("event") == "closed").get_column("ticket_id")


def _order(reminder: Reminder):
    return (KINDS.index(reminder.kind),
            reminder.due if reminder.due is not None else reminder.start or 0,
            reminder.ticket_id, reminder.rule or "", reminder.start or 0, reminder.expected)
