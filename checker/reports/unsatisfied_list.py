"""The month's tickets whose citizen was not satisfied at the return visit (回访不满意), by the
unit responsible: what a unit's 整改通知单 lists beside its overdue tickets (clause 2.3.3:
an unsatisfied visit must be followed by a return for re-handling)."""

from __future__ import annotations

from checker.engine.context import TicketContext
from checker.model import Finding
from checker.output.sanitize import mask_personal
from checker.reports.rates import TicketOutcome
from checker.ruleset import RuleSet
from checker.timefmt import iso

UNSATISFIED = "unsatisfied"


def unsatisfied_list(checked: list[tuple[TicketContext, list[Finding]]], month: str,
                     outcomes: dict[str, TicketOutcome], ruleset: RuleSet) -> list[dict]:
    """[{unit, ticket_id, category, visited, resolved, returned, note}] of the month's tickets
    whose last visit found the citizen unsatisfied; `returned`: sent back for re-handling
    after that visit. In the order of the visits."""
    tz = ruleset.tz
    found = []
    for context, _ in checked:
        outcome = outcomes[context.ticket.ticket_id]
        if outcome.month != month:
            continue
        visits = [event for event in context.events if event.event == "visited"]
        if not visits or visits[-1].satisfaction != UNSATISFIED:
            continue
        visit = visits[-1]
        found.append({
            "unit": outcome.unit, "ticket_id": context.ticket.ticket_id,
            "category": mask_personal(context.ticket.category), "visited": iso(visit.at, tz),
            "resolved": visit.resolved,
            "returned": any(event.event == "returned" and (event.at, event.seq) > (visit.at, visit.seq)
                            for event in context.events),
            "note": mask_personal(visit.note)})
    found.sort(key=lambda item: (item["visited"], item["ticket_id"]))
    return found
