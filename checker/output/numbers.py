"""Rates as every format shows them: one rounding (四舍五入, half up), one number of digits.

A report is read in Markdown, HTML, a workbook, a Word document and JSON; the same rate must
read the same in each. Rates are therefore rounded here, once, with decimal arithmetic (a
binary float rounds 0.8125 and 0.1235 the wrong way now and then), and every renderer
writes the rounded value: the text formats as `81.3%`, the workbook as the number 0.813 with
the percentage format of the same digits, JSON as 0.813. Changes between months are the
differences of the rounded rates, so a reader's own subtraction agrees with the table.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from checker.output.phrasing import with_aside

# Digits after the decimal point of a percentage: 81.3%.
PERCENT_DIGITS = 1
EXCEL_PERCENT = "0." + "0" * PERCENT_DIGITS + "%" if PERCENT_DIGITS else "0%"
# A change in percentage points (the column header says so): +2.5, -0.4, 0.0.
_POINTS = "0." + "0" * PERCENT_DIGITS if PERCENT_DIGITS else "0"
EXCEL_POINTS = f"+{_POINTS};-{_POINTS};{_POINTS}"

_SHARE_STEP = Decimal(1).scaleb(-(PERCENT_DIGITS + 2))      # 0.001: a share to the shown digits
_PERCENT_STEP = Decimal(1).scaleb(-PERCENT_DIGITS)          # 0.1: a percentage
MISSING = "—"


def _decimal(value) -> Decimal:
    """A float as the decimal it was written as (0.1235, not 0.12349999…)."""
    return value if isinstance(value, Decimal) else Decimal(repr(float(value)))


def share(numerator: float, denominator: float) -> float | None:
    """numerator ÷ denominator rounded half up to the shown digits (13/16 → 0.813); None for ÷0."""
    if not denominator:
        return None
    exact = _decimal(numerator) / _decimal(denominator)
    return float(exact.quantize(_SHARE_STEP, rounding=ROUND_HALF_UP))


def rounded(value: float | None) -> float | None:
    """A share (a weighted mean, say) rounded half up to the shown digits: 0.8125 → 0.813."""
    if value is None:
        return None
    return float(_decimal(value).quantize(_SHARE_STEP, rounding=ROUND_HALF_UP))


_SCORE_STEP = Decimal("0.1")                                # points: 132.5


def score_rounded(value: float | None) -> float | None:
    """Points (an indicator's, a composite of 150) rounded half up to one decimal: 27.25 → 27.3."""
    if value is None:
        return None
    return float(_decimal(value).quantize(_SCORE_STEP, rounding=ROUND_HALF_UP))


def difference(now: float | None, before: float | None) -> float | None:
    """The change between two rounded shares, itself exact at the shown digits."""
    if now is None or before is None:
        return None
    return float((_decimal(now) - _decimal(before)).quantize(_SHARE_STEP, rounding=ROUND_HALF_UP))


def _percent(value: float) -> Decimal:
    return (_decimal(value) * 100).quantize(_PERCENT_STEP, rounding=ROUND_HALF_UP)


def percent_text(value: float | None) -> str:
    """0.813 → 81.3%; None → —."""
    return MISSING if value is None else f"{_percent(value)}%"


def points_text(delta: float | None) -> str:
    """A change in percentage points: 0.025 → +2.5; None → —."""
    if delta is None:
        return MISSING
    points = _percent(delta)
    return f"{points:+}" if points else f"{abs(points)}"


def count_text(value: float) -> str:
    """A numerator as written: 13, or 12.5 when satisfaction weighs 基本满意 as a half."""
    return f"{value:g}"


def rate_text(rate: dict, lang: str) -> str:
    """`81.3%（13/16）` in Chinese, `81.3% (13/16)` in English; — without a denominator."""
    if rate["rate"] is None:
        return MISSING
    counts = f"{count_text(rate['numerator'])}/{rate['denominator']}"
    return with_aside(percent_text(rate["rate"]), counts, lang)
