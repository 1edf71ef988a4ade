"""Any document as text for the terminal (rich): the title, each section's headings, tables
drawn with box lines (rich measures Chinese characters as two columns, so they stay
aligned), paragraphs; the document's lines come last, so that the counts stay on screen
after a long listing. Colour only when asked; cell text is never read as markup."""

from __future__ import annotations

from rich import box
from rich.table import Table as RichTable
from rich.text import Text

from checker.documents.model import Bullets, Chart, Document, Heading, Notes, Paragraph, Table, shown_in
from checker.output.console import text_console
from checker.output.phrasing import colon, with_aside
from checker.render.tables import reading_parts

FAMILY = "read"
TONES = {"bad": "red", "warn": "yellow"}


def _rich_table(columns, rows, color: bool) -> RichTable:
    table = RichTable(box=box.SQUARE, header_style="bold" if color else "")
    for index, column in enumerate(columns):
        numeric = bool(rows) and all(row.cells[index].kind == "number" for row in rows)
        table.add_column(column.header, overflow="fold", no_wrap=column.no_wrap,
                         justify="right" if numeric else "left")
    for row in rows:
        table.add_row(*(Text(cell.text, style=(TONES.get(cell.tone, "") if color else "")
                             + (" bold" if row.bold and color else ""))
                        for cell in row.cells))
    return table


def _block(console, block, lang: str, color: bool) -> None:
    strong = "bold" if color else ""
    if not shown_in(block.show, FAMILY):
        return
    if isinstance(block, Heading):
        console.print()
        console.print(Text(block.text, style=strong))
    elif isinstance(block, Table):
        for heading, columns, rows in reading_parts(block, FAMILY):
            if heading:
                console.print()
                console.print(Text(heading, style=strong))
            console.print(_rich_table(columns, rows, color))
    elif isinstance(block, Paragraph):
        console.print(Text(block.text, style=strong if block.style == "strong" else ""))
    elif isinstance(block, Bullets):
        for item in block.items:
            console.print(Text("- " + item))
    elif isinstance(block, Notes):
        for note in block.items:
            if shown_in(note.show, FAMILY):
                line = f"{note.title}{colon(lang)}{note.shown}"
                console.print(Text(with_aside(line, f"“{note.quote}”", lang) if note.quote else line))
    elif not isinstance(block, Chart):
        raise TypeError(f"unknown block {block!r}")


def render_terminal(document: Document, width: int | None = None, color: bool = False) -> str:
    console = text_console(width, color)
    console.print(Text(document.title, style="bold" if color else ""))
    for section in document.sections:
        if not shown_in(section.show, FAMILY):
            continue
        if section.heading:
            console.print()
            console.print(Text(section.heading, style="bold" if color else ""))
        for block in section.blocks:
            _block(console, block, document.lang, color)
    if document.lines:
        console.print()
        for line in document.lines:
            console.print(Text(line))
    return console.file.getvalue()
