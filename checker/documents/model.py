"""The document every product builds and every renderer writes.

A `Document` has a title, the lines under it (what it was taken from and when), and
sections. A section holds blocks in reading order: sub-headings, tables, paragraphs, bullet
lists, notes (a term and its definition) and charts; it may start a new page, and it is one
sheet of a workbook. What only one family of formats needs is marked with `show`:
`"read"` for the formats people read through (Markdown, HTML, Word, the terminal),
`"sheet"` for the workbook, `"all"` (the default) for both.

A table's rows are lists of cells (checker.documents.cells; a plain string is a text cell).
A table may be grouped: the reading formats write a sub-heading per group and a table under
it, the workbook one table with the group's key as a column, so it can be filtered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Union

from checker.documents.cells import Cell

READ = "read"
SHEET = "sheet"
ALL = "all"


def shown_in(show: str, family: str) -> bool:
    """Whether something marked `show` appears in a format of `family` (read or sheet)."""
    return show == ALL or show == family


@dataclass
class Column:
    header: str
    show: str = ALL
    no_wrap: bool = False        # the terminal keeps it on one line (short codes, times)
    wide: bool = False           # long text: the workbook wraps it in a wide column


@dataclass
class Row:
    cells: list
    bold: bool = False           # a total row


@dataclass
class Group:
    heading: str                 # 区住建局（3 张）: the sub-heading of the reading formats
    key: object                  # 区住建局: the workbook's group column
    rows: list


@dataclass
class Table:
    columns: list[Column]
    rows: list = field(default_factory=list)          # lists of cells, or Row
    groups: list[Group] | None = None
    group_column: Column | None = None                 # the workbook's column of group keys
    group_at: int = 0                                  # its position among the columns
    name: str = ""                                     # what the table is (an HTML class)
    filter: bool = False                               # the workbook offers a filter on it
    show: str = ALL


@dataclass
class Heading:
    text: str
    show: str = ALL


@dataclass
class Paragraph:
    text: str
    style: str = "body"          # body | note (smaller, muted) | strong
    show: str = ALL


@dataclass
class Bullets:
    items: list[str]
    show: str = ALL


@dataclass
class Note:
    title: str
    text: Union[str, Cell]
    quote: str | None = None     # the notice's words, written after the text
    show: str = ALL

    @property
    def shown(self) -> str:
        """The text as the reading formats write it (a cell's text)."""
        return self.text if isinstance(self.text, str) else self.text.text


@dataclass
class Notes:
    items: list[Note]
    headers: tuple[str, str]     # the workbook's columns: item, definition
    show: str = ALL


@dataclass
class Chart:
    """A chart drawn by its own module: SVG for HTML, a PNG picture for Word and workbooks, or
    several when one would not fit a page (None when it cannot be drawn, e.g. no Chinese font;
    `unavailable` says so then)."""
    title: str
    svg: Callable[[], str]
    png: Callable[[], bytes | list[bytes] | None]
    unavailable: str = ""
    show: str = ALL

    def pictures(self) -> list[bytes] | None:
        """The PNG pictures in order; None when the chart cannot be drawn."""
        drawn = self.png()
        return None if drawn is None else [drawn] if isinstance(drawn, bytes) else list(drawn)


Block = Union[Heading, Table, Paragraph, Bullets, Notes, Chart]


@dataclass
class Section:
    heading: str
    blocks: list = field(default_factory=list)
    sheet: str | None = None     # the workbook's sheet name (default: the heading)
    new_page: bool = False       # starts a page of its own (Word, print)
    name: str = ""               # an HTML id
    show: str = ALL

    def add(self, *blocks) -> "Section":
        self.blocks.extend(blocks)
        return self


@dataclass
class Document:
    title: str
    lines: list[str] = field(default_factory=list)     # under the title: rule set, as-of, inputs
    sections: list[Section] = field(default_factory=list)
    lang: str = "zh"
    page_header: str | None = None    # printed at the top of each page (default: first line)

    @property
    def header_line(self) -> str | None:
        return self.page_header if self.page_header is not None else (self.lines[0] if self.lines else None)
