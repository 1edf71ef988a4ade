"""The official working calendar: which days are workdays, by the State Council's yearly notices.

A calendar file (rules/calendars/*.yaml, schema schemas/calendar.schema.json) lists, per
year, the holidays (放假) and the make-up workdays (调休上班). A date is a workday if it is
a make-up workday, or a day outside the weekend that is not a holiday.

A question about a date in a year the file does not hold is an error naming that year:
the checker never guesses a year from its weekends alone.

The answers come from a table built once per calendar (one byte per day of the covered
years), so that `is_workday_ordinal` costs an index and a comparison on the engine's hot path.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date, timedelta
from pathlib import Path

from checker import resources
from checker.errors import CheckerError
from checker.i18n import run_language, say

_MISSING_YEAR = {"missing_year": {
    "zh": "工作日历 {id} 没有 {year} 年的数据（请把国务院办公厅公布的 {year} 年节假日安排加入 {file}）",
    "en": "calendar {id} has no {year} data (add the State Council's {year} schedule to {file})"}}

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DEFAULT_WEEKEND = ("saturday", "sunday")
_YEAR_KEY = re.compile(r"^\d{4}$")

class MissingCalendarYear(CheckerError):
    """A question about a day of a year the calendar does not hold: names the year.

    The audit catches it per check and ticket, reports that check as not computable for the
    year (checker.model.Unjudged, reason `no_calendar`) and goes on with the rest.
    """

    def __init__(self, message: str, year: int, calendar_id: str, file: str | None = None):
        super().__init__(message, file=file)
        self.year = year
        self.calendar_id = calendar_id


# Day states in the table; 0 means "year not covered".
_UNCOVERED, _REST, _WORK = 0, 1, 2


class Calendar:
    """One calendar file, answered from a per-day table."""

    def __init__(self, calendar_id: str, source: str, years: dict[int, str],
                 holidays: dict[date, str], makeup_workdays: dict[date, str],
                 weekend: tuple[str, ...] = _DEFAULT_WEEKEND, timezone: str | None = None):
        self.id = calendar_id
        self.source = source
        self.years = frozenset(years)
        self.year_sources = dict(years)       # year -> the notice it comes from
        self.timezone = timezone
        self.weekend = weekend
        self._holidays = dict(holidays)
        self._makeup = dict(makeup_workdays)
        self._build_table()

    # -- construction -------------------------------------------------------------

    @classmethod
    def from_data(cls, data: dict, source: str) -> "Calendar":
        """Build from a loaded calendar file; structural mistakes raise CheckerError naming `source`."""
        def fail(message: str) -> CheckerError:
            return CheckerError(message, file=source)

        if not isinstance(data, dict):
            raise fail("a calendar file must be a mapping with 'id' and 'years'")
        calendar_id = data.get("id")
        if not isinstance(calendar_id, str) or not calendar_id:
            raise fail("the calendar has no 'id'")
        weekend = data.get("weekend", list(_DEFAULT_WEEKEND))
        if not isinstance(weekend, list) or any(day not in _WEEKDAYS for day in weekend):
            raise fail(f"'weekend' must list day names among {', '.join(_WEEKDAYS)}")
        raw_years = data.get("years")
        if not isinstance(raw_years, dict) or not raw_years:
            raise fail("the calendar has no 'years'")

        years: dict[int, str] = {}
        holidays: dict[date, str] = {}
        makeup: dict[date, str] = {}
        for key, block in raw_years.items():
            if not _YEAR_KEY.match(str(key)):
                raise fail(f"year key '{key}' is not a four-digit year")
            if not isinstance(block, dict):
                raise fail(f"year {key}: expected a mapping with 'source', 'holidays' and 'workdays'")
            year = int(key)
            years[year] = str(block.get("source", ""))
            for index, entry in enumerate(block.get("holidays") or []):
                where = f"year {key}, holiday {index + 1}"
                if not isinstance(entry, dict) or "name" not in entry:
                    raise fail(f"{where}: expected {{name, from, to}}")
                first = _parse_date(entry.get("from"), where, source)
                last = _parse_date(entry.get("to", entry.get("from")), where, source)
                if last < first:
                    raise fail(f"{where} ({entry['name']}): 'to' {last} is before 'from' {first}")
                day = first
                while day <= last:
                    holidays[day] = str(entry["name"])
                    day += timedelta(days=1)
            for index, entry in enumerate(block.get("workdays") or []):
                where = f"year {key}, make-up workday {index + 1}"
                if not isinstance(entry, dict):
                    raise fail(f"{where}: expected {{date, for}}")
                day = _parse_date(entry.get("date"), where, source)
                makeup[day] = str(entry.get("for", ""))
        both = sorted(set(holidays) & set(makeup))
        if both:
            raise fail(f"{both[0].isoformat()} is listed both as a holiday and as a make-up workday")
        return cls(calendar_id, source, years, holidays, makeup, tuple(weekend),
                   data.get("timezone"))

    def _build_table(self) -> None:
        first_year, last_year = min(self.years), max(self.years)
        self._base = date(first_year, 1, 1).toordinal()
        end = date(last_year, 12, 31).toordinal()
        weekend_days = {_WEEKDAYS.index(name) for name in self.weekend}
        table = bytearray(end - self._base + 1)
        for ordinal in range(self._base, end + 1):
            day = date.fromordinal(ordinal)
            if day.year not in self.years:
                continue
            if day in self._makeup:
                state = _WORK
            elif day in self._holidays or day.weekday() in weekend_days:
                state = _REST
            else:
                state = _WORK
            table[ordinal - self._base] = state
        self._table = bytes(table)
        self._workday_ordinals = [self._base + i for i, state in enumerate(table) if state == _WORK]
        # First days of uncovered years between covered ones: a count across them must stop.
        self._gap_starts = [date(year, 1, 1).toordinal()
                            for year in range(first_year, last_year + 1) if year not in self.years]

    # -- coverage -----------------------------------------------------------------

    def missing_year_error(self, year: int) -> MissingCalendarYear:
        return MissingCalendarYear(say(_MISSING_YEAR, "missing_year", run_language(), id=self.id,
                                       year=year, file=Path(self.source).name),
                                   year, self.id, file=self.source)

    def check_covered(self, day: date | int) -> None:
        """Raise CheckerError naming the year unless the calendar holds `day`'s year (or year `day`)."""
        year = day if isinstance(day, int) else day.year
        if year not in self.years:
            raise self.missing_year_error(year)

    def _state(self, ordinal: int) -> int:
        index = ordinal - self._base
        if 0 <= index < len(self._table):
            state = self._table[index]
            if state:
                return state
        raise self.missing_year_error(date.fromordinal(ordinal).year)

    # -- questions ------------------------------------------------------------------

    def is_workday_ordinal(self, ordinal: int) -> bool:
        """Is the day with this `date.toordinal()` a workday? The engine's hot path."""
        index = ordinal - self._base
        if 0 <= index < len(self._table):
            state = self._table[index]
            if state:
                return state == _WORK
        raise self.missing_year_error(date.fromordinal(ordinal).year)

    def is_workday(self, day: date) -> bool:
        return self.is_workday_ordinal(day.toordinal())

    def holiday_name(self, day: date) -> str | None:
        """The holiday `day` belongs to (春节, 国庆节 …), or None."""
        self.check_covered(day)
        return self._holidays.get(day)

    def is_makeup_workday(self, day: date) -> bool:
        """A weekend day worked in exchange for a holiday (调休上班)."""
        self.check_covered(day)
        return day in self._makeup

    def makeup_for(self, day: date) -> str | None:
        """The holiday a make-up workday is worked for, or None if `day` is not one."""
        self.check_covered(day)
        return self._makeup.get(day)

    def next_workday(self, day: date, include_self: bool = False) -> date:
        ordinal = day.toordinal() if include_self else day.toordinal() + 1
        while not self.is_workday_ordinal(ordinal):
            ordinal += 1
        return date.fromordinal(ordinal)

    def nth_workday_after(self, ordinal: int, count: int) -> int:
        """The ordinal of the `count`-th workday after day `ordinal` (which itself is not counted)."""
        if count <= 0:
            raise ValueError("count must be positive")
        if ordinal + 1 < self._base:
            raise self.missing_year_error(date.fromordinal(ordinal + 1).year)
        position = bisect_right(self._workday_ordinals, ordinal) + count - 1
        if position >= len(self._workday_ordinals):
            raise self.missing_year_error(max(self.years) + 1)
        target = self._workday_ordinals[position]
        if self._gap_starts:
            gap = bisect_right(self._gap_starts, ordinal)
            if gap < len(self._gap_starts) and self._gap_starts[gap] <= target:
                raise self.missing_year_error(date.fromordinal(self._gap_starts[gap]).year)
        return target

    def workdays_of_year(self, year: int) -> list[date]:
        self.check_covered(year)
        first, last = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
        lo = bisect_right(self._workday_ordinals, first - 1)
        hi = bisect_right(self._workday_ordinals, last)
        return [date.fromordinal(o) for o in self._workday_ordinals[lo:hi]]

    def holidays_of_year(self, year: int) -> list[tuple[date, str]]:
        """(day, name) of every holiday day in `year`, in date order."""
        self.check_covered(year)
        return sorted((day, name) for day, name in self._holidays.items() if day.year == year)

    def makeup_workdays_of_year(self, year: int) -> list[tuple[date, str]]:
        """(day, the holiday it is worked for) of every make-up workday in `year`."""
        self.check_covered(year)
        return sorted((day, name) for day, name in self._makeup.items() if day.year == year)

    def __repr__(self) -> str:
        years = ", ".join(str(year) for year in sorted(self.years))
        return f"Calendar({self.id!r}, years=[{years}], source={self.source!r})"


def _parse_date(value, where: str, source: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise CheckerError(f"{where}: '{value}' is not a date (YYYY-MM-DD)", file=source) from None


# -- loading ------------------------------------------------------------------------

_CACHE: dict[str, Calendar] = {}


def _looks_like_path(text: str) -> bool:
    return any(sep in text for sep in ("/", "\\")) or text.endswith((".yaml", ".yml"))


def calendar_candidates(name_or_path: str, relative_to: str | Path | None = None) -> list[Path]:
    """Where the calendar `name_or_path` may be, in the order they are tried.

    A name ('cn-mainland') is looked up first in a `calendars/` folder beside `relative_to`
    (a rule file or its folder: a rule set can travel with its own calendars), then among
    the shipped calendars. Anything that looks like a path is that file, relative to
    `relative_to`'s folder first.
    """
    base = None
    if relative_to is not None:
        base = Path(relative_to)
        if not base.is_dir():
            base = base.parent
    text = str(name_or_path)
    if _looks_like_path(text):
        path = Path(text)
        return [path] if path.is_absolute() or base is None else [base / path, path]
    candidates = [base / "calendars" / f"{text}.yaml"] if base is not None else []
    shipped = resources.calendars_dir() / f"{text}.yaml"
    if not candidates or candidates[0].resolve() != shipped.resolve():
        candidates.append(shipped)
    return candidates


CALENDAR_MESSAGES = {
    "outside": {"zh": "日历“{name}”不在规则集所在的文件夹（{folder}）或随附的 rules/ 中：规则文件只能引用这两处的文件",
                "en": "calendar '{name}' is outside the rule set's folder ({folder}) and the shipped rules/: "
                      "a rule file may refer only to files there"},
    "unknown": {"zh": "找不到日历“{name}”（已查找：{looked}）", "en": "unknown calendar '{name}' (looked for {looked})"},
}


def confined_calendar_candidates(name_or_path: str, relative_to: str | Path | None = None) -> list[Path]:
    """`calendar_candidates` a rule file may refer to (resources.confined); CheckerError when
    none is inside the rule set's folder or the shipped rules/."""
    from checker.i18n import say
    candidates = calendar_candidates(name_or_path, relative_to)
    if relative_to is None:
        return candidates
    folder = Path(relative_to) if Path(relative_to).is_dir() else Path(relative_to).parent
    allowed = [c for c in candidates if resources.confined(c, folder)]
    if not allowed:
        raise CheckerError(say(CALENDAR_MESSAGES, "outside", name=name_or_path,
                               folder=resources.shown_path(folder) or "."), file=str(relative_to))
    return allowed


def resolve_calendar_path(name_or_path: str, relative_to: str | Path | None = None) -> Path:
    """The first of `calendar_candidates` that exists; an error listing them for a name.

    Referred to from a rule file (`relative_to`), only a file inside the rule set's folder or
    the shipped rules/ is taken (resources.confined); the error names the reference, never
    anything read from elsewhere."""
    from checker.i18n import say
    candidates = confined_calendar_candidates(name_or_path, relative_to)
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    if _looks_like_path(str(name_or_path)):
        return candidates[-1]        # loading it reports the missing file
    looked = ", ".join(str(c) for c in candidates)
    raise CheckerError(say(CALENDAR_MESSAGES, "unknown", name=name_or_path, looked=looked),
                       file=str(relative_to) if relative_to is not None else None)


def build_calendar(loaded) -> Calendar:
    """A Calendar from a calendar file that passed the schema and meaning checks."""
    return Calendar.from_data(loaded.data, str(loaded.path))


def load_calendar(name_or_path: str, relative_to: str | Path | None = None) -> Calendar:
    """The calendar named or at `name_or_path`, loaded once per resolved file."""
    path = resolve_calendar_path(name_or_path, relative_to)
    key = str(path.resolve())
    calendar = _CACHE.get(key)
    if calendar is None:
        # Validation reads calendars through this module: import it when a file is loaded.
        from checker.validation import load_valid
        calendar = load_valid(path, "calendar").built
        _CACHE[key] = calendar
    return calendar
