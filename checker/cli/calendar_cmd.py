"""`hotline-check calendar workdays|leader-days|due`: ask the calendar and the clocks directly."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click

from checker import resources
from checker.calendar.calendar import Calendar, load_calendar
from checker.calendar.clocks import CLOCKS, describe_due, due_instant
from checker.calendar.leader_days import leader_days
from checker.cli.common import lang_option, rules_option
from checker.durations import Dated, parse_duration
from checker.errors import CheckerError
from checker.i18n import say
from checker.timefmt import iso
from checker.yamlio import LoadedYaml, load_yaml_file

_FEEDBACK_RULE = "feedback-deadline"

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
    "bad_time": {
        "zh": "无法识别的时间 '{value}'（应为 YYYY-MM-DD HH:MM[:SS]、YYYY/MM/DD HH:MM[:SS] 或 ISO 8601）",
        "en": "unreadable time '{value}' (expected YYYY-MM-DD HH:MM[:SS], YYYY/MM/DD HH:MM[:SS] or ISO 8601)",
    },
}

_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


def _say(key: str, lang: str, **values) -> str:
    return say(_TEXT, key, lang, **values)


def _weekday(day: date, lang: str) -> str:
    names = _say("weekdays", lang)
    return names[day.weekday()] if lang == "zh" else names[3 * day.weekday():3 * day.weekday() + 3]


def _emit_json(value) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


# -- rule set access (read directly: the calendar commands need only a few keys) ----

def _ruleset(rules_path: str | None) -> LoadedYaml:
    path = rules_path or resources.default_ruleset_path()
    loaded = load_yaml_file(path)
    if not isinstance(loaded.data, dict):
        raise CheckerError("a rule set must be a mapping", file=loaded.path)
    return loaded


def _ruleset_calendar(loaded: LoadedYaml) -> Calendar:
    name = loaded.data.get("calendar")
    if not isinstance(name, str):
        raise loaded.error("the rule set names no calendar ('calendar: cn-mainland')", (), "calendar")
    return load_calendar(name, relative_to=loaded.path)


def _ruleset_timezone(loaded: LoadedYaml) -> ZoneInfo:
    name = loaded.data.get("timezone", "Asia/Shanghai")
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        raise loaded.error(f"unknown time zone '{name}'", ("timezone",)) from None


@click.group(name="calendar")
def command() -> None:
    """工作日历、领导接听日和期限计算 — workdays, leaders' answering days and due times."""


# -- workdays -----------------------------------------------------------------------

@command.command(name="workdays")
@click.option("--year", type=int, required=True, help="The year, e.g. 2024.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--calendar", "calendar_name", default=None,
              help="Calendar name (cn-mainland) or file (default: the default rule set's calendar).")
@lang_option
def workdays_command(year: int, output_format: str, calendar_name: str | None, lang: str) -> int:
    """列出一年的全部工作日 — every workday of a year."""
    if calendar_name is None:
        calendar = _ruleset_calendar(_ruleset(None))
    else:
        calendar = load_calendar(calendar_name)
    days = calendar.workdays_of_year(year)
    if output_format == "json":
        _emit_json([day.isoformat() for day in days])
    else:
        click.echo(_workdays_text(calendar, year, days, lang))
    return 0


def _workdays_text(calendar: Calendar, year: int, days: list[date], lang: str) -> str:
    makeup = calendar.makeup_workdays_of_year(year)
    holidays = calendar.holidays_of_year(year)
    lines = [_say("year_head", lang, calendar=calendar.id, year=year, count=len(days),
                  makeup=len(makeup), source=calendar.year_sources.get(year, ""))]
    sep = "、" if lang == "zh" else ", "
    for month in range(1, 13):
        in_month = [day for day in days if day.month == month]
        lines.append("")
        lines.append(_say("month_head", lang, month=month, month_name=_MONTHS_EN[month - 1],
                          count=len(in_month)))
        lines.append("  " + " ".join(f"{day.day:2d}" for day in in_month))
        periods = _periods([(day, name) for day, name in holidays if day.month == month])
        if periods:
            lines.append(_say("holidays", lang, items=sep.join(periods)))
        worked = [_say("makeup_item", lang, day=day.isoformat(), weekday=_weekday(day, lang), name=name)
                  for day, name in makeup if day.month == month]
        if worked:
            lines.append(_say("makeup", lang, items=sep.join(worked)))
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


# -- leader days --------------------------------------------------------------------

@command.command(name="leader-days")
@click.option("--cycle", type=int, required=True, help="The cycle's first year (2024 = 2024-04…2025-03).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@rules_option
@lang_option
def leader_days_command(cycle: int, output_format: str, rules_path: str | None, lang: str) -> int:
    """列出一个周期的领导接听日 — the leaders' answering days of a cycle."""
    loaded = _ruleset(rules_path)
    section = loaded.data.get("leader_days")
    if not isinstance(section, dict):
        raise loaded.error("the rule set has no 'leader_days' section")
    calendar = _ruleset_calendar(loaded)
    week_rule = section.get("week_rule", "third_tuesday")
    sessions = leader_days(cycle, calendar, week_rule=week_rule,
                           postpone=section.get("postpone", "next_workday"),
                           cycle_start_month=int(section.get("cycle_start_month", 4)),
                           sessions=int(section.get("sessions_per_cycle", 12)))
    if output_format == "json":
        _emit_json([session.as_dict() for session in sessions])
        return 0
    rule_text = _say(week_rule, lang) if week_rule in _TEXT else week_rule
    click.echo(_say("leader_head", lang, cycle=cycle, first=sessions[0].month, last=sessions[-1].month,
                    count=len(sessions), rule=rule_text))
    for session in sessions:
        line = _say("leader_line", lang, month=session.month, day=session.date.isoformat(),
                    weekday=_weekday(session.date, lang))
        if session.postponed_from:
            reason = calendar.holiday_name(session.postponed_from) or _say("weekend", lang)
            line += _say("postponed", lang, day=session.postponed_from.isoformat(), reason=reason)
        click.echo(line)
    return 0


# -- due ----------------------------------------------------------------------------

_LOCAL_TIME = re.compile(
    r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$")


def parse_instant(text: str, tz: ZoneInfo, lang: str = "zh") -> int:
    """`YYYY-MM-DD HH:MM[:SS]`, `YYYY/MM/DD HH:MM[:SS]` or ISO 8601; no offset = `tz`."""
    value = text.strip()
    try:
        match = _LOCAL_TIME.match(value)
        if match:
            parts = [int(part) if part else 0 for part in match.groups()]
            moment = datetime(*parts)
        else:
            if len(value) <= 10:   # a date alone names no instant
                raise ValueError(value)
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise CheckerError(_say("bad_time", lang, value=text)) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz)
    return int(moment.timestamp())


def _feedback_rule(loaded: LoadedYaml) -> tuple[int, dict]:
    for index, rule in enumerate(loaded.data.get("rules") or []):
        if isinstance(rule, dict) and rule.get("id") == _FEEDBACK_RULE:
            return index, rule
    raise loaded.error(f"the rule set has no rule '{_FEEDBACK_RULE}'", ("rules",))


def _class_limit(loaded: LoadedYaml, class_name: str) -> tuple[dict, list]:
    """The {duration, clock} of `class_name` in the feedback rule, and its JSON path."""
    index, rule = _feedback_rule(loaded)
    within = rule.get("within")
    path = ["rules", index, "within"]
    if not isinstance(within, dict):
        raise loaded.error(f"rule '{_FEEDBACK_RULE}' has no 'within'", path)
    if "by_class" not in within:
        return within, path
    by_class = within["by_class"] or {}
    classes = loaded.data.get("classes") or {}
    key = class_name
    if key not in by_class:   # a class may be given by its Chinese name too
        key = next((k for k, v in classes.items()
                    if isinstance(v, dict) and v.get("name") == class_name), class_name)
    if key not in by_class:
        known = ", ".join(f"{k} ({classes[k]['name']})" if isinstance(classes.get(k), dict)
                          and classes[k].get("name") else k for k in by_class)
        raise CheckerError(f"unknown class '{class_name}' (known: {known})", file=loaded.path)
    return by_class[key], path + ["by_class", key]


@command.command(name="due")
@click.option("--from", "start_text", required=True, help='Start time, e.g. "2024-09-30 10:00".')
@click.option("--class", "class_name", required=True, help="Deadline class: emergency, basic_living, other.")
@rules_option
@lang_option
@click.option("--explain", is_flag=True, help="Also say how the due time was counted.")
def due_command(start_text: str, class_name: str, rules_path: str | None, lang: str,
                explain: bool) -> int:
    """计算反馈期限 — the feedback due time of a ticket dispatched at --from."""
    loaded = _ruleset(rules_path)
    tz = _ruleset_timezone(loaded)
    start = parse_instant(start_text, tz, lang)
    limit, path = _class_limit(loaded, class_name)
    if not isinstance(limit, dict):
        raise loaded.error("expected {duration, clock}", path)
    clock = limit.get("clock", "elapsed")
    if clock not in CLOCKS:
        raise loaded.error(f"unknown clock '{clock}' (known: {', '.join(CLOCKS)})", path + ["clock"])
    start_day = datetime.fromtimestamp(start, tz).date()
    try:
        duration = Dated(limit.get("duration"), parse_duration).at(start_day)
    except ValueError as error:
        raise loaded.error(str(error), path + ["duration"]) from None
    holiday_extends = bool(limit.get("holiday_extends", False))
    calendar = _ruleset_calendar(loaded)
    if not explain:
        click.echo(iso(due_instant(start, duration, clock, calendar, tz, holiday_extends), tz))
        return 0
    described = describe_due(start, duration, clock, calendar, tz, holiday_extends)
    click.echo(described["due"])
    click.echo(described["text"][lang])
    return 0
