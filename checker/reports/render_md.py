"""The monthly report as Markdown: a table per section, every cell escaped."""

from __future__ import annotations

from checker.output.markdown_out import md_cell, md_text
from checker.reports import monthly as m


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(md_cell(h) for h in headers) + " |",
             "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(md_cell(cell) for cell in row) + " |" for row in rows]
    return lines + [""]


def render_markdown(report: dict) -> str:
    lang = report["lang"]
    lines = ["# " + md_text(report["title"]), "",
             md_text(m.subtitle(report, lang)), "", md_text(m.input_line(report, lang)), ""]

    lines += ["## " + md_text(m.text("ranking", lang)), ""]
    if report["units"]:
        rows = [m.ranking_cells(row, report, lang) for row in report["units"]]
        rows.append(m.total_cells(report, lang))
        lines += _table(m.ranking_headers(report, lang), rows)
    else:
        lines += [md_text(m.text("no_tickets", lang)), ""]
    lines += [md_text(m.previous_line(report, lang)), ""]

    lines += ["## " + md_text(m.text("key_tickets", lang)), ""]
    lines += _table(m.key_ticket_headers(lang),
                    [m.key_ticket_cells(row, lang) for row in report["key_tickets"]])

    lines += ["## " + md_text(m.text("overdue", lang)), ""]
    if not report["overdue"]:
        lines += [md_text(m.text("no_overdue", lang)), ""]
    for group in report["overdue"]:
        lines += ["### " + md_text(m.text("overdue_unit", lang, unit=m.unit_label(group["unit"], lang),
                                          count=group["tickets"])), ""]
        lines += _table(m.overdue_headers(lang), [m.overdue_cells(item) for item in group["findings"]])

    lines += ["## " + md_text(m.text("leader_day", lang)), ""]
    message = m.leader_message(report, lang)
    if message:
        lines += [md_text(message), ""]
    else:
        lines += _table(m.leader_headers(lang),
                        [m.leader_cells(row, lang) for row in report["leader_day"]["rows"]])

    lines += ["## " + md_text(m.text("notes", lang)), ""]
    for note in report["notes"]:
        line = f"- **{md_text(note['title'])}**：{md_text(note['text'])}" if lang == "zh" \
            else f"- **{md_text(note['title'])}**: {md_text(note['text'])}"
        if note.get("quote"):
            line += f"（“{md_text(note['quote'])}”）" if lang == "zh" else f" (“{md_text(note['quote'])}”)"
        lines.append(line)
    return "\n".join(lines) + "\n"
