"""What a change of the rules does to a real log: `diff OLD NEW --log LOG…`.

The log is audited under both rule sets (or folders of versions), as `audit` does; the
findings are matched by ticket, rule, check and status. A finding only the new rules give
is `added`, one only the old rules give `removed`; one both give with another due time or
actual time is `changed`. The monthly rates and ranks (`report`'s, of every month the log
holds tickets of) are compared unit by unit: a unit is listed when a rate, the composite or
its rank moves.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.engine.audit import AuditOptions, run_audit
from checker.i18n import DEFAULT_LANGUAGE
from checker.model import Finding
from checker.reports.monthly import build_monthly_report
from checker.reports.months import first_dispatch_month
from checker.ruleset import RuleSet, load_ruleset

_RATE_FIELDS = ("reply", "resolution", "satisfaction")


@dataclass
class FindingChange:
    action: str                     # added | removed | changed
    ticket_id: str
    rule: str
    check: str | None
    status: str
    unit: str | None
    old: Finding | None = None
    new: Finding | None = None


@dataclass
class UnitMove:
    month: str
    unit: str
    old: dict | None                # {rank, composite, reply, resolution, satisfaction}; None: not there
    new: dict | None


@dataclass
class LogImpact:
    sources: list[str]
    tickets: int
    old_findings: int
    new_findings: int
    findings: list[FindingChange] = field(default_factory=list)
    units: list[UnitMove] = field(default_factory=list)
    timezone: str = "Asia/Shanghai"


def _key(finding: Finding) -> tuple:
    return (finding.ticket_id, finding.rule, finding.check or "", finding.status)


def compare_findings(old: list[Finding], new: list[Finding]) -> list[FindingChange]:
    before = {_key(f): f for f in old}
    after = {_key(f): f for f in new}
    changes = []
    for key in sorted(set(before) | set(after)):
        was, now = before.get(key), after.get(key)
        if was is not None and now is not None:
            if (was.due, was.actual) == (now.due, now.actual):
                continue
            action = "changed"
        else:
            action = "added" if was is None else "removed"
        shown = now or was
        changes.append(FindingChange(action, shown.ticket_id, shown.rule, shown.check, shown.status,
                                     shown.unit, was, now))
    return changes


def _unit_figures(report: dict) -> dict[str, dict]:
    return {row["unit"]: {"rank": row.get("rank"), "composite": row.get("composite"),
                          **{name: (row.get(name) or {}).get("rate") for name in _RATE_FIELDS}}
            for row in report["units"]}


def log_impact(old_path: str, new_path: str, log, as_of: int | None = None,
               lang: str = DEFAULT_LANGUAGE) -> LogImpact:
    """`log` is a checker.logs.LogData read once (its events are audited under both)."""
    old_rules, new_rules = load_ruleset(old_path), load_ruleset(new_path)
    options = AuditOptions(as_of=as_of, lang=lang)
    old_result, new_result = run_audit(log, old_rules, options), run_audit(log, new_rules, options)
    impact = LogImpact(sources=list(getattr(log, "sources", [])), tickets=new_result.tickets,
                       old_findings=len(old_result.findings), new_findings=len(new_result.findings),
                       findings=compare_findings(old_result.findings, new_result.findings),
                       timezone=new_rules.timezone_name)
    as_of = new_result.as_of
    for month in _months(log, new_rules, as_of):
        before = _unit_figures(build_monthly_report(log, old_rules, month, as_of=as_of, lang=lang))
        after = _unit_figures(build_monthly_report(log, new_rules, month, as_of=as_of, lang=lang))
        for unit in sorted(set(before) | set(after)):
            if before.get(unit) != after.get(unit):
                impact.units.append(UnitMove(month, unit, before.get(unit), after.get(unit)))
    return impact


def _months(log, ruleset: RuleSet, as_of: int) -> list[str]:
    from checker.engine.context import LocalDays
    from checker.engine.tickets import group_tickets
    days = LocalDays(ruleset)
    return sorted({first_dispatch_month(ticket, days) for ticket in group_tickets(log.events, ruleset, as_of)}
                  - {None})
