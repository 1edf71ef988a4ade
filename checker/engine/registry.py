"""The rule kinds the engine knows, registered explicitly, in the order they run.

Deadlines run first: `requires` checks look at their cycles (an extension must come by
the due time; an overdue ticket must be reminded).
"""

from __future__ import annotations

from checker.engine import deadline, recurring, requires

KINDS = {
    "deadline": deadline.evaluate,
    "requires": requires.evaluate,
    "recurring": recurring.evaluate,
}

# Kinds judged on the rule set's schedule rather than per ticket: `leader_day`
# (checker/engine/leader_day.py), from the leader-day log.
SCHEDULE_KINDS = frozenset({"leader_day"})

ORDER = {"deadline": 0, "requires": 1, "recurring": 2}


def wakes_on(check) -> frozenset[str] | None:
    """The events without which a check has nothing to do on a ticket (None: always runs)."""
    spec = check.spec
    if check.kind == "deadline":
        return frozenset(spec["start"])
    if check.kind == "recurring":
        return frozenset(spec["from"])
    trigger = spec["trigger"]
    return frozenset(trigger["event"]) if "event" in trigger else None
