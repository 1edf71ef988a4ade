"""Findings as an Excel workbook: 违规清单 (findings), 被拒行 (rejected rows), 汇总 (summary).

Instants are real Excel datetimes, naive, in the rule set's timezone (Excel has no offsets),
so the office can sort and filter them. Text cells are masked and defused like the CSV.
"""

from __future__ import annotations

from collections import Counter
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from rich.cells import cell_len

from checker.model import AuditResult, Finding
from checker.output import audit_notes
from checker.output.labels import (by_unit, check_name, column_name, overdue_minutes, rejected_reason,
                                   responsible_name, rule_name, status_name, verdict_name, text,
                                   unit_name)
from checker.output.sanitize import mask_personal
from checker.output.xlsx_cells import (DATETIME_FORMAT, MAX_WIDTH, excel_datetime, excel_text,
                                       workbook_bytes)

FINDING_COLUMNS = ("ticket_id", "unit", "rule", "rule_name", "check", "clause", "severity",
                   "status", "responsible", "due", "actual", "overdue_minutes", "message", "note")
REJECTED_COLUMNS = ("source", "sheet", "line", "reason")


def _finding_row(finding: Finding, tz: ZoneInfo, lang: str) -> list:
    return [
        excel_text(finding.ticket_id), excel_text(finding.unit), excel_text(finding.rule),
        excel_text(rule_name(finding.rule, lang)), excel_text(check_name(finding.check, lang)),
        excel_text(finding.clause), verdict_name(finding, lang),
        status_name(finding.status, lang), responsible_name(finding.responsible, lang),
        excel_datetime(finding.due, tz), excel_datetime(finding.actual, tz),
        overdue_minutes(finding),
        excel_text(mask_personal(finding.message)), excel_text(mask_personal(finding.note)),
    ]


def _width(value) -> int:
    if value is None:
        return 0
    if hasattr(value, "year"):
        return len("2024-05-11 10:30")
    return max((cell_len(part) for part in str(value).split("\n")), default=0)


def _write_sheet(workbook: Workbook, title: str, headers: list, rows: list[list], *,
                 bold_rows: frozenset[int] = frozenset(), autofilter: bool = False) -> None:
    sheet = workbook.create_sheet(title)
    for index, header in enumerate(headers):
        # The first thousand rows show what the column holds; measuring all would be slow.
        widest = max([_width(header)] + [_width(row[index]) for row in rows[:1000]])
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(widest + 2, MAX_WIDTH)
    sheet.freeze_panes = "A2"
    if autofilter:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=excel_text(header) if isinstance(header, str) else header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for number, row in enumerate(rows):
        cells = []
        for value in row:
            if value.__class__ is str:      # every text cell, whatever built the row
                value = excel_text(value)
            # Plain values are much cheaper to stream; only styled cells need a cell object.
            if not hasattr(value, "year") and number not in bold_rows:
                cells.append(value)
                continue
            cell = WriteOnlyCell(sheet, value=value)
            if hasattr(value, "year"):
                cell.number_format = DATETIME_FORMAT
            if number in bold_rows:
                cell.font = bold
            cells.append(cell)
        sheet.append(cells)


def _summary_rows(result: AuditResult, tz: ZoneInfo,
                  lang: str) -> tuple[list[list], frozenset[int]]:
    """The summary sheet's rows, and which of them head a small table (shown bold)."""
    summary = result.summary()
    rows = [
        [column_name("ruleset", lang), excel_text(result.ruleset_id), None, None],
        [column_name("ruleset_source", lang), excel_text(result.ruleset_source), None, None],
        [column_name("ruleset_file", lang), excel_text(result.ruleset_file), None, None],
        [column_name("ruleset_hash", lang), excel_text(result.ruleset_hash), None, None],
        [column_name("as_of", lang), excel_datetime(result.as_of, tz), None, None],
    ]
    rows += [[column_name(key, lang), summary[key], None, None]
             for key in ("rows", "events", "rejected", "tickets", "violations", "warnings",
                         "pending")]

    def counts(findings) -> list[int]:
        tally = Counter("pending" if f.status == "pending" else f.severity for f in findings)
        return [tally["violation"], tally["warning"], tally["pending"]]

    rows.append([None, None, None, None])
    headings = [len(rows)]
    rows.append([text("by_unit", lang), column_name("violations", lang),
                 column_name("warnings", lang), column_name("pending", lang)])
    for unit, findings in by_unit(result.findings):
        rows.append([excel_text(unit_name(unit, lang)), *counts(findings)])
    rows.append([None, None, None, None])
    headings.append(len(rows))
    rows.append([text("by_rule", lang), column_name("violations", lang),
                 column_name("warnings", lang), column_name("pending", lang)])
    per_rule: dict[str, list[Finding]] = {}
    for finding in result.findings:
        per_rule.setdefault(finding.rule, []).append(finding)
    for rule, findings in per_rule.items():
        rows.append([excel_text(f"{rule_name(rule, lang)} ({rule})" if rule_name(rule, lang) != rule
                                else rule), *counts(findings)])
    return rows, frozenset(headings)


def _write_notes_sheets(workbook: Workbook, result: AuditResult, lang: str) -> None:
    """无法核查的规则 and 数据质量提示, each a sheet of its own when there is something to say."""
    for which, _, headers, rows in audit_notes.sections(result, lang):
        _write_sheet(workbook, audit_notes.title(which, lang), headers,
                     [[excel_text(c) if isinstance(c, str) else c for c in row] for row in rows])


def render_xlsx(result: AuditResult, lang: str = "zh") -> bytes:
    tz = ZoneInfo(result.timezone)
    # Write-only mode streams rows to the file: a year's findings stay within memory.
    workbook = Workbook(write_only=True)
    _write_sheet(workbook, text("findings", lang),
                 [column_name(column, lang) for column in FINDING_COLUMNS],
                 [_finding_row(finding, tz, lang) for finding in result.findings],
                 autofilter=True)
    _write_sheet(workbook, text("rejected_rows", lang),
                 [column_name(column, lang) for column in REJECTED_COLUMNS],
                 [[excel_text(r.source), excel_text(r.sheet), r.line,
                   excel_text(rejected_reason(r, lang))] for r in result.rejected])
    _write_notes_sheets(workbook, result, lang)
    summary, headings = _summary_rows(result, tz, lang)
    _write_sheet(workbook, text("summary_title", lang),
                 [column_name("item", lang), column_name("value", lang), None, None],
                 summary, bold_rows=headings)
    return workbook_bytes(workbook)
