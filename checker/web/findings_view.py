"""The findings page's questions over the audit kept in memory: filter, sort, count, page.

Filters are on what a finding says (unit, rule, severity) and on its ticket's first
dispatch (month, days), as `audit --from/--to` and the monthly report count them. A page
is one slice of the filtered, sorted list: the browser never receives more than a page."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from checker.web.refused import Refused
from checker.web.workspace import Audited

PAGE_SIZE = 50
SORT_KEYS = {
    "unit": lambda f: (f.unit or "", f.ticket_id),
    "ticket": lambda f: (f.ticket_id, f.due or 0),
    "rule": lambda f: (f.rule, f.check or "", f.ticket_id),
    "severity": lambda f: (f.severity, f.ticket_id),
    "due": lambda f: (f.due or 0, f.ticket_id),
    "actual": lambda f: (f.actual is None, f.actual or 0, f.ticket_id),
}


@dataclass
class Filters:
    unit: str = ""
    rule: str = ""
    severity: str = ""
    month: str = ""
    date_from: str = ""
    date_to: str = ""
    sort: str = "unit"
    order: str = "asc"
    page: int = 1

    @classmethod
    def from_query(cls, query) -> "Filters":
        filters = cls(**{name: (query.get(name) or "").strip() for name in
                         ("unit", "rule", "severity", "month", "date_from", "date_to")})
        if filters.month and not _is_month(filters.month):
            raise Refused("err_bad_month", value=filters.month)
        for value in (filters.date_from, filters.date_to):
            if value and not _is_date(value):
                raise Refused("err_bad_date", value=value)
        sort = query.get("sort") or "unit"
        filters.sort = sort if sort in SORT_KEYS else "unit"
        filters.order = "desc" if query.get("order") == "desc" else "asc"
        page = query.get("page") or "1"
        filters.page = int(page) if page.isdigit() and int(page) > 0 else 1
        return filters

    def query(self, **changes) -> dict:
        """The filters as query parameters, with some changed (for links)."""
        values = {"unit": self.unit, "rule": self.rule, "severity": self.severity,
                  "month": self.month, "date_from": self.date_from, "date_to": self.date_to,
                  "sort": self.sort, "order": self.order, "page": self.page}
        values.update(changes)
        return {key: value for key, value in values.items() if value not in ("", None)}


def _is_month(text: str) -> bool:
    try:
        date.fromisoformat(text + "-01")
        return len(text) == 7
    except ValueError:
        return False


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
        return len(text) == 10
    except ValueError:
        return False


def select(audited: Audited, filters: Filters) -> list:
    days = audited.ticket_days
    chosen = []
    for finding in audited.result.findings:
        if filters.unit and (finding.unit or "") != filters.unit:
            continue
        if filters.rule and finding.rule != filters.rule:
            continue
        if filters.severity and finding.severity != filters.severity:
            continue
        if filters.month or filters.date_from or filters.date_to:
            day = days.get(finding.ticket_id, "")
            if filters.month and not day.startswith(filters.month):
                continue
            if filters.date_from and day < filters.date_from:
                continue
            if filters.date_to and day > filters.date_to:
                continue
        chosen.append(finding)
    chosen.sort(key=SORT_KEYS[filters.sort], reverse=filters.order == "desc")
    return chosen


def counts(findings: list) -> tuple[list[str], list[tuple[str, list[int], int]], list[int]]:
    """Rules (columns), per unit its counts per rule and total, and the totals per rule."""
    rules = sorted({f.rule for f in findings})
    position = {rule: index for index, rule in enumerate(rules)}
    table: dict[str, list[int]] = {}
    for finding in findings:
        row = table.setdefault(finding.unit or "", [0] * len(rules))
        row[position[finding.rule]] += 1
    rows = sorted(((unit, row, sum(row)) for unit, row in table.items()),
                  key=lambda item: (-item[2], item[0]))
    totals = [sum(row[i] for _, row, _ in rows) for i in range(len(rules))]
    return rules, rows, totals


SELECTIONS_KEPT = 8


def selection(audited: Audited, filters: Filters) -> tuple[list, tuple]:
    """The findings the filters choose, sorted, with their counts; the last few selections are
    kept, so paging through one costs a slice."""
    key = tuple(filters.query(page=None).items())
    kept = audited.selections.get(key)
    if kept is None:
        chosen = select(audited, filters)
        kept = (chosen, counts(chosen))
        while len(audited.selections) >= SELECTIONS_KEPT:
            audited.selections.pop(next(iter(audited.selections)))
        audited.selections[key] = kept
    return kept


def page_of(findings: list, page: int) -> tuple[list, int, int]:
    """(the findings of the page, the page shown, the number of pages)."""
    pages = max(1, math.ceil(len(findings) / PAGE_SIZE))
    page = min(page, pages)
    start = (page - 1) * PAGE_SIZE
    return findings[start:start + PAGE_SIZE], page, pages
