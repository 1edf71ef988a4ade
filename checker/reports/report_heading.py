"""The monthly report's heading: its title, the rule set and as-of line, the input line."""

from __future__ import annotations

from checker.i18n import DEFAULT_LANGUAGE, say
from checker.reports.months import parse_month
from checker.reports.report_text import short_instant
from checker.ruleset import RuleSet

TEXT: dict[str, dict[str, str]] = {
    "title": {"zh": "{heading} {year}年{month}月", "en": "{heading}, {month_name} {year}"},
    "heading": {"zh": "热线工单办理情况通报", "en": "Hotline tickets: monthly report"},
    "subtitle": {"zh": "规则集：{title}（{ruleset}，{source}）；统计截至：{as_of}",
                 "en": "Rule set: {title} ({ruleset}, {source}); as of {as_of}"},
    "input_line": {"zh": "读取 {rows} 行，{events} 个事件，{rejected} 行被拒；本月工单 {tickets} 张",
                   "en": "{rows} rows read, {events} events, {rejected} rejected; "
                         "{tickets} tickets this month"},
}

MONTH_NAMES_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December")


def report_title(ruleset: RuleSet, month: str, lang: str = DEFAULT_LANGUAGE) -> str:
    year, number = parse_month(month)
    # An office may name its report in the rule set (ranking.title); the catalogue's
    # generic heading otherwise.
    heading = ruleset.section("ranking").get("title") if lang == "zh" else None
    return say(TEXT, "title", lang, heading=heading or say(TEXT, "heading", lang), year=year,
               month=number, month_name=MONTH_NAMES_EN[number - 1])


def subtitle(report: dict, lang: str = DEFAULT_LANGUAGE) -> str:
    ruleset = report["ruleset"]
    return say(TEXT, "subtitle", lang, title=ruleset["title"], ruleset=ruleset["id"],
               source=ruleset["source"], as_of=short_instant(report["as_of"], lang))


def input_line(report: dict, lang: str = DEFAULT_LANGUAGE) -> str:
    data = report["input"]
    return say(TEXT, "input_line", lang, rows=data["rows"], events=data["events"],
               rejected=data["rejected"], tickets=report["total"]["tickets"])
