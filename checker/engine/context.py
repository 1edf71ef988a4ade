"""What the checks of one ticket share while they run: the events, the units over time,
the deadline cycles already computed (reminders and extension checks look at them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from checker.calendar.clocks import local_days
from checker.conditions import FieldContext
from checker.durations import Duration
from checker.model import Event, Ticket
from checker.ruleset import Check, RuleSet
from checker.vocabulary import HANDOVER_EVENTS


@dataclass(slots=True)
class Cycle:
    """One run of a deadline: from a start event to its end event, or to its boundary."""
    check: Check
    start: Event
    start_index: int
    base_due: int
    due: int
    duration: Duration
    clock: str
    unit: str | None
    extensions: list[Event] = field(default_factory=list)
    end: Event | None = None
    boundary: Event | None = None
    state: str = "pending"          # met | late | missed | pending | handed_over

    @property
    def overdue(self) -> bool:
        return self.state in ("late", "missed")

    def due_before(self, instant: int) -> int:
        """The due time as it stood just before `instant` (extensions approved earlier applied)."""
        due = self.base_due
        for extension in self.extensions:
            if extension.at < instant:
                due = extension.promised_at
        return due


class LocalDays:
    """The rule set's local days of instants, and whether they are workdays."""

    def __init__(self, ruleset: RuleSet):
        self._days = local_days(ruleset.tz)
        self._calendar = ruleset.calendar

    def ordinal(self, epoch: int) -> int:
        return self._days.ordinal_of(epoch)

    def date(self, epoch: int) -> date:
        return date.fromordinal(self._days.ordinal_of(epoch))

    def midnight(self, ordinal: int) -> int:
        """Epoch seconds of local 00:00 of the day `ordinal`."""
        return self._days.midnight(ordinal)

    def is_workday(self, epoch: int) -> bool:
        return self._calendar.is_workday_ordinal(self._days.ordinal_of(epoch))


class TicketContext:
    def __init__(self, ticket: Ticket, ruleset: RuleSet, as_of: int, days: LocalDays,
                 fields: FieldContext, unrecorded: frozenset[str] = frozenset()):
        self.ticket = ticket
        self.events = ticket.events
        self.ruleset = ruleset
        self.as_of = as_of
        self.days = days
        self.fields = fields
        self.cycles: dict[str, list[Cycle]] = {}
        self.names = frozenset(event.event for event in self.events)
        # What none of the ticket's sources records (checker.engine.unrecorded).
        self.unrecorded = unrecorded
        # Rules whose computation for this ticket needed a year the calendar lacks: rule id ->
        # the error naming it. Checks that build on such a rule's cycles are not judged either.
        self.no_calendar: dict[str, Exception] = {}
        self._dispatch_day: date | None = None

    @property
    def dispatch_day(self) -> date:
        """The local day of the first dispatch: dated durations take the value in force then."""
        if self._dispatch_day is None:
            anchor = self.ticket.first_dispatch() or self.events[0]
            self._dispatch_day = self.days.date(anchor.at)
        return self._dispatch_day

    def has_any(self, names) -> bool:
        """Whether any of these events happened: most checks can skip a ticket on this alone."""
        return not self.names.isdisjoint(names)

    def unit_at(self, index: int) -> str | None:
        """The handling unit after the event at `index`: the last dispatch or redispatch so far."""
        for position in range(min(index, len(self.events) - 1), -1, -1):
            event = self.events[position]
            if event.event in HANDOVER_EVENTS and event.unit:
                return event.unit
        return None

    def unit_at_time(self, instant: int) -> str | None:
        unit = None
        for event in self.events:
            if event.at > instant:
                break
            if event.event in HANDOVER_EVENTS and event.unit:
                unit = event.unit
        return unit or self.current_unit()

    def current_unit(self) -> str | None:
        return self.unit_at(len(self.events) - 1)

    def is_office_actor(self, actor) -> bool:
        """Whether a rule's `actor` names the hotline office alone."""
        return actor == self.ruleset.office_key

    def actor_matches(self, event: Event, actor) -> bool:
        """Whether the event was done by the rule's `actor` (a key, or a list of keys).

        The event's actor is read through the rule set's names: the office only by its own
        names, other bodies (热线中心 …) by theirs. An event without an actor matches no actor.
        """
        if actor is None:
            return True
        if event.actor is None and f"{event.event}.actor" in self.unrecorded:
            # The export does not say who acted: the step counts as the platform records it,
            # and the reader noted the assumption on the ticket (a DataNote).
            return True
        key = self.ruleset.actor_key(event.actor)
        if key is None:
            return False
        allowed = (actor,) if isinstance(actor, str) else actor
        return key in allowed or event.actor in allowed
