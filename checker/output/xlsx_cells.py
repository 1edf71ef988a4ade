"""Values as an Excel cell takes them: text Excel accepts and will not evaluate, and
instants as naive datetimes in the rule set's timezone (Excel has no offsets)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from checker.output.sanitize import neutralize_formula
from checker.timefmt import to_datetime


def excel_text(value: str | None) -> str:
    """Control characters Excel refuses are dropped, a leading = + - @ defused; None is ""."""
    return neutralize_formula(ILLEGAL_CHARACTERS_RE.sub("", value or ""))


def excel_datetime(epoch: int | None, tz: ZoneInfo) -> datetime | None:
    return None if epoch is None else to_datetime(epoch, tz).replace(tzinfo=None)
