"""The monthly report's formats by name: the one place `report --format` looks up.

md, html, xlsx and docx write the report's document (checker.products.report.document), or the
units' 整改通知单 (checker.products.report.by_unit), with the renderer of their format (checker/render/); json is the report data itself
(schemas/report.schema.json). A renderer's module is imported only when it is used (jinja2,
openpyxl and python-docx take a while to load).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Callable

from checker.errors import CheckerError
from checker.i18n import say
from checker.output.sanitize import shown_output


@dataclass(frozen=True)
class ReportFormat:
    name: str
    binary: bool                    # True: not for a terminal, write it to a file
    produce: Callable[..., bytes]     # (report, publication: checker.render.docx.Publication, by_unit)


def _document(report: dict, by_unit: bool = False):
    if by_unit:
        from checker.products.report.by_unit import unit_notices
        return unit_notices(report)
    from checker.products.report.document import report_document
    return report_document(report)


def _markdown(report: dict, publication=None, by_unit: bool = False) -> bytes:
    from checker.render.markdown import render_markdown
    return shown_output(render_markdown(_document(report, by_unit))).encode("utf-8")


def _html(report: dict, publication=None, by_unit: bool = False) -> bytes:
    from checker.render.html import render_html
    return shown_output(render_html(_document(report, by_unit))).encode("utf-8")


def _xlsx(report: dict, publication=None, by_unit: bool = False) -> bytes:
    from checker.render.xlsx import render_xlsx
    return render_xlsx(_document(report, by_unit))


def _json(report: dict, publication=None, by_unit: bool = False) -> bytes:
    return shown_output(json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _docx(report: dict, publication=None, by_unit: bool = False) -> bytes:
    from checker.render.docx import Publication, render_docx
    publication = replace(publication or Publication(), year=report["month"][:4])
    return render_docx(_document(report, by_unit), publication)


FORMATS: dict[str, ReportFormat] = {f.name: f for f in (
    ReportFormat("md", False, _markdown),
    ReportFormat("html", False, _html),
    ReportFormat("xlsx", True, _xlsx),
    ReportFormat("json", False, _json),
    ReportFormat("docx", True, _docx),
)}

_MESSAGES = {
    "unknown_format": {"zh": "未知的报告格式“{fmt}”，可选：{known}",
                       "en": "unknown report format '{fmt}'; choose one of {known}"},
}


def report_format(fmt: str, lang: str = "zh") -> ReportFormat:
    chosen = FORMATS.get(fmt)
    if chosen is None:
        raise CheckerError(say(_MESSAGES, "unknown_format", lang, fmt=fmt, known=", ".join(FORMATS)))
    return chosen


def render_report(report: dict, fmt: str, publication=None, by_unit: bool = False) -> bytes:
    """The report in format `fmt` (md, html, xlsx, json, docx) as bytes; `publication` (the
    issuing office, 文号, 抄送, template: checker.render.docx.Publication) shapes the Word document.
    `by_unit`: the units' 整改通知单 (checker.products.report.by_unit), a page or sheet per unit;
    json is the report data either way, which holds every unit's figures and lists."""
    return report_format(fmt, report["lang"]).produce(report, publication, by_unit)
