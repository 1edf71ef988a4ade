"""`report --by-unit`: the 整改通知单 — one page (one sheet of the workbook) per unit, what the
unit receives from the office: its rates with their counts and its rank beside the whole
area's, its overdue tickets, its tickets whose citizen was not satisfied at the visit, and its
months side by side when `--months` is given. Built from the same report data as the 通报,
so its figures are the 通报's."""

from __future__ import annotations

from checker.documents import cells
from checker.documents.model import Column, Document, Heading, Paragraph, Section, Table
from checker.i18n import say
from checker.output.labels import unit_name
from checker.products.report.document import composite_cell, overdue_row
from checker.reports import ranking_table as ranking
from checker.reports.months import parse_month
from checker.reports.overdue_list import overdue_headers
from checker.reports.report_heading import input_line, subtitle
from checker.reports.trend import trend_table, trend_title, unit_trend
from checker.reports.trend_chart import trend_chart

TEXT = {
    "title": {"zh": "{title} 整改通知单", "en": "{title}: notices to the units"},
    "unit_heading": {"zh": "{unit}整改通知单", "en": "Notice to {unit}"},
    "intro": {"zh": "{unit}：现将贵单位{month}工单办理情况通知如下。请对所列超期工单和群众不满意工单逐件核查整改，"
                    "按要求反馈整改情况。",
              "en": "{unit}: these are your unit's tickets of {month}. Please look into each overdue and "
                    "each unsatisfied ticket listed and report what was done."},
    "month": {"zh": "{year}年{month}月", "en": "{year}-{month:02d}"},
    "figures": {"zh": "考核情况", "en": "Assessment"},
    "col_figure": {"zh": "指标", "en": "Figure"},
    "col_unit": {"zh": "本单位", "en": "This unit"},
    "rank": {"zh": "排名", "en": "Rank"},
    "rank_of": {"zh": "第{rank}名（共{n}个单位参与排名）", "en": "{rank} of {n} ranked units"},
    "overdue": {"zh": "超期工单（{n} 张）", "en": "Overdue tickets ({n})"},
    "no_overdue": {"zh": "本月无超期工单。", "en": "No overdue ticket this month."},
    "unsatisfied": {"zh": "回访不满意工单（{n} 张）", "en": "Unsatisfied at the visit ({n})"},
    "no_unsatisfied": {"zh": "本月无回访不满意工单。", "en": "No unsatisfied visit this month."},
    "col_ticket": {"zh": "工单编号", "en": "Ticket"},
    "col_category": {"zh": "诉求类别", "en": "Category"},
    "col_visited": {"zh": "回访时间", "en": "Visited"},
    "col_resolved": {"zh": "问题是否解决", "en": "Resolved"},
    "col_returned": {"zh": "已退回重办", "en": "Returned"},
    "col_note": {"zh": "备注", "en": "Note"},
    "yes": {"zh": "是", "en": "yes"},
    "no": {"zh": "否", "en": "no"},
    "unknown": {"zh": "未记录", "en": "not recorded"},
}


def _say(key: str, lang: str, **values) -> str:
    return say(TEXT, key, lang, **values)


def _yes_no(value: bool | None, lang: str) -> str:
    return _say("unknown", lang) if value is None else _say("yes" if value else "no", lang)


def _figures(row: dict | None, report: dict, lang: str) -> Table:
    scheme = report["assessment"]
    total = report["total"]
    rows = []
    for indicator in scheme["indicators"]:
        rows.append([indicator["name"], cells.rate(row[indicator["id"]], lang) if row else cells.missing(),
                     cells.rate(total[indicator["id"]], lang)])
    rows.append([report["rate_names"]["composite"],
                 composite_cell(row["composite"], report) if row else cells.missing(),
                 composite_cell(total["composite"], report)])
    if row is not None:
        pool = [other for other in report["units"] if other["group"] == row["group"] and other["rank"] is not None]
        rank = (_say("rank_of", lang, rank=row["rank"], n=len(pool)) if row["rank"] is not None
                else ranking.rank_text(None, lang))
        rows.append([_say("rank", lang), rank, ""])
    return Table([Column(_say("col_figure", lang)), Column(_say("col_unit", lang)),
                  Column(scheme["total_name"])], rows, name="unit-figures")


def _unsatisfied(items: list[dict], lang: str) -> Table:
    columns = [Column(_say(key, lang)) for key in ("col_ticket", "col_category", "col_visited", "col_resolved",
                                                   "col_returned", "col_note")]
    return Table(columns, [[item["ticket_id"], item["category"] or "", cells.instant_of_iso(item["visited"], lang),
                            _yes_no(item["resolved"], lang), _yes_no(item["returned"], lang), item["note"] or ""]
                           for item in items], name="unsatisfied")


def _trend(report: dict, unit: str | None, lang: str) -> list:
    """The unit's months side by side (beside all units together) and its small chart."""
    own = unit_trend(report, unit)
    if own is None:
        return []
    return [Heading(trend_title(report, lang).split("、", 1)[-1]), trend_table(own, lang), trend_chart(own, lang)]


def _units(report: dict) -> list[str | None]:
    """Every unit the month concerns: the ranking's order, then the units only a list names."""
    units = [row["unit"] for row in report["units"]]
    for unit in [group["unit"] for group in report["overdue"]] + [item["unit"] for item in report.get("unsatisfied", ())]:
        if unit not in units:
            units.append(unit)
    return units


def unit_section(report: dict, unit: str | None, lang: str) -> Section:
    year, number = parse_month(report["month"])
    name = unit_name(unit, lang)
    row = next((row for row in report["units"] if row["unit"] == unit), None)
    section = Section(_say("unit_heading", lang, unit=name), sheet=name, new_page=True, name="unit").add(
        Paragraph(_say("intro", lang, unit=name, month=_say("month", lang, year=year, month=number))),
        Heading(_say("figures", lang)), _figures(row, report, lang))
    overdue = next((group for group in report["overdue"] if group["unit"] == unit), None)
    section.add(Heading(_say("overdue", lang, n=overdue["tickets"] if overdue else 0)))
    if overdue:
        section.add(Table([Column(header) for header in overdue_headers(lang)],
                          [overdue_row(item, lang) for item in overdue["findings"]], name="overdue"))
    else:
        section.add(Paragraph(_say("no_overdue", lang), "note"))
    unsatisfied = [item for item in report.get("unsatisfied", ()) if item["unit"] == unit]
    section.add(Heading(_say("unsatisfied", lang, n=len(unsatisfied))))
    section.add(_unsatisfied(unsatisfied, lang) if unsatisfied else Paragraph(_say("no_unsatisfied", lang), "note"))
    return section.add(*_trend(report, unit, lang))


def unit_notices(report: dict) -> Document:
    lang = report["lang"]
    return Document(_say("title", lang, title=report["title"]), [subtitle(report, lang), input_line(report, lang)],
                    [unit_section(report, unit, lang) for unit in _units(report)], lang=lang)
