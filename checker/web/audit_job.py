"""The audit behind the pages: read the uploads with the confirmed mapping, run the engine
once, and keep what the pages ask of it (first dispatch days, months, unknown names)."""

from __future__ import annotations

import difflib
from checker.engine.audit import AuditOptions, run_audit
from checker.engine.context import LocalDays
from checker.logs import Mapping, read_logs
from checker.ruleset import RuleSet
from checker.web.jobs import Job
from checker.web.workspace import Audited, Workspace

CLOSEST = 3


def closest_names(name: str, known: list[str]) -> list[str]:
    return difflib.get_close_matches(name, known, n=CLOSEST, cutoff=0.6)


def _rename_sources(log, names: dict[str, str]) -> None:
    """Messages and outputs name a file as the user knows it, not as the server stored it."""
    for item in log.events:
        item.source = names.get(item.source, item.source)
    for item in log.rejected:
        item.source = names.get(item.source, item.source)
    log.sources = [names.get(source, source) for source in log.sources]
    for note in getattr(log, "data_notes", ()):
        note.source = names.get(note.source, note.source)
    if getattr(log, "unrecorded", None):
        log.unrecorded = {names.get(key, key): value for key, value in log.unrecorded.items()}


def run_workspace_audit(job: Job, workspace: Workspace, ruleset: RuleSet, mapping: Mapping,
                        lang: str) -> Audited:
    job.phase = "job_reading"
    paths = [str(uploaded.path) for uploaded in workspace.files]
    log = read_logs(paths, ruleset.tz, mapping=mapping, progress=job.progress)
    _rename_sources(log, workspace.display_names())
    job.phase = "job_auditing"
    result = run_audit(log, ruleset, AuditOptions(lang=lang))
    days = LocalDays(ruleset)
    ticket_days: dict[str, str] = {}
    for item in log.events:
        if item.event == "dispatched" and item.ticket_id not in ticket_days:
            ticket_days[item.ticket_id] = days.date(item.at).isoformat()
    # Events are in input order: a later row may hold an earlier dispatch.
    for item in log.events:
        if item.event == "dispatched":
            day = days.date(item.at).isoformat()
            if day < ticket_days[item.ticket_id]:
                ticket_days[item.ticket_id] = day
    months = sorted({day[:7] for day in ticket_days.values()}, reverse=True)
    ticket_events: dict[str, list] = {}
    for item in log.events:
        ticket_events.setdefault(item.ticket_id, []).append(item)
    audited = Audited(log=log, ruleset=ruleset, result=result, ticket_days=ticket_days,
                      ticket_events=ticket_events, months=months)
    audited.unknown_units, audited.unknown_categories = unknown_names(log, ruleset)
    return audited


def unknown_names(log, ruleset: RuleSet):
    """Units and categories the rule set does not know, with how many tickets name them and
    the closest known names."""
    unit_tickets: dict[str, set] = {}
    category_tickets: dict[str, set] = {}
    for item in log.events:
        if item.unit and ruleset.canonical_unit(item.unit) is None:
            unit_tickets.setdefault(item.unit, set()).add(item.ticket_id)
        if item.category:
            category_tickets.setdefault(item.category, set()).add(item.ticket_id)
    units = [(name, len(tickets), ruleset.closest_units(name, CLOSEST))
             for name, tickets in sorted(unit_tickets.items())]
    # A category the rule set does not list is simply of the default class; only one that
    # looks like a listed name written differently is worth a question.
    known_categories = ruleset.category_names()
    categories = []
    for name, tickets in sorted(category_tickets.items()):
        if ruleset.names_category(name):
            continue
        closest = closest_names(name, known_categories)
        if closest:
            categories.append((name, len(tickets), closest))
    return units, categories
