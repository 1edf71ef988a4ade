"""Instants a user types on the command line: `now`, `today`, a date, `2024年5月20日 10:00` ….

A clerk prints the daily reminder list without typing the time, and audits "up to
yesterday" or "up to 20 May" without knowing that the end of a day is the next day's
00:00. Accepted (no offset: the rule set's timezone):

- `now` / `现在`, `today` / `今天`: the clock now (today so far — never the end of a day
  that has not happened yet);
- `yesterday` / `昨天`: the end of yesterday (24:00);
- a date alone — `2024-05-20`, `2024/5/20`, `2024年5月20日`, `5月20日` — its end (24:00);
  `5月20日` is the latest 20 May not after today; a date that is today means now;
- a date and a time: `2024-05-20 10:00`, `2024-05-20T10:00:00+08:00`, `2024年5月20日 10:00`,
  `2024年5月20日10时30分`; `24:00` (`24时`) is the end of that day.

The clock is read once per run; HOTLINE_CHECK_NOW (any accepted instant) fixes it, so a
run can be reproduced and tested.
"""

from __future__ import annotations

import os
import re
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from checker.i18n import say
from checker.logs.timestamps import instant_of_datetime, parse_instant

NOW_VARIABLE = "HOTLINE_CHECK_NOW"

MESSAGES = {
    "not_understood": {
        "zh": "无法识别的时间“{text}”。可用的写法：now（现在）、today（今天）、yesterday（昨天，即昨日24时）、"
              "2024-05-20 或 2024年5月20日 或 5月20日（当日24时）、2024-05-20 10:00、2024年5月20日 10:00、"
              "2024年5月20日10时30分",
        "en": "cannot read the time '{text}'. Accepted: now, today, yesterday (its end, 24:00), "
              "2024-05-20 or 2024年5月20日 or 5月20日 (the end of that day), 2024-05-20 10:00, "
              "2024年5月20日 10:00, 2024年5月20日10时30分",
    },
    "bad_clock": {
        "zh": "环境变量 {name} 的时间“{text}”无法识别",
        "en": "the time '{text}' in the environment variable {name} cannot be read",
    },
}

_WORDS_NOW = {"now", "现在", "today", "今天", "今日"}
_WORDS_YESTERDAY = {"yesterday", "昨天", "昨日"}

_DATE = (r"(?:(?P<y>\d{4})\s*[-/.年]\s*)?(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
         r"|(?P<y8>\d{4})(?P<m8>\d{2})(?P<d8>\d{2})")
_TIME = (r"(?P<h>\d{1,2})(?:[:：](?P<mi>\d{2})(?:[:：](?P<s>\d{2}))?"
         r"|\s*[时点]\s*(?:(?P<mi2>\d{1,2})\s*分\s*(?:(?P<s2>\d{1,2})\s*秒)?)?)")
_TYPED = re.compile(rf"(?:{_DATE})(?:\s*[T ]?\s*(?:{_TIME}))?")


def now(tz: ZoneInfo) -> int:
    """Epoch seconds of the clock, or of HOTLINE_CHECK_NOW when set."""
    fixed = os.environ.get(NOW_VARIABLE, "").strip()
    if not fixed:
        return int(time.time())
    try:
        return _explicit(fixed, tz, today=None)
    except (ValueError, OverflowError):
        raise ValueError(say(MESSAGES, "bad_clock", "en", name=NOW_VARIABLE, text=fixed)) from None


def parse_typed_instant(text: str, tz: ZoneInfo, lang: str = "zh") -> int:
    """Epoch seconds of an instant typed by a user; ValueError listing the accepted forms."""
    word = text.strip().lower()
    if word in _WORDS_NOW or word in _WORDS_YESTERDAY:
        clock = now(tz)
        if word in _WORDS_NOW:
            return clock
        today = datetime.fromtimestamp(clock, tz).date()
        return _day_end(today - timedelta(days=1), tz)
    try:
        return _explicit(text.strip(), tz, today=lambda: datetime.fromtimestamp(now(tz), tz).date(),
                         clock=lambda: now(tz))
    except (ValueError, OverflowError):         # OverflowError: the day after 9999-12-31
        raise ValueError(say(MESSAGES, "not_understood", lang, text=text)) from None


def _explicit(text: str, tz: ZoneInfo, today, clock=None) -> int:
    """A written date or date and time; `today` gives the year of `5月20日` (None: refused)."""
    match = _TYPED.fullmatch(text)
    if match is None:
        return parse_instant(text, tz)          # ISO forms with seconds, offsets, `Z` …
    parts = match.groupdict()
    if parts["y8"]:
        year, month, day = int(parts["y8"]), int(parts["m8"]), int(parts["d8"])
    else:
        month, day = int(parts["m"]), int(parts["d"])
        if parts["y"]:
            year = int(parts["y"])
        elif today is None:
            raise ValueError(text)
        else:
            year = _latest_year_of(month, day, today())
    written = date(year, month, day)            # ValueError for 2024-02-30
    if parts["h"] is None:
        if clock is not None and written == today():
            return clock()
        return _day_end(written, tz)
    hour, minute = int(parts["h"]), int(parts["mi"] or parts["mi2"] or 0)
    second = int(parts["s"] or parts["s2"] or 0)
    if hour == 24 and minute == 0 and second == 0:
        return _day_end(written, tz)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(text)
    return instant_of_datetime(datetime(year, month, day, hour, minute, second), tz)


def _latest_year_of(month: int, day: int, today: date) -> int:
    """The year of the latest (month, day) not after today: 12月31日 typed on 2 January is last year's."""
    year = today.year
    try:
        if date(year, month, day) <= today:
            return year
    except ValueError:                          # 2月29日 in a common year: the last leap year's
        pass
    for earlier in range(year - 1, year - 9, -1):
        try:
            date(earlier, month, day)
        except ValueError:
            continue
        return earlier
    raise ValueError(f"{month}-{day}")


def _day_end(day: date, tz: ZoneInfo) -> int:
    """24:00 of a local day, i.e. the next day's 00:00."""
    following = day + timedelta(days=1)
    return instant_of_datetime(datetime(following.year, following.month, following.day), tz)
