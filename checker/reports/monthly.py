"""The monthly 通报 (clauses 3.3, 3.4) as data: what every renderer shows, and what the JSON
output is (schemas/report.schema.json).

The report is built from the same engine run as `audit`: the same tickets (events after
as-of left out), the same findings. Rates are fractions 0..1 or None (no denominator);
instants are ISO 8601 with the rule set's offset. Each section is its own module:
ranking_table (1), key_tickets (2), overdue_list (3), leader_day_section (4),
recurring_issues (5), definitions (6); this one runs the engine and assembles them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from checker.engine.audit import frame_height, log_latest_instant
from checker.errors import CheckerError
from checker.i18n import DEFAULT_LANGUAGE
from checker.reports.definitions import definitions
from checker.reports.key_tickets import key_ticket_rows
from checker.reports.leader_day_section import leader_day_section
from checker.reports.months import parse_month, previous_month
from checker.reports.overdue_list import overdue_list
from checker.reports.ranking_table import describe_scheme, rate_names, total_row, unit_row
from checker.reports.recurring_issues import recurring_issues
from checker.reports.outcomes import month_outcomes
from checker.reports.rates import rates_from_outcomes, total_rates
from checker.reports.report_heading import report_title
from checker.reports.report_text import short_instant
from checker.reports.unsatisfied_list import unsatisfied_list
from checker.ruleset import RuleSet
from checker.timefmt import iso

REPORT_KIND = "hotline-check/monthly-report"


def month_scheme(ruleset: RuleSet, month: str) -> RuleSet:
    """With a folder of versions, the rates, ranking and report sections of a month are those
    of the version in force on its first day (the folder still named as the rules used)."""
    if not ruleset.versions:
        return ruleset
    year, number = parse_month(month)
    version = ruleset.version_for(date(year, number, 1)) or ruleset
    return replace(version, versions=ruleset.versions, origin=ruleset.origin, file_hash=ruleset.file_hash)


def build_monthly_report(log, ruleset: RuleSet, month: str, as_of: int | None = None,
                         lang: str = DEFAULT_LANGUAGE, leader_log: str | None = None) -> dict:
    """The monthly report of `month` (YYYY-MM) from a checker.logs.LogData.

    `as_of` defaults to the latest timestamp of the log. The dict is what `--format json`
    prints and what the other renderers show. A leader-day log that cannot be read stops
    the report with a CheckerError naming it, before the tickets are checked."""
    parse_month(month)
    leader_day = leader_day_section(ruleset, leader_log, month, lang)
    if as_of is None:
        as_of = log_latest_instant(log)
        if as_of is None:
            raise CheckerError("the log holds no event to report on",
                               file=", ".join(getattr(log, "sources", [])) or None)
    before = previous_month(month)
    unjudged: list = []
    scheme = month_scheme(ruleset, month)
    outcome_list = month_outcomes(log, ruleset, as_of, (month, before), lang, unjudged, scheme)
    ruleset = scheme
    this_month = [outcome for outcome in outcome_list if outcome.month == month]
    has_previous = any(outcome.month == before for outcome in outcome_list)
    units = rates_from_outcomes(outcome_list, ruleset, month, as_of)
    previous = ({unit.unit: unit for unit in rates_from_outcomes(outcome_list, ruleset, before, as_of)}
                if has_previous else None)
    as_of_text = iso(as_of, ruleset.tz)
    return {
        "kind": REPORT_KIND,
        "lang": lang,
        "title": report_title(ruleset, month, lang),
        "month": month,
        "previous_month": before if has_previous else None,
        "ruleset": {"id": ruleset.id, "title": ruleset.title, "source": ruleset.source,
                    "file": ruleset.shown_file, "hash": ruleset.file_hash},
        "as_of": as_of_text,
        "input": {"rows": log.rows, "events": frame_height(log), "rejected": len(log.rejected),
                  "sources": list(getattr(log, "sources", []))},
        "rate_names": rate_names(ruleset, lang),
        "assessment": describe_scheme(ruleset, lang),
        "units": [unit_row(unit, previous, ruleset) for unit in units],
        "total": total_row(total_rates(this_month, ruleset, as_of), ruleset),
        "key_tickets": key_ticket_rows(this_month, ruleset),
        "overdue": overdue_list(outcome_list, month, ruleset, lang),
        "unsatisfied": unsatisfied_list(outcome_list, month, ruleset),
        "leader_day": leader_day,
        "recurring_issues": recurring_issues(outcome_list, month, ruleset),
        "notes": definitions(ruleset, short_instant(as_of_text, lang), lang, unjudged),
    }
