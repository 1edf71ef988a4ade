"""Events grouped per ticket, in time order, with the ticket's attributes resolved."""

from __future__ import annotations

from operator import attrgetter

from checker.model import Event, Ticket
from checker.ruleset import RuleSet


def _first(events: list[Event], attribute: str):
    for event in events:
        value = getattr(event, attribute)
        if value is not None:
            return value
    return None


def group_tickets(events: list[Event], ruleset: RuleSet, as_of: int | None = None) -> list[Ticket]:
    """One Ticket per ticket id, events ordered by (time, input order).

    Events after `as_of` are left out: the log is judged as it stood at that instant.
    A ticket's attributes come from the first event that states them; an explicit
    deadline_class wins over the class of its category, an explicit urgent flag over
    the class's.
    """
    by_ticket: dict[str, list[Event]] = {}
    for event in events:
        if as_of is not None and event.at > as_of:
            continue
        by_ticket.setdefault(event.ticket_id, []).append(event)
    tickets = []
    for ticket_id, ticket_events in by_ticket.items():
        # Events were collected in input order, and the sort is stable: equal times keep it.
        ticket_events.sort(key=attrgetter("at"))
        category = _first(ticket_events, "category")
        deadline_class = _first(ticket_events, "deadline_class") or ruleset.classify(category)
        urgent = _first(ticket_events, "urgent")
        if urgent is None:
            urgent = ruleset.is_urgent_class(deadline_class)
        tickets.append(Ticket(ticket_id=ticket_id, events=ticket_events, category=category,
                              deadline_class=deadline_class, urgent=urgent,
                              key_category=_first(ticket_events, "key_category"),
                              channel=_first(ticket_events, "channel")))
    return tickets
