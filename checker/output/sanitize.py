"""What every report does to the text it shows: mask citizens' numbers, defuse spreadsheet
formulas, escape HTML.

Notes are free text typed by operators and often carry the caller's phone or ID number;
the notice's reports go to many desks, so those numbers are masked wherever they appear.
"""

from __future__ import annotations

import html
import re

# A number counts only as a whole run of digits: no digit on either side, and no ASCII
# letter in front, so ticket ids such as GD13812345678 or 20240501001 stay untouched.
_START = r"(?<![0-9A-Za-z])"
_END = r"(?![0-9])"

# 18 digits (the last may be X): region, birth date, sequence, check digit.
_ID18 = re.compile(
    _START + r"[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx]"
    r"(?![0-9A-Za-z])")
# The older 15-digit form: region, two-digit birth year, month, day, sequence.
_ID15 = re.compile(
    _START + r"[1-9]\d{5}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}" + _END)
# Mainland mobile numbers, optionally with +86 and written 138-1234-5678 or 138 1234 5678.
_MOBILE = re.compile(
    _START + r"((?:\+?86[-\s]?)?1[3-9]\d)[-\s]?\d{4}[-\s]?(\d{4})" + _END)
# Landlines: area code (010, 02x, or four digits 03xx–09xx), then a 7–8 digit number.
_LANDLINE = re.compile(
    _START + r"\(?(010|02\d|0[3-9]\d{2})\)?[-\s]?([1-9]\d{6,7})" + _END)


def _mask_id(match: re.Match) -> str:
    """Keep the region (first 6) and the last 4: 610721********1234."""
    number = match.group()
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def _mask_mobile(match: re.Match) -> str:
    head, tail = match.groups()
    return f"{head}****{tail}"


def _mask_landline(match: re.Match) -> str:
    area, number = match.groups()
    return f"{area}-{'*' * (len(number) - 4)}{number[-4:]}"


def mask_personal(text: str | None) -> str | None:
    """Mask mobile, landline and ID numbers; 13812345678 becomes 138****5678."""
    if not text:
        return text
    text = _ID18.sub(_mask_id, text)
    text = _ID15.sub(_mask_id, text)
    text = _MOBILE.sub(_mask_mobile, text)
    return _LANDLINE.sub(_mask_landline, text)


# Characters that make Excel or LibreOffice read a cell as a formula (OWASP CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralize_formula(cell: str) -> str:
    """Prefix an apostrophe to a cell a spreadsheet would otherwise evaluate."""
    if cell and cell.startswith(_FORMULA_STARTS):
        return "'" + cell
    return cell


def safe_cell(text: str | None) -> str:
    """A free-text cell for a spreadsheet: masked, then defused; None becomes ''."""
    return neutralize_formula(mask_personal(text) or "")


def html_escape(text) -> str:
    """Text for an HTML page; None becomes ''."""
    if text is None:
        return ""
    return html.escape(str(text), quote=True)
