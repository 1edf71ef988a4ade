"""The terminal table: findings under a heading per unit, then rejected rows, then one line
of counts. rich measures Chinese characters as two columns, so the columns stay aligned."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from rich import box
from rich.table import Table
from rich.text import Text

from checker.i18n import say
from checker.model import AuditResult, Finding
from checker.output import audit_notes
from checker.output.console import text_console
from checker.output.labels import (by_unit, column_name, overdue_text, rejected_reason, rule_label,
                                   ruleset_used, source_name, summary_line, text, unit_name,
                                   verdict_name)
from checker.output.sanitize import mask_personal
from checker.timefmt import local_text

# Above this many findings the terminal table shows the counts per unit and the first rows.
TABLE_LIMIT = 500
TABLE_FIRST_ROWS = 100

_SUMMARY = {"more": {"zh": "共 {total} 项，以上仅列出前 {shown} 项；查看全部请用 --format csv 或 --format xlsx -o 文件名",
                     "en": "{total} findings, the first {shown} listed above; for all of them use --format csv or --format xlsx -o FILE"}}

FINDING_COLUMNS = ("ticket_id", "rule", "clause", "severity", "due", "actual", "overdue",
                   "message")


def _rule_cell(finding: Finding, lang: str) -> str:
    return rule_label(finding.rule, finding.check, lang)


def _message_cell(finding: Finding, lang: str) -> str:
    message = mask_personal(finding.message) or ""
    if finding.note:
        message += "\n" + text("note_prefix", lang) + mask_personal(finding.note)
    return message


def _findings_table(findings: list[Finding], tz: ZoneInfo, lang: str, color: bool) -> Table:
    # On a narrow terminal rich shrinks the wide columns (the message most); dates may then
    # break between day and time. Clause and severity are short and never wrap.
    table = Table(box=box.SQUARE, header_style="bold" if color else "")
    for column in FINDING_COLUMNS:
        table.add_column(column_name(column, lang), overflow="fold",
                         no_wrap=column in ("clause", "severity"))
    for finding in findings:
        severity = Text(verdict_name(finding, lang),
                        style=("red" if finding.severity == "violation" and finding.status != "pending" else "yellow")
                        if color else "")
        # Plain Text cells: a note with [brackets] must never be read as rich markup.
        table.add_row(Text(finding.ticket_id), Text(_rule_cell(finding, lang)),
                      Text(finding.clause), severity, Text(local_text(finding.due, tz, lang)),
                      Text(local_text(finding.actual, tz, lang)), Text(overdue_text(finding, lang)),
                      Text(_message_cell(finding, lang)))
    return table


def _rejected_table(result: AuditResult, lang: str, color: bool) -> Table:
    table = Table(box=box.SQUARE, header_style="bold" if color else "")
    table.add_column(column_name("source", lang), overflow="fold")
    table.add_column(column_name("line", lang), justify="right", no_wrap=True)
    table.add_column(column_name("reason", lang), overflow="fold")
    for rejected in result.rejected:
        table.add_row(Text(source_name(rejected)), Text(str(rejected.line)),
                      Text(rejected_reason(rejected, lang)))
    return table


def render_table(result: AuditResult, lang: str = "zh", console_width: int | None = None,
                 color: bool = False) -> str:
    tz = ZoneInfo(result.timezone)
    console = text_console(console_width, color)
    console.print(Text(text("title", lang, ruleset=result.ruleset_id,
                            source=result.ruleset_source, as_of=local_text(result.as_of, tz, lang)),
                       style="bold" if color else ""))
    if not result.findings:
        console.print(Text(text("none_found", lang)))
    groups = by_unit(result.findings)
    shown_rows = len(result.findings)
    if shown_rows > TABLE_LIMIT:
        # A large result is summarised: drawing every row takes minutes and no one reads it here.
        console.print()
        console.print(_summary_table(groups, lang, color))
        shown_rows = TABLE_FIRST_ROWS
    left = shown_rows
    for unit, findings in groups:
        if left <= 0:
            break
        console.print()
        console.print(Text(text("unit_heading", lang, unit=unit_name(unit, lang),
                                count=len(findings)), style="bold" if color else ""))
        console.print(_findings_table(findings[:left], tz, lang, color))
        left -= len(findings[:left])
    if shown_rows < len(result.findings):
        console.print()
        console.print(Text(say(_SUMMARY, "more", lang, shown=shown_rows, total=len(result.findings)),
                           style="bold" if color else ""))
    if result.rejected:
        console.print()
        console.print(Text(text("rejected_heading", lang, count=len(result.rejected)),
                           style="bold" if color else ""))
        console.print(_rejected_table(result, lang, color))
    _print_notes(console, result, lang, color)
    console.print()
    console.print(Text(summary_line(result.summary(), lang) + audit_notes.summary_suffix(result, lang)))
    if result.ruleset_file:
        console.print(Text(ruleset_used(result.ruleset_file, result.ruleset_hash, lang,
                                     result.ruleset_versions)))
    return console.file.getvalue()


def _summary_table(groups, lang: str, color: bool) -> Table:
    """Per unit: its violations, warnings and running deadlines."""
    table = Table(box=box.SQUARE, header_style="bold" if color else "")
    table.add_column(column_name("unit", lang), overflow="fold")
    for key in ("violations", "warnings", "pending"):
        table.add_column(column_name(key, lang), justify="right", no_wrap=True)
    for unit, findings in groups:
        pending = sum(1 for f in findings if f.status == "pending")
        violations = sum(1 for f in findings if f.status != "pending" and f.severity == "violation")
        table.add_row(Text(unit_name(unit, lang)), str(violations),
                      str(len(findings) - pending - violations), str(pending))
    return table


def _plain_table(headers: list[str], rows: list[list], color: bool) -> Table:
    table = Table(box=box.SQUARE, header_style="bold" if color else "")
    for header in headers:
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*(Text(str(cell)) for cell in row))
    return table


def _print_notes(console, result: AuditResult, lang: str, color: bool) -> None:
    """The rules not checkable from these inputs, then the data-quality notes."""
    for _, title, headers, rows in audit_notes.sections(result, lang):
        console.print()
        console.print(Text(title, style="bold" if color else ""))
        console.print(_plain_table(headers, rows, color))
