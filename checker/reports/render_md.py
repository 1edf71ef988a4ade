"""The monthly report as Markdown: a table per section, every cell escaped."""

from __future__ import annotations

from checker.output.markdown_out import md_table, md_text
from checker.output.phrasing import colon, with_aside
from checker.reports.key_tickets import key_ticket_cells, key_ticket_headers
from checker.reports.leader_day_section import leader_cells, leader_headers, leader_message
from checker.reports.overdue_list import group_heading, overdue_cells, overdue_headers
from checker.reports.ranking_table import (list_lines, previous_line, ranking_cells, ranking_headers,
                                           ranking_pools, total_cells)
from checker.reports.recurring_issues import recurring_cells, recurring_headers, recurring_note
from checker.reports.report_heading import input_line, subtitle
from checker.reports.report_text import ranking_title, text
from checker.reports.trend import trend_headers, trend_note, trend_rows, trend_title


def render_markdown(report: dict) -> str:
    lang = report["lang"]
    lines = ["# " + md_text(report["title"]), "",
             md_text(subtitle(report, lang)), "", md_text(input_line(report, lang)), ""]

    lines += ["## " + md_text(text("ranking", lang, rates=ranking_title(report, lang))), ""]
    if report["units"]:
        pools = ranking_pools(report, lang)
        for index, pool in enumerate(pools):
            if pool["heading"]:
                lines += ["### " + md_text(pool["heading"]), ""]
            rows = [ranking_cells(row, report, lang) for row in pool["rows"]]
            if index == len(pools) - 1:
                rows.append(total_cells(report, lang))
            lines += md_table(ranking_headers(report, lang), rows) + [""]
        listed = list_lines(report, lang)
        if listed:
            lines += ["- " + md_text(line) for line in listed] + [""]
    else:
        lines += [md_text(text("no_tickets", lang)), ""]
    lines += [md_text(previous_line(report, lang)), ""]

    lines += ["## " + md_text(text("key_tickets", lang)), ""]
    lines += md_table(key_ticket_headers(lang),
                      [key_ticket_cells(row, lang) for row in report["key_tickets"]]) + [""]

    lines += ["## " + md_text(text("overdue", lang)), ""]
    if not report["overdue"]:
        lines += [md_text(text("no_overdue", lang)), ""]
    for group in report["overdue"]:
        lines += ["### " + md_text(group_heading(group, lang)), ""]
        lines += md_table(overdue_headers(lang),
                          [overdue_cells(item, lang) for item in group["findings"]]) + [""]

    lines += ["## " + md_text(text("leader_day", lang)), ""]
    message = leader_message(report, lang)
    if message:
        lines += [md_text(message), ""]
    else:
        lines += md_table(leader_headers(lang),
                          [leader_cells(row, lang) for row in report["leader_day"]["rows"]]) + [""]

    lines += ["## " + md_text(text("recurring_issues", lang)), ""]
    lines += [md_text(recurring_note(report, lang)), ""]
    if report["recurring_issues"]["rows"]:
        lines += md_table(recurring_headers(lang),
                          [recurring_cells(row, lang)
                           for row in report["recurring_issues"]["rows"]]) + [""]

    if report.get("trend"):
        lines += ["## " + md_text(trend_title(report, lang)), "", md_text(trend_note(lang)), ""]
        lines += md_table(trend_headers(report, lang), trend_rows(report, lang)) + [""]

    lines += ["## " + md_text(text("notes", lang)), ""]
    for note in report["notes"]:
        # Title, text and quote are escaped one by one: the punctuation between them is ours.
        line = f"- **{md_text(note['title'])}**{colon(lang)}{md_text(note['text'])}"
        if note.get("quote"):
            line = with_aside(line, f"“{md_text(note['quote'])}”", lang)
        lines.append(line)
    return "\n".join(lines) + "\n"
