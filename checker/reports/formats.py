"""The renderers of the monthly report by format name: the one place `report --format` looks up.

Each renderer takes the report dict (checker.reports.monthly) and returns bytes: text formats
in UTF-8, xlsx the workbook itself. A renderer's module is imported only when it is used
(jinja2 and openpyxl take a while to load).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from checker.errors import CheckerError
from checker.i18n import say
from checker.output.sanitize import shown_output


@dataclass(frozen=True)
class ReportFormat:
    name: str
    binary: bool                    # True: not for a terminal, write it to a file
    produce: Callable[[dict, object], bytes]     # (report, publication: render_docx.Publication)


def _markdown(report: dict, publication=None) -> bytes:
    from checker.reports.render_md import render_markdown
    return shown_output(render_markdown(report)).encode("utf-8")


def _html(report: dict, publication=None) -> bytes:
    from checker.reports.render_html import render_html
    return shown_output(render_html(report)).encode("utf-8")


def _xlsx(report: dict, publication=None) -> bytes:
    from checker.reports.render_xlsx import render_xlsx
    return render_xlsx(report)


def _json(report: dict, publication=None) -> bytes:
    from checker.reports.render_json import render_json
    return shown_output(render_json(report)).encode("utf-8")


def _docx(report: dict, publication=None) -> bytes:
    from checker.reports.render_docx import render_docx
    return render_docx(report, publication)


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


def render_report(report: dict, fmt: str, publication=None) -> bytes:
    """The report in format `fmt` (md, html, xlsx, json, docx) as bytes; `publication` (the
    issuing office, 文号, 抄送, template: render_docx.Publication) shapes the Word document."""
    return report_format(fmt, report["lang"]).produce(report, publication)
