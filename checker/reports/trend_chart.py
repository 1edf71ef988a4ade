"""The months side by side as small multiples: one small panel per unit, each drawing the
unit's rates (one line per rate, the colours of the report's rates chart) over the months of
the span, every panel on the same scales so that units compare at a glance.

Why a panel per unit and not per rate: a 通报 is read unit by unit (each office looks for its
own row first, and the leadership asks "who is slipping"); a panel per rate would put twenty
or more units' lines on top of each other. The rates of one unit share a panel because they
are read together (a falling 回复率 with a steady 满意率 tells something).

A month in which the unit has no ticket to count is a gap in the line, never a point at 0.
The vertical scale runs from a round level under the lowest rate shown to 100 %, the same for
every panel (its lowest label says where it starts).

The same geometry gives the inline SVG of the HTML report (scales down to a phone: the panels
wrap, two side by side at 360 px; the text takes the page's Chinese font stack) and the PNG of
the Word document and the workbook (Pillow, the font of checker.reports.chart_png).
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

from checker.documents.model import Chart
from checker.i18n import say
from checker.output.labels import unit_name
from checker.output.numbers import percent_text
from checker.output.sanitize import html_escape
from checker.reports.chart_png import SCALE, cjk_font_file
from checker.reports.months import MONTH_ABBREVIATIONS_EN, parse_month
from checker.reports.rates_chart import COLORS
from checker.reports.report_text import ranking_title
from checker.reports.trend import month_label

PANEL_WIDTH = 180
PANEL_HEIGHT = 124
PLOT_LEFT = 34              # room for "100%"
PLOT_RIGHT = 10
PLOT_TOP = 24               # below the unit's name
PLOT_BOTTOM = 20            # room for the month labels
TITLE_CHARS = 13            # a longer name is cut with … (the full one in the tooltip)
MONTH_LABELS = 6            # at most this many month labels under a panel
X_PAD = 8                   # the first and last months stand off the axis ends
# Where rates coincide (two at 100 %) each stays visible: the first rate's line is the widest
# and its markers the largest, drawn first; the shapes also tell the rates apart in black and white.
LINE_WIDTHS = (2.6, 1.8, 1.1)
MARKERS = ("square", "circle", "triangle")
MARKER_SIZES = (3.4, 2.8, 2.4)
# The picture (Word, workbook): panels per row and rows per picture, so one fits an A4 page.
PICTURE_COLUMNS = 4
PICTURE_ROWS = 6
PICTURE_GAP = 10
LEGEND_HEIGHT = 26
GRID_COLOR = "#e3e6ea"
AXIS_COLOR = "#c9ced4"
MUTED = "#59636e"
INK = "#1f2328"
# Styles inline (not attributes): the page's own chart stylesheet must not restyle the panels.
SMALL_TEXT = f"font-size:10px;fill:{MUTED}"

TEXT = {
    "label": {"zh": "各单位{rates}逐月变化（每个单位一幅小图）", "en": "The rates of each unit month by month (a small chart per unit)"},
    "point": {"zh": "{month}{rate}：{value}", "en": "{month} {rate}: {value}"},
    "no_font": {"zh": "（本机没有中文字体，小图未嵌入；请查看 HTML 版本。）",
                "en": "(No Chinese font on this machine: the small charts are not embedded; see the HTML.)"},
    "month_tick": {"zh": "{month}月", "en": "{name}"},
    "span": {"zh": "横轴为{first}至{last}各月，纵轴为{low}至100%，各小图刻度相同；断开处表示该月没有可计算的工单。",
             "en": "Across: the months {first} to {last}; up: {low} to 100%, the same in every panel; "
                   "a break in a line is a month with none to count."},
}


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    month: str
    value: float


@dataclass(frozen=True)
class Series:
    key: str
    name: str
    color: str
    points: list[Point]             # the months with a rate
    runs: list[list[Point]]         # consecutive months with a rate: the line's pieces
    width: float                    # of the line
    marker: str                     # square, circle, triangle
    size: float                     # the marker's half width


@dataclass(frozen=True)
class Panel:
    unit: str                       # the full name (tooltip)
    title: str                      # as drawn (cut to TITLE_CHARS)
    series: list[Series]


def _low(trend: dict) -> float:
    """The bottom of the shared scale: a tenth under the lowest rate shown, rounded down."""
    values = [period["rates"][key]["rate"] for entry in trend["units"] for period in entry["months"]
              for key in trend["keys"] if period["rates"][key]["rate"] is not None]
    if not values:
        return 0.0
    return max(0.0, math.floor(min(values) * 10) / 10 - 0.1)


def _y(value: float, low: float) -> float:
    height = PANEL_HEIGHT - PLOT_TOP - PLOT_BOTTOM
    return round(PLOT_TOP + (1 - (value - low) / (1 - low)) * height, 2)


def _x(index: int, count: int) -> float:
    width = PANEL_WIDTH - PLOT_LEFT - PLOT_RIGHT - 2 * X_PAD
    return round(PLOT_LEFT + X_PAD + (width * index / (count - 1) if count > 1 else width / 2), 2)


def _title(name: str) -> str:
    return name if len(name) <= TITLE_CHARS else name[:TITLE_CHARS - 1] + "…"


def chart_layout(report: dict) -> dict:
    """Every panel's lines and points, the scale's ticks and the month labels, in panel units."""
    trend, lang = report["trend"], report["lang"]
    months, keys = trend["months"], trend["keys"]
    low = _low(trend)
    colors = {key: COLORS[index % len(COLORS)] for index, key in enumerate(keys)}
    names = report["rate_names"]
    panels = []
    for entry in trend["units"]:
        series = []
        for key in keys:
            points, runs, run = [], [], []
            for index, period in enumerate(entry["months"]):
                value = period["rates"][key]["rate"]
                if value is None:
                    if run:
                        runs.append(run)
                    run = []
                    continue
                point = Point(_x(index, len(months)), _y(value, low), period["month"], value)
                points.append(point)
                run.append(point)
            if run:
                runs.append(run)
            order = keys.index(key) % len(MARKERS)
            series.append(Series(key, names.get(key, key), colors[key], points, runs, LINE_WIDTHS[order],
                                 MARKERS[order], MARKER_SIZES[order]))
        name = unit_name(entry["unit"], lang)
        panels.append(Panel(name, _title(name), series))
    middle = round((low + 1) / 2, 3)
    ticks = [{"y": _y(value, low), "label": percent_text(value).replace(".0%", "%")}
             for value in (low, middle, 1.0)]
    step = math.ceil(len(months) / MONTH_LABELS)
    labels = [{"x": _x(index, len(months)), "label": _month_tick(month, lang)}
              for index, month in enumerate(months) if (len(months) - 1 - index) % step == 0]
    return {"panels": panels, "ticks": ticks, "months": labels, "low": low,
            "legend": [(names.get(key, key), colors[key], MARKERS[index % len(MARKERS)])
                       for index, key in enumerate(keys)],
            "caption": say(TEXT, "span", lang, first=month_label(months[0], lang), last=month_label(months[-1], lang),
                           low=ticks[0]["label"]),
            "label": say(TEXT, "label", lang, rates=ranking_title(report, lang))}


def _month_tick(month: str, lang: str) -> str:
    _, number = parse_month(month)
    return say(TEXT, "month_tick", lang, month=number, name=MONTH_ABBREVIATIONS_EN[number - 1])


# --- SVG (the HTML report) ---------------------------------------------------------------------

def _panel_svg(panel: Panel, layout: dict, lang: str) -> str:
    e = html_escape
    right = PANEL_WIDTH - PLOT_RIGHT
    bottom = PANEL_HEIGHT - PLOT_BOTTOM
    parts = [f'<svg class="trend-panel" viewBox="0 0 {PANEL_WIDTH} {PANEL_HEIGHT}" role="img" '
             f'aria-label="{e(panel.unit)}" style="width:100%;min-width:0;height:auto;display:block;'
             f'break-inside:avoid">',
             f"<title>{e(panel.unit)}</title>",
             f'<text x="2" y="14" style="font-size:12px;font-weight:700;fill:{INK}">{e(panel.title)}</text>']
    for tick in layout["ticks"]:
        parts.append(f'<line x1="{PLOT_LEFT}" y1="{tick["y"]}" x2="{right}" y2="{tick["y"]}" '
                     f'stroke="{GRID_COLOR}" stroke-width="1"/>')
        parts.append(f'<text x="{PLOT_LEFT - 4}" y="{tick["y"] + 3}" text-anchor="end" '
                     f'style="{SMALL_TEXT}">{e(tick["label"])}</text>')
    parts.append(f'<line x1="{PLOT_LEFT}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="{AXIS_COLOR}" '
                 f'stroke-width="1"/>')
    for label in layout["months"]:
        parts.append(f'<text x="{label["x"]}" y="{bottom + 13}" text-anchor="middle" '
                     f'style="{SMALL_TEXT}">{e(label["label"])}</text>')
    for series in panel.series:
        parts.append(f'<g class="series" data-rate="{e(series.key)}">')
        for run in series.runs:
            if len(run) > 1:
                points = " ".join(f"{point.x},{point.y}" for point in run)
                parts.append(f'<polyline points="{points}" fill="none" stroke="{series.color}" '
                             f'stroke-width="{series.width}" stroke-linejoin="round"/>')
        for point in series.points:
            tip = say(TEXT, "point", lang, month=month_label(point.month, lang), rate=series.name,
                      value=percent_text(point.value))
            parts.append(_marker_svg(series.marker, point.x, point.y, series.size, series.color,
                                     f"<title>{e(tip)}</title>"))
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def _marker_outline(marker: str, x: float, y: float, size: float) -> list[tuple[float, float]]:
    if marker == "square":
        return [(x - size, y - size), (x + size, y - size), (x + size, y + size), (x - size, y + size)]
    return [(x, y - size * 1.2), (x + size * 1.1, y + size * 0.8), (x - size * 1.1, y + size * 0.8)]


def _marker_svg(marker: str, x: float, y: float, size: float, color: str, inner: str = "") -> str:
    """One point: its class names the rate's marker, its tooltip the month and the rate."""
    if marker == "circle":
        return f'<circle class="point" cx="{x}" cy="{y}" r="{size}" fill="{color}">{inner}</circle>'
    points = " ".join(f"{round(px, 2)},{round(py, 2)}" for px, py in _marker_outline(marker, x, y, size))
    return f'<polygon class="point" points="{points}" fill="{color}">{inner}</polygon>'


def trend_chart_svg(report: dict) -> str:
    """The small multiples as HTML: a legend, then the panels in a grid that wraps to the width
    of the page (no stylesheet needed, nothing fetched); every text escaped. Empty without units."""
    if not report["trend"]["units"]:
        return ""
    lang = report["lang"]
    layout = chart_layout(report)
    legend = "".join(
        f'<span style="display:inline-block;margin-right:14px;white-space:nowrap">'
        f'<svg viewBox="0 0 22 10" width="22" height="10" aria-hidden="true" style="width:22px;min-width:0;'
        f'display:inline;vertical-align:middle;margin-right:4px"><line x1="0" y1="5" x2="22" y2="5" stroke="{color}" stroke-width="2"/>'
        f'{_marker_svg(marker, 11, 5, 3.2, color)}</svg>{html_escape(name)}</span>'
        for name, color, marker in layout["legend"])
    panels = "".join(_panel_svg(panel, layout, lang) for panel in layout["panels"])
    return (f'<div class="trend-chart" role="group" aria-label="{html_escape(layout["label"])}">'
            f'<p style="color:{MUTED};margin:4px 0">{html_escape(layout["caption"])}</p>'
            f'<div class="trend-legend" style="margin:4px 0 6px">{legend}</div>'
            f'<div class="trend-panels" style="display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));'
            f'gap:8px 14px">{panels}</div></div>')


# --- PNG (the Word document, the workbook) -----------------------------------------------------

def trend_chart_pngs(report: dict) -> list[bytes] | None:
    """The small multiples as PNG pictures of at most PICTURE_COLUMNS × PICTURE_ROWS panels each
    (one A4 page), each with the legend; [] without units, None without a Chinese font."""
    if not report["trend"]["units"]:
        return []
    font_file = cjk_font_file()
    if font_file is None:
        return None
    layout = chart_layout(report)
    per_picture = PICTURE_COLUMNS * PICTURE_ROWS
    panels = layout["panels"]
    return [_picture(panels[start:start + per_picture], layout, font_file)
            for start in range(0, len(panels), per_picture)]


def _picture(panels: list[Panel], layout: dict, font_file: str) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    # Always a full row wide: Word sets every picture to the text's width, so the panels keep
    # one size whatever the number of units.
    rows = math.ceil(len(panels) / PICTURE_COLUMNS)
    width = PICTURE_COLUMNS * PANEL_WIDTH + (PICTURE_COLUMNS - 1) * PICTURE_GAP
    height = LEGEND_HEIGHT + rows * PANEL_HEIGHT + (rows - 1) * PICTURE_GAP
    image = Image.new("RGB", (width * SCALE, height * SCALE), "white")
    draw = ImageDraw.Draw(image)
    title = ImageFont.truetype(font_file, 12 * SCALE)
    small = ImageFont.truetype(font_file, 10 * SCALE)
    legend = ImageFont.truetype(font_file, 11 * SCALE)

    def at(x: float, y: float) -> tuple[int, int]:
        return int(x * SCALE), int(y * SCALE)

    x = 2
    for name, color, marker in layout["legend"]:
        draw.line([at(x, 12), at(x + 22, 12)], fill=color, width=2 * SCALE)
        _draw_marker(draw, marker, x + 11, 12, 3.2, color, at)
        draw.text(at(x + 26, 12), name, fill=INK, font=legend, anchor="lm")
        x += 26 + draw.textlength(name, font=legend) / SCALE + 16
    for index, panel in enumerate(panels):
        left = (index % PICTURE_COLUMNS) * (PANEL_WIDTH + PICTURE_GAP)
        top = LEGEND_HEIGHT + (index // PICTURE_COLUMNS) * (PANEL_HEIGHT + PICTURE_GAP)
        _draw_panel(draw, panel, layout, left, top, at, title, small)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _draw_panel(draw, panel: Panel, layout: dict, left: float, top: float, at, title, small) -> None:
    right, bottom = left + PANEL_WIDTH - PLOT_RIGHT, top + PANEL_HEIGHT - PLOT_BOTTOM
    draw.text(at(left + 2, top + 10), panel.title, fill=INK, font=title, anchor="lm")
    for tick in layout["ticks"]:
        y = top + tick["y"]
        draw.line([at(left + PLOT_LEFT, y), at(right, y)], fill=GRID_COLOR, width=SCALE)
        draw.text(at(left + PLOT_LEFT - 4, y), tick["label"], fill=MUTED, font=small, anchor="rm")
    draw.line([at(left + PLOT_LEFT, bottom), at(right, bottom)], fill=AXIS_COLOR, width=SCALE)
    for label in layout["months"]:
        draw.text(at(left + label["x"], bottom + 4), label["label"], fill=MUTED, font=small, anchor="mt")
    for series in panel.series:
        for run in series.runs:
            if len(run) > 1:
                draw.line([at(left + point.x, top + point.y) for point in run], fill=series.color,
                          width=round(series.width * SCALE), joint="curve")
        for point in series.points:
            _draw_marker(draw, series.marker, left + point.x, top + point.y, series.size, series.color, at)


def _draw_marker(draw, marker: str, x: float, y: float, size: float, color: str, at) -> None:
    if marker == "circle":
        draw.ellipse([at(x - size, y - size), at(x + size, y + size)], fill=color)
    else:
        draw.polygon([at(px, py) for px, py in _marker_outline(marker, x, y, size)], fill=color)


def trend_chart(report: dict, lang: str) -> Chart:
    """The small multiples as a block of the report's document."""
    return Chart(title=say(TEXT, "label", lang, rates=ranking_title(report, lang)),
                 svg=lambda: trend_chart_svg(report), png=lambda: trend_chart_pngs(report),
                 unavailable=say(TEXT, "no_font", lang))
