"""XLSX workbooks, streamed with openpyxl in read-only mode (cached values, not formulas).

A workbook is a zip of XML parts written by many programs, and sometimes damaged: any
failure of the package or of a part is one error naming the file (and the row being read),
never a traceback. The table is as wide as its top rows (the header and the title lines
above it): a stray cell far to the right (column XFD) of a data row is no column of the
table, and is not read — so it cannot make every row sixteen thousand cells long. A
header wider than the bound (checker.limits XLSX_COLUMNS) is refused.
"""

from __future__ import annotations

import zipfile
from typing import Iterator

from checker import limits
from checker.errors import CheckerError, file_error
from checker.i18n import run_language, say
from checker.output.sanitize import clean_input

# The top rows that fix the table's width: the header search reads no further (checker.logs.header).
WIDTH_ROWS = 10

MESSAGES = {
    "not_zip": {"zh": "不是 XLSX 工作簿（文件不是有效的 zip 包）",
                "en": "not an XLSX workbook (the file is not a valid zip package)"},
    "damaged": {"zh": "XLSX 工作簿已损坏（{detail}）", "en": "damaged XLSX workbook ({detail})"},
    "no_sheet": {"zh": "工作簿中没有工作表", "en": "the workbook has no sheet"},
    "unknown_sheet": {"zh": "工作簿中没有工作表“{sheet}”（现有：{names}）",
                      "en": "no sheet '{sheet}' in the workbook (sheets: {names})"},
    "too_wide": {"zh": "表头超过 {limit} 列（{variable}）", "en": "the header is wider than {limit} columns ({variable})"},
}


def _say(key: str, **values) -> str:
    return say(MESSAGES, key, run_language(), **values)


def _damaged(path: str, error: BaseException, line: int | None = None) -> CheckerError:
    detail = f"{type(error).__name__}: {error}"[:200]
    return CheckerError(_say("damaged", detail=detail), file=path, line=line)


def open_sheet(path: str, sheet: str | None):
    """(workbook, worksheet): the named sheet, or the first one."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException):
        raise CheckerError(_say("not_zip"), file=path) from None
    except OSError as error:
        raise file_error(path, "unreadable", error) from None
    except Exception as error:          # a damaged part: the parsers raise many kinds
        raise _damaged(path, error) from None
    if sheet is None:
        if not workbook.worksheets:
            workbook.close()
            raise CheckerError(_say("no_sheet"), file=path)
        return workbook, workbook.worksheets[0]
    if sheet not in workbook.sheetnames:
        names = ", ".join(workbook.sheetnames)
        workbook.close()
        raise CheckerError(_say("unknown_sheet", sheet=sheet, names=names), file=path)
    return workbook, workbook[sheet]


def _non_empty(cells) -> bool:
    for cell in cells:
        if cell is not None and (cell.__class__ is not str or cell.strip()):
            return True
    return False


def _table_width(worksheet, path: str) -> int:
    """The last column holding anything in the top rows (at most the bound)."""
    bound = limits.int_limit("XLSX_COLUMNS")
    width = found = 0
    for number, cells in enumerate(worksheet.iter_rows(min_row=1, max_col=bound + 1, values_only=True),
                                   start=1):
        last = max((i + 1 for i, cell in enumerate(cells)
                    if cell is not None and (cell.__class__ is not str or cell.strip())), default=0)
        if last:
            width = max(width, last)
            found += 1
        if found >= WIDTH_ROWS or number >= 1000:
            break
    if width > bound:
        raise CheckerError(_say("too_wide", limit=bound, variable=limits.env_name("XLSX_COLUMNS")),
                           file=path, line=1)
    return max(width, 1)


def sheet_names(path: str) -> list[str]:
    """The workbook's sheets, in their order."""
    workbook, _ = open_sheet(path, None)
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def read_xlsx_rows(path: str, sheet: str | None) -> Iterator[tuple[str, int, tuple]]:
    """(sheet title, row number, cell values) for every non-empty row, the header included.
    Row numbers are Excel's (1 = the top row), whatever blank rows lie between."""
    workbook, worksheet = open_sheet(path, sheet)
    title = worksheet.title
    number = None
    try:
        width = _table_width(worksheet, path)
        for number, cells in enumerate(worksheet.iter_rows(min_row=1, max_col=width, values_only=True),
                                       start=1):
            if _non_empty(cells):
                # Every cell of every log is cleaned once, as the CSV reader cleans its lines.
                yield title, number, tuple(clean_input(cell) if cell.__class__ is str else cell
                                           for cell in cells)
    except CheckerError:
        raise
    except OSError as error:
        raise file_error(path, "unreadable", error) from None
    except Exception as error:          # a part that breaks while it is streamed
        raise _damaged(path, error, number + 1 if number is not None else None) from None
    finally:
        workbook.close()
