"""The three clocks a duration runs on, and the due instant they give (DESIGN.md, "Clock").

- `elapsed`: exact time. PT3H from 22:30 is due 01:30 the next day (Civil Code art. 201 ¶2).
- `civil_days`: the start day is not counted; the period ends at 24:00 of its last day, i.e.
  at local 00:00 of the day after (art. 201 ¶1). With `holiday_extends` (art. 203 ¶1), a last
  day that is not a workday gives way to the first workday after it.
- `workdays`: like `civil_days`, counting only the workdays after the start day.
Both day clocks count from the next day (次日起) by default; with `count_start_day` (含本数)
the start day is the first day counted: P5D from Monday 10:00 ends at 24:00 on Friday, and a
start on a rest day counts from the next workday.

Instants are epoch seconds. This module is on the engine's hot path (every ticket, every
rule): local days are date ordinals, their midnights are cached per time zone, and the
calendar answers from its table.

`civil_days` without `holiday_extends` does not consult the calendar (natural days run
through holidays), so it also answers for years the calendar does not hold yet; the two
other day counts need every day they look at and raise an error naming a missing year.
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

from checker.calendar.calendar import Calendar
from checker.durations import Duration
from checker.errors import CheckerError
from checker.i18n import say
from checker.timefmt import day_text, iso, local_text

CLOCKS = ("elapsed", "civil_days", "workdays")

_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_DAY = 86400


class LocalDays:
    """Local calendar days of one time zone, as date ordinals, with cached midnights."""

    __slots__ = ("tz", "_midnights", "_utc_days")

    def __init__(self, tz: ZoneInfo):
        self.tz = tz
        self._midnights: dict[int, int] = {}
        # UTC day number -> (instant of the local midnight inside it, ordinal before, ordinal from)
        self._utc_days: dict[int, tuple[int, int, int]] = {}

    def midnight(self, ordinal: int) -> int:
        """Epoch seconds of local 00:00 of the day `ordinal` (its first instant)."""
        epoch = self._midnights.get(ordinal)
        if epoch is None:
            local = datetime.combine(date.fromordinal(ordinal), time(0), tzinfo=self.tz)
            epoch = int(local.timestamp())
            self._midnights[ordinal] = epoch
        return epoch

    def ordinal_of(self, epoch: int) -> int:
        """The local date (as an ordinal) of the instant `epoch`."""
        utc_day = epoch // _DAY
        entry = self._utc_days.get(utc_day)
        if entry is None:
            entry = self._describe_utc_day(utc_day)
            self._utc_days[utc_day] = entry
        cut, before, after = entry
        return after if epoch >= cut else before

    def _describe_utc_day(self, utc_day: int) -> tuple[int, int, int]:
        start = utc_day * _DAY
        first = self._local_ordinal(start)
        last = self._local_ordinal(start + _DAY - 1)
        if first == last:
            return (start + _DAY, first, first)
        # Offsets are less than a day, so exactly one local midnight falls inside this UTC day.
        return (self.midnight(last), first, last)

    def _local_ordinal(self, epoch: int) -> int:
        return datetime.fromtimestamp(epoch, tz=timezone.utc).astimezone(self.tz).date().toordinal()


_LOCAL_DAYS: dict[ZoneInfo, LocalDays] = {}


def local_days(tz: ZoneInfo) -> LocalDays:
    days = _LOCAL_DAYS.get(tz)
    if days is None:
        days = _LOCAL_DAYS[tz] = LocalDays(tz)
    return days


def due_instant(start: int, duration: Duration, clock: str, calendar: Calendar,
                tz: ZoneInfo, holiday_extends: bool = False, count_start_day: bool = False) -> int:
    """The instant (epoch seconds) a period of `duration` on `clock` begun at `start` ends."""
    if clock == "elapsed":
        return start + duration.total_seconds
    days = local_days(tz)
    # Counting the start day is counting from the day before it.
    first_counted_from = days.ordinal_of(start) - (1 if count_start_day else 0)
    last = _last_day(first_counted_from, duration, clock, calendar, holiday_extends)
    return days.midnight(last + 1)


def _last_day(start_ordinal: int, duration: Duration, clock: str, calendar: Calendar,
              holiday_extends: bool) -> int:
    """The ordinal of the period's last day (it ends at 24:00 of that day)."""
    if duration.seconds or not duration.days:
        raise CheckerError(_say("exact_on_day_clock", "en", clock=clock, duration=duration.text))
    if clock == "civil_days":
        last = start_ordinal + duration.days
        if holiday_extends:
            while not calendar.is_workday_ordinal(last):
                last += 1
        return last
    if clock == "workdays":
        return calendar.nth_workday_after(start_ordinal, duration.days)
    raise CheckerError(_say("unknown_clock", "en", clock=clock, known=", ".join(CLOCKS)))


# -- explanation -------------------------------------------------------------------

_TEXT = {
    "exact_on_day_clock": {
        "zh": "时钟 {clock} 按整日计算，不能使用精确时长 {duration}（请改用 elapsed 时钟或 P…D 时长）",
        "en": "clock {clock} counts whole days; the exact duration {duration} needs the elapsed clock (or use P…D)",
    },
    "unknown_clock": {
        "zh": "未知的时钟 '{clock}'（可用：{known}）",
        "en": "unknown clock '{clock}' (known: {known})",
    },
    "elapsed": {
        "zh": "经过时间：自{start}起{amount}，至{due}止",
        "en": "elapsed time: {amount} from {start}, due {due}",
    },
    "civil_days": {
        "zh": "自然日：起算当日（{start_day}）不计，自{first}起算{count}日，至{last}24时止",
        "en": "natural days: the start day ({start_day}) is not counted; {count} days from {first}, due at 24:00 of {last}",
    },
    "workdays": {
        "zh": "工作日：起算当日（{start_day}）不计，自{first}起算{count}个工作日，至{last}24时止",
        "en": "workdays: the start day ({start_day}) is not counted; {count} workdays from {first}, due at 24:00 of {last}",
    },
    "civil_days_inclusive": {
        "zh": "自然日（含本数）：起算当日（{start_day}）计入，自{first}起算{count}日，至{last}24时止",
        "en": "natural days, the start day counted: {count} days from {first}, due at 24:00 of {last}",
    },
    "workdays_inclusive": {
        "zh": "工作日（含本数）：起算当日（{start_day}）计入，自{first}起算{count}个工作日，至{last}24时止",
        "en": "workdays, the start day counted: {count} workdays from {first}, due at 24:00 of {last}",
    },
    "holidays_included": {
        "zh": "（含{names}假期，自然日照常计算）",
        "en": " (including the {names} holiday; natural days run through it)",
    },
    "skipped": {
        "zh": "（跳过{what}）",
        "en": " (skipping {what})",
    },
    "makeup_counted": {
        "zh": "（{days}调休上班，计入）",
        "en": " (make-up workday {days} counted)",
    },
    "extended": {
        "zh": "；第{count}日{day}非工作日（{reason}），顺延至{last}24时止",
        "en": "; day {count}, {day}, is not a workday ({reason}), so the period ends at 24:00 of {last}",
    },
    "weekend": {"zh": "周末", "en": "weekend"},
    "days_n": {"zh": "{n}天", "en": "{n} day(s)"},
    "list_sep": {"zh": "、", "en": ", "},
    "hours": {"zh": "{n}小时", "en": "{n} h"},
    "minutes": {"zh": "{n}分钟", "en": "{n} min"},
    "seconds": {"zh": "{n}秒", "en": "{n} s"},
    "days": {"zh": "{n}日", "en": "{n} day(s)"},
}


def _say(key: str, lang: str, **values) -> str:
    return say(_TEXT, key, lang, **values)


def describe_due(start: int, duration: Duration, clock: str, calendar: Calendar, tz: ZoneInfo,
                 holiday_extends: bool = False, count_start_day: bool = False) -> dict:
    """How the due instant came about, for `explain` and `calendar due --explain`.

    {"clock", "duration", "start", "due", "counted_days", "skipped", "makeup_workdays",
     "holidays_included", "extended_over", "text": {"zh", "en"}}; dates are ISO strings.
    """
    due = due_instant(start, duration, clock, calendar, tz, holiday_extends, count_start_day)
    result = {
        "clock": clock, "duration": duration.text, "holiday_extends": holiday_extends,
        "count_start_day": count_start_day,
        "start": iso(start, tz), "due": iso(due, tz),
        "counted_days": [], "skipped": [], "makeup_workdays": [],
        "holidays_included": [], "extended_over": [],
    }
    if clock == "elapsed":
        amount = {lang: _amount(duration, lang) for lang in ("zh", "en")}
        result["text"] = {lang: _say("elapsed", lang, start=local_text(start, tz, lang), amount=amount[lang],
                                     due=local_text(due, tz, lang)) for lang in ("zh", "en")}
        return result

    days = local_days(tz)
    start_ordinal = days.ordinal_of(start)
    # The day before the first one counted: the start day, or the day before it (含本数).
    base = start_ordinal - (1 if count_start_day else 0)
    last = days.ordinal_of(due) - 1

    def reason(ordinal: int) -> str:
        day = date.fromordinal(ordinal)
        name = calendar.holiday_name(day) if day.year in calendar.years else None
        return name or "weekend"

    if clock == "civil_days":
        natural_last = base + duration.days
        counted = list(range(base + 1, natural_last + 1))
        for ordinal in counted:
            day = date.fromordinal(ordinal)
            if day.year in calendar.years and calendar.holiday_name(day):
                result["holidays_included"].append(
                    {"date": day.isoformat(), "reason": calendar.holiday_name(day)})
        if last > natural_last:
            for ordinal in range(natural_last, last):
                result["extended_over"].append(
                    {"date": date.fromordinal(ordinal).isoformat(), "reason": reason(ordinal)})
    else:
        counted = []
        for ordinal in range(base + 1, last + 1):
            if calendar.is_workday_ordinal(ordinal):
                counted.append(ordinal)
                day = date.fromordinal(ordinal)
                if calendar.is_makeup_workday(day):
                    result["makeup_workdays"].append(day.isoformat())
            else:
                result["skipped"].append(
                    {"date": date.fromordinal(ordinal).isoformat(), "reason": reason(ordinal)})
    result["counted_days"] = [date.fromordinal(o).isoformat() for o in counted]

    text = {}
    for lang in ("zh", "en"):
        line = _say(clock + ("_inclusive" if count_start_day else ""), lang,
                    start_day=day_text(date.fromordinal(start_ordinal), lang),
                    first=day_text(date.fromordinal(base + 1), lang), count=duration.days,
                    last=day_text(date.fromordinal(counted[-1] if clock == "workdays" else base + duration.days), lang))
        if result["holidays_included"]:
            line += _say("holidays_included", lang, names=_names(result["holidays_included"], lang))
        if result["skipped"]:
            line += _say("skipped", lang, what=_skipped_summary(result["skipped"], lang))
        if result["makeup_workdays"]:
            line += _say("makeup_counted", lang,
                         days=_say("list_sep", lang).join(result["makeup_workdays"]))
        if result["extended_over"]:
            first_extended = result["extended_over"][0]
            line += _say("extended", lang, count=duration.days, day=day_text(date.fromisoformat(first_extended["date"]), lang),
                         reason=_reason_text(first_extended["reason"], lang),
                         last=day_text(date.fromordinal(last), lang))
        text[lang] = line
    result["text"] = text
    return result


def _names(entries: list[dict], lang: str) -> str:
    names = list(dict.fromkeys(entry["reason"] for entry in entries))
    return _say("list_sep", lang).join(names)


def _reason_text(reason: str, lang: str) -> str:
    return _say("weekend", lang) if reason == "weekend" else reason


def _skipped_summary(skipped: list[dict], lang: str) -> str:
    counts: dict[str, int] = {}
    for entry in skipped:
        counts[entry["reason"]] = counts.get(entry["reason"], 0) + 1
    parts = [f"{_reason_text(reason, lang)} {_say('days_n', lang, n=n)}" if lang == "en"
             else f"{_reason_text(reason, lang)}{_say('days_n', lang, n=n)}"
             for reason, n in counts.items()]
    return _say("list_sep", lang).join(parts)


def _amount(duration: Duration, lang: str) -> str:
    if duration.days:
        return _say("days", lang, n=duration.days)
    hours, rest = divmod(duration.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(_say("hours", lang, n=hours))
    if minutes:
        parts.append(_say("minutes", lang, n=minutes))
    if seconds:
        parts.append(_say("seconds", lang, n=seconds))
    return ("" if lang == "zh" else " ").join(parts)

