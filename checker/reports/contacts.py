"""The units' contacts (单位, 联系人, 手机): to whom each unit's reminder message is sent.

A CSV (UTF-8 or GB18030, as Excel and WPS save it) or an XLSX sheet with a header row; the
columns are found by their usual wordings. Every row is checked — the unit must be one the
rule set knows (aliases allowed), the mobile number an 11-digit mainland number — and a file
with mistakes stops with each of them, file and line, so that no message goes to the wrong
person. The numbers are staff numbers: only the outputs meant for sending show them.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from checker.errors import CheckerError, ErrorList, file_error
from checker.i18n import say
from checker.ruleset import RuleSet

HEADERS = {
    "unit": ("单位", "承办单位", "单位名称", "部门", "unit"),
    "name": ("联系人", "姓名", "联系人姓名", "name", "contact"),
    "mobile": ("手机", "手机号", "手机号码", "联系电话", "电话", "mobile", "phone"),
}
_MOBILE = re.compile(r"1[3-9]\d{9}")

MESSAGES = {
    "no_header": {"zh": "找不到表头：需要“单位”“联系人”“手机”三列（缺少：{missing}）",
                  "en": "no header row: the columns 单位 (unit), 联系人 (name) and 手机 (mobile) are needed (missing: {missing})"},
    "unknown_unit": {"zh": "单位“{unit}”不在规则集的承办单位名单中{hint}",
                     "en": "unit '{unit}' is not a handling unit of the rule set{hint}"},
    "hint": {"zh": "（是否为：{names}？）", "en": " (did you mean: {names}?)"},
    "bad_mobile": {"zh": "手机号“{mobile}”不是11位手机号码", "en": "'{mobile}' is not an 11-digit mobile number"},
    "no_unit": {"zh": "缺少单位", "en": "no unit"},
    "twice": {"zh": "单位“{unit}”已在第 {first} 行列出", "en": "unit '{unit}' is listed already on line {first}"},
    "empty": {"zh": "文件中没有联系人", "en": "the file lists no contact"},
}


@dataclass(frozen=True)
class Contact:
    unit: str           # the canonical unit name
    name: str
    mobile: str         # 11 digits


def _rows(path: Path) -> list[list[str]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook
        try:
            sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        except OSError as error:
            raise file_error(path, "unreadable", error) from None
        return [["" if value is None else str(value).strip() for value in row]
                for row in sheet.iter_rows(values_only=True)]
    from checker.logs.encoding import detect_encoding
    encoding = detect_encoding(str(path))
    try:
        with open(path, encoding=encoding, newline="") as stream:
            return [[cell.strip() for cell in row] for row in csv.reader(stream)]
    except OSError as error:
        raise file_error(path, "unreadable", error) from None


def _mobile(text: str) -> str | None:
    digits = re.sub(r"[\s\-()（）]", "", text)
    digits = re.sub(r"^(\+?86)", "", digits)
    return digits if _MOBILE.fullmatch(digits) else None


def load_contacts(path: str | Path, ruleset: RuleSet, lang: str = "zh") -> dict[str, Contact]:
    """{canonical unit: contact}; ErrorList naming every bad line."""
    path = Path(path)
    if not path.is_file():
        raise file_error(path, "not_found")
    rows = _rows(path)
    shown = str(path)
    header_at, columns = None, {}
    for index, row in enumerate(rows[:10]):            # a title row may come first
        found = {key: row.index(word) for key, words in HEADERS.items()
                 for word in words if word in row}
        if len(found) == len(HEADERS):
            header_at, columns = index, found
            break
    if header_at is None:
        missing = "、".join(words[0] for key, words in HEADERS.items())
        raise CheckerError(say(MESSAGES, "no_header", lang, missing=missing), file=shown, line=1)
    contacts: dict[str, Contact] = {}
    first_line: dict[str, int] = {}
    errors: list[CheckerError] = []
    for index, row in enumerate(rows[header_at + 1:], start=header_at + 2):
        cell = {key: row[column] if column < len(row) else "" for key, column in columns.items()}
        if not any(cell.values()):
            continue
        if not cell["unit"]:
            errors.append(CheckerError(say(MESSAGES, "no_unit", lang), file=shown, line=index))
            continue
        unit = ruleset.canonical_unit(cell["unit"])
        if unit is None:
            close = ruleset.closest_units(cell["unit"])
            hint = say(MESSAGES, "hint", lang, names="、".join(close)) if close else ""
            errors.append(CheckerError(say(MESSAGES, "unknown_unit", lang, unit=cell["unit"], hint=hint),
                                       file=shown, line=index))
            continue
        mobile = _mobile(cell["mobile"])
        if mobile is None:
            # The number itself is not repeated whole in the error: it is a person's.
            written = cell["mobile"][:3] + "…" if len(cell["mobile"]) > 3 else cell["mobile"]
            errors.append(CheckerError(say(MESSAGES, "bad_mobile", lang, mobile=written),
                                       file=shown, line=index))
            continue
        if unit in first_line:
            errors.append(CheckerError(say(MESSAGES, "twice", lang, unit=unit, first=first_line[unit]),
                                       file=shown, line=index))
            continue
        first_line[unit] = index
        contacts[unit] = Contact(unit=unit, name=cell["name"], mobile=mobile)
    if errors:
        raise ErrorList(errors)
    if not contacts:
        raise CheckerError(say(MESSAGES, "empty", lang), file=shown)
    return contacts
