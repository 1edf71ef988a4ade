"""Typed table cells: what a reader sees (`text`) and what a spreadsheet holds (`value` and
its number format), decided once so that every format shows the same thing.

A rate is the rounded share (checker/output/numbers.py) shown as `81.3%（13/16）`; in a
workbook it is the number 0.813 whose number format writes the same text, so it still sorts
and sums. An instant is the clerk's `2024年5月20日24时` in text and a naive local datetime
in a workbook. A missing figure is "—" everywhere, never 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from checker.output.numbers import EXCEL_PERCENT, EXCEL_POINTS, MISSING, percent_text, points_text, rate_text
from checker.timefmt import local_text, to_datetime

DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


@dataclass(slots=True)
class Cell:
    text: str                        # what text formats show
    value: object = None             # what a workbook holds; None: the text
    number_format: str | None = None
    kind: str = "text"               # text | number | rate | percent | instant | missing
    tone: str | None = None          # "bad" or "warn": the terminal's colour

    @property
    def numeric(self) -> bool:
        return self.kind in ("number", "rate", "percent")

    @property
    def sheet_value(self):
        return self.text if self.value is None else self.value


def text(value, tone: str | None = None) -> Cell:
    return Cell("" if value is None else str(value), tone=tone)


def missing() -> Cell:
    return Cell(MISSING, kind="missing")


def number(value: float | int | None, shown: str | None = None, number_format: str | None = None) -> Cell:
    """A count or a score; `shown` when the text is not the plain number (↑2, 132.5)."""
    if value is None:
        return missing()
    return Cell(shown if shown is not None else f"{value:g}", value, number_format, "number")


def percent(share: float | None) -> Cell:
    """0.813 → 81.3%, in a workbook 0.813 with the percentage format of the same digits."""
    if share is None:
        return missing()
    return Cell(percent_text(share), share, EXCEL_PERCENT, "percent")


def _quoted(literal: str) -> str:
    return '"' + literal.replace('"', '""') + '"'


def rate(figure: dict, lang: str) -> Cell:
    """{numerator, denominator, rate} → `81.3%（13/16）`; the workbook's number format carries
    the counts as literal text after the percentage."""
    if figure.get("rate") is None:
        return missing()
    shown = rate_text(figure, lang)
    counts = shown[len(percent_text(figure["rate"])):]
    return Cell(shown, figure["rate"], EXCEL_PERCENT + _quoted(counts), "rate")


def points(delta: float | None) -> Cell:
    """A change in percentage points: +2.5, in a workbook the number 2.5 signed."""
    if delta is None:
        return missing()
    shown = points_text(delta)
    return Cell(shown, float(shown), EXCEL_POINTS, "number")


# An end of day as the texts write it (`2024年5月20日24时`): Excel and WPS cannot write a
# day's midnight as the day before's 24时, so the cell holds the last second of that day.
END_OF_DAY_FORMAT = {"zh": 'yyyy"年"m"月"d"日24时"', "en": 'yyyy-mm-dd "24:00"'}


def instant(epoch: int | None, tz: ZoneInfo, lang: str) -> Cell:
    if epoch is None:
        return Cell("", kind="instant")
    naive = to_datetime(epoch, tz).replace(tzinfo=None)
    if naive.time() == time(0):
        return Cell(local_text(epoch, tz, lang), naive - timedelta(seconds=1),
                    END_OF_DAY_FORMAT.get(lang, END_OF_DAY_FORMAT["zh"]), "instant")
    return Cell(local_text(epoch, tz, lang), naive, DATETIME_FORMAT, "instant")


def instant_of_iso(value: str | None, lang: str) -> Cell:
    """An ISO 8601 instant of report data, at the offset it is written with."""
    if not value:
        return Cell("", kind="instant")
    moment = datetime.fromisoformat(value)
    return instant(int(moment.timestamp()), moment.tzinfo, lang)


def as_cell(value) -> Cell:
    """A builder's value as a cell: cells stay, numbers are numbers, None is empty, the rest text."""
    if isinstance(value, Cell):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number(value)
    return text(value)
