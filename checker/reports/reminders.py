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

from checker.durations import parse_duration
from checker.engine.audit import Auditor
from checker.engine.tickets import group_tickets, in_force
from checker.errors import CheckerError
from checker.model import Ticket
from checker.ruleset import RuleSet

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


def build_reminders(events, ruleset: RuleSet, as_of: int, unit: str | None = None,
                    rejected: int = 0, unrecorded: dict | None = None) -> ReminderList:
    """The reminder list at `as_of` of the log's events; only `unit`'s when given."""
    threshold = threshold_of(ruleset)
    watched = reminder_rules(ruleset)
    response = {rule_id for rule_id in watched if _is_response_rule(ruleset, rule_id)}
    auditor = Auditor(ruleset, as_of, unrecorded=unrecorded)
    tickets = in_force(group_tickets(events, ruleset, as_of))
    reminders: list[Reminder] = []
    for ticket in tickets:
        if is_closed(ticket):
            continue
        context, _ = auditor.check_ticket(ticket)
        current = context.current_unit()
        if unit is not None and current != unit:
            continue

        def make(kind: str, rule_id: str | None, start: int | None, due: int | None,
                 expected: tuple[str, ...] = ()) -> Reminder:
            return Reminder(kind=kind, ticket_id=ticket.ticket_id, unit=current,
                            category=ticket.category, deadline_class=ticket.deadline_class,
                            rule=rule_id, start=start, due=due,
                            remaining=None if due is None else due - as_of, expected=expected)

        for rule_id in watched:
            for cycle in context.cycles.get(rule_id, ()):
                if cycle.end is not None or cycle.boundary is not None:
                    continue        # settled, or handed over to a new cycle
                expected = tuple(cycle.check.spec.get("end", ()))
                if cycle.state == "missed":
                    kind = "not_accepted" if rule_id in response else "overdue"
                    reminders.append(make(kind, rule_id, cycle.start.at, cycle.due, expected))
                elif cycle.state == "pending" and threshold.applies(cycle.due - cycle.start.at,
                                                                    cycle.due - as_of):
                    reminders.append(make("about_to_expire", rule_id, cycle.start.at, cycle.due,
                                          expected))
        visit = _unsatisfied_visit(ticket)
        if visit is not None:
            reminders.append(make("unsatisfied", None, visit.at, None, ("returned",)))
    reminders.sort(key=_order)
    return ReminderList(unjudged=auditor.unjudged.result(),
                        ruleset_id=ruleset.id, ruleset_source=ruleset.source,
                        timezone=ruleset.timezone_name, as_of=as_of, reminders=reminders,
                        tickets=len(tickets), rejected=rejected,
                        office_name=ruleset.office_name,
                        sms=dict(ruleset.section("reminders").get("sms") or {}),
                        class_names={cls: spec.get("name", cls)
                                     for cls, spec in ruleset.classes.items()},
                        ruleset_file=ruleset.shown_file, ruleset_hash=ruleset.file_hash)


def _order(reminder: Reminder):
    return (KINDS.index(reminder.kind),
            reminder.due if reminder.due is not None else reminder.start or 0,
            reminder.ticket_id, reminder.rule or "")
