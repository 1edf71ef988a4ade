"""Any document as an Excel workbook: a sheet per section, ready to print and to filter.

Every sheet: a title row (the document's title and the sheet's), the tables with a bold
header row (frozen, repeated on every printed page), borders; landscape A4 fitted to the
page width, the document's as-of line at the top of each page and the page numbers at the
bottom. A sheet holds its section's tables and notes first, in order, so the first header
row is always the second row of the sheet; the section's paragraphs follow below, then its
charts as pictures. Cells are typed (checker.documents.cells): rates and counts are numbers,
instants Excel datetimes, every text cell defused and masked (`excel_text`).

The workbook is written row by row (openpyxl's write-only mode), so a year's findings fit in
memory; borders are drawn on sheets of up to BORDER_ROWS rows, the ones meant for printing.
"""

from __future__ import annotations

import io
import math
from datetime import datetime
from functools import lru_cache

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.drawing.image import Image
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from rich.cells import cell_len

from checker.documents.cells import DATETIME_FORMAT, Cell, as_cell
from checker.documents.model import (Bullets, Chart, Column, Document, Heading, Notes, Paragraph, Row,
                                     Section, Table, shown_in)
from checker.output.phrasing import with_aside
from checker.output.sanitize import neutralize_formula, shown_text
from checker.render.tables import sheet_table

FAMILY = "sheet"
MAX_WIDTH = 60
WRAP_WIDTH = 80
MEASURED_ROWS = 1000        # column widths from the first rows; measuring a million is slow
BORDER_ROWS = 5000
PICTURE_ROW_PIXELS = 20     # a default row (15 pt) in pixels, to place pictures one under another
INVALID_TITLE = set(':\\/?*[]')
PAPER_A4 = "9"               # the paper size code of A4 (openpyxl: Worksheet.PAPERSIZE_A4)
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP_ALIGN = Alignment(wrap_text=True, vertical="top")


@lru_cache(maxsize=1 << 16)
def excel_text(value: str | None) -> str:
    """Control characters replaced, numbers masked, a leading = + - @ defused; None is "".
    Kept per distinct text: a sheet of findings repeats its units, rules and messages."""
    return neutralize_formula(shown_text(value or "") or "")


def _width(value) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return len("2024-05-11 10:30")
    return max((cell_len(part) for part in str(value).split("\n")), default=0)


class _Part:
    """One table of a sheet as rows to write: its header and its rows of cells."""

    def __init__(self, columns: list[Column], rows: list[Row], filtered: bool = False):
        self.columns, self.rows, self.filtered = columns, rows, filtered


def _notes_part(notes: Notes, lang: str) -> _Part:
    columns = [Column(notes.headers[0]), Column(notes.headers[1], wide=True)]
    rows = []
    for note in notes.items:
        if not shown_in(note.show, FAMILY):
            continue
        value = note.text
        if isinstance(value, str) and note.quote:
            value = with_aside(value, f"“{note.quote}”", lang)
        rows.append(Row([as_cell(note.title), as_cell(value)]))
    return _Part(columns, rows)


def _first_header_row(ordered: list) -> int | None:
    """The row of the first table's header: after the title row and the headings before it."""
    row = 1
    for part in ordered:
        row += 1
        if isinstance(part, _Part):
            return row
    return None


class _SheetWriter:
    def __init__(self, workbook: Workbook, document: Document, section: Section, lang: str, title: str):
        self.document, self.section, self.lang = document, section, lang
        self.sheet = workbook.create_sheet(title)
        self.title = title
        self.row = 0

    # --- layout --------------------------------------------------------------------------

    def _parts(self) -> tuple[list, list]:
        """(what is written in order; what follows it: the paragraphs and lists that stand
        before the first table, so that the sheet starts with it, and the charts)."""
        ordered, after = [], []
        for block in self.section.blocks:
            if not shown_in(block.show, FAMILY):
                continue
            if isinstance(block, Table):
                ordered.append(_Part(*sheet_table(block), filtered=block.filter))
            elif isinstance(block, Notes):
                ordered.append(_notes_part(block, self.lang))
            elif isinstance(block, Heading) or (isinstance(block, (Paragraph, Bullets))
                                                and any(isinstance(part, _Part) for part in ordered)):
                ordered.append(block)
            else:
                after.append(block)
        return ordered, after

    def write(self) -> None:
        ordered, after = self._parts()
        parts = [part for part in ordered if isinstance(part, _Part)]
        columns = max([len(part.columns) for part in parts] + [1])
        bordered = sum(len(part.rows) for part in parts) <= BORDER_ROWS
        self._widths(parts, columns)
        self._page_setup(columns)
        # A streamed sheet's view is written before its rows: the first header row is known now.
        header_row = _first_header_row(ordered)
        if header_row:
            self.sheet.freeze_panes = f"A{header_row + 1}"
        self.sheet.print_title_rows = f"1:{header_row or 1}"
        self._title(columns)
        for part in ordered:
            if isinstance(part, _Part):
                self._table(part, bordered)
            else:
                self._after(part)
        if after and parts:
            self._line(None)
        for block in after:
            self._after(block)

    def _widths(self, parts: list[_Part], columns: int) -> None:
        widths = [0] * columns
        wide = [False] * columns
        for part in parts:
            for index, column in enumerate(part.columns):
                widths[index] = max(widths[index], _width(column.header))
                wide[index] = wide[index] or column.wide
            for row in part.rows[:MEASURED_ROWS]:
                for index, cell in enumerate(row.cells):
                    # A formatted number is as wide as its text (`81.3%（13/16）`), not its value.
                    shown = cell.text if cell.number_format else cell.sheet_value
                    widths[index] = max(widths[index], min(_width(shown), WRAP_WIDTH))
        for index, width in enumerate(widths, start=1):
            limit = WRAP_WIDTH if wide[index - 1] else MAX_WIDTH
            self.sheet.column_dimensions[get_column_letter(index)].width = min(max(width, 4) + 2, limit)
        self.wide = wide

    def _page_setup(self, columns: int) -> None:
        sheet = self.sheet
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = PAPER_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0                    # as many pages down as needed
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_options.horizontalCentered = True
        sheet.page_margins.left = sheet.page_margins.right = 0.4
        header = self.document.header_line
        if header:
            sheet.oddHeader.center.text = excel_text(header).replace("&", "&&")
            sheet.oddHeader.center.size = 9
        sheet.oddFooter.center.text = "&P / &N"

    # --- rows ----------------------------------------------------------------------------

    def _append(self, cells: list) -> int:
        self.sheet.append(cells)
        self.row += 1
        return self.row

    def _title(self, columns: int) -> None:
        cell = WriteOnlyCell(self.sheet, value=excel_text(f"{self.document.title} · {self.title}"))
        cell.font = TITLE
        self.sheet.row_dimensions[1].height = 24
        if columns > 1:
            self.sheet.merged_cells.add(f"A1:{get_column_letter(columns)}1")
        self._append([cell])

    def _line(self, text: str | None, font: Font | None = None) -> None:
        if text is None:
            self._append([])
            return
        cell = WriteOnlyCell(self.sheet, value=excel_text(text))
        if font is not None:
            cell.font = font
        self._append([cell])

    def _table(self, part: _Part, bordered: bool) -> int:
        header = []
        for column in part.columns:
            cell = WriteOnlyCell(self.sheet, value=excel_text(column.header))
            cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, HEADER_ALIGN
            if bordered:
                cell.border = BORDER
            header.append(cell)
        header_row = self._append(header)
        for row in part.rows:
            self._append([self._cell(cell, row.bold, bordered, self.wide[index])
                          for index, cell in enumerate(row.cells)])
        if part.filtered and not self.sheet.auto_filter.ref:
            last = get_column_letter(len(part.columns))
            self.sheet.auto_filter.ref = f"A{header_row}:{last}{max(self.row, header_row)}"
        return header_row

    def _cell(self, cell: Cell, bold: bool, bordered: bool, wrap: bool):
        value = cell.sheet_value
        if value.__class__ is str:
            value = excel_text(value)
        styled = bold or bordered or wrap or cell.number_format or isinstance(value, datetime)
        if not styled:
            # Plain values are much cheaper to stream; only styled cells need a cell object.
            return None if value == "" else value
        target = WriteOnlyCell(self.sheet, value=None if value == "" else value)
        if cell.number_format:
            target.number_format = cell.number_format
        elif isinstance(value, datetime):
            target.number_format = DATETIME_FORMAT
        if bold:
            target.font = BOLD
        if bordered:
            target.border = BORDER
        if wrap:
            target.alignment = WRAP_ALIGN
        return target

    def _after(self, block) -> None:
        if isinstance(block, Heading):
            self._line(block.text, BOLD)
        elif isinstance(block, Paragraph):
            self._line(block.text, BOLD if block.style == "strong" else None)
        elif isinstance(block, Bullets):
            for item in block.items:
                self._line(item)
        elif isinstance(block, Chart):
            pictures = block.pictures()
            if pictures is None:
                self._line(block.unavailable or None)
                return
            self._line(block.title, BOLD)
            for index, picture in enumerate(pictures):
                if index:                       # the next picture below the last, not over it
                    for _ in range(math.ceil(image.height / PICTURE_ROW_PIXELS) + 1):
                        self._line(None)
                image = Image(io.BytesIO(picture))
                image.width, image.height = image.width / 2, image.height / 2     # drawn at twice the size
                image.anchor = f"A{self.row + 1}"
                self.sheet.add_image(image)


def sheet_title(name: str, taken: set[str]) -> str:
    """A sheet name Excel accepts: none of : \\ / ? * [ ], at most 31 characters, not one
    already taken (Excel compares them without case): 区住建局, 区住建局（2）…"""
    base = "".join("_" if char in INVALID_TITLE else char for char in shown_text(name) or "").strip("'") or "_"
    title, number = base[:31], 1
    while title.casefold() in taken:
        number += 1
        suffix = f"（{number}）"
        title = base[:31 - len(suffix)] + suffix
    taken.add(title.casefold())
    return title


def render_xlsx(document: Document) -> bytes:
    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    for section in document.sections:
        if shown_in(section.show, FAMILY):
            title = sheet_title(section.sheet or section.heading, taken)
            _SheetWriter(workbook, document, section, document.lang, title).write()
    workbook.properties.title = excel_text(document.title)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
