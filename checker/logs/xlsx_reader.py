"""XLSX workbooks, streamed with openpyxl in read-only mode (cached values, not formulas)."""

from __future__ import annotations

import zipfile
from typing import Iterator

from checker.errors import CheckerError, file_error


def open_sheet(path: str, sheet: str | None):
    """(workbook, worksheet): the named sheet, or the first one."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException):
        raise CheckerError("not an XLSX workbook (the file is not a valid zip package)",
                           file=path) from None
    except OSError as error:
        raise file_error(path, "unreadable", error) from None
    except (KeyError, ValueError) as error:
        raise CheckerError(f"damaged XLSX workbook: {error}", file=path) from None
    if sheet is None:
        if not workbook.worksheets:
            workbook.close()
            raise CheckerError("the workbook has no sheet", file=path)
        return workbook, workbook.worksheets[0]
    if sheet not in workbook.sheetnames:
        names = ", ".join(workbook.sheetnames)
        workbook.close()
        raise CheckerError(f"no sheet '{sheet}' in the workbook (sheets: {names})", file=path)
    return workbook, workbook[sheet]


def read_xlsx_rows(path: str, sheet: str | None) -> Iterator[tuple[str, int, tuple]]:
    """(sheet title, row number, cell values) for every non-empty row, the header included.
    Row numbers are Excel's (1 = the top row), whatever blank rows lie between."""
    workbook, worksheet = open_sheet(path, sheet)
    title = worksheet.title
    try:
        for number, cells in enumerate(worksheet.iter_rows(min_row=1, values_only=True), start=1):
            for cell in cells:
                if cell is not None and (cell.__class__ is not str or cell.strip()):
                    yield title, number, cells
                    break
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise CheckerError(f"damaged XLSX workbook: {error}", file=path) from None
    finally:
        workbook.close()
