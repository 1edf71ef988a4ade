"""What every output does to the text it shows: clean control characters, mask citizens'
numbers, defuse spreadsheet formulas, escape HTML.

Notes are free text typed by operators and often carry the caller's phone or ID number;
the notice's reports go to many desks, so those numbers are masked wherever they appear,
however they are written: full-width or other Unicode digits (１３９…), a country prefix
(+86, 0086), a word glued in front (tel139…, ID6107…), digits grouped with spaces, dots,
dashes or brackets (139.1008.2008, 139—1015—2015, （0916）1234003, 6107 2119 9001 0112 34).

Exports and rule files also come from outside: text may carry terminal escape sequences,
NULs, U+FFFE/U+FFFF or lone surrogates, which would drive a terminal or a CI log, or make
an XML or XLSX file unreadable. `clean_text` replaces every such character with U+FFFD.
"""

from __future__ import annotations

import html
import re
import unicodedata

# --------------------------------------------------------------- control characters

# C0 controls but tab and newline, DEL and C1 (ESC, CSI, OSC …), the bidirectional
# overrides that make text read backwards, the XML non-characters, lone surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
                     "\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def clean_text(text: str | None) -> str | None:
    """Text safe for a terminal, a CI log, XML and XLSX: unsafe characters become U+FFFD.

    Carriage returns are kept only as part of a line end (a bare \\r rewrites a terminal line).
    """
    if not text:
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(REPLACEMENT, text)


_UNSAFE_INPUT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
                           "\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]")


def clean_input(text: str) -> str:
    """Text as read from an export: unsafe characters become U+FFFD, line ends (\r too) stay
    for the CSV reader to cut. Every cell of every log passes here once."""
    if _UNSAFE_INPUT.search(text) is None:
        return text
    return _UNSAFE_INPUT.sub(REPLACEMENT, text)


def has_unsafe(text: str) -> bool:
    return _UNSAFE.search(text) is not None


# ------------------------------------------------------------------- personal numbers

class _Fold(dict):
    """code point -> the character the number patterns read, always one character long:
    every decimal digit as ASCII, full-width punctuation folded (NFKC), the rest as is."""

    def __missing__(self, code: int) -> str:
        character = chr(code)
        if character.isdecimal():
            folded = str(unicodedata.decimal(character))
        else:
            folded = unicodedata.normalize("NFKC", character)
            if len(folded) != 1 or (folded.isdigit() and not folded.isascii()):
                folded = character
        self[code] = folded
        return folded


_FOLD = _Fold()
# Numbers dictated in Chinese numerals (一三九…): only a run of seven or more counts.
_CHINESE_RUN = re.compile("[〇零一幺二三四五六七八九]{7,}")
_CHINESE_DIGITS = str.maketrans("〇零一幺二三四五六七八九", "001123456789")


def _normalise(text: str) -> str:
    """The text with every digit ASCII and full-width punctuation folded, same length."""
    return text if text.isascii() else text.translate(_FOLD)


# Between the digit groups of one number: up to three of space, dot, dashes, slash,
# underscore, middle dot, brackets (never a newline, a comma or a colon).
_SEP = r"[ \t\u3000.\-\u2010-\u2015\u2212_·/~()\[\]]"
# A run of digit groups; the leading + or 00 of a country prefix, the X of an ID number.
_RUN = re.compile(r"(?<![0-9])(?:\+|\()?[0-9]+(?:" + _SEP + r"{1,3}[0-9]+)*(?:" + _SEP + r"{0,3}[Xx](?![0-9A-Za-z]))?")
_GROUP = re.compile(r"[0-9]+[Xx]?|[Xx]")

_ID18 = re.compile(r"[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx]")
_ID15 = re.compile(r"[1-9]\d{5}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}")
_MOBILE = re.compile(r"1[3-9]\d{9}")
# Landlines: area code (010, 02x, or four digits 03xx–09xx), then a 7–8 digit number; after
# a country prefix the area code's 0 is dropped (+86 916 1234003).
_LANDLINE = re.compile(r"(010|02\d|0[3-9]\d{2})([1-9]\d{6,7})")
_LANDLINE_ABROAD = re.compile(r"(10|2\d|[3-9]\d{2})([1-9]\d{6,7})")


# For writers that mask a column at once (checker/output/finding_columns.py): which printable
# ASCII texts `mask_personal` cannot change, decided without calling it. Every number it masks
# has ten digits or more (the shortest, a Beijing landline: 010 and 7). A text of fewer is left as it
# is; so is one without separators, a "+" or an ID's X, whose runs of digits (each a number on
# its own) are none of MAY_BE_NUMBER_RUN: a mobile's 11, an ID's 15 or 18 digits, a landline's
# 10 to 12 starting with 0, a number after 0086 or 86. Keep these in step with the patterns
# below (tests/test_output_columns.py checks them against mask_personal).
ASCII_SEPARATORS = r"[ \t.\-_/~()\[\]+]"
DIGIT_BEFORE_X = r"[0-9][Xx]"
FEWEST_DIGITS_MASKED = 10
MAY_BE_NUMBER_RUN = (r"(?:^|[^0-9])(?:1[0-9]{10}|[1-9][0-9]{14}|[1-9][0-9]{17}|0[0-9]{9,11}"
                     r"|0086[0-9]*|86[0-9]{10,11})(?:[^0-9]|$)")


def _classify(digits: str, prefixed: bool) -> str | None:
    """The masked form of a whole number, or None when it is not a personal number."""
    if _MOBILE.fullmatch(digits):
        return f"{digits[:3]}****{digits[-4:]}"
    if _ID18.fullmatch(digits) or _ID15.fullmatch(digits):
        return digits[:6] + "*" * (len(digits) - 10) + digits[-4:]
    match = (_LANDLINE_ABROAD if prefixed else _LANDLINE).fullmatch(digits)
    if match:
        area, number = match.groups()
        return f"{area}-{'*' * (len(number) - 4)}{number[-4:]}"
    return None


def _country(digits: str, plus: bool) -> tuple[str, str] | None:
    """(prefix as shown, rest) when the digits start with China's country code."""
    if digits.startswith("0086"):
        return "+86", digits[4:]
    if digits.startswith("86") and (plus or len(digits) in (13, 12)):
        return ("+86" if plus else "86"), digits[2:]
    return None


def _mask_run(run: str) -> str | None:
    """The masked text of a run of digit groups, or None when it holds no personal number."""
    groups = [(m.start(), m.end(), m.group()) for m in _GROUP.finditer(run)]
    plus = run.startswith("+")
    pieces: list[tuple[int, int, str]] = []     # (start, end, masked) within the run
    index = 0
    while index < len(groups):
        found = None
        digits = ""
        for last in range(index, min(index + 8, len(groups))):
            digits += groups[last][2]
            if len(digits) > 22:
                break
            if "X" in digits[:-1].upper():
                break
            masked = _classify(digits, False)
            if masked is None:
                country = _country(digits, plus and index == 0)
                if country is not None:
                    inner = _classify(country[1], True)
                    if inner is not None:
                        masked = country[0] + inner
            if masked is not None:
                found = (last, masked)
        if found is None:
            index += 1
            continue
        last, masked = found
        start = groups[index][0]
        if index == 0 and start == 1:       # the run's leading + or (
            start = 0
            if plus and not masked.startswith("+"):
                masked = "+" + masked
        pieces.append((start, groups[last][1], masked))
        index = last + 1
    if not pieces:
        return None
    out, position = [], 0
    for start, end, masked in pieces:
        out.append(run[position:start])
        out.append(masked)
        position = end
    out.append(run[position:])
    return "".join(out)


def mask_personal(text: str | None) -> str | None:
    """Mask mobile, landline and ID numbers; 13812345678 becomes 138****5678.

    The text is read with its digits normalised (full-width, other scripts, 〇一二…), and a
    masked number is shown in ASCII digits; everything else is left as written.
    """
    if not text:
        return text
    if not text.isascii() and _CHINESE_RUN.search(text):
        text = _CHINESE_RUN.sub(lambda m: _mask_run(m.group().translate(_CHINESE_DIGITS)) or m.group(), text)
    normal = _normalise(text)
    if not any(character.isdigit() for character in normal):
        return text
    out, position, changed = [], 0, False
    for match in _RUN.finditer(normal):
        if match.end() - match.start() < 7:
            continue
        masked = _mask_run(match.group())
        if masked is None:
            continue
        out.append(text[position:match.start()])
        out.append(masked)
        position = match.end()
        changed = True
    if not changed:
        return text
    out.append(text[position:])
    return "".join(out)


def shown_text(text: str | None) -> str | None:
    """Free text as any output shows it: cleaned, then masked."""
    return mask_personal(clean_text(text))


def shown_output(text: str, color: bool = False) -> str:
    """A whole rendered output, the last step before it is written: masked, and cleaned
    unless it is a coloured terminal table (whose cells were cleaned one by one, and whose
    own colour codes must stay)."""
    return mask_personal(text if color else clean_text(text)) or text


def shown_tree(value):
    """Every string inside a JSON-like value (dicts, lists) cleaned and masked; keys too."""
    if isinstance(value, str):
        return shown_text(value)
    if isinstance(value, dict):
        return {shown_tree(key) if isinstance(key, str) else key: shown_tree(item)
                for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [shown_tree(item) for item in value]
    return value


# ------------------------------------------------------------------------ spreadsheets

# Characters that make Excel or LibreOffice read a cell as a formula (OWASP CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def neutralize_formula(cell: str) -> str:
    """Prefix an apostrophe to a cell a spreadsheet would otherwise evaluate."""
    if cell and cell.startswith(_FORMULA_STARTS):
        return "'" + cell
    return cell


def safe_cell(text: str | None) -> str:
    """A free-text cell for a spreadsheet: cleaned, masked, then defused; None becomes ''."""
    return neutralize_formula(shown_text(text) or "")


def html_escape(text) -> str:
    """Text for an HTML page; None becomes ''."""
    if text is None:
        return ""
    return html.escape(str(text), quote=True)
