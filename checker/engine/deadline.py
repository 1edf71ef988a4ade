"""Rule kind `deadline`: an end event must follow a start event within a duration.

Each start event opens a cycle. The cycle ends at its first end event, or at its boundary:
the next start event (a redispatch hands the ticket to a new unit, a return starts the
clock again) or an `until` event (the ticket is closed). A boundary reached before the due
time releases the obligation; one reached after it leaves a breach with no actual time.
An extension approved by the named actor before the current due time moves the due time
to its promised time. Deadlines are inclusive: an end event at the due instant is on time.
With `end_before_start: PT30M` an end event up to that long before the start (and after the
previous cycle's start, not used by it) also meets the cycle: a step recorded just before
the row it answers (a head notified while the dispatch was being entered).
"""

from __future__ import annotations

from functools import lru_cache

from checker.calendar.clocks import due_instant
from checker.durations import parse_duration
from checker.engine.context import Cycle, TicketContext
from checker.engine.findings import make_finding
from checker.model import Finding
from checker.ruleset import Check


def compute_cycles(check: Check, context: TicketContext) -> list[Cycle]:
    spec = check.spec
    starts, ends = spec["start"], spec["end"]
    until = spec.get("until", ())
    end_actor = spec.get("end_actor")
    extension = spec.get("extension")
    if not context.has_any(starts):
        return []
    events = context.events
    ruleset = context.ruleset
    early = _early_seconds(spec)
    used: set[int] = set()            # end events a cycle has taken
    previous_start = -1
    cycles: list[Cycle] = []
    for index, start in enumerate(events):
        if start.event not in starts:
            continue
        floor, previous_start = previous_start, index
        if not check.applies(context.ticket, start, context.fields):
            continue
        duration, clock = check.within.for_class(context.ticket.deadline_class, context.dispatch_day)
        base_due = due_instant(start.at, duration, clock, ruleset.calendar, ruleset.tz,
                               check.within.holiday_extends, check.within.count_start_day)
        cycle = Cycle(check=check, start=start, start_index=index, base_due=base_due, due=base_due,
                      duration=duration, clock=clock, unit=context.unit_at(index))
        if early:
            for position in range(floor + 1, index):
                before = events[position]
                if (position not in used and before.event in ends and before.at >= start.at - early
                        and context.actor_matches(before, end_actor)):
                    cycle.end = before
                    used.add(position)
                    break
        for offset, later in enumerate(events[index + 1:] if cycle.end is None else ()):
            name = later.event
            if name in ends and context.actor_matches(later, end_actor):
                cycle.end = later
                used.add(index + 1 + offset)
                break
            if name in starts or name in until:
                cycle.boundary = later
                break
            if (extension and name == extension["event"] and later.at <= cycle.due
                    and context.actor_matches(later, extension.get("actor"))
                    and later.promised_at is not None):
                cycle.extensions.append(later)
                cycle.due = later.promised_at
        cycle.state = _state(cycle, context.as_of)
        cycles.append(cycle)
    return cycles


def _early_seconds(spec: dict) -> int:
    text = spec.get("end_before_start")
    return _seconds_of(text) if text else 0


@lru_cache(maxsize=None)
def _seconds_of(text: str) -> int:
    return parse_duration(text).total_seconds


def _state(cycle: Cycle, as_of: int) -> str:
    if cycle.end is not None:
        return "met" if cycle.end.at <= cycle.due else "late"
    if cycle.boundary is not None:
        return "handed_over" if cycle.boundary.at <= cycle.due else "missed"
    return "missed" if as_of > cycle.due else "pending"


def evaluate(check: Check, context: TicketContext, lang: str) -> list[Finding]:
    cycles = compute_cycles(check, context)
    context.cycles.setdefault(check.rule_id, []).extend(cycles)
    findings = []
    for cycle in cycles:
        if cycle.state in ("met", "handed_over"):
            continue
        status = "pending" if cycle.state == "pending" else "violated"
        findings.append(make_finding(
            check, context, due=cycle.due, actual=cycle.end.at if cycle.end else None,
            unit=cycle.unit, lang=lang, status=status, event=cycle.start,
            detail={"start": cycle.start.at, "start_event": cycle.start.event,
                    "clock": cycle.clock, "duration": cycle.duration.text,
                    "deadline_class": context.ticket.deadline_class,
                    "base_due": cycle.base_due,
                    "extended_by": [e.at for e in cycle.extensions]}))
    return findings
