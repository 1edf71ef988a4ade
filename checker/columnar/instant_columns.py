"""Instants of a block of text cells as epoch seconds, column-wise, as the row readers count
them (checker.logs.timestamps).

A block's column is parsed by one fixed format, the form its first cell is written in, every
part at its full width: the canonical `YYYY-MM-DD HH:MM[:SS]`, or with `/` between the date's
parts, `T` between date and time, `Z` or an offset such as `+08:00` after the seconds. A cell
that format does not read, in the other forms the row readers accept — one or two digits for
a month, day or hour, a fraction of a second (dropped), an offset such as `+0800` or `+08`,
a form other than the block's — is parsed by one pattern, on those cells only. Anything else
(24:00, a date without a time, digits other than ASCII ones, a form only
`datetime.fromisoformat` or a mapping's own pattern reads) stays null: its row is
then the row readers' to read or reject, with their reason.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
import polars as pl

from checker.logs.timestamps import FIRST_YEAR, LAST_YEAR, MAX_INSTANT, MIN_INSTANT

# checker.logs.timestamps' _STANDARD with a time of day, ASCII digits and white space only.
_OTHER_FORMS = (r"^([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})[T ]+([0-9]{1,2}):([0-9]{2})"
                r"(?::([0-9]{2})(?:[.,][0-9]+)?)?[\t\n\x0b\x0c\r ]*(Z|z|[+-][0-9]{2}(?::?[0-9]{2})?)?$")
_YEAR_BOUNDS = (datetime(FIRST_YEAR, 1, 1), datetime(LAST_YEAR + 1, 1, 1))


@dataclass(frozen=True)
class InstantForm:
    """How the instants of a block's column are written, as its first cell writes them: the
    separator between the date's parts, the one between date and time, and the zone (None:
    wall time of the rule set's timezone; "Z"; "offset": `+08:00` or `-05:30`). The cells of
    that form, every part at its full width, are parsed by one fixed format; the rest are
    read by the pattern of every form (epoch_seconds)."""
    date: str = "-"
    time: str = " "
    zone: str | None = None


CANONICAL = InstantForm()
_FORM = re.compile(r"[0-9]{4}([-/])[0-9]{2}\1[0-9]{2}([ T])[0-9]{2}:[0-9]{2}(?::[0-9]{2})?(Z|[+-][0-9]{2}:[0-9]{2})?")
_FIRST_CELLS = 64


def instant_form(cells: pl.Series) -> InstantForm:
    """The form of the first of a column's first cells that hold a text (CANONICAL when it is
    of no form parsed by a fixed format)."""
    texts = cells.head(_FIRST_CELLS).drop_nulls()
    first = texts[0] if len(texts) else None
    found = _FORM.fullmatch(first.strip()) if isinstance(first, str) else None
    if found is None:
        return CANONICAL
    date, time, zone = found.groups()
    return InstantForm(date, time, None if zone is None else "Z" if zone == "Z" else "offset")


def form_seconds(column: str, form: InstantForm = CANONICAL) -> pl.Expr:
    """The stripped cells of a column written in `form`, of the accepted years, as seconds:
    of wall time (counted as if UTC) for a form without a zone, since the epoch for one with
    a zone; anything else null."""
    text = pl.col(column)
    date = re.escape(form.date)
    pattern = rf"^[0-9]{{4}}{date}[0-9]{{2}}{date}[0-9]{{2}}{form.time}[0-9]{{2}}:[0-9]{{2}}"
    if form.zone is None:
        # Seconds up to 59: the native parser would take :60 for the next minute, the row
        # readers refuse it.
        pattern += "(:[0-5][0-9])?$"
        written = pl.when(text.str.len_chars() == 16).then(text + ":00").otherwise(text)
    else:
        pattern += ":[0-5][0-9]" + ("Z$" if form.zone == "Z" else "[+-]([01][0-9]|2[0-3]):[0-5][0-9]$")
        written = text.str.slice(0, 19)
    # No cache: nearly every instant of a log is written once.
    parsed = written.str.strptime(pl.Datetime("us"), f"%Y{form.date}%m{form.date}%d{form.time}%H:%M:%S",
                                  strict=False, cache=False)
    good = text.str.contains(pattern) & parsed.is_between(*_YEAR_BOUNDS, closed="left")
    seconds = parsed.dt.epoch("s")
    if form.zone == "offset":
        sign = pl.when(text.str.slice(19, 1) == "-").then(-1).otherwise(1)
        shift = sign * (text.str.slice(20, 2).cast(pl.Int64, strict=False) * 3600
                        + text.str.slice(23, 2).cast(pl.Int64, strict=False) * 60)
        seconds = seconds - shift
        good = good & seconds.is_between(MIN_INSTANT, MAX_INSTANT)
    return pl.when(good).then(seconds).otherwise(None)


def epoch_seconds(found: pl.Series, cells: pl.Series | None, tz,
                  form: InstantForm = CANONICAL) -> pl.Series:
    """Epoch seconds of a column: `found` its form_seconds in `form`, `cells` its cells as read
    (None: the column is not in the file). The cells of the other forms are read where
    `found` is null."""
    wall, absolute = (found, None) if form.zone is None else (_nulls(len(found)), found)
    if cells is not None:
        others = np.flatnonzero((found.is_null() & cells.is_not_null()).to_numpy())
        if len(others):
            local, fixed = _other_forms(cells.gather(others))
            wall = wall.scatter(others, local)
            if absolute is not None or fixed.null_count() < len(fixed):
                absolute = (_nulls(len(found)) if absolute is None else absolute).scatter(others, fixed)
    utc = _utc(wall, tz).alias(found.name)
    return utc if absolute is None else absolute.fill_null(utc).alias(found.name)


def _nulls(length: int) -> pl.Series:
    return pl.repeat(None, length, dtype=pl.Int64, eager=True)


def _other_forms(cells: pl.Series) -> tuple[pl.Series, pl.Series]:
    """(wall seconds of the cells without an offset, epoch seconds of those with one), each
    null where the cell is not of that kind or not a valid instant of the accepted years.
    Counted from the parts' numbers (days from the civil date), each part checked as the row
    readers check it: a month of 1–12, a day of its month, 0–23 hours, 0–59 minutes and seconds."""
    texts = _parts(cells.str.strip_chars())
    names = texts.columns
    zone = pl.col(names[6])
    digits = zone.str.slice(1).str.replace(":", "")
    # The parts as numbers first, each once (the checks below read them many times).
    parts = texts.select(
        *(pl.col(name).cast(pl.Int64, strict=False).alias(key)
          for name, key in zip(names[:6], ("year", "month", "day", "hour", "minute", "second"))),
        zone.is_in(["Z", "z"]).alias("utc"), zone.str.starts_with("-").alias("west"),
        digits.str.slice(0, 2).cast(pl.Int64, strict=False).alias("hours"),
        digits.str.slice(2, 2).cast(pl.Int64, strict=False).fill_null(0).alias("minutes"),
        zone.is_null().alias("local"))
    year, month, day, hour, minute = (pl.col(name) for name in ("year", "month", "day", "hour", "minute"))
    second = pl.col("second").fill_null(0)
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    month_days = pl.when(month == 2).then(28 + leap.cast(pl.Int64)) \
        .when(month.is_in([4, 6, 9, 11])).then(30).otherwise(31)
    valid = (year.is_between(FIRST_YEAR, LAST_YEAR) & month.is_between(1, 12)
             & day.is_between(1, month_days) & (hour <= 23) & (minute <= 59) & (second <= 59))
    # Days since 1970-01-01 of the civil date, in years beginning on 1 March (no leap day
    # inside a year but at its end).
    shifted = year - (month <= 2).cast(pl.Int64)
    era = shifted // 400
    year_of_era = shifted - era * 400
    day_of_year = (153 * ((month + 9) % 12) + 2) // 5 + day - 1
    days = era * 146097 + year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year - 719468
    seconds = days * 86400 + hour * 3600 + minute * 60 + second
    hours, minutes, utc, local = pl.col("hours"), pl.col("minutes"), pl.col("utc"), pl.col("local")
    shift = pl.when(utc).then(0).otherwise(
        pl.when(pl.col("west")).then(-1).otherwise(1) * (hours * 3600 + minutes * 60))
    good_zone = utc | ((hours <= 23) & (minutes <= 59))
    instant = pl.col("seconds") - shift
    found = parts.with_columns(valid.alias("valid"), seconds.alias("seconds")).select(
        pl.when(pl.col("valid") & local).then(pl.col("seconds")).alias("local"),
        pl.when(pl.col("valid") & ~local & good_zone & instant.is_between(MIN_INSTANT, MAX_INSTANT))
        .then(instant).alias("fixed"))
    return found.get_column("local"), found.get_column("fixed")


# ISO 8601 as most systems write it, every part of its full width: taken apart by position.
_FIXED_WIDTH = (r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2})?"
                r"(?:Z|z|[+-][0-9]{2}:[0-9]{2})?$")


def _parts(texts: pl.Series) -> pl.DataFrame:
    """The parts of each text as _OTHER_FORMS' seven groups (null where it does not match):
    cut by position when every text has the full-width form (several times cheaper), else
    by the pattern."""
    if not texts.str.contains(_FIXED_WIDTH).all():
        return texts.str.extract_groups(_OTHER_FORMS).struct.unnest()
    text = pl.col("text")
    with_seconds = text.str.slice(16, 1) == ":"
    return pl.DataFrame({"text": texts}).select(
        *(text.str.slice(start, 2 if start else 4).alias(str(group))
          for group, start in enumerate((0, 5, 8, 11, 14), start=1)),
        pl.when(with_seconds).then(text.str.slice(17, 2)).alias("6"),
        pl.when(with_seconds).then(text.str.slice(19)).otherwise(text.str.slice(16))
        .replace("", None).alias("7"))


_HOUR = 3600
_NAIVE_EPOCH = datetime(1970, 1, 1)
_SPANS: dict = {}          # timezone -> (first wall hour, the UTC offsets of its hours on)
_SPANS_LOCK = threading.Lock()           # blocks are checked two at a time
_LONGEST_SPAN = 1 << 18    # thirty years of hours: a log's span, not a hostile one's


def _utc(wall: pl.Series, tz) -> pl.Series:
    """Epoch seconds of wall times in `tz`, as the row readers count them
    (checker.logs.timestamps): the start of the wall hour as Python's zoneinfo places it, plus
    the minutes and seconds. The offset is found once per hour of the times' span, kept for the
    next block (or, a span longer than the times are many, per distinct hour)."""
    present = wall.drop_nulls()
    if not len(present):
        return wall
    hour = wall // _HOUR
    first, last = present.min() // _HOUR, present.max() // _HOUR
    if last - first < len(present):
        start, offsets = _span(tz, first, last)
        shift = pl.Series(offsets[first - start:last - start + 1]).gather(hour - first)
    else:
        hours = hour.drop_nulls().unique()
        shift = hour.replace_strict(hours, [_offset(tz, number) for number in hours.to_list()],
                                    return_dtype=pl.Int64)
    return (wall - shift).alias(wall.name)


def _span(tz, first: int, last: int) -> tuple[int, np.ndarray]:
    """(first hour, offsets) of a span of hours holding `first` to `last`: the span kept from
    the blocks before, widened by the hours it lacks."""
    with _SPANS_LOCK:
        return _widened_span(tz, first, last)


def _widened_span(tz, first: int, last: int) -> tuple[int, np.ndarray]:
    start, offsets = _SPANS.get(tz, (first, np.zeros(0, dtype=np.int64)))
    end = start + len(offsets)                   # one past the span's last hour
    if start <= first and last < end:
        return start, offsets
    if not len(offsets) or max(last + 1, end) - min(first, start) > _LONGEST_SPAN:
        start, end, offsets = first, first, np.zeros(0, dtype=np.int64)
    offsets = np.concatenate([_offsets(tz, first, start), offsets, _offsets(tz, end, last + 1)])
    _SPANS[tz] = (min(first, start), offsets)
    return _SPANS[tz]


def _offset(tz, hour: int) -> int:
    """The UTC offset in seconds of the wall hour (since 1970 as if UTC) in `tz`: the first
    of a repeated hour, as an aware datetime's `timestamp()` counts it (fold 0)."""
    return int(tz.utcoffset(_NAIVE_EPOCH + timedelta(hours=hour)).total_seconds())


def _offsets(tz, begin: int, end: int) -> np.ndarray:
    """_offset of each wall hour from `begin` to before `end`."""
    offset, moment, step = tz.utcoffset, _NAIVE_EPOCH + timedelta(hours=begin), timedelta(hours=1)
    found = np.empty(max(end - begin, 0), dtype=np.int64)
    for index in range(len(found)):
        found[index] = offset(moment).total_seconds()
        moment += step
    return found


