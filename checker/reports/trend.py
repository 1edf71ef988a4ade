"""Months side by side (`report --month 2024-05 --months 6`): each unit's rates and rank in
each of the months up to the reported one, and over the year to date.

The same checks and the same rate definitions as the monthly table (checker.reports.rates),
run once over the tickets of all the months shown; the year to date counts the tickets first
dispatched from January to the reported month as one period. Rates are rounded as every
format shows them (checker/output/numbers.py).
"""

from __future__ import annotations

from dataclasses import replace

from checker.assessment.scheme import scheme_of
from checker.i18n import DEFAULT_LANGUAGE, say
from checker.output.labels import unit_name
from checker.output.numbers import percent_text, share
from checker.reports.months import parse_month, previous_month
from checker.reports.rates import rates_from_outcomes, ticket_outcome

YEAR_TO_DATE = "year_to_date"

TEXT = {
    "trend": {"zh": "七、近{n}个月对比", "en": "7. The last {n} months side by side"},
    "col_unit": {"zh": "承办单位", "en": "Unit"},
    "col_figure": {"zh": "指标", "en": "Figure"},
    "rank": {"zh": "排名", "en": "Rank"},
    "year_to_date": {"zh": "本年累计（{year}年1-{month}月）", "en": "Year to date ({year}, Jan–{month_name})"},
    "month": {"zh": "{year}年{month}月", "en": "{year}-{month:02d}"},
    "note": {"zh": "各月按当月首次派单的工单统计，口径与本月相同；“—”表示当月没有可计算的工单。",
             "en": "Each month counts the tickets first dispatched in it, as this month does; — where a month has none to count."},
}
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def months_up_to(month: str, count: int) -> list[str]:
    """The `count` months ending with `month`, oldest first."""
    months = [month]
    while len(months) < count:
        months.insert(0, previous_month(months[0]))
    return months


def build_trend(log, ruleset, month: str, count: int, as_of: int, lang: str = DEFAULT_LANGUAGE) -> dict:
    """{months, keys, units: [{unit, months: {month|year_to_date: {rate key: share, rank}}}]}."""
    from checker.reports.monthly import check_months, month_scheme
    year, number = parse_month(month)
    shown = months_up_to(month, count)
    year_months = [f"{year}-{m:02d}" for m in range(1, number + 1)]
    checked = check_months(log, ruleset, as_of, set(shown) | set(year_months), lang)
    scheme = month_scheme(ruleset, month)
    outcomes = [ticket_outcome(context, findings, scheme) for context, findings in checked]
    keys = [indicator.id for indicator in scheme_of(scheme).indicators]
    periods = {m: rates_from_outcomes(outcomes, scheme, m, as_of) for m in shown}
    in_year = [replace(outcome, month=YEAR_TO_DATE) for outcome in outcomes if outcome.month in year_months]
    periods[YEAR_TO_DATE] = rates_from_outcomes(in_year, scheme, YEAR_TO_DATE, as_of)
    units: dict[str | None, dict] = {}
    for period, rows in periods.items():
        for row in rows:
            figures = {"rank": row.rank}
            for key in keys:
                rate = row.rates.get(key)
                figures[key] = share(rate.numerator, rate.denominator) if rate is not None else None
            units.setdefault(row.unit, {})[period] = figures
    order = [row.unit for row in periods[month]] + sorted(
        (unit for unit in units if unit not in {row.unit for row in periods[month]}), key=lambda u: u or "")
    return {"months": shown, "keys": keys,
            "units": [{"unit": unit, "periods": units[unit]} for unit in order]}


def trend_title(report: dict, lang: str) -> str:
    return say(TEXT, "trend", lang, n=len(report["trend"]["months"]))


def trend_headers(report: dict, lang: str) -> list[str]:
    trend = report["trend"]
    year, number = parse_month(report["month"])
    heads = [say(TEXT, "col_unit", lang), say(TEXT, "col_figure", lang)]
    for month in trend["months"]:
        y, m = parse_month(month)
        heads.append(say(TEXT, "month", lang, year=y, month=m))
    heads.append(say(TEXT, "year_to_date", lang, year=year, month=number, month_name=_MONTHS_EN[number - 1]))
    return heads


def trend_rows(report: dict, lang: str) -> list[list[str]]:
    """Four rows per unit: each rate over the months, then its rank."""
    trend = report["trend"]
    periods = [*trend["months"], YEAR_TO_DATE]
    rows = []
    for entry in trend["units"]:
        name = unit_name(entry["unit"], lang)
        for index, key in enumerate([*trend["keys"], "rank"]):
            label = say(TEXT, "rank", lang) if key == "rank" else report["rate_names"].get(key, key)
            cells = [name if index == 0 else "", label]
            for period in periods:
                figures = entry["periods"].get(period)
                if figures is None:
                    cells.append("—")
                elif key == "rank":
                    cells.append("—" if figures["rank"] is None else str(figures["rank"]))
                else:
                    cells.append(percent_text(figures.get(key)))
            rows.append(cells)
    return rows


def trend_note(lang: str) -> str:
    return say(TEXT, "note", lang)
