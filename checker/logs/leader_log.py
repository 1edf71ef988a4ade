"""The leader-day log: who attended each leaders' answering day (clause 2.2.2).

One row per unit and session: `date, unit, leader, attended` (Chinese headers 日期, 单位,
领导, 是否到场 too). CSV in UTF-8, UTF-8 with a BOM or GB18030 (the same detection as the
ticket logs), or XLSX (the first sheet). `attended` is 是/否, true/false and the other
yes/no words of the ticket logs, or 到场/未到场/缺席. `leader` may be empty (an absent unit).
A row that cannot be read is rejected with its line, like a ticket-log row; the header is
the first of the top rows that names the required columns.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from checker.errors import CheckerError, file_error
from checker.i18n import say
from checker.logs.csv_reader import read_csv_rows
from checker.logs.encoding import detect_encoding
from checker.logs.mapping import clean_header
from checker.logs.rows import cell_text
from checker.logs.xlsx_reader import read_xlsx_rows
from checker.model import Rejected
from checker.vocabulary import BOOLEANS

HEADERS: dict[str, tuple[str, ...]] = {
    "date": ("date", "日期", "接听日期", "接听日"),
    "unit": ("unit", "单位", "单位名称", "承办单位"),
    "leader": ("leader", "领导", "领导姓名", "主要领导", "接听领导"),
    "attended": ("attended", "是否到场", "到场", "到场情况", "出席"),
}
REQUIRED = ("date", "unit", "attended")
ATTENDANCE = {**BOOLEANS, "到场": True, "已到场": True, "出席": True, "未到场": False,
              "缺席": False}
HEADER_SEARCH_ROWS = 10

# Rejection reasons are stored in English, like the ticket logs'; the Chinese is here for
# a report that translates them.
MESSAGES = {
    "no_date": {"zh": "缺少日期", "en": "missing date"},
    "bad_date": {"zh": "无法识别的日期“{text}”", "en": "unparseable date '{text}'"},
    "no_unit": {"zh": "缺少单位", "en": "missing unit"},
    "no_attended": {"zh": "缺少是否到场", "en": "missing attended"},
    "bad_attended": {"zh": "是否到场：未知取值“{value}”（应为 是/否）",
                     "en": "attended: unknown value '{value}' (use 是/否)"},
}


def _reason(key: str, **values) -> str:
    return say(MESSAGES, key, "en", **values)

_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
                   r"(?:[T\s]+\d{1,2}:\d{2}(?::\d{2})?)?")


@dataclass(slots=True)
class LeaderEntry:
    date: date
    unit: str
    leader: str | None
    attended: bool
    source: str
    line: int


@dataclass
class LeaderLog:
    entries: list[LeaderEntry] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    rows: int = 0                 # data rows read: len(entries) + len(rejected)
    source: str = ""

    def months(self) -> list[str]:
        return sorted({entry.date.strftime("%Y-%m") for entry in self.entries})

    def of_month(self, month: str) -> list[LeaderEntry]:
        return [entry for entry in self.entries if entry.date.strftime("%Y-%m") == month]


def parse_date(value) -> date:
    """A date cell: a spreadsheet date, 2024-05-21, 2024/5/21, 2024年5月21日 (a time is ignored)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value) or ""
    match = _DATE.fullmatch(text)
    if match is None:
        raise ValueError(_reason("bad_date", text=text))
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        raise ValueError(_reason("bad_date", text=text)) from None


def _rows(path: str):
    extension = os.path.splitext(path)[1].lower()
    if extension in (".csv", ".txt"):
        for line, cells in read_csv_rows(path, detect_encoding(path)):
            yield line, cells
    elif extension == ".xlsx":
        for _, line, cells in read_xlsx_rows(path, None):
            yield line, cells
    else:
        raise CheckerError(f"unsupported leader-day log format '{extension or '(none)'}' "
                           f"(use .csv or .xlsx)", file=path)


def _header_index(cells) -> dict[str, int]:
    index: dict[str, int] = {}
    for position, name in enumerate(clean_header(cells)):
        for column, names in HEADERS.items():
            if column not in index and (name in names or name.lower() in names):
                index[column] = position
    return index


def _entry(cells, index: dict[str, int], path: str, line: int) -> LeaderEntry | str:
    def cell(column: str):
        position = index.get(column)
        return cells[position] if position is not None and position < len(cells) else None

    raw_date = cell("date")
    if cell_text(raw_date) is None and not isinstance(raw_date, (date, datetime)):
        return _reason("no_date")
    try:
        day = parse_date(raw_date)
    except ValueError as error:
        return str(error)
    unit = cell_text(cell("unit"))
    if unit is None:
        return _reason("no_unit")
    attended_text = cell_text(cell("attended"))
    if attended_text is None:
        return _reason("no_attended")
    attended = ATTENDANCE.get(attended_text, ATTENDANCE.get(attended_text.lower()))
    if attended is None:
        return _reason("bad_attended", value=attended_text)
    return LeaderEntry(day, unit, cell_text(cell("leader")), attended, path, line)


def read_leader_log(path: str) -> LeaderLog:
    """Every row of the leader-day log as an entry or a rejected row (with its line).

    Raises CheckerError naming the file when the whole file cannot be read: missing, an
    unsupported extension, not a workbook, or no header with the date, unit and attended
    columns."""
    if not os.path.exists(path):
        raise file_error(path, "not_found")
    if os.path.isdir(path):
        raise CheckerError("is a directory, not a leader-day log", file=path)
    log = LeaderLog(source=path)
    rows = _rows(path)
    index = None
    for _ in range(HEADER_SEARCH_ROWS):
        header = next(rows, None)
        if header is None:
            break
        found = _header_index(header[1])
        if all(column in found for column in REQUIRED):
            index = found
            break
    if index is None:
        wanted = ", ".join(f"{column} ({HEADERS[column][1]})" for column in REQUIRED)
        raise CheckerError(f"no header row with the columns {wanted} in the leader-day log",
                           file=path)
    for line, cells in rows:
        result = _entry(cells, index, path, line)
        if isinstance(result, str):
            log.rejected.append(Rejected(path, line, result))
        else:
            log.entries.append(result)
        log.rows += 1
    return log
