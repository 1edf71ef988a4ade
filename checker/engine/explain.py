"""One ticket, explained: its timeline, each rule that applied, each due time and how it
was computed, and each finding. Built as data; `checker.output.explain_text` prints it."""

from __future__ import annotations

from datetime import date

from checker.calendar.clocks import describe_due, local_days
from checker.engine.audit import Auditor, latest_instant
from checker.engine.tickets import group_tickets
from checker.errors import CheckerError
from checker.i18n import pick
from checker.ruleset import RuleSet
from checker.timefmt import iso
from checker.vocabulary import CANONICAL_COLUMNS

# Everything a log row may say of an event beyond its ticket, name and time.
_EVENT_FIELDS = tuple(c for c in CANONICAL_COLUMNS if c not in ("ticket_id", "event", "at"))


def day_status(ruleset: RuleSet, instant: int) -> dict:
    """What the calendar says of the day of `instant`: the facts a 1-hour or workday rule turns on."""
    day = date.fromordinal(local_days(ruleset.tz).ordinal_of(instant))
    calendar = ruleset.calendar
    return {"date": day.isoformat(), "weekday": day.isoweekday(),
            "workday": calendar.is_workday(day), "holiday": calendar.holiday_name(day),
            "makeup_for": calendar.makeup_for(day)}


def explain_ticket(log, ruleset: RuleSet, ticket_id: str, as_of: int | None = None,
                   lang: str = "zh") -> dict:
    as_of = as_of if as_of is not None else latest_instant(log.events)
    tickets = [t for t in group_tickets(log.events, ruleset, as_of) if t.ticket_id == ticket_id]
    if not tickets:
        raise CheckerError(f"ticket '{ticket_id}' is not in the log"
                           if lang == "en" else f"日志中没有工单“{ticket_id}”")
    ticket = tickets[0]
    tz = ruleset.tz
    if ticket.rules is None:
        from checker.versions import out_of_force_notes
        raise CheckerError(out_of_force_notes([ticket], ruleset, lang)[0].message)
    auditor = Auditor(ruleset, as_of, lang, getattr(log, "unrecorded", None))
    context, findings = auditor.check_ticket(ticket)
    auditor = auditor.for_ticket(ticket)
    ruleset = auditor.ruleset
    explicit_class = next((e.deadline_class for e in ticket.events if e.deadline_class), None)
    timeline = []
    for event in ticket.events:
        fields = {name: getattr(event, name) for name in _EVENT_FIELDS if getattr(event, name) is not None}
        if "promised_at" in fields:
            fields["promised_at"] = iso(fields["promised_at"], tz)
        timeline.append({"at": iso(event.at, tz), "event": event.event, "fields": fields,
                         "source": event.source, "line": event.line})
    rules = []
    for check in auditor.checks:
        entry = {"rule": check.rule_id, "check": check.name, "clause": check.clause,
                 "kind": check.kind, "severity": check.severity, "quote": check.quote,
                 "interpretation": pick(check.interpretation, lang), "cycles": []}
        if check.kind == "deadline":
            entry["not_applied"] = [
                {"event": e.event, "at": iso(e.at, tz), "day": day_status(ruleset, e.at)}
                for e in ticket.events
                if e.event in check.spec["start"] and not check.applies(ticket, e, auditor.fields)]
            own = (c for c in context.cycles.get(check.rule_id, ()) if c.check is check)
            for cycle in own:
                how = describe_due(cycle.start.at, cycle.duration, cycle.clock, ruleset.calendar, tz,
                                   check.within.holiday_extends, check.within.count_start_day)
                entry["cycles"].append({
                    "start_event": cycle.start.event, "start": iso(cycle.start.at, tz),
                    "start_day": day_status(ruleset, cycle.start.at),
                    "unit": cycle.unit, "clock": cycle.clock, "duration": cycle.duration.text,
                    "base_due": iso(cycle.base_due, tz), "due": iso(cycle.due, tz),
                    "how": pick(how.get("text"), lang),
                    "extensions": [{"at": iso(e.at, tz), "promised_at": iso(e.promised_at, tz)}
                                   for e in cycle.extensions],
                    "end": iso(cycle.end.at, tz) if cycle.end else None,
                    "boundary": ({"event": cycle.boundary.event, "at": iso(cycle.boundary.at, tz)}
                                 if cycle.boundary else None),
                    "state": cycle.state})
        entry["findings"] = [f for f in findings if f.rule == check.rule_id and f.check == check.name]
        rules.append(entry)
    return {
        "ticket_id": ticket.ticket_id, "as_of": iso(as_of, tz),
        "category": ticket.category, "deadline_class": ticket.deadline_class,
        "class_source": "explicit" if explicit_class else "category",
        "class_name": ruleset.classes.get(ticket.deadline_class, {}).get("name", ticket.deadline_class),
        "urgent": ticket.urgent, "key_category": ticket.key_category,
        "unit": context.current_unit(), "timeline": timeline, "rules": rules,
        "findings": findings, "timezone": ruleset.timezone_name,
        "actor_names": {item["fields"]["actor"]: ruleset.actor_name(ruleset.actor_key(item["fields"]["actor"]))
                        for item in timeline if "actor" in item["fields"]},
    }
