"""Events grouped per ticket, in time order, with the ticket's attributes resolved."""

from __future__ import annotations

from datetime import date

from checker.calendar.clocks import local_days
from checker.model import Event, Ticket
from checker.ruleset import RuleSet
from checker.vocabulary import LIFE_ORDER


def _order(event: Event) -> tuple[int, int]:
    return event.at, LIFE_ORDER[event.event]


def _first_stated(events: list[Event]) -> tuple:
    """(category, deadline_class, urgent, key_category, channel): each from the first event stating it."""
    category = deadline_class = urgent = key_category = channel = None
    for event in events:
        if category is None:
            category = event.category
        if deadline_class is None:
            deadline_class = event.deadline_class
        if urgent is None:
            urgent = event.urgent
        if key_category is None:
            key_category = event.key_category
        if channel is None:
            channel = event.channel
    return category, deadline_class, urgent, key_category, channel


def group_tickets(events: list[Event], ruleset: RuleSet, as_of: int | None = None) -> list[Ticket]:
    """One Ticket per ticket id, events ordered by time, then life order, then input order.

    Events after `as_of` are left out: the log is judged as it stood at that instant.
    A unit written as the rule set names it in any of its ways takes the canonical name
    (区住建局 → 区住房和城乡建设局), so every output, ranking and `--unit` sees one unit; a name
    matching no unit stays as written (data_quality.unit_notes reports it).
    A ticket's attributes come from the first event that states them; an explicit
    deadline_class wins over the class of its category, an explicit urgent flag over
    the class's, an explicit key_category over the key category its category names. With a
    folder of versions, each ticket's `rules` is the version in force on the day of its first
    dispatch, and its class comes from that version (None: no version was in force, the ticket
    is not judged — `in_force` leaves it out).
    """
    by_ticket: dict[str, list[Event]] = {}
    canonical_unit = ruleset.canonical_unit
    for event in events:
        if as_of is not None and event.at > as_of:
            continue
        if event.unit is not None:
            event.unit = canonical_unit(event.unit) or event.unit
        by_ticket.setdefault(event.ticket_id, []).append(event)
    tickets = []
    days = local_days(ruleset.tz)
    for ticket_id, ticket_events in by_ticket.items():
        # Same instant: a ticket's life order decides, then input order (the sort is stable).
        ticket_events.sort(key=_order)
        category, deadline_class, urgent, key_category, channel = _first_stated(ticket_events)
        rules = ruleset if not ruleset.versions else ruleset.version_for(
            date.fromordinal(days.ordinal_of(_first_dispatch_at(ticket_events))))
        judge = rules or ruleset
        deadline_class = deadline_class or judge.classify(category)
        key_category = key_category or judge.key_category_of(category)
        if urgent is None:
            urgent = judge.is_urgent_class(deadline_class)
        tickets.append(Ticket(ticket_id, ticket_events, category, deadline_class, urgent,
                              key_category, channel, rules=rules))
    return tickets


def _first_dispatch_at(events: list[Event]) -> int:
    """The instant that picks a ticket's rule set version: its first dispatch (else its first event)."""
    return next((event.at for event in events if event.event == "dispatched"), events[0].at)


def in_force(tickets: list[Ticket]) -> list[Ticket]:
    """The tickets a rule set version judges (all of them, but for a folder with a gap in time)."""
    return [ticket for ticket in tickets if ticket.rules is not None]
