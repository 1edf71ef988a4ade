"""`hotline-check calendar workdays|leader-days|due`: ask the calendar and the clocks directly."""

from __future__ import annotations

import json

import click

from checker.calendar.calendar import load_calendar, resolve_calendar_path
from checker.calendar.clocks import describe_due
from checker.cli.common import configured_rules, current_config, lang_option, rules_option
from checker.cli.logs_options import parse_time_option
from checker.i18n import pick
from checker.calendar.yearly import add_year_to_file, target_calendar
from checker.output.calendar_text import leader_days_text, workdays_text, year_text
from checker.ruleset import load_ruleset
from checker.timefmt import iso
from checker.output.sanitize import clean_text

_FORMAT = click.option("--format", "output_format", type=click.Choice(["text", "json"]),
                       default="text", show_default=True)


def _emit_json(value) -> None:
    click.echo(clean_text(json.dumps(value, ensure_ascii=False, indent=2)))


@click.group(name="calendar")
def command() -> None:
    """工作日历、领导接听日和期限计算 — workdays, leaders' answering days and due times."""


@command.command(name="workdays")
@click.option("--year", type=int, required=True, help="The year, e.g. 2024.")
@_FORMAT
@click.option("--calendar", "calendar_name", default=None,
              help="Calendar name (cn-mainland) or file (default: the configured calendar, else the "
                   "configured rule set's).")
@lang_option
def workdays_command(year: int, output_format: str, calendar_name: str | None, lang: str) -> int:
    """列出一年的全部工作日 — every workday of a year."""
    calendar = _calendar(calendar_name)
    days = calendar.workdays_of_year(year)
    if output_format == "json":
        _emit_json([day.isoformat() for day in days])
    else:
        click.echo(clean_text(workdays_text(calendar, year, days, lang)))
    return 0


def _calendar(calendar_name: str | None):
    """`--calendar` as given; else the configuration's calendar; else the rule set's."""
    if calendar_name:
        return load_calendar(calendar_name)
    config = current_config()
    if config is not None and config.calendar is not None:
        return load_calendar(str(config.calendar))
    return load_ruleset(configured_rules()).calendar


@command.command(name="show")
@click.argument("year", type=int)
@_FORMAT
@click.option("--calendar", "calendar_name", default=None,
              help="Calendar name or file (default: the configured calendar, else the rule set's).")
@lang_option
def show_command(year: int, output_format: str, calendar_name: str | None, lang: str) -> int:
    """列出一年的放假和调休安排 — a year's holidays and make-up workdays, to compare with the notice."""
    calendar = _calendar(calendar_name)
    if output_format == "json":
        _emit_json({"year": year, "source": calendar.year_sources.get(year) if year in calendar.years else None,
                    "holidays": [{"date": day.isoformat(), "name": name}
                                 for day, name in calendar.holidays_of_year(year)],
                    "workdays": [{"date": day.isoformat(), "for": name}
                                 for day, name in calendar.makeup_workdays_of_year(year)]})
    else:
        click.echo(year_text(calendar, year, lang))
    return 0


@command.command(name="add-year")
@click.argument("year", type=click.IntRange(1949, 2200))
@click.option("--calendar", "calendar_path", type=click.Path(dir_okay=False), default=None,
              help="Calendar file to write (default: the configured calendar, else the rule set's).")
@click.option("--source", default=None,
              help="The notice's number and title, e.g. 国办发明电〔2025〕7号 国务院办公厅关于2026年部分节假日安排的通知.")
@click.option("--published", default=None, metavar="YYYY-MM-DD", help="The day the notice was published.")
@click.option("--force", is_flag=True, help="Write the year again when the calendar has it.")
@lang_option
def add_year_command(year: int, calendar_path: str | None, source: str | None, published: str | None,
                     force: bool, lang: str) -> int:
    """加入一年的节假日安排 — write a year's holidays and make-up workdays into the calendar file:
    from the chinese-calendar package when it has the year, else a template to fill in from the
    State Council's notice. The file's comments are kept."""
    config = current_config()
    configured = config.calendar if config else None
    if calendar_path or configured:
        target = target_calendar(calendar_path, configured, None)
    else:
        ruleset = load_ruleset(configured_rules())
        target = target_calendar(None, None, resolve_calendar_path(ruleset.data["calendar"], ruleset.path))
    click.echo(add_year_to_file(target, year, source, published, force, lang))
    return 0


@command.command(name="leader-days")
@click.option("--cycle", type=int, required=True, help="The cycle's first year (2024 = 2024-04…2025-03).")
@_FORMAT
@rules_option
@lang_option
def leader_days_command(cycle: int, output_format: str, rules_path: str | None, lang: str) -> int:
    """列出一个周期的领导接听日 — the leaders' answering days of a cycle."""
    ruleset = load_ruleset(rules_path)
    sessions = ruleset.leader_schedule(cycle)
    if output_format == "json":
        _emit_json([session.as_dict() for session in sessions])
    else:
        week_rule = ruleset.leader_settings["week_rule"]
        click.echo(clean_text(leader_days_text(ruleset.calendar, cycle, sessions, week_rule, lang)))
    return 0


@command.command(name="due")
@click.option("--from", "start_text", required=True, help='Start time, e.g. "2024-09-30 10:00".')
@click.option("--class", "class_name", required=True,
              help="Deadline class: emergency, basic_living, other (or its Chinese name).")
@click.option("--rule", "rule_id", default=None,
              help="Deadline rule id; default: the rule set's one rule with a limit per class.")
@rules_option
@lang_option
@click.option("--explain", is_flag=True, help="Also say how the due time was counted.")
def due_command(start_text: str, class_name: str, rule_id: str | None, rules_path: str | None,
                lang: str, explain: bool) -> int:
    """计算反馈期限 — the feedback due time of a ticket dispatched at --from."""
    ruleset = load_ruleset(rules_path)
    start = parse_time_option(start_text, ruleset, option="--from")
    rule_id = rule_id or ruleset.class_deadline_rule()
    due, duration, clock = ruleset.due_of(rule_id, start, class_name)
    click.echo(clean_text(iso(due, ruleset.tz)))
    if explain:
        check = next(c for c in ruleset.checks_of(rule_id) if c.kind == "deadline")
        described = describe_due(start, duration, clock, ruleset.calendar, ruleset.tz,
                                 check.within.holiday_extends, check.within.count_start_day)
        click.echo(clean_text(pick(described["text"], lang)))
    return 0
