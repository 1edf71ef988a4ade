"""Ticket facts (checker/assessment/facts.py) for every ticket of a columnar run at once.

Each fact condition becomes one boolean per ticket, computed over the sorted event columns of
the columnar engine (checker/columnar/run.py): event leaves count flagged rows per ticket (their
`where` judged by the per-ticket engine's own predicate on each distinct combination), finding
leaves read the engine's findings, deadline leaves its cycles (the same start rows, due times
and states as the per-ticket `Cycle`s). The meaning is the per-ticket one: the report and the
reminder list are proven identical on both engines (tests/test_report_engines.py).

A ticket whose `where` could not be answered (a day of a year the calendar lacks) is marked
`unanswered`; the caller judges it with the per-ticket engine, which says why.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from checker.columnar import predicates
from checker.columnar.run import CYCLE_STATES, Run
from checker.columnar.table import NONE, TICKET_FIELDS
from checker.conditions import compile_condition, compile_field_condition
from checker.model import Ticket
from checker.vocabulary import HANDOVER_EVENTS

ColumnFact = Callable[["FactColumns"], np.ndarray]


class FactColumns:
    """What fact conditions look at, for every ticket key of a run: its events and cycles, and
    the findings (`finding_tkey`, `finding_rule`, `finding_status` per finding)."""

    def __init__(self, run: Run, finding_tkey: np.ndarray, finding_rule: list[str],
                 finding_status: list[str]):
        self.run = run
        self.table = run.table
        self.tickets = len(run.table.first_row)
        self.finding_tkey = np.asarray(finding_tkey, dtype=np.int64)
        self.finding_rule = np.asarray(finding_rule, dtype=object)
        self.finding_status = np.asarray(finding_status, dtype=object)
        self.unanswered = np.zeros(self.tickets, dtype=bool)
        self._last_handover = None

    def per_ticket(self, tkeys: np.ndarray) -> np.ndarray:
        """True for the tickets among `tkeys`."""
        result = np.zeros(self.tickets, dtype=bool)
        result[tkeys] = True
        return result

    def first_row(self, names) -> np.ndarray:
        """Per ticket: its first row of one of these events, or NONE."""
        return self.table.first_in_ticket(self.table.is_event(names))

    def last_row(self, names) -> np.ndarray:
        """Per ticket: its last row of one of these events, or NONE."""
        table = self.table
        if not self.tickets:
            return np.empty(0, dtype=np.int64)
        return table.previous_flagged(table.is_event(names), table.end_row - 1, strict=False)

    def last_handover(self) -> np.ndarray:
        """Per ticket: the row of its last dispatch or redispatch, or NONE (TicketFacts.last_handover)."""
        if self._last_handover is None:
            self._last_handover = self.last_row(HANDOVER_EVENTS)
        return self._last_handover

    def where(self, condition: dict | None, rows: np.ndarray) -> np.ndarray:
        """The event condition on each row in `rows` (NONE rows: False); a row it could not be
        judged on marks its ticket unanswered."""
        answer = np.zeros(len(rows), dtype=bool)
        present = rows != NONE
        if not condition:
            return present
        chosen = rows[present]
        held, failed = predicates.evaluate(compile_condition(condition), condition, self.table, chosen,
                                           self.run.fields, self.run.workday)
        answer[np.flatnonzero(present)] = held
        self.unanswered[self.table.tkey[chosen[failed]]] = True
        return answer & present

    def has_finding(self, rules: frozenset[str], status: str) -> np.ndarray:
        matching = np.isin(self.finding_rule, list(rules)) & (self.finding_status == status)
        return self.per_ticket(self.finding_tkey[matching])


def compile_fact_columns(condition: dict | None) -> ColumnFact:
    """A fact condition as a function of FactColumns giving one boolean per ticket; no
    condition holds for every ticket. all / any / not combine as checker.conditions does."""
    if not condition:
        return lambda facts: np.ones(facts.tickets, dtype=bool)
    for key, combine in (("all", np.logical_and), ("any", np.logical_or)):
        if key in condition:
            parts = [compile_fact_columns(part) for part in condition[key]]
            neutral = key == "all"
            return lambda facts: _combined(parts, combine, neutral, facts)
    if "not" in condition:
        inner = compile_fact_columns(condition["not"])
        return lambda facts: ~inner(facts)
    if "event" in condition:
        return _event_leaf(condition)
    if "finding" in condition:
        rules, status = _names(condition["finding"]), condition.get("status", "violated")
        return lambda facts: facts.has_finding(rules, status)
    if "deadline" in condition:
        return _deadline_leaf(condition)
    return _ticket_leaf(condition)


def _combined(parts, combine, neutral: bool, facts: FactColumns) -> np.ndarray:
    result = np.full(facts.tickets, neutral, dtype=bool)
    for part in parts:
        result = combine(result, part(facts))
    return result


def _names(value) -> frozenset[str]:
    return frozenset([value] if isinstance(value, str) else value)


def _event_leaf(condition: dict) -> ColumnFact:
    names = _names(condition["event"])
    where = condition.get("where")
    which = condition.get("which", "any")
    if which in ("first", "last"):
        def positioned(facts: FactColumns) -> np.ndarray:
            rows = facts.first_row(names) if which == "first" else facts.last_row(names)
            return facts.where(where, rows)
        return positioned
    at_least = int(condition.get("at_least", 1))
    at_most = condition.get("at_most")

    def counted(facts: FactColumns) -> np.ndarray:
        rows = np.flatnonzero(facts.table.is_event(names))
        held = facts.where(where, rows)
        count = np.bincount(facts.table.tkey[rows[held]], minlength=facts.tickets)
        result = count >= at_least
        return result & (count <= int(at_most)) if at_most is not None else result
    return counted


def _deadline_leaf(condition: dict) -> ColumnFact:
    rule_id = condition["deadline"]
    choice = condition.get("cycle", "responsible")
    state = condition["state"]

    def check(facts: FactColumns) -> np.ndarray:
        parts = facts.run.cycles.get(rule_id, ())
        if not parts:
            return np.zeros(facts.tickets, dtype=bool)
        # The cycles in the per-ticket engine's order: check by check, each in start order.
        start = np.concatenate([part.start for part in parts])
        due = np.concatenate([part.due for part in parts])
        states = np.concatenate([part.state for part in parts])
        if state == "due":
            holds = due <= facts.run.as_of
        elif state == "overdue":
            holds = np.isin(states, [CYCLE_STATES.index("late"), CYCLE_STATES.index("missed")])
        else:
            holds = states == CYCLE_STATES.index(state)
        tkey = facts.table.tkey[start]
        if choice == "any":
            return facts.per_ticket(tkey[holds])
        eligible = np.ones(len(start), dtype=bool)
        if choice in ("responsible", "since_handover"):
            eligible = start >= facts.last_handover()[tkey]
        if choice == "since_handover":
            return facts.per_ticket(tkey[eligible & holds])
        position = np.arange(len(start))
        if choice == "last":
            chosen = np.full(facts.tickets, -1)
            np.maximum.at(chosen, tkey[eligible], position[eligible])
        else:           # first, responsible: the first (eligible) cycle
            chosen = np.full(facts.tickets, len(start))
            np.minimum.at(chosen, tkey[eligible], position[eligible])
        exists = (chosen >= 0) & (chosen < len(start))
        result = np.zeros(facts.tickets, dtype=bool)
        result[exists] = holds[chosen[exists]]
        return result
    return check


def _ticket_leaf(condition: dict) -> ColumnFact:
    """{field, equals|in} on the ticket: each distinct combination of attributes judged once."""
    predicate = compile_field_condition(condition)

    def check(facts: FactColumns) -> np.ndarray:
        attributes = facts.table.tickets.select(TICKET_FIELDS)
        combos = attributes.unique(maintain_order=True)
        answers = {}
        for values in combos.iter_rows():
            ticket = Ticket("_", [], **dict(zip(TICKET_FIELDS, values)))
            answers[values] = bool(predicate(ticket, None, facts.run.fields))
        return np.fromiter((answers[values] for values in attributes.iter_rows()), dtype=bool,
                           count=facts.tickets)
    return check


def event_values(spec: dict, facts: FactColumns) -> list:
    """Per ticket: the value of `field` on its first / last event of `event` (None if none),
    as checker.assessment.facts.event_value reads it."""
    names = _names(spec["event"])
    rows = facts.first_row(names) if spec.get("which", "last") == "first" else facts.last_row(names)
    column = facts.table.frame.get_column(spec["field"].removeprefix("event."))
    values = column.gather(np.maximum(rows, 0)).to_list() if len(rows) else []
    return [None if row == NONE else value for row, value in zip(rows.tolist(), values)]
