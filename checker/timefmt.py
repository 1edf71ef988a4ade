"""Instants as users read them: ISO 8601 with the rule set's offset."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo


def to_datetime(epoch: int, tz: ZoneInfo) -> datetime:
    return datetime.fromtimestamp(epoch, tz=timezone.utc).astimezone(tz)


def iso(epoch: int | None, tz: ZoneInfo) -> str | None:
    """2024-05-11T10:30:00+08:00; None stays None."""
    if epoch is None:
        return None
    return to_datetime(epoch, tz).isoformat()


def short(epoch: int | None, tz: ZoneInfo) -> str:
    """2024-05-11 10:30 for tables; an empty string for None."""
    if epoch is None:
        return ""
    moment = to_datetime(epoch, tz)
    return moment.strftime("%Y-%m-%d %H:%M:%S" if moment.second else "%Y-%m-%d %H:%M")
