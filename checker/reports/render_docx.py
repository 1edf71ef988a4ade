"""The monthly 通报 as a Word document (python-docx), the form offices publish it in.

红头 (the issuing office in red and a red rule), 文号, title, the sections as Word tables,
the rates chart as a picture, and the 抄送 line. The office may replace the 红头 with its own:
a .docx template (`--template`, or `report-template.docx` beside hotline-check.yaml) whose
paragraphs may hold the placeholders {发文机关}, {文号}, {标题}, {日期}; the report's body
goes where a paragraph reads {正文}, else at the end. Numbers are the text formats' cells
(checker/output/numbers.py), so the document and the other formats agree.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from checker.i18n import say
from checker.output.phrasing import colon, with_aside
from checker.reports.chart_png import chart_png
from checker.reports.key_tickets import key_ticket_cells, key_ticket_headers
from checker.reports.leader_day_section import leader_cells, leader_headers, leader_message
from checker.reports.overdue_list import group_heading, overdue_cells, overdue_headers
from checker.reports.ranking_table import (list_lines, previous_line, ranking_cells, ranking_headers,
                                           ranking_pools, total_cells)
from checker.reports.recurring_issues import recurring_cells, recurring_headers, recurring_note
from checker.reports.report_heading import input_line, subtitle
from checker.reports.report_text import ranking_title, text
from checker.reports.trend import trend_headers, trend_note, trend_rows, trend_title
from checker.timefmt import day_text

RED = RGBColor(0xC0, 0x00, 0x00)
BODY_FONT = "仿宋_GB2312"          # GB/T 9704 body text; WPS and Word fall back when absent
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"

_TEXT = {
    "number_blank": {"zh": "{prefix}〔{year}〕　　号", "en": "{prefix} [{year}] No.  "},
    "number": {"zh": "{prefix}〔{year}〕{number}号", "en": "{prefix} [{year}] No. {number}"},
    "cc": {"zh": "抄送：{cc}", "en": "Copy to: {cc}"},
    "no_chart": {"zh": "（本机没有中文字体，图表未嵌入；请查看 HTML 或 XLSX 版本。）",
                 "en": "(No Chinese font on this machine: the chart is not embedded; see the HTML or XLSX.)"},
}


@dataclass(frozen=True)
class Publication:
    """What makes the report a document of the office: who issues it, its number, its copies."""
    office: str | None = None             # 发文机关 (configuration office.name)
    doc_prefix: str | None = None         # 文号 prefix (configuration office.doc_prefix)
    doc_number: str | None = None         # the number in the year; blank to be filled by hand
    cc: str | None = None                 # 抄送
    template: str | None = None           # a .docx with the office's own 红头
    issued: date | None = None


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
    _font(paragraph.add_run(content), font, size, bold, color)
    return paragraph


def _red_rule(paragraph) -> None:
    """The red line under the 红头: a bottom border of the paragraph."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "18"), ("w:space", "4"), ("w:color", "C00000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _doc_number(report: dict, publication: Publication, lang: str) -> str | None:
    if not publication.doc_prefix:
        return None
    year = report["month"][:4]
    if publication.doc_number:
        return say(_TEXT, "number", lang, prefix=publication.doc_prefix, year=year,
                   number=publication.doc_number)
    return say(_TEXT, "number_blank", lang, prefix=publication.doc_prefix, year=year)


class _Body:
    """Where the report's content goes: the end of the document, or before a {正文} paragraph."""

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


def _table(body: _Body, headers: list[str], rows: list[list[str]], bold_last: bool = False) -> None:
    table = body.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row_index, cells in enumerate([headers, *rows]):
        header = row_index == 0
        bold = header or (bold_last and row_index == len(rows))
        for column, value in enumerate(cells):
            cell = table.cell(row_index, column)
            cell.text = ""
            _font(cell.paragraphs[0].add_run("" if value is None else str(value)),
                  HEADING_FONT if header else BODY_FONT, 9, bold)
        if header:                                # repeated on every page the table spans
            row_properties = table.rows[0]._tr.get_or_add_trPr()
            repeat = OxmlElement("w:tblHeader")
            repeat.set(qn("w:val"), "true")
            row_properties.append(repeat)


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


def _head(document, report: dict, publication: Publication, lang: str) -> None:
    office = publication.office or report["ruleset"].get("office") or ""
    if office:
        _paragraph(document, office + ("文件" if lang == "zh" else ""), TITLE_FONT, 26, True,
                   WD_ALIGN_PARAGRAPH.CENTER, RED)
    number = _doc_number(report, publication, lang)
    rule = _paragraph(document, number or "", BODY_FONT, 14, align=WD_ALIGN_PARAGRAPH.CENTER)
    _red_rule(rule)
    _paragraph(document, report["title"], TITLE_FONT, 20, True, WD_ALIGN_PARAGRAPH.CENTER)


def render_docx(report: dict, publication: Publication | None = None) -> bytes:
    publication = publication or Publication()
    lang = report["lang"]
    if publication.template:
        document = Document(publication.template)
        issued = publication.issued or date.today()
        anchor = _fill_placeholders(document, {
            "发文机关": publication.office or "", "文号": _doc_number(report, publication, lang) or "",
            "标题": report["title"], "日期": day_text(issued, lang)})
        body = _Body(document, anchor)
    else:
        document = Document()
        section = document.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)       # A4
        section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
        section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
        _head(document, report, publication, lang)
        body = _Body(document)
    _content(body, report, lang)
    if publication.cc:
        cc = _paragraph(body, say(_TEXT, "cc", lang, cc=publication.cc), BODY_FONT, 12)
        _red_rule(cc)
    if body.anchor is not None:
        body.anchor._p.getparent().remove(body.anchor._p)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _heading(body: _Body, content: str, level: int = 1) -> None:
    _paragraph(body, content, HEADING_FONT, 14 if level == 1 else 12, level == 1)


def _content(body: _Body, report: dict, lang: str) -> None:
    _paragraph(body, subtitle(report, lang), BODY_FONT, 10)
    _paragraph(body, input_line(report, lang), BODY_FONT, 10)

    _heading(body, text("ranking", lang, rates=ranking_title(report, lang)))
    if report["units"]:
        pools = ranking_pools(report, lang)
        for index, pool in enumerate(pools):
            if pool["heading"]:
                _heading(body, pool["heading"], 2)
            rows = [ranking_cells(row, report, lang) for row in pool["rows"]]
            last = index == len(pools) - 1
            if last:
                rows.append(total_cells(report, lang))
            _table(body, ranking_headers(report, lang), rows, bold_last=last)
        for line in list_lines(report, lang):
            _paragraph(body, line)
        _heading(body, text("chart", lang, rates=ranking_title(report, lang)), 2)
        picture = chart_png(report)
        if picture is not None:
            body.add_picture(picture, width=Cm(15.5))
        else:
            _paragraph(body, say(_TEXT, "no_chart", lang), BODY_FONT, 10)
    else:
        _paragraph(body, text("no_tickets", lang))
    _paragraph(body, previous_line(report, lang), BODY_FONT, 10)

    _heading(body, text("key_tickets", lang))
    _table(body, key_ticket_headers(lang), [key_ticket_cells(row, lang) for row in report["key_tickets"]])

    _heading(body, text("overdue", lang))
    if not report["overdue"]:
        _paragraph(body, text("no_overdue", lang))
    for group in report["overdue"]:
        _heading(body, group_heading(group, lang), 2)
        _table(body, overdue_headers(lang), [overdue_cells(item, lang) for item in group["findings"]])

    _heading(body, text("leader_day", lang))
    message = leader_message(report, lang)
    if message:
        _paragraph(body, message)
    else:
        _table(body, leader_headers(lang), [leader_cells(row, lang) for row in report["leader_day"]["rows"]])

    _heading(body, text("recurring_issues", lang))
    _paragraph(body, recurring_note(report, lang))
    if report["recurring_issues"]["rows"]:
        _table(body, recurring_headers(lang),
               [recurring_cells(row, lang) for row in report["recurring_issues"]["rows"]])

    if report.get("trend"):
        _heading(body, trend_title(report, lang))
        _paragraph(body, trend_note(lang), BODY_FONT, 10)
        _table(body, trend_headers(report, lang), trend_rows(report, lang))

    _heading(body, text("notes", lang))
    for note in report["notes"]:
        line = f"{note['title']}{colon(lang)}{note['text']}"
        if note.get("quote"):
            line = with_aside(line, f"“{note['quote']}”", lang)
        _paragraph(body, line, BODY_FONT, 10)
