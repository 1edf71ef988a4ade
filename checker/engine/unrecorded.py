"""What a check needs a source to record, and the checks a ticket's sources cannot feed.

A platform export that does not record a step (head notifications, reminders, citizen
contact …) cannot show it happened: a check needing that step would report every ticket
as a violation. Such a check is not judged for the tickets of that source; the audit
reports it once, as not checkable (checker.model.Unjudged).

Entries are event names (`head_notified`) or `event.field` for a field of an event
(`extension_approved.actor`: who approved; `extension_approved.at`: when).
"""

from __future__ import annotations

from checker.model import Unjudged
from checker.ruleset import Check


def needed(check: Check) -> tuple[frozenset[str], frozenset[str]]:
    """(what the check needs recorded to judge, the events that set it off).

    Needed: the end event of a deadline, the required event of a requires (and its actor
    when one is named), the events of a recurring; the trigger's actor and time when the
    check judges them. A check whose trigger events are all unrecorded never fires: it is
    not checkable either, and said so.
    """
    spec = check.spec
    needs: set[str] = set()
    triggers: tuple[str, ...] = ()
    if check.kind == "deadline":
        needs.update(spec["end"])
        if spec.get("end_actor"):
            needs.update(f"{event}.actor" for event in spec["end"])
        triggers = tuple(spec["start"])
    elif check.kind == "recurring":
        needs.update(spec["event"])
        triggers = tuple(spec["from"])
    elif check.kind == "requires":
        trigger = spec["trigger"]
        triggers = tuple(trigger.get("event", ()))
        require = spec.get("require")
        if require:
            needs.update(require["event"])
            if require.get("actor"):
                needs.update(f"{event}.actor" for event in require["event"])
            if require.get("within") and require.get("position") == "after":
                needs.update(f"{event}.at" for event in triggers)
        must = spec.get("trigger_must") or {}
        if must.get("actor"):
            needs.update(f"{event}.actor" for event in triggers)
        if must.get("by_due_of"):
            needs.update(f"{event}.at" for event in triggers)
    return frozenset(needs), frozenset(triggers)


def ticket_unrecorded(events, unrecorded: dict[str, frozenset[str]]) -> frozenset[str]:
    """What none of the ticket's sources records (a source without a declaration records
    everything, so a second log that does record the step restores the check)."""
    return common_unrecorded({event.source for event in events}, unrecorded)


def common_unrecorded(sources, unrecorded: dict) -> frozenset[str]:
    """What none of `sources` records, by `unrecorded` (per source, what it does not)."""
    common: frozenset[str] | None = None
    for source in sources:
        missing = unrecorded.get(source, frozenset())
        common = missing if common is None else common & missing
        if not common:
            return frozenset()
    return common or frozenset()


class UnjudgedTally:
    """Counts, per check and source, the tickets a check was not judged on."""

    def __init__(self, checks: list[Check]):
        self._needs = {id(check): needed(check) for check in checks}
        self._counts: dict[tuple[int, tuple[str, ...]], dict] = {}

    def blocked(self, check: Check, missing: frozenset[str]) -> tuple[str, ...]:
        """The entries the check needs that are unrecorded (sorted), or () to judge it."""
        if not missing:
            return ()
        needs, triggers = self._needs[id(check)]
        lacking = needs & missing
        if triggers and triggers <= missing:
            lacking |= triggers
        return tuple(sorted(lacking))

    def add(self, check: Check, lacking: tuple[str, ...], ticket) -> None:
        self.add_tickets(check, lacking, 1, (event.source for event in ticket.events))

    def add_tickets(self, check: Check, lacking: tuple[str, ...], tickets: int, sources) -> None:
        """`tickets` tickets the check was not judged on for `lacking`, from `sources`."""
        key = (id(check), lacking)
        entry = self._counts.setdefault(key, {"check": check, "tickets": 0, "sources": set()})
        entry["tickets"] += tickets
        entry["sources"].update(sources)

    def add_no_calendar(self, check: Check, year: int, calendar_file: str) -> None:
        """A ticket whose check needed the calendar's `year`, which the calendar lacks."""
        key = (id(check), ("no_calendar", str(year)))
        entry = self._counts.setdefault(key, {"check": check, "tickets": 0, "sources": set()})
        entry["tickets"] += 1
        entry["sources"].add(calendar_file)

    def result(self) -> list[Unjudged]:
        found = []
        for (_, lacking), entry in self._counts.items():
            if lacking[:1] == ("no_calendar",):
                reason, missing = "no_calendar", list(lacking[1:])
            else:
                reason, missing = "unrecorded", list(lacking)
            found.append(Unjudged(rule=entry["check"].rule_id, reason=reason, missing=missing,
                                  check=entry["check"].name, tickets=entry["tickets"],
                                  sources=sorted(entry["sources"])))
        return sorted(found, key=lambda item: (item.rule, item.check or "", item.reason, item.missing))
