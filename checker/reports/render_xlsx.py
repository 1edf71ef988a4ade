"""The monthly report as an Excel workbook: one sheet per section (排名, 重点工单, 超期清单,
领导接听日, 反映集中的问题, 口径说明).

Rates are numbers with a percentage format, so the office can sort and chart them; a missing
rate is the text "—", never 0. Instants are Excel datetimes in the rule set's timezone. Text
cells are defused (a leading = + - @ cannot become a formula) and notes are masked.
"""

from __future__ import annotations

from datetime import datetime

from openpyxl import Workbook

from checker.i18n import say
from checker.output.labels import unit_name
from checker.output.numbers import EXCEL_PERCENT, EXCEL_POINTS, PERCENT_DIGITS
from checker.output.phrasing import joined, with_aside
from checker.output.sanitize import mask_personal
from checker.output.xlsx_cells import Sheet, excel_text, workbook_bytes
from checker.reports import ranking_table as ranking
from checker.reports.definitions import definition_headers, definition_text
from checker.reports.key_tickets import key_ticket_headers
from checker.reports.leader_day_section import leader_cells, leader_headers, leader_message
from checker.reports.overdue_list import overdue_headers
from checker.reports.recurring_issues import recurring_headers, recurring_note, ticket_ids_text
from checker.reports.report_heading import input_line, subtitle
from checker.reports.report_text import text
from checker.reports.trend import trend_headers, trend_rows, trend_title

# The digits of the text formats (checker/output/numbers.py): the cell holds the rounded rate.
PERCENT = EXCEL_PERCENT
# A change of a rate in percentage points (the header says so): 0.025 is written as +2.5.
POINTS_CHANGE = EXCEL_POINTS


_TEXT = {
    "group": {"zh": "单位类别", "en": "Group"},
    "rank_format": {"zh": '"↑"0;"↓"0;"持平"', "en": '"↑"0;"↓"0;"same"'},
    "title": {"zh": "标题", "en": "Title"},
    "ruleset": {"zh": "规则集", "en": "Rule set"},
    "as_of": {"zh": "统计截至", "en": "As of"},
    "input": {"zh": "读取情况", "en": "Input"},
    "changes": {"zh": "变化", "en": "Changes"},
    "points": {"zh": "（百分点）", "en": " (pp)"},
}


def _say(key: str, lang: str) -> str:
    return say(_TEXT, key, lang)


def _text(value) -> str:
    """A text cell: characters Excel refuses dropped, formulas defused."""
    return excel_text("" if value is None else str(value))


def _instant(value: str | None):
    """ISO 8601 with offset → a naive local datetime (Excel has no offsets)."""
    return None if not value else datetime.fromisoformat(value).replace(tzinfo=None)


def _rate(value: float | None, number_format: str = PERCENT):
    return "—" if value is None else (value, number_format)


def _points(delta: float | None):
    return "—" if delta is None else (round(delta * 100, PERCENT_DIGITS), POINTS_CHANGE)


def _denominator_columns(report: dict) -> list[tuple[str, str]]:
    """(name, indicator id) of the denominators the scheme names, each name once."""
    seen: dict[str, str] = {}
    for indicator in report["assessment"]["indicators"]:
        name = indicator["denominator_name"]
        if name and name not in seen:
            seen[name] = indicator["id"]
    return list(seen.items())


def _sheet(workbook: Workbook, report: dict, key: str, headers: list[str]) -> Sheet:
    """A sheet titled with the report's title, its page header the rule set and as-of."""
    lang = report["lang"]
    return Sheet(workbook, text(key, lang), headers, heading=report["title"],
                 page_header=subtitle(report, lang))


def _ranking_sheet(workbook: Workbook, report: dict, lang: str) -> None:
    scheme = report["assessment"]
    denominators = _denominator_columns(report)
    with_groups = bool(scheme["groups"])
    headers = ranking.leading_headers(report, lang)
    if with_groups:
        headers.insert(2, _say("group", lang))
    headers += [name for name, _ in denominators] + ranking.figure_headers(report, lang)
    if scheme["lists"]:
        headers.append(ranking.text("col_lists", lang))
    with_changes = bool(report["previous_month"])
    if with_changes:
        headers += ranking.change_headers(report, lang, suffix=_say("points", lang))
    sheet = _sheet(workbook, report, "sheet_ranking", headers)
    composite_format = "0.0" if scheme["composite"]["shown_as"] == "points" else PERCENT
    group_names = {group["id"]: group["name"] for group in scheme["groups"]}

    def counts(row: dict) -> list:
        cells = [row["tickets"]]
        if scheme["exclusions"]:
            cells.append(row["excluded"])
        cells += [row[count["id"]] for count in scheme["counts"]]
        cells += [row[key]["denominator"] for _, key in denominators]
        for indicator in scheme["indicators"]:
            cells.append(_rate(row[indicator["id"]]["rate"]))
            if indicator["points"]:
                cells.append(_rate(row[indicator["id"]].get("points"), "0.0"))
        return cells + [_rate(row["composite"], composite_format)]

    for row in report["units"]:
        cells = [row["rank"] if row["rank"] is not None else ranking.text("not_ranked", lang),
                 _text(ranking.ranking_unit_name(row, lang))]
        if with_groups:
            cells.append(_text(group_names.get(row["group"], ranking.text("other_units", lang))))
        cells += counts(row)
        if scheme["lists"]:
            cells.append(_text(ranking.lists_text(row["lists"], report, lang)))
        if with_changes:
            change = row["change"] or {}
            rank = change.get("rank")
            cells.append("—" if rank is None else (rank, _say("rank_format", lang)))
            cells += [_points(change.get(indicator["id"])) for indicator in scheme["indicators"]]
        sheet.add(cells)
    if report["units"]:
        sheet.add([None, scheme["total_name"], *([None] if with_groups else []),
                   *counts(report["total"])], bold=True)
    sheet.finish()


def _key_tickets_sheet(workbook: Workbook, report: dict, lang: str) -> None:
    sheet = _sheet(workbook, report, "sheet_key_tickets", key_ticket_headers(lang))
    for row in report["key_tickets"]:
        sheet.add([_text(row["name"]), row["tickets"], row["open"], row["closed"], row["overdue"],
                   _text(joined(row["units"], lang)), _text(joined(row["passed_to"], lang))])
    sheet.finish()


def _overdue_sheet(workbook: Workbook, report: dict, lang: str) -> None:
    sheet = _sheet(workbook, report, "sheet_overdue", overdue_headers(lang, with_unit=True))
    for group in report["overdue"]:
        for item in group["findings"]:
            sheet.add([_text(unit_name(group["unit"], lang)), _text(item["ticket_id"]),
                       _text(item["rule_name"]), _instant(item["due"]), _instant(item["actual"]),
                       _text(item["late"]), _text(mask_personal(item["note"]))])
    sheet.finish()


def _leader_sheet(workbook: Workbook, report: dict, lang: str) -> None:
    sheet = _sheet(workbook, report, "sheet_leader_day", leader_headers(lang))
    message = leader_message(report, lang)
    if message:
        sheet.add([_text(message)])
    for row in report["leader_day"]["rows"]:
        sheet.add([_text(mask_personal(cell)) for cell in leader_cells(row, lang)])
    sheet.finish()


def _recurring_sheet(workbook: Workbook, report: dict, lang: str) -> None:
    sheet = _sheet(workbook, report, "sheet_recurring_issues", recurring_headers(lang))
    rows = report["recurring_issues"]["rows"]
    if not rows:
        sheet.add([_text(recurring_note(report, lang))])
    for row in rows:
        sheet.add([_text(unit_name(row["unit"], lang)), _text(row["category"]), row["tickets"],
                   row["key_tickets"], _text(ticket_ids_text(row, lang))])
    sheet.finish()


def _notes_sheet(workbook: Workbook, report: dict, lang: str) -> None:
    sheet = _sheet(workbook, report, "sheet_notes", definition_headers(lang))
    ruleset = report["ruleset"]
    sheet.add([_say("title", lang), _text(report["title"])])
    sheet.add([_say("ruleset", lang), _text(with_aside(ruleset["id"], ruleset["source"], lang))])
    sheet.add([_say("as_of", lang), _instant(report["as_of"])])
    sheet.add([_say("input", lang), _text(input_line(report, lang))])
    sheet.add([_say("changes", lang), _text(ranking.previous_line(report, lang))])
    for note in report["notes"]:
        sheet.add([_text(note["title"]), _text(definition_text(note, lang))])
    sheet.finish(wrap_columns=(2,))


def _trend_sheet(workbook: Workbook, report: dict, lang: str) -> None:
    title = trend_title(report, lang).split("、", 1)[-1]
    sheet = Sheet(workbook, title, trend_headers(report, lang), heading=report["title"],
                  page_header=subtitle(report, lang))
    for row in trend_rows(report, lang):
        sheet.add([_text(cell) for cell in row])
    sheet.finish()


def render_xlsx(report: dict) -> bytes:
    lang = report["lang"]
    workbook = Workbook()
    workbook.remove(workbook.active)
    _ranking_sheet(workbook, report, lang)
    _key_tickets_sheet(workbook, report, lang)
    _overdue_sheet(workbook, report, lang)
    _leader_sheet(workbook, report, lang)
    _recurring_sheet(workbook, report, lang)
    if report.get("trend"):
        _trend_sheet(workbook, report, lang)
    _notes_sheet(workbook, report, lang)
    workbook.properties.title = _text(report["title"])
    return workbook_bytes(workbook)
