"""The month's tickets whose citizen was not satisfied at the return visit (回访不满意), by the
unit responsible: what a unit's 整改通知单 lists beside its overdue tickets (clause 2.3.3:
an unsatisfied visit must be followed by a return for re-handling)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from checker.model import Event
from checker.output.sanitize import mask_personal
from checker.ruleset import RuleSet
from checker.timefmt import iso

if TYPE_CHECKING:
    from checker.reports.rates import TicketOutcome

UNSATISFIED = "unsatisfied"


@dataclass(slots=True)
class UnsatisfiedVisit:
    """A ticket's last visit, when it found the citizen unsatisfied."""
    at: int
    resolved: bool | None
    note: str | None
    returned: bool          # sent back for re-handling after that visit


def last_unsatisfied_visit(events: list[Event]) -> UnsatisfiedVisit | None:
    """The ticket's last visit if the citizen was unsatisfied at it; None otherwise."""
    visits = [event for event in events if event.event == "visited"]
    if not visits or visits[-1].satisfaction != UNSATISFIED:
        return None
    visit = visits[-1]
    return UnsatisfiedVisit(visit.at, visit.resolved, visit.note, any(
        event.event == "returned" and (event.at, event.seq) > (visit.at, visit.seq) for event in events))


def unsatisfied_list(outcomes: list[TicketOutcome], month: str, ruleset: RuleSet) -> list[dict]:
    """[{unit, ticket_id, category, visited, resolved, returned, note}] of the month's tickets
    whose last visit found the citizen unsatisfied; `returned`: sent back for re-handling
    after that visit. In the order of the visits."""
    tz = ruleset.tz
    found = []
    for outcome in outcomes:
        visit = outcome.unsatisfied_visit
        if outcome.month != month or visit is None:
            continue
        found.append({
            "unit": outcome.unit, "ticket_id": outcome.ticket_id,
            "category": mask_personal(outcome.category), "visited": iso(visit.at, tz),
            "resolved": visit.resolved, "returned": visit.returned, "note": mask_personal(visit.note)})
    found.sort(key=lambda item: (item["visited"], item["ticket_id"]))
    return found
