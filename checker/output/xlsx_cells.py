"""Values as an Excel cell takes them: text Excel accepts and will not evaluate, and
instants as naive datetimes in the rule set's timezone (Excel has no offsets)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from rich.cells import cell_len

from checker.output.sanitize import neutralize_formula
from checker.timefmt import to_datetime

DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MAX_WIDTH = 60
WRAP_WIDTH = 80
BOLD = Font(bold=True)


def excel_text(value: str | None) -> str:
    """Control characters Excel refuses are dropped, a leading = + - @ defused; None is ""."""
    return neutralize_formula(ILLEGAL_CHARACTERS_RE.sub("", value or ""))


def excel_datetime(epoch: int | None, tz: ZoneInfo) -> datetime | None:
    return None if epoch is None else to_datetime(epoch, tz).replace(tzinfo=None)


class Sheet:
    """One sheet: a bold, frozen header row, then rows of (value, number format) cells."""

    def __init__(self, workbook: Workbook, title: str, headers: list[str]):
        self.sheet = workbook.create_sheet(title[:31])
        self.widths = [cell_len(header) for header in headers]
        self.sheet.append([excel_text(header) for header in headers])
        for cell in self.sheet[1]:
            cell.font = BOLD
            cell.alignment = Alignment(horizontal="center", vertical="center")
        self.sheet.freeze_panes = "A2"

    def add(self, cells: list, bold: bool = False) -> None:
        values = [cell[0] if isinstance(cell, tuple) else cell for cell in cells]
        self.sheet.append(values)
        row = self.sheet.max_row
        for column, cell in enumerate(cells, start=1):
            target = self.sheet.cell(row=row, column=column)
            if isinstance(cell, tuple) and cell[1]:
                target.number_format = cell[1]
            elif isinstance(target.value, datetime):
                target.number_format = DATETIME_FORMAT
            if bold:
                target.font = BOLD
            width = 16 if isinstance(target.value, datetime) else cell_len(str(target.value or ""))
            self.widths[column - 1] = max(self.widths[column - 1], min(width, WRAP_WIDTH))

    def finish(self, wrap_columns: tuple[int, ...] = ()) -> None:
        for index, width in enumerate(self.widths, start=1):
            limit = WRAP_WIDTH if index in wrap_columns else MAX_WIDTH
            self.sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, limit)
        for column in wrap_columns:
            for cells in self.sheet.iter_rows(min_row=2, min_col=column, max_col=column):
                cells[0].alignment = Alignment(wrap_text=True, vertical="top")
