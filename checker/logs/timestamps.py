"""Timestamps of ticket logs turned into epoch seconds, fast.

A province's year is millions of rows, so the common forms are parsed with one
precompiled regex and integer arithmetic; the UTC instant of each local (date, hour)
is computed once with zoneinfo and cached. Caching per hour rather than per date keeps
zones with daylight saving correct (their transitions fall on whole hours); for
Asia/Shanghai the offset is the same all year and the cache simply fills up quickly.

Accepted, in this order:
1. `YYYY-MM-DD HH:MM[:SS[.fff]]`, `YYYY/MM/DD …`, `T` or a space between date and time,
   optionally followed by `Z` or an offset (`+08:00`, `+0800`, `+08`);
2. anything else `datetime.fromisoformat` reads with a time of day;
3. the mapping file's own strptime patterns (e.g. `%Y年%m月%d日 %H:%M`).
Without an offset the wall time is in the given timezone. Fractions of a second are
dropped (instants are whole seconds). `24:00` (and `24:00:00`) is the end of its day, the
next day's 00:00, as ISO 8601 allows; any other time past 23:59:59 is refused.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from checker.i18n import say

MESSAGES = {
    # One reason for unreadable text and impossible dates alike (2024-13-01, 2024-02-30, 25:00).
    "unparseable": {"zh": "无法识别的时间“{text}”", "en": "unparseable timestamp '{text}'"},
    "no_time": {"zh": "无法识别的时间“{text}”：缺少时刻（时:分）",
                "en": "unparseable timestamp '{text}': no time of day"},
    "out_of_range": {"zh": "时间“{text}”超出支持的范围（{first} 至 {last} 年）",
                     "en": "timestamp '{text}' is outside the supported range (years {first} to {last})"},
}

# Instants the program reads: a ticket log's years, with room on both sides. Outside, a
# year is a typo (2204 for 2024) or an attack (9999-12-31 23:59:59-12:00), and the row is
# rejected rather than carried into due times no clock or calendar can show.
FIRST_YEAR, LAST_YEAR = 1900, 2199
MIN_INSTANT = int((datetime(FIRST_YEAR, 1, 1, tzinfo=timezone.utc)
                   - datetime(1970, 1, 1, tzinfo=timezone.utc)).total_seconds())
MAX_INSTANT = int((datetime(LAST_YEAR, 12, 31, 23, 59, 59, tzinfo=timezone.utc)
                   - datetime(1970, 1, 1, tzinfo=timezone.utc)).total_seconds())


def _in_range(seconds: int, text) -> int:
    if MIN_INSTANT <= seconds <= MAX_INSTANT:
        return seconds
    raise ValueError(say(MESSAGES, "out_of_range", "en", text=text, first=FIRST_YEAR, last=LAST_YEAR))

_STANDARD = re.compile(
    r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})"
    r"(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?"
    r"\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?")

_UTC = timezone.utc
_EPOCH = datetime(1970, 1, 1, tzinfo=_UTC)

# (timezone key, y, m, d, h) as strings -> epoch seconds of that local hour's start.
_hour_cache: dict[tuple, int] = {}


def _hour_start(tz, key: tuple) -> int:
    """Epoch seconds of the start of a local hour; ValueError for an impossible one."""
    _, y, mo, d, h = key
    if not FIRST_YEAR <= int(y) <= LAST_YEAR:
        raise _OutOfRange
    local = datetime(int(y), int(mo), int(d), int(h), tzinfo=tz)   # raises on 2024-02-30, 25h
    start = int((local - _EPOCH).total_seconds())
    _hour_cache[key] = start
    return start


def _offset_seconds(text: str) -> int:
    if text in ("Z", "z"):
        return 0
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours = int(digits[:2])
    minutes = int(digits[2:4]) if len(digits) > 2 else 0
    if hours > 23 or minutes > 59:
        raise ValueError
    return sign * (hours * 3600 + minutes * 60)


def _fail(key: str, text: str) -> ValueError:
    return ValueError(say(MESSAGES, key, "en", text=text))


# Per timezone: the first 13 characters of a `YYYY-MM-DD HH:MM[:SS]` text (the local
# date and hour, as written) -> epoch seconds of that hour's start. Filled by the regex
# path, so only validated prefixes are ever found here.
_prefix_cache: dict[object, dict[str, int]] = {}


def parse_instant(text: str, tz: ZoneInfo, formats: tuple[str, ...] = ()) -> int:
    """Epoch seconds of a log timestamp; ValueError with a readable reason."""
    length = len(text)
    if (length == 16 or length == 19) and text[13] == ":":
        known = _prefix_cache.get(tz)
        start = known.get(text[:13]) if known is not None else None
        if start is not None:
            # Decimal digits, as the full pattern's \d reads them: a superscript ² is a digit
            # to isdigit() but not a number to int().
            minute = text[14:16]
            if minute.isdecimal() and minute < "60":
                if length == 16:
                    return start + int(minute) * 60
                second = text[17:19]
                if text[16] == ":" and second.isdecimal() and second < "60":
                    return start + int(minute) * 60 + int(second)
    return _parse_standard(text.strip(), tz, formats)


def _parse_standard(text: str, tz: ZoneInfo, formats: tuple[str, ...]) -> int:
    match = _STANDARD.fullmatch(text)
    if match is None:
        return _parse_other(text, tz, formats)
    y, mo, d, h, mi, s, offset = match.groups()
    if h is None:
        try:
            date(int(y), int(mo), int(d))
        except ValueError:
            raise _fail("unparseable", text) from None
        raise _fail("no_time", text)
    if h == "24":
        return _end_of_day(text, tz, y, mo, d, mi, s, offset)
    key = (tz if offset is None else _UTC, y, mo, d, h)
    try:
        start = _hour_cache.get(key)
        if start is None:
            start = _hour_start(key[0], key)
        minute = int(mi)
        second = int(s) if s else 0
        if minute > 59 or second > 59:
            raise ValueError
        shift = _offset_seconds(offset) if offset is not None else 0
    except _OutOfRange:
        return _in_range(MAX_INSTANT + 1, text)
    except ValueError:
        raise _fail("unparseable", text) from None
    if offset is None and len(mo) == 2 and len(d) == 2 and len(h) == 2 and text[13:14] == ":":
        _prefix_cache.setdefault(tz, {})[text[:13]] = start
    result = start + minute * 60 + second - shift
    if offset is not None and not MIN_INSTANT <= result <= MAX_INSTANT:
        return _in_range(result, text)
    return result


class _OutOfRange(ValueError):
    pass


def _end_of_day(text: str, tz: ZoneInfo, y, mo, d, mi, s, offset) -> int:
    """`YYYY-MM-DD 24:00[:00]`: the next day's 00:00 (never cached as an hour prefix)."""
    if int(mi) != 0 or (s and int(s) != 0):
        raise _fail("unparseable", text)
    if not FIRST_YEAR <= int(y) <= LAST_YEAR:
        return _in_range(MAX_INSTANT + 1, text)
    try:
        next_day = date(int(y), int(mo), int(d)) + timedelta(days=1)
        shift = _offset_seconds(offset) if offset is not None else 0
        zone = tz if offset is None else _UTC
        key = (zone, str(next_day.year), str(next_day.month), str(next_day.day), "0")
        start = _hour_cache.get(key)
        if start is None:
            start = _hour_start(zone, key)
    except _OutOfRange:
        return _in_range(MAX_INSTANT + 1, text)
    except (ValueError, OverflowError):
        raise _fail("unparseable", text) from None
    return _in_range(start - shift, text)


# `24:00` written in a mapping's own format (2024年11月09日 24:00): read as 00:00, a day later.
_MIDNIGHT_END = re.compile(r"(?<!\d)24([:：]|时)00(?:([:：]|分)00)?(?!\d)")


FORMAT_MESSAGES = {
    "bad_format": {"zh": "时间格式“{pattern}”无效：{reason}", "en": "timestamp format '{pattern}' is invalid: {reason}"},
    "no_directive": {"zh": "时间格式“{pattern}”中没有 % 指令", "en": "timestamp format '{pattern}' has no % directive"},
    "repeated": {"zh": "同一指令在格式中出现了两次", "en": "a directive appears twice"},
    "unknown_directive": {"zh": "未知的指令 %{directive}", "en": "unknown directive %{directive}"},
    "incomplete": {"zh": "格式以单独的 % 结尾", "en": "it ends with a lone %"},
}


def format_problem(pattern: str, lang: str = "zh") -> str | None:
    """Why a mapping's strptime pattern can never read a time, or None when it can."""
    import _strptime
    if "%" not in pattern:
        return say(FORMAT_MESSAGES, "no_directive", lang, pattern=pattern)
    try:
        _strptime._TimeRE_cache.compile(pattern)
    except KeyError as error:
        reason = say(FORMAT_MESSAGES, "unknown_directive", lang, directive=str(error.args[0]).strip("'"))
        return say(FORMAT_MESSAGES, "bad_format", lang, pattern=pattern, reason=reason)
    except re.error:
        reason = say(FORMAT_MESSAGES, "repeated", lang)
        return say(FORMAT_MESSAGES, "bad_format", lang, pattern=pattern, reason=reason)
    except (ValueError, IndexError):
        reason = say(FORMAT_MESSAGES, "incomplete", lang)
        return say(FORMAT_MESSAGES, "bad_format", lang, pattern=pattern, reason=reason)
    return None


# Excel stores a date-time as days since 1899-12-30 with the time as the fraction
# (45423.4375 is 2024-05-11 10:30); an export of unformatted cells, or a CSV saved from one,
# carries that number. Serials of the years FIRST_YEAR..LAST_YEAR are read as such.
_EXCEL_SERIAL = re.compile(r"\d{1,6}(?:\.\d+)?")
_EXCEL_EPOCH = datetime(1899, 12, 30)
_FIRST_SERIAL = 61            # 1900-03-01: below it Excel's serials count a 29 February 1900
_LAST_SERIAL = (datetime(LAST_YEAR + 1, 1, 1) - _EXCEL_EPOCH).days


def excel_serial(text: str) -> datetime | None:
    """The wall time an Excel serial number stands for; None when the text is not one."""
    if not _EXCEL_SERIAL.fullmatch(text):
        return None
    value = float(text)
    if not _FIRST_SERIAL <= value < _LAST_SERIAL:
        return None
    days = int(value)
    seconds = round((value - days) * 86400)
    return _EXCEL_EPOCH + timedelta(days=days, seconds=seconds)


def _parse_other(text: str, tz: ZoneInfo, formats: tuple[str, ...]) -> int:
    serial = excel_serial(text)
    if serial is not None:
        if "." not in text or serial.time() == time(0, 0) and float(text).is_integer():
            raise _fail("no_time", text)      # a whole serial is a date without its time
        return instant_of_datetime(serial, tz)
    match = _MIDNIGHT_END.search(text)
    if match is not None:
        start_of_day = text[:match.start()] + "00" + text[match.start() + 2:]
        moment = _datetime_of(start_of_day, formats)
        if moment is None:
            raise _fail("unparseable", text)
        return instant_of_datetime(moment + timedelta(days=1), tz)
    if len(text) <= 10:
        try:
            datetime.fromisoformat(text)
        except ValueError:
            pass
        else:
            raise _fail("no_time", text)            # a bare date: no time of day
    moment = _datetime_of(text, formats)
    if moment is None:
        raise _fail("unparseable", text)
    return instant_of_datetime(moment, tz)


def _datetime_of(text: str, formats: tuple[str, ...]) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    for pattern in formats:
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    return None


def instant_of_datetime(moment: datetime, tz: ZoneInfo) -> int:
    """Epoch seconds of a datetime; a naive one (an Excel cell) is wall time in `tz`."""
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise ValueError(say(MESSAGES, "out_of_range", "en", text=moment.isoformat(sep=" "),
                             first=FIRST_YEAR, last=LAST_YEAR))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz)
    try:
        return _in_range(int(moment.replace(microsecond=0).timestamp()), moment.isoformat(sep=" "))
    except (OverflowError, OSError):
        raise ValueError(say(MESSAGES, "out_of_range", "en", text=moment.isoformat(sep=" "),
                             first=FIRST_YEAR, last=LAST_YEAR)) from None


def instant_of_cell(value, tz: ZoneInfo, formats: tuple[str, ...] = ()) -> int:
    """A spreadsheet or JSON value as epoch seconds: datetime objects as wall time in tz."""
    if isinstance(value, datetime):
        return instant_of_datetime(value, tz)
    if isinstance(value, (date, time)):
        raise _fail("no_time", str(value))
    return parse_instant(str(value), tz, formats)
