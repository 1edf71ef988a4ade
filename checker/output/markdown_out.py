"""A Markdown report: title, summary, a table per unit, rejected rows."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from checker.model import AuditResult
from checker.output import audit_notes
from checker.output.labels import (by_unit, column_name, overdue_text, rejected_reason, rule_label,
                                   ruleset_used, source_name, summary_line, text, unit_name,
                                   verdict_name)
from checker.output.sanitize import mask_personal
from checker.render.markdown import md_table, md_text
from checker.timefmt import local_text

FINDING_COLUMNS = ("ticket_id", "rule", "clause", "severity", "due", "actual", "overdue",
                   "message", "note")


def render_markdown(result: AuditResult, lang: str = "zh") -> str:
    tz = ZoneInfo(result.timezone)
    lines = ["# " + md_text(text("title", lang, ruleset=result.ruleset_id,
                                 source=result.ruleset_source, as_of=local_text(result.as_of, tz, lang))),
             "", md_text(summary_line(result.summary(), lang)
                         + audit_notes.summary_suffix(result, lang)), ""]
    if result.ruleset_file:
        lines += [md_text(ruleset_used(result.ruleset_file, result.ruleset_hash, lang,
                                     result.ruleset_versions)), ""]
    if not result.findings:
        lines += [md_text(text("none_found", lang)), ""]
    for unit, findings in by_unit(result.findings):
        lines += ["## " + md_text(text("unit_heading", lang, unit=unit_name(unit, lang),
                                       count=len(findings))), ""]
        rows = [[f.ticket_id,
                 rule_label(f.rule, f.check, lang),
                 f.clause, verdict_name(f, lang), local_text(f.due, tz, lang),
                 local_text(f.actual, tz, lang), overdue_text(f, lang), mask_personal(f.message),
                 mask_personal(f.note)]
                for f in findings]
        lines += md_table([column_name(c, lang) for c in FINDING_COLUMNS], rows) + [""]
    if result.rejected:
        lines += ["## " + md_text(text("rejected_heading", lang, count=len(result.rejected))), ""]
        rows = [[source_name(r), r.line, rejected_reason(r, lang)] for r in result.rejected]
        lines += md_table([column_name(c, lang) for c in ("source", "line", "reason")], rows)
        lines.append("")
    lines += _notes_sections(result, lang)
    return "\n".join(lines)


def _notes_sections(result: AuditResult, lang: str) -> list[str]:
    """The rules not checkable from these inputs, then the data-quality notes."""
    lines: list[str] = []
    for _, title, headers, rows in audit_notes.sections(result, lang):
        lines += ["## " + md_text(title), ""] + md_table(headers, rows) + [""]
    return lines
