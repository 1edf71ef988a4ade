"""Section 2 of the monthly report (clause 3.4): the key tickets by category — how many,
open, closed, overdue, the units that handled them and the departments they are passed to."""

from __future__ import annotations

from checker.i18n import DEFAULT_LANGUAGE, say
from checker.reports.rates import TicketOutcome
from checker.reports.report_text import TEXT as SHARED_TEXT
from checker.ruleset import RuleSet

TEXT: dict[str, dict[str, str]] = {
    "col_category": {"zh": "重点类别", "en": "Key category"},
    "col_open": {"zh": "未办结", "en": "Open"},
    "col_closed": {"zh": "已办结", "en": "Closed"},
    "col_units": {"zh": "承办单位", "en": "Handling units"},
    "col_passed_to": {"zh": "推送部门", "en": "Passed to"},
}

KEY_TICKET_COLUMNS = ("col_category", "col_tickets", "col_open", "col_closed", "col_overdue",
                      "col_units", "col_passed_to")
_WORDS = {**SHARED_TEXT, **TEXT}     # this section's columns and those it shares


def _row(category: str, name: str, passed_to: list[str]) -> dict:
    return {"category": category, "name": name, "tickets": 0, "open": 0, "closed": 0,
            "overdue": 0, "units": [], "passed_to": passed_to}


def key_ticket_rows(outcomes: list[TicketOutcome], ruleset: RuleSet) -> list[dict]:
    """One row per category of the rule set's `key_tickets`, in its order, then any other
    category the tickets carry."""
    categories = ruleset.section("key_tickets").get("categories") or {}
    rows: dict[str, dict] = {key: _row(key, spec.get("name", key), list(spec.get("passed_to", ())))
                             for key, spec in categories.items()}
    units: dict[str, set] = {key: set() for key in rows}
    for outcome in outcomes:
        key = outcome.key_category
        if not key:
            continue
        if key not in rows:     # a category the rule set does not list is still counted
            rows[key] = _row(key, key, [])
            units[key] = set()
        row = rows[key]
        row["tickets"] += 1
        row["closed" if outcome.closed else "open"] += 1
        row["overdue"] += 1 if outcome.overdue_units else 0
        if outcome.unit:
            units[key].add(outcome.unit)
    for key, row in rows.items():
        row["units"] = sorted(units[key])
    return list(rows.values())


def key_ticket_headers(lang: str = DEFAULT_LANGUAGE) -> list[str]:
    return [say(_WORDS, key, lang) for key in KEY_TICKET_COLUMNS]
