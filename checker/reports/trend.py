"""Months side by side (`report --months 6`, or `--from 2024-01 --to 2024-05`): each unit's
tickets, rates and rank in each month of the span, and over the year to date (本年累计).

The same checks and the same rate definitions as the monthly table (checker.reports.rates),
run once over the tickets of all the months shown; the year to date counts the tickets first
dispatched from January of the reported month's year to the reported month as one period.
Every figure is kept as a number (rates rounded as every format shows them:
checker/output/numbers.py) with its numerator and denominator; the table's typed cells
(checker.documents.cells) and the chart (checker.reports.trend_chart) are drawn from them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from checker.assessment.scheme import scheme_of
from checker.documents import cells
from checker.documents.model import SHEET, Column, Table
from checker.i18n import DEFAULT_LANGUAGE, say
from checker.output.numbers import share
from checker.output.phrasing import joined
from checker.reports.definitions import unjudged_notes
from checker.reports.months import MONTH_ABBREVIATIONS_EN, months_between, months_up_to, parse_month
from checker.reports.ranking_table import rank_text, ranking_unit_name
from checker.reports.rates import UnitRates, rates_from_outcomes, total_rates

YEAR_TO_DATE = "year_to_date"
# `--months N` and `--from/--to`: at least two months, at most two years side by side.
FEWEST_MONTHS = 2
MOST_MONTHS = 24

TEXT = {
    # After 六、口径说明: the months side by side close the report.
    "trend": {"zh": "七、近{n}个月对比", "en": "7. The last {n} months side by side"},
    "trend_span": {"zh": "七、{first}至{last}对比", "en": "7. {first} to {last} side by side"},
    "col_unit": {"zh": "承办单位", "en": "Unit"},
    "col_figure": {"zh": "指标", "en": "Figure"},
    "tickets": {"zh": "工单数", "en": "Tickets"},
    "rank": {"zh": "排名", "en": "Rank"},
    "total": {"zh": "全区合计", "en": "All units"},
    "year_to_date": {"zh": "本年累计（{year}年1-{month}月）", "en": "Year to date ({year}, Jan–{month_name})"},
    "ytd_numerator": {"zh": "本年累计分子", "en": "Year to date: numerator"},
    "ytd_denominator": {"zh": "本年累计分母", "en": "Year to date: denominator"},
    "month": {"zh": "{year}年{month}月", "en": "{year}-{month:02d}"},
    "note": {"zh": "各月按当月首次派单的工单统计，口径与本月相同；本年累计为{year}年1月至{month}月首次派单的工单合并计算，"
                   "括号内为分子/分母；排名为各单位在同类单位中的名次；“—”表示该月没有可计算的工单。",
             "en": "Each month counts the tickets first dispatched in it, as this month does; the year to date "
                   "counts those first dispatched from January to {month_name} {year} together, numerator/denominator "
                   "in brackets; ranks are within each group of units; — where a month has none to count."},
    "unjudged": {"zh": "对比的月份中以下规则无法核查，未计为违规：",
                 "en": "In the months compared these rules could not be judged and count as no violation:"},
    "empty_months": {"zh": "日志中没有{months}首次派单的工单，这些月份各项均为“—”（不是0）。",
                     "en": "The log holds no ticket first dispatched in {months}: those months show — (not 0)."},
    "errors.span_twice": {"zh": "--months 与 --from/--to 只能任选其一",
                          "en": "--months and --from/--to give the same span: use one of them"},
    "errors.reversed": {"zh": "--from {first} 晚于 --to {last}：起始月份应在截止月份之前",
                        "en": "--from {first} is after --to {last}: the span must start before it ends"},
    "errors.short": {"zh": "--from {first} 至 --to {last} 只有一个月：对比至少需要{fewest}个月",
                     "en": "--from {first} to --to {last} is one month: at least {fewest} months are compared"},
    "errors.long": {"zh": "--from {first} 至 --to {last} 共{n}个月：最多对比{most}个月",
                    "en": "--from {first} to --to {last} is {n} months: at most {most} are compared"},
    "errors.to_is_month": {"zh": "--to {last} 与 --month {month} 不同：对比截至通报月份，--to 可省略或写 {month}",
                           "en": "--to {last} differs from --month {month}: the span ends with the reported month"},
    "errors.to_alone": {"zh": "--to 须与 --from 一起使用（例如 --from 2024-01 --to 2024-05）",
                        "en": "--to needs --from (e.g. --from 2024-01 --to 2024-05)"},
    "errors.no_month": {"zh": "缺少 --month：请给出通报月份（如 --month 2024-05），或用 --from/--to 给出对比的月份",
                        "en": "missing --month: give the reported month (e.g. --month 2024-05), or the span with --from/--to"},
}


def _say(key: str, lang: str, **values) -> str:
    return say(TEXT, key, lang, **values)


def month_label(month: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """2024-05 → 2024年5月."""
    year, number = parse_month(month)
    return _say("month", lang, year=year, month=number)


# --- the span --------------------------------------------------------------------------------

class SpanError(ValueError):
    """The months asked for do not make a span (the message says why, in the run's language)."""


def trend_span(month: str | None, count: int | None, first: str | None, last: str | None,
               lang: str = DEFAULT_LANGUAGE) -> tuple[str, list[str] | None]:
    """The reported month and the months shown side by side (None: no trend), from `--month`,
    `--months N` or `--from F [--to T]`. SpanError says what does not fit."""
    if count is not None and (first or last):
        raise SpanError(_say("errors.span_twice", lang))
    if last and not first:
        raise SpanError(_say("errors.to_alone", lang))
    if last and month and last != month:
        raise SpanError(_say("errors.to_is_month", lang, last=last, month=month))
    month = month or last
    if month is None:
        raise SpanError(_say("errors.no_month", lang))
    if count is not None:
        return month, months_up_to(month, count)
    if first is None:
        return month, None
    span = months_between(first, month)
    if not span:
        raise SpanError(_say("errors.reversed", lang, first=first, last=month))
    if len(span) < FEWEST_MONTHS:
        raise SpanError(_say("errors.short", lang, first=first, last=month, fewest=FEWEST_MONTHS))
    if len(span) > MOST_MONTHS:
        raise SpanError(_say("errors.long", lang, first=first, last=month, n=len(span), most=MOST_MONTHS))
    return month, span


def months_beside(months_with_tickets, month: str) -> list[str] | None:
    """The span a log of several months shows beside `month` (the workbench): from its earliest
    month with tickets, at most MOST_MONTHS back, to `month`; None when it has no earlier one."""
    earlier = [m for m in months_with_tickets if m < month]
    if not earlier:
        return None
    span = months_between(min(earlier), month)
    return span[-MOST_MONTHS:]


def report_as_of(report: dict) -> int:
    """The as-of of a built report, as the instant the trend is counted at."""
    return int(datetime.fromisoformat(report["as_of"]).timestamp())


def year_to_date_months(month: str) -> list[str]:
    """January of the month's year to the month itself."""
    year, _ = parse_month(month)
    return months_between(f"{year}-01", month)


# --- the data --------------------------------------------------------------------------------

def _rate(numerator: float, denominator: int) -> dict:
    return {"numerator": numerator, "denominator": denominator, "rate": share(numerator, denominator)}


def _period(row: UnitRates | None, keys: list[str]) -> dict:
    """One unit's figures over one period; a unit without a ticket in it has none to count."""
    if row is None:
        return {"tickets": 0, "rank": None, "rates": {key: _rate(0, 0) for key in keys}}
    return {"tickets": row.tickets, "rank": row.rank,
            "rates": {key: _rate(row.rates[key].numerator, row.rates[key].denominator) for key in keys}}


def build_trend(log, ruleset, months: list[str], as_of: int, lang: str = DEFAULT_LANGUAGE) -> dict:
    """The figures of `months` (the reported one last) and of the year to date, per unit and for
    all units together (schemas/report.schema.json, `trend`)."""
    from checker.reports.monthly import month_scheme
    from checker.reports.outcomes import month_outcomes
    month = months[-1]
    year_months = year_to_date_months(month)
    unjudged: list = []
    scheme = month_scheme(ruleset, month)
    outcomes = month_outcomes(log, ruleset, as_of, set(months) | set(year_months), lang, unjudged, scheme)
    keys = [indicator.id for indicator in scheme_of(scheme).indicators]
    in_year = [replace(outcome, month=YEAR_TO_DATE) for outcome in outcomes if outcome.month in year_months]
    periods = {period: {row.unit: row for row in rates_from_outcomes(outcomes if period != YEAR_TO_DATE
                                                                      else in_year, scheme, period, as_of)}
               for period in [*months, YEAR_TO_DATE]}
    listed = {unit: row.listed for rows in periods.values() for unit, row in rows.items()}
    reported = list(periods[month])
    others = sorted((unit for unit in listed if unit not in periods[month]), key=lambda unit: unit or "")
    units = [{"unit": unit, "listed": listed[unit],
              "months": [{"month": m, **_period(periods[m].get(unit), keys)} for m in months],
              "year_to_date": _period(periods[YEAR_TO_DATE].get(unit), keys)}
             for unit in reported + others]
    by_month = {m: [outcome for outcome in outcomes if outcome.month == m] for m in months}
    total = {"months": [{"month": m, **_period(total_rates(by_month[m], scheme, as_of), keys)} for m in months],
             "year_to_date": _period(total_rates(in_year, scheme, as_of), keys)}
    for entry in (*total["months"], total["year_to_date"]):
        entry["rank"] = None
    return {"months": months, "year_to_date": {"from": year_months[0], "to": month},
            "keys": keys, "empty_months": [m for m in months if not by_month[m]],
            "units": units, "total": total,
            "unjudged": [note["text"] for note in unjudged_notes(unjudged, lang)]}


def unit_trend(report: dict, unit: str | None) -> dict | None:
    """The report narrowed to one unit's trend (and all units together, to compare with), for
    a page of its own (`report --by-unit`): what `trend_table` and the chart take. None when
    the report has no trend or the unit no ticket in it."""
    trend = report.get("trend")
    entry = next((entry for entry in (trend or {}).get("units", ()) if entry["unit"] == unit), None)
    return None if entry is None else {**report, "trend": {**trend, "units": [entry]}}


# --- as people read it -----------------------------------------------------------------------

def trend_title(report: dict, lang: str) -> str:
    months = report["trend"]["months"]
    if months[-1] == report["month"] and len(months) <= 12:
        return _say("trend", lang, n=len(months))
    return _say("trend_span", lang, first=month_label(months[0], lang), last=month_label(months[-1], lang))


def trend_note(report: dict, lang: str) -> str:
    """How the figures are counted, and which months the log has no ticket of."""
    year, number = parse_month(report["month"])
    note = _say("note", lang, year=year, month=number, month_name=MONTH_ABBREVIATIONS_EN[number - 1])
    empty = report["trend"]["empty_months"]
    if empty:
        note += _say("empty_months", lang, months=joined((month_label(m, lang) for m in empty), lang))
    return note


def trend_unjudged(report: dict, lang: str) -> list[str]:
    """The rules the months compared could not be judged by (a calendar year missing, a step
    the export does not record), one line each after a lead-in; [] when all could be."""
    found = report["trend"]["unjudged"]
    return [_say("unjudged", lang), *found] if found else []


def _ytd_header(report: dict, lang: str) -> str:
    year, number = parse_month(report["month"])
    return _say("year_to_date", lang, year=year, month=number, month_name=MONTH_ABBREVIATIONS_EN[number - 1])


def trend_headers(report: dict, lang: str) -> list[str]:
    return [_say("col_unit", lang), _say("col_figure", lang),
            *(month_label(month, lang) for month in report["trend"]["months"]), _ytd_header(report, lang)]


def _rank_cell(period: dict, lang: str):
    if not period["tickets"]:
        return cells.missing()
    return cells.number(period["rank"]) if period["rank"] is not None else cells.text(rank_text(None, lang))


def _cell(period: dict, key: str, lang: str, with_counts: bool = False):
    """One period's tickets, rate (81.3%, or 81.3%（13/16） with its counts) or rank."""
    if key == "tickets":
        return cells.number(period["tickets"])
    if key == "rank":
        return _rank_cell(period, lang)
    rate = period["rates"][key]
    return cells.rate(rate, lang) if with_counts else cells.percent(rate["rate"])


def _counts(period: dict, key: str) -> list:
    """The workbook's numerator and denominator columns of a rate row (blank for the others)."""
    rate = period["rates"].get(key) if key not in ("tickets", "rank") else None
    if not rate or not rate["denominator"]:
        return ["", ""]
    return [cells.number(rate["numerator"]), cells.number(rate["denominator"])]


def trend_table(report: dict, lang: str) -> Table:
    """Per unit (the reported month's ranking order), then all units together: a row of
    tickets, one per rate, one of ranks; a column per month, then the year to date with its
    counts (in the workbook also as two number columns)."""
    trend = report["trend"]
    keys = ["tickets", *trend["keys"], "rank"]
    labels = {"tickets": _say("tickets", lang), "rank": _say("rank", lang), **report["rate_names"]}
    blocks = [(ranking_unit_name(entry, lang), entry, keys) for entry in trend["units"]]
    blocks.append((_say("total", lang), trend["total"], keys[:-1]))
    rows = []
    for name, entry, shown in blocks:
        for index, key in enumerate(shown):
            rows.append([name if index == 0 else "", labels.get(key, key),
                         *(_cell(period, key, lang) for period in entry["months"]),
                         _cell(entry["year_to_date"], key, lang, with_counts=True),
                         *_counts(entry["year_to_date"], key)])
    columns = [Column(header) for header in trend_headers(report, lang)]
    columns += [Column(_say("ytd_numerator", lang), show=SHEET), Column(_say("ytd_denominator", lang), show=SHEET)]
    return Table(columns, rows, name="trend")
