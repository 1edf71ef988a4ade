"""The findings of an audit as a document.

Read (terminal, Markdown): the summary and the rule set used, then a section per unit (the
unit with most findings first; a finding's note under its message), the rejected rows, the rules not checkable and the
data-quality notes. Workbook: one filterable sheet of every finding (the unit, the rule id
and name, the check, the status, who is responsible and the minutes late beside), the
rejected rows, the notes, and a summary sheet with the counts by unit and by rule.

The terminal reads only what it shows (`terminal`): a long listing summarised, the findings
it does not list never built.
"""

from __future__ import annotations

from collections import Counter
from zoneinfo import ZoneInfo

from checker.documents import cells
from checker.documents.model import READ, SHEET, Column, Document, Paragraph, Section, Table
from checker.i18n import say
from checker.finding_frame import first_of_unit, unit_counts
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
                  "en": "{total} findings, the first {shown} listed above; for all of them use --format csv or --format xlsx -o FILE"},
         "more_rows": {"zh": "共 {total} 条，以上仅列出前 {shown} 条；查看全部请用 --format xlsx -o 文件名",
                       "en": "{total} rows, the first {shown} listed above; for all of them use --format xlsx -o FILE"}}

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
    return _numbers(Counter("pending" if f.status == "pending" else f.severity for f in findings))


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


def _rejected_rows(rejected, lang: str) -> list:
    return [[source_name(r), r.source, r.sheet or "", cells.number(r.line), rejected_reason(r, lang)]
            for r in rejected]


def _rejected_section(result: AuditResult, rows: list, lang: str, show: str | None = None) -> Section:
    columns = [Column(column_name("source", lang), READ), Column(column_name("source", lang), SHEET),
               Column(column_name("sheet", lang), SHEET), Column(column_name("line", lang), no_wrap=True),
               Column(column_name("reason", lang))]
    return Section(text("rejected_heading", lang, count=len(result.rejected)), sheet=text("rejected_rows", lang),
                   name="rejected", show=show or ("all" if rows else SHEET)).add(
        Table(columns, rows, name="rejected"))


def _notes_section(which: str, heading: str, headers: list, rows: list, lang: str) -> Section:
    return Section(heading, sheet=audit_notes.title(which, lang), name=which).add(
        Table([Column(header) for header in headers], rows, name=which))


def _findings_sections(result: AuditResult, groups, tz: ZoneInfo, lang: str) -> list[Section]:
    columns = _columns(lang)
    sections, everything = [], []
    if not result.findings:
        sections.append(Section("", show=READ).add(Paragraph(text("none_found", lang))))
    for unit, findings in groups:
        rows = [finding_row(finding, tz, lang) for finding in findings]
        everything += rows
        sections.append(Section(text("unit_heading", lang, unit=unit_name(unit, lang), count=len(findings)),
                                show=READ).add(Table(columns, rows, name="findings")))
    sections.append(Section(text("findings", lang), name="findings", show=SHEET).add(
        Table(columns, everything, name="findings", filter=True)))
    return sections


def _listed(count: int) -> int:
    """How many rows of a listing the terminal shows: all of a short one, the first of a long one."""
    return count if count <= TABLE_LIMIT else TABLE_FIRST_ROWS


def _terminal_sections(result: AuditResult, tz: ZoneInfo, lang: str) -> list[Section]:
    """The terminal's reading: the findings by unit, the rejected rows, the rules not checkable
    and the data notes. A listing longer than TABLE_LIMIT rows shows its first rows and where
    to find all of them (the counts per unit above the findings): drawing every row takes
    minutes and no one reads it there."""
    columns = _columns(lang)
    total = len(result.findings)
    shown = _listed(total)
    groups = unit_counts(result.findings)
    sections = []
    if not total:
        sections.append(Section("", show=READ).add(Paragraph(text("none_found", lang))))
    elif shown < total:
        sections.append(Section("", show=READ).add(
            Table(_count_columns(column_name("unit", lang), lang),
                  [[unit_name(unit, lang), *_numbers(tally)] for unit, tally in groups])))
    left = shown
    for unit, tally in groups:
        if left <= 0:
            break
        findings = first_of_unit(result.findings, unit, left)
        sections.append(Section(text("unit_heading", lang, unit=unit_name(unit, lang), count=sum(tally.values())),
                                show=READ).add(Table(columns, [finding_row(f, tz, lang) for f in findings],
                                                     name="findings")))
        left -= len(findings)
    if shown < total:
        sections.append(_more(total, shown, "more", lang))
    if result.rejected:
        shown = _listed(len(result.rejected))
        sections.append(_rejected_section(result, _rejected_rows(result.rejected[:shown], lang), lang, READ))
        if shown < len(result.rejected):
            sections.append(_more(len(result.rejected), shown, "more_rows", lang))
    for which, heading, headers, rows in audit_notes.sections(result, lang, first_rows=_listed):
        sections.append(_notes_section(which, heading, headers, rows, lang))
        count = len(result.unjudged) if which == "unjudged" else len(result.data_notes)
        if len(rows) < count:
            sections.append(_more(count, len(rows), "more_rows", lang))
    return sections


def _more(total: int, shown: int, key: str, lang: str) -> Section:
    return Section("", show=READ).add(Paragraph(say(_TEXT, key, lang, shown=shown, total=total), "strong"))


def _numbers(tally: dict) -> list:
    """The cells of the counts by verdict: violations, warnings, still running."""
    return [cells.number(tally.get(kind, 0)) for kind in ("violation", "warning", "pending")]


def findings_document(result: AuditResult, lang: str = "zh", terminal: bool = False) -> Document:
    """The findings as a document. `terminal`: only what the terminal shows, a long listing
    summarised (_terminal_sections), the findings it does not list never built."""
    tz = ZoneInfo(result.timezone)
    title = text("title", lang, ruleset=result.ruleset_id, source=result.ruleset_source,
                 as_of=cells.instant(result.as_of, tz, lang).text)
    lines = [summary_line(result.summary(), lang) + audit_notes.summary_suffix(result, lang)]
    if result.ruleset_file:
        lines.append(ruleset_used(result.ruleset_file, result.ruleset_hash, lang, result.ruleset_versions))
    if terminal:
        return Document(title, lines, _terminal_sections(result, tz, lang), lang=lang, page_header=title)
    groups = by_unit(result.findings)
    sections = _findings_sections(result, groups, tz, lang)
    # The workbook: the findings sheet first, then the rejected rows, the notes, the summary.
    sections.insert(0, sections.pop())
    sections.append(_rejected_section(result, _rejected_rows(result.rejected, lang), lang))
    for which, heading, headers, rows in audit_notes.sections(result, lang):
        sections.append(_notes_section(which, heading, headers, rows, lang))
    sections.append(_summary_section(result, groups, tz, lang))
    return Document(title, lines, sections, lang=lang, page_header=title)
