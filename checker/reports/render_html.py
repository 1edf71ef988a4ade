"""The monthly report as ONE self-contained HTML file.

Office intranets are offline: no external script, font or stylesheet; the CSS is inline and
the chart of the three rates is inline SVG drawn here. Everything shown goes through
Jinja2's autoescaping.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from checker.output.labels import unit_name
from checker.output.phrasing import aside
from checker.reports.key_tickets import key_ticket_cells, key_ticket_headers
from checker.reports.leader_day_section import leader_cells, leader_headers, leader_message
from checker.reports.overdue_list import group_heading, overdue_cells, overdue_headers
from checker.reports.ranking_table import (list_lines, percent, previous_line, ranking_cells,
                                           ranking_headers, ranking_pools, total_cells)
from checker.reports.recurring_issues import recurring_cells, recurring_headers, recurring_note
from checker.reports.report_heading import input_line, subtitle
from checker.reports.report_text import ranking_title, text
from checker.reports.trend import trend_headers, trend_note, trend_rows, trend_title

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
TEMPLATE = "monthly.html.j2"

# Chart geometry (SVG user units ≈ CSS pixels).
LABEL_WIDTH = 220           # unit names, right-aligned, left of the plot
PLOT_WIDTH = 560
VALUE_WIDTH = 70            # room for "100.0%" after the longest bar
LEGEND_HEIGHT = 34
AXIS_HEIGHT = 30
BAR_HEIGHT = 11
BAR_GAP = 2
GROUP_GAP = 12
TICKS = (0, 20, 40, 60, 80, 100)
# The bars of the scheme's indicators take these colours in order.
COLORS = ("#2f6db5", "#e08a1e", "#3a9a5b", "#8e5bb5", "#c0392b", "#16a0a0", "#7f7f7f")


@dataclass
class Bar:
    key: str
    x: float
    y: float
    width: float | None     # None: no rate, no bar; "—" is drawn instead
    label: str
    color: str


def chart(report: dict) -> dict:
    """Where every bar, label, tick and legend entry of the rates chart goes."""
    names = report["rate_names"]
    keys = [indicator["id"] for indicator in report["assessment"]["indicators"]]
    colors = {key: COLORS[index % len(COLORS)] for index, key in enumerate(keys)}
    group_height = len(keys) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
    plot_left = LABEL_WIDTH
    groups = []
    y = LEGEND_HEIGHT
    for row in report["units"]:
        bars = []
        for index, key in enumerate(keys):
            value = row[key]["rate"]
            bar_y = y + index * (BAR_HEIGHT + BAR_GAP)
            bars.append(Bar(key=key, x=plot_left, y=bar_y,
                            width=None if value is None else round(value * PLOT_WIDTH, 2),
                            label=percent(value), color=colors[key]))
        groups.append({"unit": unit_name(row["unit"], report["lang"]),
                       "label_y": y + group_height / 2, "bars": bars})
        y += group_height + GROUP_GAP
    plot_bottom = y - GROUP_GAP + 4
    ticks = [{"x": plot_left + PLOT_WIDTH * tick / 100, "label": f"{tick}%"} for tick in TICKS]
    legend = [{"x": plot_left + index * 150, "color": colors[key], "label": names[key]}
              for index, key in enumerate(keys)]
    return {"width": LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH, "height": plot_bottom + AXIS_HEIGHT,
            "plot_left": plot_left, "plot_top": LEGEND_HEIGHT - 6, "plot_bottom": plot_bottom,
            "bar_height": BAR_HEIGHT, "groups": groups, "ticks": ticks, "legend": legend}


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render_html(report: dict) -> str:
    lang = report["lang"]
    overdue = [{"heading": group_heading(group, lang),
                "rows": [overdue_cells(item, lang) for item in group["findings"]]}
               for group in report["overdue"]]
    pools = [{"heading": pool["heading"],
              "rows": [ranking_cells(row, report, lang) for row in pool["rows"]]}
             for pool in ranking_pools(report, lang)] if report["units"] else []
    rates = ranking_title(report, lang)
    context = {
        "report": report,
        "html_lang": "zh-CN" if lang == "zh" else "en",
        "t": lambda key, **values: text(key, lang, **values, **({"rates": rates} if key in (
            "ranking", "chart", "chart_label") else {})),
        "subtitle": subtitle(report, lang),
        "input_line": input_line(report, lang),
        "previous_line": previous_line(report, lang),
        "ranking_headers": ranking_headers(report, lang),
        "ranking_pools": pools,
        "total_row": total_cells(report, lang) if pools else None,
        "list_lines": list_lines(report, lang),
        "key_headers": key_ticket_headers(lang),
        "key_rows": [key_ticket_cells(row, lang) for row in report["key_tickets"]],
        "overdue_headers": overdue_headers(lang),
        "overdue_groups": overdue,
        "leader_message": leader_message(report, lang),
        "leader_headers": leader_headers(lang),
        "leader_rows": [leader_cells(row, lang) for row in report["leader_day"]["rows"]],
        "recurring_note": recurring_note(report, lang),
        "recurring_headers": recurring_headers(lang),
        "recurring_rows": [recurring_cells(row, lang)
                           for row in report["recurring_issues"]["rows"]],
        "chart": chart(report) if report["units"] else None,
        "aside": lambda remark: aside(remark, lang),
        "trend": ({"title": trend_title(report, lang), "note": trend_note(lang),
                   "headers": trend_headers(report, lang), "rows": trend_rows(report, lang)}
                  if report.get("trend") else None),
    }
    return _environment().get_template(TEMPLATE).render(**context)
