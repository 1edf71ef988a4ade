"""Months as the reports count them: YYYY-MM, and the month a ticket belongs to (the month of
its first dispatch, in the rule set's timezone)."""

from __future__ import annotations

import re

from checker.errors import CheckerError
from checker.model import Ticket

MONTH_PATTERN = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def parse_month(month: str) -> tuple[int, int]:
    match = MONTH_PATTERN.match(month or "")
    if not match:
        raise CheckerError(f"month '{month}' is not YYYY-MM")
    return int(match.group(1)), int(match.group(2))


def previous_month(month: str) -> str:
    year, number = parse_month(month)
    return f"{year - 1}-12" if number == 1 else f"{year}-{number - 1:02d}"


def first_dispatch_month(ticket: Ticket, days) -> str | None:
    """YYYY-MM of the first `dispatched` event; None when the ticket was never dispatched.
    `days` turns an instant into a local date (the engine's LocalDays)."""
    first = ticket.first_dispatch()
    return days.date(first.at).strftime("%Y-%m") if first else None
