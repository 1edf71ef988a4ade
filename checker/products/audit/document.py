"""The findings of an audit as a document.

Read (terminal, Markdown): the summary and the rule set used, then a section per unit (the
unit with most findings first; a finding's note under its message), the rejected rows, the rules not checkable and the
data-quality notes. Workbook: one filterable sheet of every finding (the unit, the rule id
and name, the check, the status, who is responsible and the minutes late beside), the
rejected rows, the notes, and a summary sheet with the counts by unit and by rule.

A large result read at the terminal is summarised (`first_rows`): the counts per unit, the
first rows, and where to find all of them — drawing every row takes minutes and no one
reads it there.
"""

from __future__ import annotations

from collections import Counter
from zoneinfo import ZoneInfo

from checker.documents import cells
from checker.documents.model import READ, SHEET, Column, Document, Paragraph, Section, Table
from checker.i18n import say
from checker.model import AuditResult, Finding
from checker.output import audit_notes
from checker.output.labels import (by_unit, check_name, column_name, overdue_minutes, overdue_text,
                                   rejected_reason, responsible_name, rule_label, rule_name, ruleset_used,
                                   source_name, status_name, summary_line, text, unit_name, verdict_name)
from checker.output.sanitize import mask_personal

# Above this many findings the terminal shows the counts per unit and the first rows.
TABLE_LIMIT = 500
TABLE_FIRST_ROWS = 100

_TEXT = {"more": {"zh": "共 {total} 项，以上仅列出前 {shown} 项；查看全部请用 --format csv 或 --format xlsx -o 文件名",
                  "en": "{total} findings, the first {shown} listed above; for all of them use --format csv or --format xlsx -o FILE"}}

# (column key, shown in, keeps to one line in the terminal)
FINDING_COLUMNS = (("ticket_id", "all"), ("unit", SHEET), ("rule_label", READ), ("rule", SHEET),
                   ("rule_name", SHEET), ("check", SHEET), ("clause", "all"), ("severity", "all"),
                   ("status", SHEET), ("responsible", SHEET), ("due", "all"), ("actual", "all"),
                   ("overdue", READ), ("overdue_minutes", SHEET), ("message", READ), ("message", SHEET),
                   ("note", SHEET))
NO_WRAP = ("clause", "severity")


def _columns(lang: str) -> list[Column]:
    return [Column(column_name("rule" if key == "rule_label" else key, lang), show, no_wrap=key in NO_WRAP)
            for key, show in FINDING_COLUMNS]


def finding_row(finding: Finding, tz: ZoneInfo, lang: str) -> list:
    tone = "bad" if finding.severity == "violation" and finding.status != "pending" else "warn"
    # Each text masked once: a row is built per finding, and a year has millions.
    message, note = mask_personal(finding.message) or "", mask_personal(finding.note) or ""
    late = overdue_minutes(finding)
    return [finding.ticket_id, unit_name(finding.unit, lang) if finding.unit else "",
            rule_label(finding.rule, finding.check, lang), finding.rule, rule_name(finding.rule, lang),
            check_name(finding.check, lang), finding.clause, cells.text(verdict_name(finding, lang), tone),
            status_name(finding.status, lang), responsible_name(finding.responsible, lang),
            cells.instant(finding.due, tz, lang), cells.instant(finding.actual, tz, lang),
            overdue_text(finding, lang), cells.number(late) if late is not None else "",
            _message_with_note(message, note, lang), message, note]


def _message_with_note(message: str, note: str, lang: str) -> str:
    """The reading formats' message: the note under it, so the table stays narrow."""
    return message + "\n" + text("note_prefix", lang) + note if note else message


def _tally(findings) -> list:
    counted = Counter("pending" if f.status == "pending" else f.severity for f in findings)
    return [cells.number(counted["violation"]), cells.number(counted["warning"]), cells.number(counted["pending"])]


def _count_columns(first: str, lang: str) -> list[Column]:
    return [Column(first)] + [Column(column_name(key, lang)) for key in ("violations", "warnings", "pending")]


def _summary_section(result: AuditResult, groups, tz: ZoneInfo, lang: str) -> Section:
    summary = result.summary()
    items = [("ruleset", result.ruleset_id), ("ruleset_source", result.ruleset_source),
             ("ruleset_file", result.ruleset_file), ("ruleset_hash", result.ruleset_hash),
             ("as_of", cells.instant(result.as_of, tz, lang))]
    items += [(key, cells.number(summary[key]))
              for key in ("rows", "events", "rejected", "tickets", "violations", "warnings", "pending")]
    per_rule: dict[str, list[Finding]] = {}
    for finding in result.findings:
        per_rule.setdefault(finding.rule, []).append(finding)

    def rule_cell(rule: str) -> str:
        name = rule_name(rule, lang)
        return f"{name} ({rule})" if name != rule else rule

    return Section(text("summary_title", lang), name="summary", show=SHEET).add(
        Table([Column(column_name("item", lang)), Column(column_name("value", lang))],
              [[column_name(key, lang), value] for key, value in items]),
        Table(_count_columns(text("by_unit", lang), lang),
              [[unit_name(unit, lang), *_tally(findings)] for unit, findings in groups]),
        Table(_count_columns(text("by_rule", lang), lang),
              [[rule_cell(rule), *_tally(findings)] for rule, findings in per_rule.items()]))


def _rejected_section(result: AuditResult, lang: str) -> Section:
    columns = [Column(column_name("source", lang), READ), Column(column_name("source", lang), SHEET),
               Column(column_name("sheet", lang), SHEET), Column(column_name("line", lang), no_wrap=True),
               Column(column_name("reason", lang))]
    rows = [[source_name(r), r.source, r.sheet or "", cells.number(r.line), rejected_reason(r, lang)]
            for r in result.rejected]
    return Section(text("rejected_heading", lang, count=len(result.rejected)), sheet=text("rejected_rows", lang),
                   name="rejected", show="all" if rows else SHEET).add(Table(columns, rows, name="rejected"))


def _findings_sections(result: AuditResult, groups, tz: ZoneInfo, lang: str,
                       first_rows: int | None) -> list[Section]:
    columns = _columns(lang)
    shown = len(result.findings) if first_rows is None else first_rows
    sections, everything = [], []
    if not result.findings:
        sections.append(Section("", show=READ).add(Paragraph(text("none_found", lang))))
    elif shown < len(result.findings):
        sections.append(Section("", show=READ).add(
            Table(_count_columns(column_name("unit", lang), lang),
                  [[unit_name(unit, lang), *_tally(findings)] for unit, findings in groups])))
    left = shown
    for unit, findings in groups:
        rows = [finding_row(finding, tz, lang) for finding in (findings if first_rows is None else findings[:left])]
        everything += rows
        if rows:
            sections.append(Section(text("unit_heading", lang, unit=unit_name(unit, lang), count=len(findings)),
                                    show=READ).add(Table(columns, rows, name="findings")))
        left -= len(rows)
        if first_rows is not None and left <= 0:
            break
    if shown < len(result.findings):
        sections.append(Section("", show=READ).add(Paragraph(
            say(_TEXT, "more", lang, shown=shown, total=len(result.findings)), "strong")))
    sections.append(Section(text("findings", lang), name="findings", show=SHEET).add(
        Table(columns, everything, name="findings", filter=True)))
    return sections


def terminal_rows(result: AuditResult) -> int | None:
    """How many findings the terminal lists: all of a small result, the first of a large one."""
    return TABLE_FIRST_ROWS if len(result.findings) > TABLE_LIMIT else None


def findings_document(result: AuditResult, lang: str = "zh", first_rows: int | None = None) -> Document:
    """The findings as a document; `first_rows`: show only so many (the terminal's summary)."""
    tz = ZoneInfo(result.timezone)
    groups = by_unit(result.findings)
    title = text("title", lang, ruleset=result.ruleset_id, source=result.ruleset_source,
                 as_of=cells.instant(result.as_of, tz, lang).text)
    lines = [summary_line(result.summary(), lang) + audit_notes.summary_suffix(result, lang)]
    if result.ruleset_file:
        lines.append(ruleset_used(result.ruleset_file, result.ruleset_hash, lang, result.ruleset_versions))
    sections = _findings_sections(result, groups, tz, lang, first_rows)
    # The workbook: the findings sheet first, then the rejected rows, the notes, the summary.
    sections.insert(0, sections.pop())
    sections.append(_rejected_section(result, lang))
    for which, heading, headers, rows in audit_notes.sections(result, lang):
        sections.append(Section(heading, sheet=audit_notes.title(which, lang), name=which).add(
            Table([Column(header) for header in headers], rows, name=which)))
    sections.append(_summary_section(result, groups, tz, lang))
    return Document(title, lines, sections, lang=lang, page_header=title)
