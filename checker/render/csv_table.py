"""A document's table as CSV for Excel and WPS: the workbook's columns and values, instants
written as they read them as dates (2024-05-11 10:30), every text cell masked and defused."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from checker.documents.model import Table
from checker.output.sanitize import safe_cell
from checker.render.tables import sheet_table


def _value(cell) -> str:
    value = cell.sheet_value
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M")
    if isinstance(value, str):
        return safe_cell(value)
    return "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def render_csv_table(table: Table) -> str:
    columns, rows = sheet_table(table)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(column.header) for column in columns])
    for row in rows:
        writer.writerow([_value(cell) for cell in row.cells])
    return buffer.getvalue()
