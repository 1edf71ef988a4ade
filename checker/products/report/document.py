"""The monthly 通报 (report data of checker.reports.monthly) as a document: the heading,
then the sections 一 to 六 (and 七, the months side by side, when asked), each a sheet of the
workbook. Every figure is a typed cell, so the Markdown, the HTML page, the Word document
and the workbook show the same numbers."""

from __future__ import annotations

from checker.documents import cells
from checker.documents.model import (SHEET, Bullets, Chart, Column, Document, Group, Heading, Note, Notes,
                                     Paragraph, Row, Section, Table)
from checker.i18n import say
from checker.output.labels import unit_name
from checker.output.phrasing import joined, with_aside
from checker.reports import ranking_table as ranking
from checker.reports.definitions import definition_headers
from checker.reports.key_tickets import key_ticket_headers
from checker.reports.leader_day_section import leader_cells, leader_headers, leader_message
from checker.reports.overdue_list import group_heading, overdue_headers
from checker.reports.recurring_issues import recurring_headers, recurring_note, ticket_ids_text
from checker.reports.report_heading import input_line, subtitle
from checker.reports.report_text import ranking_title, text
from checker.reports.trend import trend_note, trend_table, trend_title, trend_unjudged
from checker.reports.trend_chart import trend_chart

_TEXT = {
    "points": {"zh": "（百分点）", "en": " (pp)"},
    "rank_format": {"zh": '"↑"0;"↓"0;"持平"', "en": '"↑"0;"↓"0;"same"'},
    "title": {"zh": "标题", "en": "Title"},
    "ruleset": {"zh": "规则集", "en": "Rule set"},
    "as_of": {"zh": "统计截至", "en": "As of"},
    "input": {"zh": "读取情况", "en": "Input"},
    "changes": {"zh": "变化", "en": "Changes"},
    "no_chart": {"zh": "（本机没有中文字体，图表未嵌入；请查看 HTML 版本。）",
                 "en": "(No Chinese font on this machine: the chart is not embedded; see the HTML.)"},
}


def _say(key: str, lang: str) -> str:
    return say(_TEXT, key, lang)


# --- section 1 ---------------------------------------------------------------------------

def ranking_columns(report: dict, lang: str) -> list[Column]:
    headers = ranking.leading_headers(report, lang) + ranking.figure_headers(report, lang)
    if report["assessment"]["lists"]:
        headers.append(ranking.text("col_lists", lang))
    if report["previous_month"]:
        headers += ranking.change_headers(report, lang, suffix=_say("points", lang))
    return [Column(header) for header in headers]


def score_cell(value: float | None):
    """A score in points, one decimal in text and workbook alike: 132.5."""
    return cells.number(value, ranking.score_text(value), "0.0")


def composite_cell(value: float | None, report: dict):
    """The composite figure as the scheme shows it: a score in points or a percentage."""
    if report["assessment"]["composite"]["shown_as"] == "points":
        return score_cell(value)
    return cells.percent(value)


def _figure_cells(row: dict, report: dict, lang: str) -> list:
    scheme = report["assessment"]
    found = [cells.number(row["tickets"])]
    if scheme["exclusions"]:
        found.append(cells.number(row["excluded"]))
    found += [cells.number(row[count["id"]]) for count in scheme["counts"]]
    for indicator in scheme["indicators"]:
        found.append(cells.rate(row[indicator["id"]], lang))
        if indicator["points"]:
            found.append(score_cell(row[indicator["id"]].get("points")))
    found.append(composite_cell(row["composite"], report))
    return found


def ranking_row(row: dict, report: dict, lang: str) -> list:
    found = [cells.number(row["rank"]) if row["rank"] is not None else cells.text(ranking.rank_text(None, lang)),
             ranking.ranking_unit_name(row, lang), *_figure_cells(row, report, lang)]
    if report["assessment"]["lists"]:
        found.append(ranking.lists_text(row["lists"], report, lang))
    if report["previous_month"]:
        change = row["change"] or {}
        rank = change.get("rank")
        found.append(cells.number(rank, ranking.rank_change(rank, lang), _say("rank_format", lang)))
        found += [cells.points(change.get(indicator["id"])) for indicator in report["assessment"]["indicators"]]
    return found


def total_row(report: dict, lang: str) -> Row:
    found = ["", report["assessment"]["total_name"], *_figure_cells(report["total"], report, lang)]
    if report["assessment"]["lists"]:
        found.append("")
    if report["previous_month"]:
        found += [""] * (1 + len(report["assessment"]["indicators"]))
    return Row(found, bold=True)


def rates_chart(report: dict, lang: str) -> Chart:
    from checker.reports import rates_chart as chart
    return Chart(title=text("chart", lang, rates=ranking_title(report, lang)),
                 svg=lambda: chart.rates_svg(report, text("chart_label", lang, rates=ranking_title(report, lang))),
                 png=lambda: chart.rates_png(report), unavailable=_say("no_chart", lang))


def ranking_section(report: dict, lang: str) -> Section:
    section = Section(text("ranking", lang, rates=ranking_title(report, lang)),
                      sheet=text("sheet_ranking", lang), name="ranking")
    if not report["units"]:
        return section.add(Paragraph(text("no_tickets", lang), "note"),
                           Paragraph(ranking.previous_line(report, lang), "note"))
    pools = ranking.ranking_pools(report, lang)
    columns = ranking_columns(report, lang)
    for index, pool in enumerate(pools):
        if pool["heading"]:
            section.add(Heading(pool["heading"]))
        rows = [ranking_row(row, report, lang) for row in pool["rows"]]
        if index == len(pools) - 1:
            rows.append(total_row(report, lang))
        section.add(Table(columns, rows, name="ranking"))
    listed = ranking.list_lines(report, lang)
    if listed:
        section.add(Bullets(listed))
    return section.add(Paragraph(ranking.previous_line(report, lang), "note"), rates_chart(report, lang))


# --- sections 2 to 5 ----------------------------------------------------------------------

def key_tickets_section(report: dict, lang: str) -> Section:
    rows = [[row["name"], cells.number(row["tickets"]), cells.number(row["open"]), cells.number(row["closed"]),
             cells.number(row["overdue"]), joined(row["units"], lang), joined(row["passed_to"], lang)]
            for row in report["key_tickets"]]
    return Section(text("key_tickets", lang), sheet=text("sheet_key_tickets", lang), name="key-tickets").add(
        Table([Column(header) for header in key_ticket_headers(lang)], rows, name="key-tickets"))


def overdue_row(item: dict, lang: str) -> list:
    return [item["ticket_id"], item["rule_name"], cells.instant_of_iso(item["due"], lang),
            cells.instant_of_iso(item["actual"], lang), item["late"], item["note"] or ""]


def overdue_table(groups: list[dict], lang: str) -> Table:
    headers = overdue_headers(lang, with_unit=True)
    return Table([Column(header) for header in headers[1:]],
                 groups=[Group(group_heading(group, lang), unit_name(group["unit"], lang),
                               [overdue_row(item, lang) for item in group["findings"]]) for group in groups],
                 group_column=Column(headers[0]), name="overdue")


def overdue_section(report: dict, lang: str) -> Section:
    section = Section(text("overdue", lang), sheet=text("sheet_overdue", lang), name="overdue")
    if not report["overdue"]:
        return section.add(Paragraph(text("no_overdue", lang), "note"))
    return section.add(overdue_table(report["overdue"], lang))


def leader_section(report: dict, lang: str) -> Section:
    section = Section(text("leader_day", lang), sheet=text("sheet_leader_day", lang), name="leader-day")
    message = leader_message(report, lang)
    if message:
        return section.add(Paragraph(message, "note"))
    return section.add(Table([Column(header) for header in leader_headers(lang)],
                             [leader_cells(row, lang) for row in report["leader_day"]["rows"]],
                             name="leader-day"))


def recurring_section(report: dict, lang: str) -> Section:
    section = Section(text("recurring_issues", lang), sheet=text("sheet_recurring_issues", lang),
                      name="recurring-issues").add(Paragraph(recurring_note(report, lang), "note"))
    rows = report["recurring_issues"]["rows"]
    if rows:
        section.add(Table([Column(header) for header in recurring_headers(lang)],
                          [[unit_name(row["unit"], lang), row["category"], cells.number(row["tickets"]),
                            cells.number(row["key_tickets"]), ticket_ids_text(row, lang)] for row in rows],
                          name="recurring-issues"))
    return section


def trend_section(report: dict, lang: str) -> Section:
    """七: the months side by side, after 六 so the numbering holds with or without it."""
    title = trend_title(report, lang)
    section = Section(title, sheet=title.split("、", 1)[-1], name="trend").add(Paragraph(trend_note(report, lang), "note"))
    unjudged = trend_unjudged(report, lang)
    if unjudged:
        section.add(Paragraph(unjudged[0], "note"), Bullets(unjudged[1:]))
    return section.add(trend_chart(report, lang), trend_table(report, lang))


# --- section 6 ----------------------------------------------------------------------------

def notes_section(report: dict, lang: str) -> Section:
    ruleset = report["ruleset"]
    # The workbook has no heading lines of its own: its notes sheet names them.
    items = [Note(_say("title", lang), report["title"], show=SHEET),
             Note(_say("ruleset", lang), with_aside(ruleset["id"], ruleset["source"], lang), show=SHEET),
             Note(_say("as_of", lang), cells.instant_of_iso(report["as_of"], lang), show=SHEET),
             Note(_say("input", lang), input_line(report, lang), show=SHEET),
             Note(_say("changes", lang), ranking.previous_line(report, lang), show=SHEET)]
    items += [Note(note["title"], note["text"], note.get("quote")) for note in report["notes"]]
    return Section(text("notes", lang), sheet=text("sheet_notes", lang), name="notes").add(
        Notes(items, tuple(definition_headers(lang))))


def report_sections(report: dict) -> list[Section]:
    lang = report["lang"]
    sections = [ranking_section(report, lang), key_tickets_section(report, lang), overdue_section(report, lang),
                leader_section(report, lang), recurring_section(report, lang)]
    sections.append(notes_section(report, lang))
    if report.get("trend"):
        sections.append(trend_section(report, lang))
    return sections


def report_document(report: dict) -> Document:
    lang = report["lang"]
    return Document(report["title"], [subtitle(report, lang), input_line(report, lang)],
                    report_sections(report), lang=lang)
