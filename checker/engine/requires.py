"""Rule kind `requires`: when a trigger happens, something else must hold.

A trigger is an event (optionally only the first, or only the nth — `nth: 3`, the third
return —, optionally with a condition) or the
moment a deadline of another rule was missed (`overdue_of`). Then either
- `trigger_must`: the trigger itself must carry an actor, fields, a known unit, or come
  by the due time of another rule's cycle it falls in; or
- `require`: another event must have come `before` it (after the latest `since_event`, if
  any) or must follow `after` it, within a duration and/or before a closing event.
Required events may have to be by an actor and to `match` fields of the trigger.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.calendar.clocks import due_instant
from checker.engine.context import TicketContext
from checker.engine.findings import make_finding
from checker.i18n import pick, say
from checker.model import Event, Finding
from checker.output.phrasing import with_aside
from checker.ruleset import Check

_TEXT = {
    "actor": {"zh": "操作人为“{actor}”，应为{required}", "en": "acted by '{actor}', not {required}"},
    "field": {"zh": "缺少{field}", "en": "missing {field}"},
    "unit": {"zh": "承办单位“{unit}”", "en": "unit '{unit}'"},
    "late_for_due": {"zh": "晚于原定期限", "en": "after the due time it extends"},
    "mismatch": {"zh": "告知的{field}与批准的不一致", "en": "{field} told differs from the one approved"},
}


@dataclass(slots=True)
class Trigger:
    index: int            # position of the triggering event; for overdue triggers, of the cycle's start
    at: int
    event: Event | None
    unit: str | None


def _triggers(check: Check, context: TicketContext) -> list[Trigger]:
    spec = check.spec["trigger"]
    if "overdue_of" in spec:
        found = []
        for rule_id in spec["overdue_of"]:
            for cycle in context.cycles.get(rule_id, ()):
                if cycle.overdue:
                    found.append(Trigger(cycle.start_index, cycle.due, None, cycle.unit))
        return sorted(found, key=lambda trigger: trigger.at)
    names = spec["event"]
    if not context.has_any(names):
        return []
    condition = check.where
    nth = spec.get("nth")
    found = []
    seen = 0
    for index, event in enumerate(context.events):
        if event.event in names and condition(context.ticket, event, context.fields):
            seen += 1
            if nth is not None and seen != nth:
                continue
            found.append(Trigger(index, event.at, event, context.unit_at(index)))
            if spec.get("first_only") or nth is not None:
                break
    return found


def mismatch_text(require: dict, lang: str) -> str:
    """What a finding adds when the required event came, but not with the trigger's values."""
    return say(_TEXT, "mismatch", lang, field=require["match"][0])


def late_for_due(lang: str) -> str:
    return say(_TEXT, "late_for_due", lang)


def problems_message(check: Check, problems: list[str], lang: str) -> str:
    """The finding's message naming what the trigger lacks."""
    return with_aside(pick(check.message, lang), "；".join(problems) if lang == "zh" else "; ".join(problems), lang)


def own_problems(check: Check, trigger: Trigger, context: TicketContext, lang: str) -> tuple[list[str], int]:
    """What the trigger itself lacks, and the due time it had to meet (its own time by default)."""
    must = check.spec["trigger_must"]
    event = trigger.event
    problems: list[str] = []
    due = trigger.at
    actor = must.get("actor")
    if actor and not context.actor_matches(event, actor):
        required = _actor_names(context, actor, lang)
        problems.append(say(_TEXT, "actor", lang, actor=event.actor or "—", required=required))
    for name in must.get("fields", ()):
        if getattr(event, name, None) is None:
            problems.append(say(_TEXT, "field", lang, field=name))
    if must.get("unit_known") and event.unit is not None and event.unit not in context.ruleset.units:
        problems.append(say(_TEXT, "unit", lang, unit=event.unit))
    rule_id = must.get("by_due_of")
    if rule_id:
        cycle = _cycle_containing(context, rule_id, trigger.index)
        if cycle is not None:
            due = cycle.due_before(event.at)
            if event.at > due:
                problems.append(late_for_due(lang))
    return problems, due


def _actor_names(context: TicketContext, actor, lang: str) -> str:
    keys = (actor,) if isinstance(actor, str) else actor
    return ("或" if lang == "zh" else " or ").join(context.ruleset.actor_name(key) for key in keys)


def _cycle_containing(context: TicketContext, rule_id: str, index: int):
    chosen = None
    for cycle in context.cycles.get(rule_id, ()):
        if cycle.start_index < index:
            chosen = cycle
    return chosen


def _candidates(require: dict, context: TicketContext):
    """(index, event) of the required events, by the required actor if any."""
    names = require["event"]
    actor = require.get("actor")
    for index, event in enumerate(context.events):
        if event.event in names and context.actor_matches(event, actor):
            yield index, event


def _matches(event: Event, trigger: Trigger, fields) -> bool:
    """Whether `event` carries the trigger's values of `fields` (an overdue trigger has none)."""
    return trigger.event is None or all(getattr(event, f) == getattr(trigger.event, f) for f in fields)


def _check_before(check: Check, trigger: Trigger, context: TicketContext, lang: str) -> list[Finding]:
    require = check.spec["require"]
    lower = -1
    since = require.get("since_event")
    if since:
        for index in range(trigger.index - 1, -1, -1):
            if context.events[index].event == since:
                lower = index
                break
    match = require.get("match", ())
    for index, event in _candidates(require, context):
        if lower < index < trigger.index and _matches(event, trigger, match):
            return []
    return [make_finding(check, context, due=trigger.at, actual=None, unit=trigger.unit,
                         lang=lang, event=trigger.event,
                         detail={"trigger": trigger.at, "position": "before"})]


def _check_after(check: Check, trigger: Trigger, context: TicketContext, lang: str) -> list[Finding]:
    require = check.spec["require"]
    ruleset = context.ruleset
    due = None
    if "within" in require:
        duration, clock = check.within.for_class(context.ticket.deadline_class, context.dispatch_day)
        due = due_instant(trigger.at, duration, clock, ruleset.calendar, ruleset.tz,
                          check.within.holiday_extends, check.within.count_start_day)
    closing = require.get("not_after_event", ())
    start = trigger.index if trigger.event is not None else -1
    boundary_index, boundary = next(
        ((index, event) for index, event in enumerate(context.events)
         if index > start and event.at >= trigger.at and event.event in closing), (None, None))
    match = require.get("match", ())
    found = None
    mismatched = None
    for index, event in _candidates(require, context):
        if index <= start or event.at < trigger.at:
            continue
        if boundary_index is not None and index > boundary_index:
            break
        if not _matches(event, trigger, match):
            mismatched = mismatched or event
            continue
        found = event
        break
    detail = {"trigger": trigger.at, "position": "after"}
    extra = mismatch_text(require, lang) if mismatched and not found else None
    if found is not None:
        if due is not None and found.at > due:
            return [make_finding(check, context, due=due, actual=found.at, unit=trigger.unit,
                                 lang=lang, event=trigger.event, detail=detail)]
        return []
    if boundary is not None:
        limit = due if due is not None and due < boundary.at else boundary.at
        return [make_finding(check, context, due=limit, actual=None, unit=trigger.unit, lang=lang,
                             event=trigger.event, extra=extra, detail=detail)]
    if due is not None and context.as_of > due:
        return [make_finding(check, context, due=due, actual=None, unit=trigger.unit, lang=lang,
                             event=trigger.event, extra=extra, detail=detail)]
    return [make_finding(check, context, due=due, actual=None, unit=trigger.unit, lang=lang,
                         status="pending", event=trigger.event, detail=detail)]


def _needs_cycles_of(check: Check) -> tuple[str, ...]:
    """The deadline rules whose cycles this check reads (overdue_of, by_due_of)."""
    spec = check.spec
    return (*spec["trigger"].get("overdue_of", ()),
            *((spec.get("trigger_must") or {}).get("by_due_of") or "",))


def evaluate(check: Check, context: TicketContext, lang: str) -> list[Finding]:
    if context.no_calendar:
        for rule_id in _needs_cycles_of(check):
            if rule_id in context.no_calendar:
                raise context.no_calendar[rule_id]
    findings: list[Finding] = []
    spec = check.spec
    for trigger in _triggers(check, context):
        if "trigger_must" in spec and trigger.event is not None:
            problems, due = own_problems(check, trigger, context, lang)
            if problems:
                finding = make_finding(check, context, due=due, actual=trigger.at, unit=trigger.unit,
                                       lang=lang, event=trigger.event, detail={"trigger": trigger.at})
                finding.message = problems_message(check, problems, lang)
                findings.append(finding)
        if "require" in spec:
            if spec["require"]["position"] == "before":
                findings.extend(_check_before(check, trigger, context, lang))
            else:
                findings.extend(_check_after(check, trigger, context, lang))
    return findings
