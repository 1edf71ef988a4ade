"""Section 3 of the monthly report: the overdue tickets (负面清单), grouped by the unit that
missed the deadline, the units with the most overdue tickets first."""

from __future__ import annotations

from checker.i18n import DEFAULT_LANGUAGE, say
from checker.output.labels import overdue_seconds, overdue_text, rule_name, unit_name
from checker.output.sanitize import mask_personal
from checker.reports.rates import TicketOutcome, overdue_rules
from checker.reports.report_text import TEXT as SHARED_TEXT
from checker.ruleset import RuleSet
from checker.timefmt import iso

TEXT: dict[str, dict[str, str]] = {
    "col_ticket": {"zh": "工单编号", "en": "Ticket"},
    "col_rule": {"zh": "超期环节", "en": "Deadline"},
    "col_due": {"zh": "应完成时间", "en": "Due"},
    "col_actual": {"zh": "实际时间", "en": "Actual"},
    "col_late": {"zh": "超时", "en": "Late by"},
    "col_note": {"zh": "备注", "en": "Note"},
    "overdue_unit": {"zh": "{unit}（{count} 张）", "en": "{unit} ({count})"},
}

OVERDUE_COLUMNS = ("col_ticket", "col_rule", "col_due", "col_actual", "col_late", "col_note")
_WORDS = {**SHARED_TEXT, **TEXT}     # this section's columns and those it shares


def overdue_list(outcomes: list[TicketOutcome], month: str, ruleset: RuleSet, lang: str) -> list[dict]:
    """The violated acceptance and feedback deadlines of the month's tickets, by unit:
    [{unit, tickets, findings: [...]}]."""
    groups: dict[str | None, list[dict]] = {}
    tz = ruleset.tz
    overdue = overdue_rules(ruleset)
    for outcome in outcomes:
        if outcome.month != month:
            continue
        for finding in outcome.findings:
            if finding.rule not in overdue or finding.status != "violated":
                continue
            groups.setdefault(finding.unit, []).append({
                "ticket_id": finding.ticket_id, "rule": finding.rule,
                "rule_name": rule_name(finding.rule, lang), "clause": finding.clause,
                "due": iso(finding.due, tz), "actual": iso(finding.actual, tz),
                "late_seconds": overdue_seconds(finding),
                "late": overdue_text(finding, lang),
                "note": mask_personal(finding.note)})
    ordered = sorted(groups.items(), key=lambda item: (-len({t["ticket_id"] for t in item[1]}),
                                                       item[0] or "\uffff"))
    result = []
    for unit, items in ordered:
        # Every field in the key: the order is the same whatever order the engine found them in.
        items.sort(key=lambda item: (item["due"] or "", item["ticket_id"], item["rule"],
                                     item["actual"] or "", item["note"] or "", item["clause"] or ""))
        result.append({"unit": unit, "tickets": len({item["ticket_id"] for item in items}),
                       "findings": items})
    return result


def group_heading(group: dict, lang: str = DEFAULT_LANGUAGE) -> str:
    """区住建局（3 张）: the heading of one unit's overdue tickets."""
    return say(TEXT, "overdue_unit", lang, unit=unit_name(group["unit"], lang), count=group["tickets"])


def overdue_headers(lang: str = DEFAULT_LANGUAGE, with_unit: bool = False) -> list[str]:
    return [say(_WORDS, key, lang) for key in (("col_unit",) if with_unit else ()) + OVERDUE_COLUMNS]
