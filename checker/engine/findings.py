"""Turning a broken (or still running) obligation into a Finding."""

from __future__ import annotations

from checker.engine.context import TicketContext
from checker.i18n import pick
from checker.model import Event, Finding
from checker.output.phrasing import with_aside
from checker.ruleset import Check


def make_finding(check: Check, context: TicketContext, *, due: int | None, actual: int | None,
                 unit: str | None, lang: str, status: str = "violated", event: Event | None = None,
                 extra: str | None = None, detail: dict | None = None) -> Finding:
    message = pick(check.message, lang)
    if extra:
        message = with_aside(message, extra, lang)
    return Finding(ticket_id=context.ticket.ticket_id, rule=check.rule_id, clause=check.clause,
                   severity=check.severity, unit=unit, due=due, actual=actual, message=message,
                   status=status, check=check.name, responsible=check.responsible,
                   note=event.note if event is not None else None, detail=detail or {})
