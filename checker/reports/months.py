"""Months as the reports count them: YYYY-MM, and the month a ticket belongs to (the month of
its first dispatch, in the rule set's timezone)."""

from __future__ import annotations

import re

from checker.errors import CheckerError
from checker.model import Ticket

MONTH_PATTERN = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
# The English months as a chart's ticks and headers abbreviate them.
MONTH_ABBREVIATIONS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def parse_month(month: str) -> tuple[int, int]:
    match = MONTH_PATTERN.match(month or "")
    if not match:
        raise CheckerError(f"month '{month}' is not YYYY-MM")
    return int(match.group(1)), int(match.group(2))


def previous_month(month: str) -> str:
    year, number = parse_month(month)
    return f"{year - 1}-12" if number == 1 else f"{year}-{number - 1:02d}"


def months_up_to(month: str, count: int) -> list[str]:
    """The `count` months ending with `month`, oldest first."""
    months = [month]
    while len(months) < count:
        months.insert(0, previous_month(months[0]))
    return months


def _month_index(month: str) -> int:
    year, number = parse_month(month)
    return year * 12 + number - 1


def months_between(first: str, last: str) -> list[str]:
    """`first` to `last` inclusive, oldest first (empty when `first` is after `last`)."""
    count = _month_index(last) - _month_index(first) + 1
    return months_up_to(last, count) if count > 0 else []


def first_dispatch_month(ticket: Ticket, days) -> str | None:
    """YYYY-MM of the first `dispatched` event; None when the ticket was never dispatched.
    `days` turns an instant into a local date (the engine's LocalDays)."""
    first = ticket.first_dispatch()
    return days.date(first.at).strftime("%Y-%m") if first else None
