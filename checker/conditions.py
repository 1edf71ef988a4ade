"""Conditions of the rule files, compiled to plain functions (data, never `eval`).

A condition is {field, equals} | {field, in} | {all: [...]} | {any: [...]} | {not: ...}.
Fields name a ticket attribute (deadline_class, urgent, category, key_category,
key_ticket, channel) or, as `event.<column>`, the event the rule is looking at
(event.actor, event.outcome, event.resolved, event.satisfaction, event.on_workday …).
"""

from __future__ import annotations

from typing import Callable

from checker.model import Event, Ticket

Predicate = Callable[[Ticket, "Event | None", "FieldContext"], bool]


class FieldContext:
    """What a condition may need beyond the ticket and event: workdays and who acted.

    `actor_key` reads a logged actor name as the rule set's actor it stands for (the office's
    key for the office's own names, `hotline_center` for 热线中心 …: RuleSet.actor_key).
    """

    def __init__(self, is_workday_epoch: Callable[[int], bool], office_actors: frozenset[str],
                 actor_key: Callable[[str], str]):
        self.is_workday_epoch = is_workday_epoch
        self.office_actors = office_actors
        self.actor_key = actor_key


def _always(*args) -> bool:
    return True


def _field_getter(name: str):
    if name.startswith("event."):
        column = name[len("event."):]
        if column == "on_workday":
            return lambda ticket, event, context: (
                None if event is None else context.is_workday_epoch(event.at))
        if column == "actor":
            def actor(ticket, event, context):
                if event is None or event.actor is None:
                    return None
                return context.actor_key(event.actor)
            return actor
        return lambda ticket, event, context: None if event is None else getattr(event, column, None)
    if name == "key_ticket":
        return lambda ticket, event, context: ticket.key_category is not None
    return lambda ticket, event, context: getattr(ticket, name, None)


def compile_condition(condition: dict | None, leaf: Callable[[dict], Callable] | None = None):
    """The condition as a predicate. `leaf` compiles the leaves (default: {field, equals|in}
    on the ticket and event); the assessment passes its own to add its ticket facts, so
    all / any / not mean one thing everywhere."""
    if not condition:
        return _always
    compile_leaf = leaf or compile_field_condition
    if "all" in condition:
        parts = [compile_condition(part, leaf) for part in condition["all"]]
        return lambda *args: all(part(*args) for part in parts)
    if "any" in condition:
        parts = [compile_condition(part, leaf) for part in condition["any"]]
        return lambda *args: any(part(*args) for part in parts)
    if "not" in condition:
        inner = compile_condition(condition["not"], leaf)
        return lambda *args: not inner(*args)
    return compile_leaf(condition)


def compile_field_condition(condition: dict) -> Predicate:
    """{field, equals} or {field, in} on the ticket and the event."""
    get = _field_getter(condition["field"])
    if "equals" in condition:
        expected = condition["equals"]
        return lambda t, e, c: get(t, e, c) == expected
    allowed = tuple(condition["in"])
    return lambda t, e, c: get(t, e, c) in allowed
