"""The proposal of `hotline-check mapping init` (checker.mapping_wizard) as the mapping page
shows it — a meaning per header — and the clerk's corrections put back into it, so the file
saved is the wizard's own commented mapping with the clerk's changes.

Meanings: a canonical column (`unit`), an event's time (`time:dispatched`), or the column
that says whether an event happened (`flag:extension_approved`, the wizard's happened_if)."""

from __future__ import annotations

from checker.mapping_wizard.propose import Proposal, WideEventProposal
from checker.vocabulary import EVENTS, LIFE_ORDER

TIME_PREFIX = "time:"
FLAG_PREFIX = "flag:"


def meanings_of(proposal: Proposal) -> list[str | None]:
    found: dict[str, str] = {}
    for header, column in proposal.columns.items():
        found.setdefault(header, column)
    for item in proposal.events:
        if item.column:
            found.setdefault(item.column, TIME_PREFIX + item.event)
        if item.happened_if:
            found.setdefault(item.happened_if["column"], FLAG_PREFIX + item.event)
        for column, header in item.fields.items():
            found.setdefault(header, column)
    return [found.get(header) if header else None for header in proposal.header]


def apply_choices(proposal: Proposal, given: dict[str, str]) -> Proposal:
    """The proposal with the meanings the clerk gave (`meaning -> header`, checked already)."""
    times = {meaning[len(TIME_PREFIX):]: header for meaning, header in given.items()
             if meaning.startswith(TIME_PREFIX)}
    flags = {meaning[len(FLAG_PREFIX):]: header for meaning, header in given.items()
             if meaning.startswith(FLAG_PREFIX)}
    plain = {meaning: header for meaning, header in given.items()
             if not meaning.startswith((TIME_PREFIX, FLAG_PREFIX))}
    if not times:
        proposal.layout = "long"
        proposal.columns = {header: meaning for meaning, header in plain.items()}
        proposal.events = []
        return proposal
    proposal.layout = "wide"
    events: list[WideEventProposal] = []
    travelling: set[str] = set()
    for item in proposal.events:
        item.column = times.pop(item.event, None)
        if item.happened_if and flags.get(item.event) != item.happened_if["column"]:
            item.happened_if = None
        item.fields = {column: header for column, header in item.fields.items()
                       if plain.get(column) == header}
        if item.column or item.happened_if:
            events.append(item)
            travelling.update(item.fields.values())
    events += [WideEventProposal(event, header) for event, header in times.items()]
    proposal.events = sorted(events, key=lambda item: LIFE_ORDER[item.event])
    proposal.columns = {header: meaning for meaning, header in plain.items()
                        if header not in travelling}
    named = {item.event for item in proposal.events}
    parts = [item for item in proposal.unrecorded if "." in item and item.split(".")[0] in named]
    proposal.unrecorded = [event for event in EVENTS if event not in named] + parts
    return proposal
