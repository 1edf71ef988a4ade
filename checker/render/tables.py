"""What every renderer does the same way with a table: the columns and rows of a format
family, and a grouped table as the reading formats split it or a sheet joins it."""

from __future__ import annotations

from checker.documents.cells import as_cell
from checker.documents.model import Column, Row, Table, shown_in


def rows_of(table_rows: list) -> list[Row]:
    return [row if isinstance(row, Row) else Row(row) for row in table_rows]


def visible(table: Table, family: str, columns: list[Column], rows: list[Row]) -> tuple[list[Column], list[Row]]:
    """The columns shown in `family` and each row's cells of them, as Cells."""
    keep = [index for index, column in enumerate(columns) if shown_in(column.show, family)]
    shown = [Row([as_cell(row.cells[index]) if index < len(row.cells) else as_cell(None) for index in keep],
                 row.bold) for row in rows]
    return [columns[index] for index in keep], shown


def reading_parts(table: Table, family: str = "read") -> list[tuple[str | None, list[Column], list[Row]]]:
    """(sub-heading or None, columns, rows) of each table the reading formats write."""
    if table.groups is None:
        return [(None, *visible(table, family, table.columns, rows_of(table.rows)))]
    return [(group.heading, *visible(table, family, table.columns, rows_of(group.rows)))
            for group in table.groups]


def sheet_table(table: Table) -> tuple[list[Column], list[Row]]:
    """One table for a sheet: the groups joined, their keys as a column."""
    if table.groups is None:
        return visible(table, "sheet", table.columns, rows_of(table.rows))
    columns = list(table.columns)
    columns.insert(table.group_at, table.group_column or Column(""))
    rows = []
    for group in table.groups:
        for row in rows_of(group.rows):
            cells = list(row.cells)
            cells.insert(table.group_at, group.key)
            rows.append(Row(cells, row.bold))
    return visible(table, "sheet", columns, rows)
