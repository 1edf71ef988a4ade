"""Ticket facts: the conditions an assessment counts tickets by (data, never `eval`).

A fact condition is a condition of checker.conditions — `all`, `any`, `not`, and
`{field, equals|in}` on the ticket (deadline_class, urgent, category, key_category,
key_ticket, channel) — whose leaves may also be:

- `{event: NAME | [NAMES], where?: COND, which?: any|first|last, at_least?: N, at_most?: N}`
  `which: any` (default): the number of such events (those `where` holds for, a condition on
  `event.<column>`) lies in [at_least (default 1), at_most]; `{event: returned, at_least: 3}`
  is "returned three times or more", `{event: returned, at_most: 0}` "never returned".
  `which: first|last`: the first (last) event of those names exists and `where` holds for it
  (`{event: visited, which: last, where: {field: event.resolved, equals: true}}`).
- `{finding: RULE | [RULES], status?: violated|pending}`: the audit found a finding of one
  of these rules (default: violated).
- `{deadline: RULE, cycle?: responsible|since_handover|first|last|any, state: STATE}`: a run
  of that deadline rule, `responsible` (default) being the first one the responsible unit ran
  (started at or after the ticket's last dispatch or redispatch); `since_handover`: any run
  the responsible unit ran (its first one and each one a return restarted). STATE: `met` (the end event came by the due
  time), `late`, `missed`, `pending`, `handed_over`, `overdue` (late or missed), `due` (its due
  time is not after as-of: the run can be judged).

A ticket is evaluated once, as it stood at as-of, with the findings the engine gave it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from checker.conditions import FieldContext, compile_condition, compile_field_condition
from checker.engine.context import HANDOVER_EVENTS, Cycle
from checker.model import Event, Finding, Ticket

CYCLE_STATES = ("met", "late", "missed", "pending", "handed_over", "overdue", "due")
CYCLE_CHOICES = ("responsible", "since_handover", "first", "last", "any")
WHICH = ("any", "first", "last")


@dataclass(slots=True)
class TicketFacts:
    """What a fact condition may look at for one ticket."""
    ticket: Ticket
    events: list[Event]
    findings: list[Finding]
    cycles: dict[str, list[Cycle]]
    as_of: int
    fields: FieldContext

    def last_handover(self) -> int:
        return max((index for index, event in enumerate(self.events)
                    if event.event in HANDOVER_EVENTS), default=-1)


FactPredicate = Callable[[TicketFacts], bool]


def compile_facts(condition: dict | None) -> FactPredicate:
    """A fact condition as a predicate on TicketFacts; no condition holds for every ticket."""
    return compile_condition(condition, _leaf)


def _leaf(condition: dict) -> FactPredicate:
    if "event" in condition:
        return _event_leaf(condition)
    if "finding" in condition:
        return _finding_leaf(condition)
    if "deadline" in condition:
        return _deadline_leaf(condition)
    on_ticket = compile_field_condition(condition)
    return lambda facts: on_ticket(facts.ticket, None, facts.fields)


def _names(value) -> frozenset[str]:
    return frozenset([value] if isinstance(value, str) else value)


def _event_leaf(condition: dict) -> FactPredicate:
    names = _names(condition["event"])
    where = compile_condition(condition.get("where"))
    which = condition.get("which", "any")
    if which in ("first", "last"):
        def positioned(facts: TicketFacts) -> bool:
            events = facts.events if which == "first" else reversed(facts.events)
            chosen = next((event for event in events if event.event in names), None)
            return chosen is not None and where(facts.ticket, chosen, facts.fields)
        return positioned
    at_least = int(condition.get("at_least", 1))
    at_most = condition.get("at_most")

    def counted(facts: TicketFacts) -> bool:
        count = sum(1 for event in facts.events
                    if event.event in names and where(facts.ticket, event, facts.fields))
        return count >= at_least and (at_most is None or count <= at_most)
    return counted


def finding_rules(condition: dict) -> tuple[frozenset[str], str]:
    return _names(condition["finding"]), condition.get("status", "violated")


def matching_findings(condition: dict, findings: list[Finding]) -> list[Finding]:
    rules, status = finding_rules(condition)
    return [finding for finding in findings if finding.rule in rules and finding.status == status]


def _finding_leaf(condition: dict) -> FactPredicate:
    return lambda facts: bool(matching_findings(condition, facts.findings))


def _deadline_leaf(condition: dict) -> FactPredicate:
    rule_id = condition["deadline"]
    choice = condition.get("cycle", "responsible")
    state = condition["state"]

    def holds(cycle: Cycle, as_of: int) -> bool:
        if state == "due":
            return cycle.due <= as_of
        if state == "overdue":
            return cycle.overdue
        return cycle.state == state

    def check(facts: TicketFacts) -> bool:
        cycles = facts.cycles.get(rule_id, ())
        if not cycles:
            return False
        if choice == "any":
            return any(holds(cycle, facts.as_of) for cycle in cycles)
        if choice == "first":
            return holds(cycles[0], facts.as_of)
        if choice == "last":
            return holds(cycles[-1], facts.as_of)
        handover = facts.last_handover()
        if choice == "since_handover":
            return any(holds(cycle, facts.as_of) for cycle in cycles if cycle.start_index >= handover)
        chosen = next((cycle for cycle in cycles if cycle.start_index >= handover), None)
        return chosen is not None and holds(chosen, facts.as_of)
    return check


def event_value(spec: dict, facts: TicketFacts):
    """The value of `field` (event.<column>) on the first / last event of `event`; None if none."""
    names = _names(spec["event"])
    events = facts.events if spec.get("which", "last") == "first" else reversed(facts.events)
    chosen = next((event for event in events if event.event in names), None)
    if chosen is None:
        return None
    return getattr(chosen, spec["field"].removeprefix("event."), None)
