"""Values as an Excel cell takes them: text Excel accepts and will not evaluate, and
instants as naive datetimes in the rule set's timezone (Excel has no offsets)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from rich.cells import cell_len

from checker.output.sanitize import shown_text
from checker.render.xlsx import excel_text
from checker.timefmt import to_datetime

DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MAX_WIDTH = 60
WRAP_WIDTH = 80
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def workbook_bytes(workbook: Workbook) -> bytes:
    """The saved workbook, every text cell and sheet title passed through `excel_text` once
    more: whatever a writer forgot, no workbook leaves with a live formula, a citizen's
    number or a character that makes Excel call the file damaged. (A write-only workbook
    cannot be read back: its writer passes each text cell through `excel_text` itself.)"""
    for sheet in [] if workbook.write_only else workbook.worksheets:
        title = shown_text(sheet.title)
        if title != sheet.title:
            sheet.title = title
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if value.__class__ is str:
                    safe = excel_text(value)
                    if safe != value:
                        cell.value = safe
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def excel_datetime(epoch: int | None, tz: ZoneInfo) -> datetime | None:
    return None if epoch is None else to_datetime(epoch, tz).replace(tzinfo=None)


class Sheet:
    """One sheet: a title row (`heading`), a bold, frozen header row, then rows of (value,
    number format) cells; ready to print: landscape A4 fitted to the page width, the title
    and header rows repeated on every page, borders, and `page_header` (what the sheet was
    taken from and when) at the top of each page with the page numbers at the bottom."""

    def __init__(self, workbook: Workbook, title: str, headers: list[str], heading: str | None = None,
                 page_header: str | None = None):
        self.sheet = workbook.create_sheet(title[:31])
        self.widths = [cell_len(header) for header in headers]
        self.header_row = 1
        if heading:
            self.sheet.append([excel_text(f"{heading} · {title}")])
            self.sheet.cell(row=1, column=1).font = TITLE
            self.sheet.row_dimensions[1].height = 24
            if len(headers) > 1:
                self.sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
            self.header_row = 2
        self.sheet.append([excel_text(header) for header in headers])
        for cell in self.sheet[self.header_row]:
            cell.font = BOLD
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.sheet.freeze_panes = f"A{self.header_row + 1}"
        self._page_setup(page_header)

    def _page_setup(self, page_header: str | None) -> None:
        sheet = self.sheet
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0                    # as many pages down as needed
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_title_rows = f"1:{self.header_row}"
        sheet.print_options.horizontalCentered = True
        sheet.page_margins.left = sheet.page_margins.right = 0.4
        if page_header:
            sheet.oddHeader.center.text = excel_text(page_header).replace("&", "&&")
            sheet.oddHeader.center.size = 9
        sheet.oddFooter.center.text = "&P / &N"

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
            for cells in self.sheet.iter_rows(min_row=self.header_row + 1, min_col=column, max_col=column):
                cells[0].alignment = Alignment(wrap_text=True, vertical="top")
        columns = len(self.widths)
        for row in self.sheet.iter_rows(min_row=self.header_row, max_col=columns):
            for cell in row:
                cell.border = BORDER
