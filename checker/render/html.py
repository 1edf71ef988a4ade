"""Any document as ONE self-contained HTML file (template `checker/templates/document.html.j2`).

Office intranets are offline: no external script, font or stylesheet; the CSS is inline and
charts are inline SVG. At phone width (a document forwarded on WeChat) tables and charts
scroll inside the page; printed, it is A4 landscape, a section marked `new_page` starting a
page. Everything shown goes through Jinja2's autoescaping.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from checker.documents.model import (Bullets, Chart, Document, Heading, Notes, Paragraph, Table, shown_in)
from checker.output.phrasing import aside
from checker.render.tables import reading_parts

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
TEMPLATE = "document.html.j2"
FAMILY = "read"


def _css(cell) -> str:
    if cell.kind == "missing":
        return "missing"
    return "num" if cell.numeric or cell.kind == "instant" else ""


def _table(table: Table) -> dict:
    return {"type": "table", "name": table.name, "parts": [
        {"heading": heading, "headers": [column.header for column in columns],
         "rows": [{"bold": row.bold, "cells": [{"text": cell.text, "css": _css(cell)} for cell in row.cells]}
                  for row in rows]}
        for heading, columns, rows in reading_parts(table, FAMILY)]}


def _block(block, lang: str) -> dict | None:
    if not shown_in(block.show, FAMILY):
        return None
    if isinstance(block, Heading):
        return {"type": "heading", "text": block.text}
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Paragraph):
        return {"type": "paragraph", "text": block.text, "style": block.style}
    if isinstance(block, Bullets):
        return {"type": "bullets", "entries": block.items} if block.items else None
    if isinstance(block, Notes):
        return {"type": "notes", "entries": [
            {"title": note.title, "text": note.shown,
             "quote": aside(f"“{note.quote}”", lang) if note.quote else None}
            for note in block.items if shown_in(note.show, FAMILY)]}
    if isinstance(block, Chart):
        # The chart module escapes every text it draws (its own template autoescapes).
        return {"type": "chart", "title": block.title, "svg": Markup(block.svg())}
    raise TypeError(f"unknown block {block!r}")


def render_html(document: Document) -> str:
    lang = document.lang
    shown = [section for section in document.sections if shown_in(section.show, FAMILY)]
    # The first section follows the heading on the first page.
    sections = [{"heading": section.heading, "name": section.name, "new_page": section.new_page and index > 0,
                 "blocks": [block for block in (_block(block, lang) for block in section.blocks) if block]}
                for index, section in enumerate(shown)]
    environment = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                              undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return environment.get_template(TEMPLATE).render(
        document=document, sections=sections, html_lang="zh-CN" if lang == "zh" else "en")
