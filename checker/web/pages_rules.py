"""The rule set in force: its rules with clause and quote, the calendar of a year with its
holidays and make-up days, the leaders' answering days, and the validation of the rule
files in use (the same checks as `hotline-check validate`)."""

from __future__ import annotations

import calendar as month_calendar
from datetime import date
from pathlib import Path

from starlette.requests import Request
from starlette.routing import Route

from checker.i18n import pick
from checker.output.labels import rule_name, severity_name
from checker.validation.runner import kind_name, validate_paths
from checker.errors import CheckerError
from checker.web.jobs import checker_message
from checker.web.texts import t


def calendar_months(cal, year: int, leader_dates: set[date]) -> list[dict]:
    """Twelve months of weeks (Monday first); each day with what the calendar says of it."""
    holidays = dict(cal.holidays_of_year(year))
    makeup = dict(cal.makeup_workdays_of_year(year))
    weekend = {("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday").index(d)
               for d in cal.weekend}
    months = []
    for month in range(1, 13):
        weeks = []
        for week in month_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
            days = []
            for day in week:
                if day.month != month:
                    days.append(None)
                    continue
                kind = ("makeup" if day in makeup else "holiday" if day in holidays
                        else "weekend" if day.weekday() in weekend else "workday")
                days.append({"day": day.day, "kind": kind, "leader": day in leader_dates,
                             "title": holidays.get(day) or makeup.get(day) or "",
                             "iso": day.isoformat()})
            weeks.append(days)
        months.append({"month": month, "weeks": weeks})
    return months


def routes(bench) -> list:
    lang = bench.lang

    def validation():
        ruleset = bench.ruleset
        targets = [str(path) for path in bench.settings.validation_targets] or [
            str(Path(ruleset.path).parent)]
        saved = bench.settings.mappings_folder
        if saved is not None and saved.is_dir() and str(saved) not in targets:
            targets.append(str(saved))
        return [{"path": report.path, "kind": kind_name(report.kind, lang), "valid": report.valid,
                 "errors": [str(error) for error in report.errors]}
                for report in validate_paths(targets, lang)]

    @bench.page
    async def rules_page(request: Request, session, form):
        ruleset = bench.ruleset
        cal = ruleset.calendar
        years = sorted(cal.years)
        today = date.today()
        asked = request.query_params.get("year", "")
        year = int(asked) if asked.isdigit() and int(asked) in cal.years else (
            today.year if today.year in cal.years else years[-1])
        cycle = year if today.month >= 4 or year != today.year else year - 1
        leader = []
        leader_error = None
        try:
            leader = ruleset.leader_schedule(cycle)
        except CheckerError as error:   # a cycle reaching into a year the calendar lacks
            leader_error = checker_message(error)
        leader_dates = {session_day.date for session_day in leader}
        rules = [{"id": rule["id"], "name": rule_name(rule["id"], lang), "clause": rule["clause"],
                  "severity": "、".join(dict.fromkeys(
                      severity_name(check.severity, lang) for check in ruleset.checks_of(rule["id"]))),
                  "quote": rule.get("quote", ""),
                  "interpretation": pick(rule.get("interpretation"), lang)}
                 for rule in ruleset.data["rules"]]
        return bench.render(request, session, "rules.html.j2", nav="rules", ruleset=ruleset,
                            rules=rules, year=year, years=years, cycle=cycle,
                            months=calendar_months(cal, year, leader_dates), leader=leader,
                            leader_error=leader_error, validation=validation(),
                            weekdays=list(t("weekdays", lang)))

    return [Route("/rules", rules_page)]
