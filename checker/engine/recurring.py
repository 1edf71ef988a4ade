"""Rule kind `recurring`: while a ticket is open, an event at least once every period.

The ticket is open from its first `from` event to its first `until` event (or as-of).
Every day after the opening day and before the closing day — every workday with
`every: workday` — must hold one of the events. A day not yet over at as-of is pending.
"""

from __future__ import annotations

from checker.engine.context import TicketContext
from checker.engine.findings import make_finding
from checker.model import Finding
from checker.ruleset import Check


def evaluate(check: Check, context: TicketContext, lang: str) -> list[Finding]:
    spec = check.spec
    if not context.has_any(spec["from"]):
        return []
    events = context.events
    opening = next((e for e in events if e.event in spec["from"]
                    and check.applies(context.ticket, e, context.fields)), None)
    if opening is None:
        return []
    closing = next((e for e in events if e.event in spec["until"] and e.at >= opening.at), None)
    days = context.days
    calendar = context.ruleset.calendar
    first_day = days.ordinal(opening.at) + 1
    last_day = days.ordinal(closing.at) - 1 if closing else days.ordinal(context.as_of)
    recorded = {days.ordinal(e.at) for e in events if e.event in spec["event"]}
    workdays_only = spec.get("every", "workday") == "workday"
    findings = []
    for ordinal in range(first_day, last_day + 1):
        if ordinal in recorded or (workdays_only and not calendar.is_workday_ordinal(ordinal)):
            continue
        day_end = days.midnight(ordinal + 1)
        status = "violated" if closing is not None or day_end <= context.as_of else "pending"
        findings.append(make_finding(check, context, due=day_end, actual=None,
                                     unit=context.unit_at_time(day_end - 1), lang=lang,
                                     status=status, event=opening,
                                     detail={"day": ordinal, "every": spec.get("every", "workday")}))
    return findings

