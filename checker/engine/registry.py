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

# Kinds judged on the rule set's schedule rather than per ticket (see checker/reports/).
SCHEDULE_KINDS = frozenset({"leader_day"})

ORDER = {"deadline": 0, "requires": 1, "recurring": 2}
