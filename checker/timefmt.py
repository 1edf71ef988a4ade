"""Instants as users read them: ISO 8601 for machines, the clerk's form for people.

A due time at midnight is the end of the day before: a clerk reads `2024-05-21 00:00` as
the 21st, so it is written `2024年5月20日24时` (English `2024-05-20 24:00`). Every text a
person reads — tables, Markdown, HTML, the Word document, text messages, explanations —
writes instants with `local_text` (or `due_text`, `day_text`), so they agree everywhere.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo


def to_datetime(epoch: int, tz: ZoneInfo) -> datetime:
    return datetime.fromtimestamp(epoch, tz=timezone.utc).astimezone(tz)


def iso(epoch: int | None, tz: ZoneInfo) -> str | None:
    """2024-05-11T10:30:00+08:00; None stays None."""
    if epoch is None:
        return None
    return to_datetime(epoch, tz).isoformat()


def day_text(day: date, lang: str = "zh") -> str:
    """2024年5月20日 / 2024-05-20."""
    return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else day.isoformat()


def local_text(epoch: int | None, tz: ZoneInfo, lang: str = "zh") -> str:
    """An instant for people: `2024年5月20日 10:30`, midnight as `2024年5月19日24时`
    (English `2024-05-20 10:30`, `2024-05-19 24:00`); seconds only when there are any; an
    empty string for None."""
    if epoch is None:
        return ""
    moment = to_datetime(epoch, tz)
    if moment.hour == moment.minute == moment.second == 0:
        before = moment.date() - timedelta(days=1)
        return f"{day_text(before, lang)}24时" if lang == "zh" else f"{before.isoformat()} 24:00"
    clock = moment.strftime("%H:%M:%S" if moment.second else "%H:%M")
    return f"{day_text(moment.date(), lang)} {clock}"


def local_text_of_iso(value: str | None, tz: ZoneInfo | None, lang: str = "zh") -> str:
    """`local_text` of an ISO 8601 instant (as report and explanation data hold them); without
    `tz`, at the offset the text is written with."""
    if not value:
        return ""
    moment = datetime.fromisoformat(value)
    zone = tz or moment.tzinfo or timezone.utc
    return local_text(int(moment.timestamp()), zone, lang)


def due_text(epoch: int | None, tz: ZoneInfo, lang: str = "zh") -> str:
    """A due time as an instruction: `2024年5月20日24时前` / `by 2024-05-20 24:00`."""
    if epoch is None:
        return ""
    written = local_text(epoch, tz, lang)
    return f"{written}前" if lang == "zh" else f"by {written}"


def short(epoch: int | None, tz: ZoneInfo) -> str:
    """2024-05-11 10:30 for CSV cells, which Excel and WPS read as dates (a workbook holds
    datetimes); an empty string for None."""
    if epoch is None:
        return ""
    moment = to_datetime(epoch, tz)
    return moment.strftime("%Y-%m-%d %H:%M:%S" if moment.second else "%Y-%m-%d %H:%M")
