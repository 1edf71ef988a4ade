"""The chart of section 1: each unit's rates as horizontal bars. Its geometry (`chart`) is
computed once and drawn twice: as inline SVG for HTML (`rates_svg`, template
`checker/templates/rates_chart.svg.j2`) and as a PNG picture for Word and workbooks
(`rates_png`, checker/reports/chart_png.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from checker.output.labels import unit_name
from checker.output.numbers import percent_text

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

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
                            label=percent_text(value), color=colors[key]))
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


def rates_svg(report: dict, label: str) -> str:
    """The chart as an inline SVG element; every text escaped."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined
    environment = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                              undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return environment.get_template("rates_chart.svg.j2").render(chart=chart(report), label=label)


def rates_png(report: dict) -> bytes | None:
    from checker.reports.chart_png import chart_png
    return chart_png(report)
