"""Any document as a Word document (python-docx), the form offices publish in.

红头 (the issuing office in red and a red rule), 文号, title, the sections with their tables
as Word tables (header rows repeated on every page), charts as pictures, and the 抄送 line.
The office may replace the 红头 with its own: a .docx template whose paragraphs may hold the
placeholders {发文机关}, {文号}, {标题}, {日期}; the body goes where a paragraph reads {正文},
else at the end. Cells are the text formats' (checker.documents.cells), so the document and
the other formats agree; every text is masked like every other output.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date

from docx import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from rich.cells import cell_len

from checker.documents.model import (Bullets, Chart, Document, Heading, Notes, Paragraph, Table, shown_in)
from checker.i18n import say
from checker.output.phrasing import colon, with_aside
from checker.output.sanitize import shown_text
from checker.render.tables import reading_parts
from checker.timefmt import day_text

FAMILY = "read"
RED = RGBColor(0xC0, 0x00, 0x00)
BODY_FONT = "仿宋_GB2312"          # GB/T 9704 body text; WPS and Word fall back when absent
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"

_TEXT = {
    "number_blank": {"zh": "{prefix}〔{year}〕　　号", "en": "{prefix} [{year}] No.  "},
    "number": {"zh": "{prefix}〔{year}〕{number}号", "en": "{prefix} [{year}] No. {number}"},
    "cc": {"zh": "抄送：{cc}", "en": "Copy to: {cc}"},
    "issuer": {"zh": "{office}文件", "en": "{office}"},
}


@dataclass(frozen=True)
class Publication:
    """What makes a document one of the office's: who issues it, its number, its copies."""
    office: str | None = None             # 发文机关 (configuration office.name)
    doc_prefix: str | None = None         # 文号 prefix (configuration office.doc_prefix)
    doc_number: str | None = None         # the number in the year; blank to be filled by hand
    cc: str | None = None                 # 抄送
    template: str | None = None           # a .docx with the office's own 红头
    issued: date | None = None
    year: str | None = None               # the year of the 文号 (the report's)


def _font(run, name: str, size: float | None = None, bold: bool = False, color=None) -> None:
    run.font.name = name
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    if size:
        run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color


def _paragraph(container, content: str, font: str = BODY_FONT, size: float = 12, bold=False,
               align=None, color=None):
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    _font(paragraph.add_run(shown_text(content) or ""), font, size, bold, color)
    return paragraph


def _red_rule(paragraph) -> None:
    """The red line under the 红头: a bottom border of the paragraph."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "18"), ("w:space", "4"), ("w:color", "C00000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _doc_number(publication: Publication, lang: str) -> str | None:
    if not publication.doc_prefix:
        return None
    year = publication.year or str((publication.issued or date.today()).year)
    if publication.doc_number:
        return say(_TEXT, "number", lang, prefix=publication.doc_prefix, year=year,
                   number=publication.doc_number)
    return say(_TEXT, "number_blank", lang, prefix=publication.doc_prefix, year=year)


class _Body:
    """Where the content goes: the end of the document, or before a {正文} paragraph."""

    def __init__(self, document, anchor=None):
        self.document = document
        self.anchor = anchor

    def add_paragraph(self, text=""):
        if self.anchor is None:
            return self.document.add_paragraph(text)
        return self.anchor.insert_paragraph_before(text)

    def add_table(self, rows: int, cols: int):
        table = self.document.add_table(rows=rows, cols=cols)
        if self.anchor is not None:
            self.anchor._p.addprevious(table._tbl)
        return table

    def add_picture(self, data: bytes, width):
        paragraph = self.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run().add_picture(io.BytesIO(data), width=width)

    def page_break(self):
        self.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


UNIT = Pt(6)                # a half-width character of the 9-point table text (a bold digit)
CELL_MARGIN_TWIPS = 57      # 0.1 cm each side
PADDING = Cm(0.25)          # a cell's left and right margins together, and its borders
TWIP = 635                  # EMU
NARROWEST = 4               # two Chinese characters
WIDEST = 30
_UNBREAKABLE = re.compile(r"[（(]?[0-9A-Za-z.%/:+\-—↑↓]+[）)]?")


def _needs(value: str) -> tuple[int, int]:
    """(narrowest, natural) width of a cell in half-width characters: a figure such as
    `（13/16）` is never broken, Chinese text may break between any two characters."""
    lines = (value or "").split("\n")
    natural = max((cell_len(line) for line in lines), default=0)
    narrowest = max((cell_len(token) for token in _UNBREAKABLE.findall(value or "")), default=0)
    return max(narrowest, NARROWEST), max(min(natural, WIDEST), narrowest, NARROWEST)


def _column_widths(lines: list[tuple[list[str], bool]], total: int) -> list[int]:
    """The page's text width shared as a browser lays out a table: each column first gets
    what its figures need unbroken (`81.3%` over `（13/16）`, never `%（13/1` over `6）`),
    the rest goes to the columns whose text would rather not wrap, as much as they lack."""
    columns = len(lines[0][0])
    narrowest, natural = [0] * columns, [0] * columns
    for values, _ in lines:
        for index, value in enumerate(values):
            low, high = _needs(value)
            narrowest[index] = max(narrowest[index], low)
            natural[index] = max(natural[index], high)
    least = [low * UNIT + PADDING for low in narrowest]
    spare = total - sum(least)
    if spare <= 0:                                   # too many columns: shrink them alike
        widths = [width * total / sum(least) for width in least]
    else:
        lacking = [(high - low) * UNIT for low, high in zip(narrowest, natural)]
        share = min(1.0, spare / sum(lacking)) if sum(lacking) else 0.0
        widths = [width + lack * share for width, lack in zip(least, lacking)]
    return [int(width) // TWIP * TWIP for width in widths]     # Word keeps whole twips


def _text_width(document) -> int:
    """The width between the margins of the last section: the office's template decides it."""
    page = document.sections[-1]
    if None in (page.page_width, page.left_margin, page.right_margin):
        return Cm(15.6)                              # A4 with the margins render_docx sets
    return page.page_width - page.left_margin - page.right_margin


def _cell_lines(cell) -> str:
    """A rate as its share over its counts (`81.3%` / `（13/16）`): the line breaks where a
    reader expects it, not inside a figure."""
    text = cell.text
    if cell.kind == "rate" and "（" in text:
        share, counts = text.split("（", 1)
        return share + "\n（" + counts
    return text


def _narrow_margins(table) -> None:
    """Cell margins of 0.1 cm (Word's default is 0.19): a nine-column ranking fits A4 upright."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(CELL_MARGIN_TWIPS))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)


def _table(body: _Body, headers: list[str], rows) -> None:
    table = body.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _narrow_margins(table)
    lines = [(headers, True)] + [([_cell_lines(cell) for cell in row.cells], row.bold) for row in rows]
    table.autofit = False
    widths = _column_widths(lines, _text_width(body.document))
    for column, width in zip(table.columns, widths):
        column.width = width                         # the grid LibreOffice and WPS follow
    # Row by row: python-docx's table.cell(r, c) walks the whole table each call, which is
    # quadratic in the cells (seconds for a year of months side by side).
    for row_index, ((values, bold), word_row) in enumerate(zip(lines, table.rows)):
        header = row_index == 0
        for value, cell, width in zip(values, word_row.cells, widths):
            cell.width = width                       # the cell widths Word follows
            cell.text = ""
            run = cell.paragraphs[0].add_run()
            for index, line in enumerate((shown_text(value) or "").split("\n")):
                if index:
                    run.add_break()
                run.add_text(line)
            _font(run, HEADING_FONT if header else BODY_FONT, 9, bold)
    repeat = OxmlElement("w:tblHeader")              # the header row on every page the table spans
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)


def _fill_placeholders(document, values: dict[str, str]):
    """Replace {发文机关} … in the template's paragraphs; the {正文} paragraph, if any."""
    anchor = None
    for paragraph in document.paragraphs:
        if "{正文}" in paragraph.text:
            anchor = paragraph
            continue
        if any(f"{{{key}}}" in paragraph.text for key in values):
            replaced = paragraph.text
            for key, value in values.items():
                replaced = replaced.replace(f"{{{key}}}", value)
            for extra in paragraph.runs[1:]:
                extra.text = ""
            if paragraph.runs:
                paragraph.runs[0].text = replaced
    return anchor


def _head(word, document: Document, publication: Publication) -> None:
    lang = document.lang
    if publication.office:
        _paragraph(word, say(_TEXT, "issuer", lang, office=publication.office), TITLE_FONT, 26, True,
                   WD_ALIGN_PARAGRAPH.CENTER, RED)
    rule = _paragraph(word, _doc_number(publication, lang) or "", BODY_FONT, 14, align=WD_ALIGN_PARAGRAPH.CENTER)
    _red_rule(rule)
    _paragraph(word, document.title, TITLE_FONT, 20, True, WD_ALIGN_PARAGRAPH.CENTER)


def _heading(body: _Body, content: str, level: int = 1) -> None:
    _paragraph(body, content, HEADING_FONT, 14 if level == 1 else 12, level == 1)


def _note_line(note, lang: str) -> str:
    line = f"{note.title}{colon(lang)}{note.shown}"
    return with_aside(line, f"“{note.quote}”", lang) if note.quote else line


def _block(body: _Body, block, lang: str) -> None:
    if not shown_in(block.show, FAMILY):
        return
    if isinstance(block, Heading):
        _heading(body, block.text, 2)
    elif isinstance(block, Table):
        for heading, columns, rows in reading_parts(block, FAMILY):
            if heading:
                _heading(body, heading, 2)
            _table(body, [column.header for column in columns], rows)
    elif isinstance(block, Paragraph):
        _paragraph(body, block.text, BODY_FONT, 10 if block.style == "note" else 12, block.style == "strong")
    elif isinstance(block, Bullets):
        for item in block.items:
            _paragraph(body, item)
    elif isinstance(block, Notes):
        for note in block.items:
            if shown_in(note.show, FAMILY):
                _paragraph(body, _note_line(note, lang), BODY_FONT, 10)
    elif isinstance(block, Chart):
        _heading(body, block.title, 2)
        pictures = block.pictures()
        for picture in pictures or ():
            body.add_picture(picture, width=Cm(15.5))
        if pictures is None and block.unavailable:
            _paragraph(body, block.unavailable, BODY_FONT, 10)
    else:
        raise TypeError(f"unknown block {block!r}")


def render_docx(document: Document, publication: Publication | None = None) -> bytes:
    publication = publication or Publication()
    lang = document.lang
    if publication.template:
        word = WordDocument(publication.template)
        anchor = _fill_placeholders(word, {
            "发文机关": publication.office or "", "文号": _doc_number(publication, lang) or "",
            "标题": document.title, "日期": day_text(publication.issued or date.today(), lang)})
        body = _Body(word, anchor)
    else:
        word = WordDocument()
        section = word.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)       # A4
        section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
        section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
        _head(word, document, publication)
        body = _Body(word)
    for line in document.lines:
        _paragraph(body, line, BODY_FONT, 10)
    for index, part in enumerate(section for section in document.sections if shown_in(section.show, FAMILY)):
        if part.new_page and index:
            body.page_break()
        if part.heading:
            _heading(body, part.heading)
        for block in part.blocks:
            _block(body, block, lang)
    if publication.cc:
        _red_rule(_paragraph(body, say(_TEXT, "cc", lang, cc=publication.cc), BODY_FONT, 12))
    if body.anchor is not None:
        body.anchor._p.getparent().remove(body.anchor._p)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
