"""What the reader completes from the rest of a ticket, and the notes that say so.

- A mapping with `ticket_attributes: {unit: from_any_row}` takes a row's handling unit
  from another row of the ticket when its own cell is empty (platforms that write the
  unit on the acceptance step, not on the dispatch).
- A step the export records without its time or its actor (an extension flagged by
  是否延期 with no approval time, or no approver column) is a data-quality note on the
  ticket, naming the assumption made (docs/decisions.md).
"""

from __future__ import annotations

from checker.i18n import say
from checker.logs.rows import reason
from checker.model import DataNote, Event, Rejected
from checker.vocabulary import EVENT_NAMES_ZH, HANDOVER_EVENTS

# Steps whose actor a rule judges (the office's approvals): an unrecorded actor is noted.
APPROVALS = ("extension_approved", "archive_approved")

MESSAGES = {
    "assumed_time": {
        "zh": "导出未记录{event}时间，按“{stand_in}”的时间计（视为在原期限内）；是否在期限届满前{event}无法核实",
        "en": "the export has no time of {event}; the time of '{stand_in}' is used (taken as "
              "within the original due time); whether it came in time cannot be verified"},
    "unknown_actor": {
        "zh": "导出未记录{event}的审批人：按平台登记的{event}计入期限，但不认定为经热线领导小组办公室同意；审批人是否合规无法核查",
        "en": "the export does not record who approved ({event}): the step counts as the "
              "platform registers it, but is not taken as approved by the hotline office; "
              "whether the approver was the office cannot be checked"},
}

_RULE_OF = {"extension_approved": "extension-approval", "archive_approved": "archive-approval"}


def assumption_notes(event: Event, stand_in: str | None, unrecorded: frozenset[str]) -> list[DataNote]:
    """The notes of one event read from a wide row: an assumed time, an unrecorded approver."""
    notes = []
    name = EVENT_NAMES_ZH.get(event.event, event.event)
    rule = _RULE_OF.get(event.event)
    if stand_in is not None:
        notes.append(DataNote("assumed_approval_time",
                              say(MESSAGES, "assumed_time", "zh", event=name, stand_in=stand_in),
                              ticket_id=event.ticket_id, source=event.source, line=event.line,
                              rule=rule))
    if (event.event in APPROVALS and event.actor is None
            and f"{event.event}.actor" in unrecorded):
        notes.append(DataNote("unknown_approver", say(MESSAGES, "unknown_actor", "zh", event=name),
                              ticket_id=event.ticket_id, source=event.source, line=event.line,
                              rule=rule))
    return notes


def fill_from_any_row(data, first: int) -> None:
    """Units for the events of one file (data.events[first:]) that lack theirs: the unit of
    the ticket's next event that names one, else of its latest earlier one. A dispatch that
    still has none is rejected, as it would have been on its own row."""
    events = data.events[first:]
    by_ticket: dict[str, list[Event]] = {}
    for event in events:
        by_ticket.setdefault(event.ticket_id, []).append(event)
    for ticket_events in by_ticket.values():
        if all(event.unit is not None for event in ticket_events):
            continue
        ordered = sorted(ticket_events, key=lambda e: (e.at, e.seq))
        for position, event in enumerate(ordered):
            if event.unit is not None:
                continue
            later = next((e.unit for e in ordered[position + 1:] if e.unit is not None), None)
            earlier = next((e.unit for e in reversed(ordered[:position]) if e.unit is not None), None)
            event.unit = later or earlier
    kept = []
    for event in events:
        if event.unit is None and event.event in HANDOVER_EVENTS:
            data.rejected.append(Rejected(event.source, event.line, reason("no_unit", event=event.event)))
        else:
            kept.append(event)
    if len(kept) != len(events):
        data.events[first:] = kept
