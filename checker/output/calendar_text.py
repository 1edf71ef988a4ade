"""The text of `hotline-check calendar`: a year's workdays, a cycle's leader days, a due time."""

from __future__ import annotations

from datetime import date

from checker.calendar.calendar import Calendar
from checker.calendar.leader_days import LeaderDay
from checker.i18n import say
from checker.output.phrasing import joined

_TEXT = {
    "weekdays": {"zh": "一二三四五六日", "en": "MonTueWedThuFriSatSun"},
    "year_head": {
        "zh": "{calendar} {year}年工作日：共{count}天（其中调休上班{makeup}天）\n依据：{source}",
        "en": "{calendar} workdays of {year}: {count} (of which {makeup} make-up workdays)\nsource: {source}",
    },
    "month_head": {"zh": "{month}月（{count}个工作日）", "en": "{month_name} ({count} workdays)"},
    "holidays": {"zh": "  放假：{items}", "en": "  holidays: {items}"},
    "makeup": {"zh": "  调休上班：{items}", "en": "  make-up workdays: {items}"},
    "makeup_item": {"zh": "{day}（星期{weekday}，{name}）", "en": "{day} ({weekday}, for {name})"},
    "leader_head": {
        "zh": "{cycle}周期领导接听日（{first}至{last}，共{count}期；{rule}，遇非工作日顺延）",
        "en": "leaders' answering days of cycle {cycle} ({first} to {last}, {count} sessions; {rule}, postponed past non-workdays)",
    },
    "third_tuesday": {"zh": "每月第三个星期二", "en": "the third Tuesday of the month"},
    "tuesday_of_third_week": {"zh": "每月第三周（周一至周日）的星期二",
                              "en": "the Tuesday of the month's third Monday-to-Sunday week"},
    "leader_line": {"zh": "{month}  {day} 星期{weekday}", "en": "{month}  {day} {weekday}"},
    "postponed": {"zh": "（原定{day}，{reason}，顺延）", "en": " (scheduled {day}, {reason}; postponed)"},
    "weekend": {"zh": "周末", "en": "weekend"},
}

_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


def _say(key: str, lang: str, /, **values) -> str:
    return say(_TEXT, key, lang, **values)


def _weekday(day: date, lang: str) -> str:
    names = _say("weekdays", lang)
    return names[day.weekday()] if lang == "zh" else names[3 * day.weekday():3 * day.weekday() + 3]


def workdays_text(calendar: Calendar, year: int, days: list[date], lang: str) -> str:
    makeup = calendar.makeup_workdays_of_year(year)
    holidays = calendar.holidays_of_year(year)
    lines = [_say("year_head", lang, calendar=calendar.id, year=year, count=len(days),
                  makeup=len(makeup), source=calendar.year_sources.get(year, ""))]
    for month in range(1, 13):
        in_month = [day for day in days if day.month == month]
        lines.append("")
        lines.append(_say("month_head", lang, month=month, month_name=_MONTHS_EN[month - 1],
                          count=len(in_month)))
        lines.append("  " + " ".join(f"{day.day:2d}" for day in in_month))
        periods = _periods([(day, name) for day, name in holidays if day.month == month])
        if periods:
            lines.append(_say("holidays", lang, items=joined(periods, lang)))
        worked = [_say("makeup_item", lang, day=day.isoformat(), weekday=_weekday(day, lang), name=name)
                  for day, name in makeup if day.month == month]
        if worked:
            lines.append(_say("makeup", lang, items=joined(worked, lang)))
    return "\n".join(lines)


def _periods(days: list[tuple[date, str]]) -> list[str]:
    """Consecutive days of one holiday as 'name first–last'."""
    runs: list[list] = []
    for day, name in days:
        if runs and runs[-1][2] == name and (day - runs[-1][1]).days == 1:
            runs[-1][1] = day
        else:
            runs.append([day, day, name])
    return [f"{name} {first.isoformat()}" + (f"–{last.isoformat()}" if last != first else "")
            for first, last, name in runs]


def leader_days_text(calendar: Calendar, cycle: int, sessions: list[LeaderDay], week_rule: str,
                     lang: str) -> str:
    rule_text = _say(week_rule, lang) if week_rule in _TEXT else week_rule
    lines = [_say("leader_head", lang, cycle=cycle, first=sessions[0].month, last=sessions[-1].month,
                  count=len(sessions), rule=rule_text)]
    for session in sessions:
        line = _say("leader_line", lang, month=session.month, day=session.date.isoformat(),
                    weekday=_weekday(session.date, lang))
        if session.postponed_from:
            reason = calendar.holiday_name(session.postponed_from) or _say("weekend", lang)
            line += _say("postponed", lang, day=session.postponed_from.isoformat(), reason=reason)
        lines.append(line)
    return "\n".join(lines)
