"""The text of `hotline-check calendar`: a year's workdays, a cycle's leader days, a due time."""

from __future__ import annotations

from datetime import date

from checker.calendar.calendar import Calendar
from checker.calendar.yearly import day_runs
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
    "show_head": {"zh": "{calendar} {year}年放假和调休安排\n依据：{source}",
                  "en": "{calendar}: holidays and make-up workdays of {year}\nsource: {source}"},
    "show_holidays": {"zh": "放假（{count}段，共{days}天）：", "en": "holidays ({count} periods, {days} days):"},
    "show_period": {"zh": "  {name}：{first}（星期{first_day}）至 {last}（星期{last_day}），{days}天",
                    "en": "  {name}: {first} ({first_day}) to {last} ({last_day}), {days} days"},
    "show_makeup": {"zh": "调休上班（{count}天）：", "en": "make-up workdays ({count}):"},
    "show_makeup_item": {"zh": "  {day}（星期{weekday}），为{name}调休", "en": "  {day} ({weekday}), for {name}"},
    "show_none": {"zh": "  无", "en": "  none"},
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
    return [f"{name} {first.isoformat()}" + (f"–{last.isoformat()}" if last != first else "")
            for first, last, name in day_runs(days)]


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


def year_text(calendar: Calendar, year: int, lang: str) -> str:
    """A year's holiday periods and make-up workdays, to compare with the State Council's notice."""
    holidays = calendar.holidays_of_year(year)
    makeup = calendar.makeup_workdays_of_year(year)
    runs = day_runs(holidays)
    lines = [_say("show_head", lang, calendar=calendar.id, year=year,
                  source=calendar.year_sources.get(year, "")),
             "", _say("show_holidays", lang, count=len(runs), days=len(holidays))]
    lines += [_say("show_period", lang, name=name, first=first.isoformat(), last=last.isoformat(),
                   first_day=_weekday(first, lang), last_day=_weekday(last, lang),
                   days=(last - first).days + 1) for first, last, name in runs] or [_say("show_none", lang)]
    lines += ["", _say("show_makeup", lang, count=len(makeup))]
    lines += [_say("show_makeup_item", lang, day=day.isoformat(), weekday=_weekday(day, lang), name=name)
              for day, name in makeup] or [_say("show_none", lang)]
    return "\n".join(lines)
