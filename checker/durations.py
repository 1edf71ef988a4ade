"""ISO 8601 durations of the rule files, and values that change on a date.

A duration is either exact time (PT1H, PT30M, PT24H: whole seconds) or a number of
days (P5D); the clock decides how days are counted. Mixed forms (P1DT2H) and months or
years are refused: the notice counts in hours and days only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

_ISO_DURATION = re.compile(
    r"^P(?:(?P<weeks>\d+)W|(?P<days>\d+)D)?(?:T(?=\d)(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+)S)?)?$")


# No deadline of the notice, nor of any rule set, runs for a century: a longer one is a typo,
# and would carry due times past the instants the program can show.
MAX_DAYS = 36_500


@dataclass(frozen=True, slots=True)
class Duration:
    text: str
    seconds: int = 0     # exact part
    days: int = 0        # calendar-day part

    @property
    def total_seconds(self) -> int:
        """The duration as exact time (a day counted as 86,400 seconds)."""
        return self.seconds + self.days * 86400

    @property
    def is_days(self) -> bool:
        return self.days > 0 and self.seconds == 0


def parse_duration(text: str) -> Duration:
    """Parse 'PT1H', 'PT30M', 'P5D', 'P1W'. Raises ValueError with a readable reason."""
    if not isinstance(text, str):
        raise ValueError(f"duration must be an ISO 8601 text like PT1H or P5D, not {text!r}")
    match = _ISO_DURATION.match(text.strip())
    if not match or text.strip() in ("P", "PT"):
        raise ValueError(f"'{text}' is not an ISO 8601 duration (e.g. PT1H, PT30M, P5D)")
    if any(v and len(v) > 9 for v in match.groupdict().values()):
        raise ValueError(f"'{text}' is longer than any deadline (at most {MAX_DAYS} days)")
    parts = {k: int(v) for k, v in match.groupdict().items() if v}
    days = parts.get("days", 0) + 7 * parts.get("weeks", 0)
    seconds = parts.get("hours", 0) * 3600 + parts.get("minutes", 0) * 60 + parts.get("seconds", 0)
    if days and seconds:
        raise ValueError(f"'{text}' mixes days and hours; use either PT…H or P…D")
    if not days and not seconds:
        raise ValueError(f"'{text}' is a zero duration")
    if days > MAX_DAYS or seconds > MAX_DAYS * 86400:
        raise ValueError(f"'{text}' is longer than any deadline (at most {MAX_DAYS} days)")
    return Duration(text=text.strip(), seconds=seconds, days=days)


class Dated:
    """A value that may change on given dates: {2024-01-01: PT3H, 2025-07-01: PT2H}.

    `at(day)` gives the value in force on that day; before the first date, the first value
    applies (a log older than the rule file is still judged by its earliest rule).
    """

    __slots__ = ("_starts", "_values")

    def __init__(self, raw, convert=lambda value: value):
        if is_dated_value(raw):
            items = sorted((date.fromisoformat(str(k)), convert(v)) for k, v in raw.items())
        else:
            items = [(date.min, convert(raw))]
        self._starts = [start for start, _ in items]
        self._values = [value for _, value in items]

    @property
    def is_dated(self) -> bool:
        return len(self._values) > 1 or self._starts[0] != date.min

    def at(self, day: date | datetime):
        if isinstance(day, datetime):
            day = day.date()
        chosen = self._values[0]
        for start, value in zip(self._starts, self._values):
            if start <= day:
                chosen = value
            else:
                break
        return chosen

    def values(self) -> list:
        return list(self._values)


_DATE_KEY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def is_dated_value(value) -> bool:
    """A value by date: a mapping whose keys are all dates (YYYY-MM-DD)."""
    return isinstance(value, dict) and bool(value) and all(_DATE_KEY.match(str(key)) for key in value)
