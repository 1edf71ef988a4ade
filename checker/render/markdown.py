"""Any document as Markdown: headings, a table per table (or per group), paragraphs, lists
and notes; every text escaped (`md_cell`, `md_text`, `md_table`: the escaping every Markdown
output uses). Charts have no Markdown form and are left out."""

from __future__ import annotations

from checker.documents.model import (Bullets, Chart, Document, Heading, Notes, Paragraph, Section,
                                     Table, shown_in)
from checker.output.phrasing import colon, with_aside
from checker.render.tables import reading_parts

FAMILY = "read"


def md_cell(value) -> str:
    """One table cell: escape what would end the cell or the row, and inline HTML."""
    if value is None:
        return ""
    cell = str(value)
    for raw, escaped in (("\\", "\\\\"), ("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"),
                         ("|", "\\|"), ("`", "\\`"), ("*", "\\*"), ("_", "\\_"),
                         ("[", "\\["), ("]", "\\]")):
        cell = cell.replace(raw, escaped)
    return "<br>".join(part.strip() for part in cell.replace("\r\n", "\n").replace("\r", "\n")
                       .split("\n"))


def md_text(value) -> str:
    """Text in a heading or paragraph: the same escapes, on one line."""
    return md_cell(value).replace("<br>", " ")


def md_table(headers: list, rows: list[list]) -> list[str]:
    """A Markdown table as lines (no blank line after it), every cell escaped."""
    lines = ["| " + " | ".join(md_cell(h) for h in headers) + " |",
             "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(md_cell(cell) for cell in row) + " |" for row in rows]
    return lines


def _table(table: Table) -> list[str]:
    lines: list[str] = []
    for heading, columns, rows in reading_parts(table, FAMILY):
        if heading:
            lines += ["### " + md_text(heading), ""]
        lines += md_table([column.header for column in columns],
                          [[cell.text for cell in row.cells] for row in rows]) + [""]
    return lines


def _note_line(note, lang: str) -> str:
    # Title, text and quote are escaped one by one: the punctuation between them is ours.
    line = f"- **{md_text(note.title)}**{colon(lang)}{md_text(note.shown)}"
    if note.quote:
        line = with_aside(line, f"“{md_text(note.quote)}”", lang)
    return line


def _block(block, lang: str) -> list[str]:
    if not shown_in(block.show, FAMILY):
        return []
    if isinstance(block, Heading):
        return ["### " + md_text(block.text), ""]
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Paragraph):
        text = md_text(block.text)
        return [f"**{text}**" if block.style == "strong" else text, ""]
    if isinstance(block, Bullets):
        return ["- " + md_text(item) for item in block.items] + [""] if block.items else []
    if isinstance(block, Notes):
        return [_note_line(note, lang) for note in block.items if shown_in(note.show, FAMILY)] + [""]
    if isinstance(block, Chart):
        return []
    raise TypeError(f"unknown block {block!r}")


def _section(section: Section, lang: str, first: bool) -> list[str]:
    lines = ["---", ""] if section.new_page and not first else []
    if section.heading:
        lines += ["## " + md_text(section.heading), ""]
    for block in section.blocks:
        lines += _block(block, lang)
    return lines


def render_markdown(document: Document) -> str:
    lines = ["# " + md_text(document.title), ""]
    for line in document.lines:
        lines += [md_text(line), ""]
    sections = [section for section in document.sections if shown_in(section.show, FAMILY)]
    for index, section in enumerate(sections):
        lines += _section(section, document.lang, index == 0)
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"
